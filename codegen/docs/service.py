"""Per-service views: the client's methods, paginators and waiters as boto3 documents them.

``ServiceDoc(service)`` answers what a reference tree for one service holds:
``client_methods()`` (model-driven and hand-written, by name, sorted),
``operation_doc(name)``, ``paginator_doc(name)``, ``waiter_doc(name)`` (each a
``MethodDoc``), ``custom_method(name)`` (signature and docstring lines), and the
client page's introduction.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import textwrap
from importlib.machinery import PathFinder
from typing import Any, NamedTuple

from codegen.docs import customisations
from codegen.docs.method import MethodDoc
from codegen.docs.model import DocShape, ShapeTree, SubtreeMemo, synthetic
from codegen.errors import CodegenError
from codegen.ir.model import Operation, Service
from codegen.ir.names import snake_case

CONTEXT_PARAMS_OMITTED = {
    "s3": ("Accelerate", "DisableMultiRegionAccessPoints", "ForcePathStyle", "UseArnRegion"),
    "s3control": ("UseArnRegion",),
}


class CustomMethod(NamedTuple):
    """A hand-written client method: its page is its signature and docstring."""

    name: str
    parameters: str  # the signature without self and parentheses
    doc_lines: tuple[str, ...]


class ContextParam(NamedTuple):
    name: str  # as the client config spells it: disable_s3_express_session_auth
    type: str
    documentation: str


class ServiceDoc:
    """What the reference says about one service, as ``MethodDoc`` is for one method.

    The documentation model, not pages: ``codegen.render.rst.ServicePageRenderer`` renders it.
    """

    def __init__(self, service: Service):
        self.service = service
        self.name = service.name
        # botocore adds and removes client methods by service id (lex-runtime-v2), not name.
        self.service_id = service.service_id.replace(" ", "-").lower()
        self.client_class = service.client_class_name
        self._method_to_operation = {op.method_name: op for op in service.operations.values()}
        self.memo = SubtreeMemo(service)

    # -- the client ---------------------------------------------------------------

    @property
    def official_name(self) -> str:
        metadata = self.service.metadata
        official = str(metadata.get("serviceFullName"))
        short = str(metadata.get("serviceAbbreviation", ""))
        if short.startswith("Amazon"):
            short = short[7:]
        if short.startswith("AWS"):
            short = short[4:]
        if short and short.lower() not in official.lower():
            official += f" ({short})"
        return official

    def client_methods(self) -> list[str]:
        removed = customisations.REMOVED_METHODS.get(self.service_id, frozenset())
        names = {m for m in self._method_to_operation if m not in removed}
        names.update(_custom_method_specs(self.service_id))
        return sorted(names)

    def is_custom(self, method: str) -> bool:
        return method not in self._method_to_operation

    def operation(self, method: str) -> Operation:
        return self._method_to_operation[method]

    def context_params(self) -> list[ContextParam]:
        raw = self.service.traits.get("clientContextParams", {})
        omitted = CONTEXT_PARAMS_OMITTED.get(self.name, ())
        return [
            ContextParam(snake_case(name), str(spec.get("type")), str(spec.get("documentation")))
            for name, spec in raw.items()
            if name not in omitted
        ]

    # -- methods ------------------------------------------------------------------

    def operation_doc(self, operation_name: str) -> MethodDoc:
        """The client method of one operation."""
        operation = self.service.operations[operation_name]
        return self._method_doc(
            operation,
            name=f"{self.client_class}.Client.{operation.method_name}",
            description=operation.documentation,
            example_prefix=f"response = client.{operation.method_name}",
            errors=tuple(f"{self.client_class}.Client.exceptions.{e}" for e in operation.errors),
            examples=tuple(self.service.examples.get(operation_name, ())),
        )

    def paginator_doc(self, name: str) -> MethodDoc:
        """The ``paginate`` method of the paginator for operation ``name``."""
        paginator = self.service.paginators[name]
        operation = self.service.operations[name]
        config_members: list[DocShape] = [
            synthetic(
                "MaxItems",
                "integer",
                "<p>The total number of items to return. If the total number of items "
                "available is more than the value specified in max-items then a "
                "<code>NextToken</code> will be provided in the output that you can use "
                "to resume pagination.</p>",
            )
        ]
        if paginator.limit_key:
            config_members.append(synthetic("PageSize", "integer", "<p>The size of each page.<p>"))
        config_members.append(
            synthetic(
                "StartingToken",
                "string",
                "<p>A token to specify where to start paginating. This is the "
                "<code>NextToken</code> from a previous response.</p>",
            )
        )
        pagination_config = synthetic(
            "PaginationConfig",
            "structure",
            "<p>A dictionary that provides parameters to control pagination.</p>",
            tuple(config_members),
        )
        next_token = synthetic("NextToken", "string", "<p>A token to resume pagination.</p>")
        hidden_input = list(paginator.input_token)
        if paginator.limit_key:
            hidden_input.append(paginator.limit_key)
        description = (
            "Creates an iterator that will paginate through responses from "
            f":py:meth:`{self.client_class}.Client.{snake_case(name)}`."
        )
        return self._method_doc(
            operation,
            name="paginate",
            description=description,
            example_prefix="response_iterator = paginator.paginate",
            include_input=(pagination_config,),
            exclude_input=tuple(hidden_input),
            include_output=(next_token,),
            exclude_output=paginator.output_token,
        )

    def waiter_doc(self, name: str) -> MethodDoc:
        """The ``wait`` method of waiter ``name``."""
        waiter = self.service.waiters[name]
        operation = self.service.operations[waiter.operation]
        config = synthetic(
            "WaiterConfig",
            "structure",
            "<p>A dictionary that provides parameters to control waiting behavior.</p>",
            (
                synthetic(
                    "Delay",
                    "integer",
                    "<p>The amount of time in seconds to wait between attempts. "
                    f"Default: {waiter.delay}</p>",
                ),
                synthetic(
                    "MaxAttempts",
                    "integer",
                    "<p>The maximum number of attempts to be made. "
                    f"Default: {waiter.max_attempts}</p>",
                ),
            ),
        )
        description = (
            f"Polls :py:meth:`{self.client_class}.Client.{snake_case(waiter.operation)}` "
            f"every {waiter.delay} seconds until a successful state is reached. An error is "
            f"raised after {waiter.max_attempts} failed checks."
        )
        return self._method_doc(
            operation,
            name="wait",
            description=description,
            example_prefix="waiter.wait",
            include_input=(config,),
            document_output=False,
        )

    def _method_doc(self, operation: Operation, **fields: Any) -> MethodDoc:
        return MethodDoc(
            service_name=self.name,
            operation_name=operation.name,
            deprecated=operation.deprecated,
            service_uid=self.service.metadata.get("uid"),
            request=ShapeTree(self.service, operation, "input", self.memo),
            response=ShapeTree(self.service, operation, "output", self.memo),
            customisations=customisations.for_operation(self.service, operation.name),
            **fields,
        )

    def resource_method_doc(self, operation: Operation, **fields: Any) -> MethodDoc:
        """A method of a boto3 resource on ``operation``: no exceptions, no shared examples."""
        return self._method_doc(operation, **fields)

    def custom_method(self, name: str) -> CustomMethod:
        spec = _custom_method_specs(self.service_id)[name]
        return _load_custom_method(name, spec)


def _custom_method_specs(service: str) -> dict[str, str]:
    specs = dict(customisations.CUSTOM_METHODS["*"])
    specs.update(customisations.CUSTOM_METHODS.get(service, {}))
    return specs


@functools.cache
def _load_custom_method(name: str, spec: str) -> CustomMethod:
    """The page of a hand-written method: the signature (without self) and docstring of ``spec``.

    Read from the function's source with ``ast`` where that gives what
    ``inspect`` gives (plain parameters, literal defaults, its own docstring),
    else imported: importing ``botocore.client`` for ``can_paginate`` would
    pull in botocore's HTTP stack, a tenth of a second in every process that
    writes a client's pages.
    """
    module_name, _, attribute = spec.partition(":")
    if attribute.startswith("*."):
        return _nested_function(name, module_name, attribute[2:])
    try:
        parameters, doc = custom_method_from_source(
            module_name, attribute
        ) or custom_method_imported(module_name, attribute)
    except ModuleNotFoundError as exc:
        package = (exc.name or module_name).partition(".")[0]
        raise CodegenError(
            f"the page of {name} is {module_name}'s docstring, and {package} is not installed:"
            f" pip install {package}"
        ) from None
    return CustomMethod(name, parameters, tuple(doc.splitlines()) if doc is not None else ())


def load_custom_method(name: str, spec: str) -> CustomMethod:
    """The page of hand-written method ``name``: ``spec`` is ``module:Class.function``.

    ``module:*.function`` is a function defined inside another one (boto3's
    resource factory defines ``get_available_subresources`` so), found in the source.
    """
    return _load_custom_method(name, spec)


def _nested_function(name: str, module_name: str, function: str) -> CustomMethod:
    path = _module_file(module_name)
    if path is None:
        package = module_name.partition(".")[0]
        raise CodegenError(
            f"the page of {name} is {module_name}'s docstring, and {package} is not installed:"
            f" pip install {package}"
        )
    for node in ast.walk(ast.parse("".join(_source_lines(path)))):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            parameters = _parameters(node.args)
            doc = ast.get_docstring(node)
            if parameters is not None:
                lines = tuple(doc.splitlines()) if doc is not None else ()
                return CustomMethod(name, parameters, lines)
    raise CodegenError(f"the page of {name} is {function} in {path}, which is not there")


def custom_method_imported(module_name: str, attribute: str) -> tuple[str, str | None]:
    """(parameters, docstring) of ``module:attribute`` as ``inspect`` gives them."""
    target: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        target = getattr(target, part)
    signature = inspect.signature(target)
    # Documented as a bound method: without self.
    parameters = list(signature.parameters.values())[1:]
    text = str(signature.replace(parameters=parameters)).lstrip("(").rstrip(")")
    return text, inspect.getdoc(target)


def custom_method_from_source(module_name: str, attribute: str) -> tuple[str, str] | None:
    """What ``custom_method_imported`` gives, read from the source; None where it cannot tell."""
    path = _module_file(module_name)
    if path is None:
        return None
    names = attribute.split(".")
    node = _definition(path, names)
    if not isinstance(node, ast.FunctionDef) or node.name != names[-1]:
        return None
    if node.decorator_list or node.returns:
        return None
    doc = ast.get_docstring(node)
    parameters = _parameters(node.args)
    if doc is None or parameters is None:
        return None  # an inherited docstring, or parameters inspect writes otherwise
    return parameters, doc


def _definition(path: str, names: list[str]) -> ast.stmt | None:
    """The definition of ``Class.method`` (or ``function``) in a module, parsed on its own.

    Only its lines are parsed (a whole module such as botocore.client takes
    25 ms): each name is looked for as a ``class``/``def`` line one level (four
    spaces) below the last, within that definition's lines, and the lines up to
    the next statement at or above its level are parsed. Anything unexpected
    gives None.
    """
    lines = _source_lines(path)
    start, end = 0, len(lines)
    for depth, name in enumerate(names):
        keyword = "def" if depth == len(names) - 1 else "class"
        prefix = f"{'    ' * depth}{keyword} {name}"
        start = next(
            (
                i
                for i in range(start, end)
                if lines[i].startswith(prefix) and lines[i][len(prefix)] in "(:"
            ),
            -1,
        )
        if start < 0 or (start > 0 and lines[start - 1].lstrip().startswith("@")):
            return None  # missing, or decorated
        inner = "    " * (depth + 1)
        stop = start + 1
        while stop < end and (
            # blank, indented below the definition, or closing its signature's brackets
            not lines[stop].strip()
            or lines[stop].startswith(inner)
            or lines[stop].strip()[0] in ")]}"
        ):
            stop += 1
        end = stop
    try:
        body = ast.parse(textwrap.dedent("".join(lines[start:end]))).body
    except SyntaxError:
        return None
    return body[0] if len(body) == 1 else None


@functools.cache
def _source_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as source:
        return source.readlines()


def _module_file(module_name: str) -> str | None:
    """The source file of a module, found without importing it or its packages."""
    locations: list[str] | None = None
    origin: str | None = None
    parts = module_name.split(".")
    for depth in range(1, len(parts) + 1):
        found = PathFinder.find_spec(".".join(parts[:depth]), locations)
        if found is None:
            return None
        locations = list(found.submodule_search_locations or [])
        origin = found.origin
    return origin if origin is not None and origin.endswith(".py") else None


def _parameters(arguments: ast.arguments) -> str | None:
    """inspect's text of a function's parameters after the first (self); None if not plain."""
    if arguments.posonlyargs or not arguments.args:
        return None
    plain = arguments.args
    defaults: list[ast.expr | None] = [None] * (len(plain) - len(arguments.defaults))
    defaults += arguments.defaults
    parts = [_parameter(arg, default) for arg, default in zip(plain, defaults, strict=True)][1:]
    if arguments.vararg is not None:
        parts.append(_parameter(arguments.vararg, None, "*"))
    elif arguments.kwonlyargs:
        parts.append("*")
    parts += [
        _parameter(arg, default)
        for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
    ]
    if arguments.kwarg is not None:
        parts.append(_parameter(arguments.kwarg, None, "**"))
    if None in parts:
        return None
    return ", ".join(part for part in parts if part is not None)


def _parameter(arg: ast.arg, default: ast.expr | None, star: str = "") -> str | None:
    if arg.annotation is not None:
        return None
    if default is None:
        return f"{star}{arg.arg}"
    if isinstance(default, ast.Constant):
        return f"{arg.arg}={default.value!r}"
    return None
