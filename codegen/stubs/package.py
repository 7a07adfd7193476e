"""One service's IR -> the files of its PEP 561 stub package, as text.

The views built here hold definitions that render themselves; the templates
in ``templates/stubs/`` lay them out as modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from codegen.ir.model import Operation, Service
from codegen.ir.names import snake_case
from codegen.render.jinja import render
from codegen.stubs import types as t
from codegen.stubs.aliases import NO_NAMES, KeptNames, carry_names, rename_aliases
from codegen.stubs.definitions import (
    IGNORE_OVERRIDE,
    IGNORE_OVERRIDE_PYRIGHT,
    AliasDef,
    Field,
    LiteralDef,
    Method,
    TypedDictDef,
    is_parameter_name,
)
from codegen.stubs.docstrings import docstring
from codegen.stubs.injected import INJECTED_TYPE_DEFS, injected_methods, request_type_defs
from codegen.stubs.product import BOTO3, Product
from codegen.stubs.resources import SERVICE_RESOURCE, ResourceModule, build_resources
from codegen.stubs.shapes import INPUT, ShapeTypes
from codegen.stubs.types import Import

BASE_EXCEPTIONS = t.Named("BaseClientExceptions", "botocore.errorfactory")
SELF = t.Named("Self", "typing_extensions")
_EXCEPTION_TYPE = t.Union((t.sub(t.TYPE, t.Named("BaseException")), t.NONE))
_TRACEBACK = t.Union((t.Named("TracebackType", "types"), t.NONE))
STRING_LITERAL = "operation_name"
EMPTY_RESULT = t.sub(t.DICT, t.STR, t.ANY)

METHOD_DOC_INDENT = " " * 8
CLASS_DOC_INDENT = " " * 4
# Attributes botocore's client (and its exceptions object) already define;
# an operation or error of the same name cannot be typed over them.
_CLIENT_ATTRIBUTES = frozenset(
    {"meta", "exceptions", "close", "get_paginator", "get_waiter", "can_paginate", "waiter_names"}
)
_EXCEPTION_ATTRIBUTES = frozenset({"ClientError", "from_code", "type"})


def package_name(service_name: str, product: Product = BOTO3) -> str:
    """The import name the published stubs give a service's package:
    mypy_boto3_license_manager (boto3), types_aiobotocore_license_manager (aiobotocore)."""
    return product.package_prefix + service_name.replace("-", "_")


def client_class_name(service: Service) -> str:
    """The stub class of the service's client: LicenseManagerClient."""
    return f"{service.client_class_name}Client"


class ClassView(NamedTuple):
    name: str
    base: t.TypeNode
    docstring: str
    methods: tuple[Method, ...]


class ClientView(NamedTuple):
    name: str
    base: t.Named
    docstring: str
    exceptions_name: str
    exceptions: tuple[str, ...]
    methods: tuple[Method, ...]


class Header(NamedTuple):
    """What each module's opening docstring says."""

    service: str
    client: str
    package: str
    botocore_version: str
    sdk: str = BOTO3.sdk
    dependencies: tuple[str, ...] = BOTO3.dependencies

    @property
    def version(self) -> str:
        """The package version: the botocore release the stubs describe."""
        return self.botocore_version if self.botocore_version != "unknown" else "0.0.0"


def render_package(
    service: Service,
    botocore_version: str | None,
    previous: Service | None = None,
    kept: KeptNames = NO_NAMES,
    product: Product = BOTO3,
) -> dict[str, str]:
    """File name -> text for every file of the service's stub package.

    ``previous`` is the service as an earlier release had it: the names of
    shapes renamed since then stay importable as aliases, as do the names
    ``kept`` from releases before it (``codegen.stubs.aliases``). A service with a
    boto3 resource model (``service.resources``) gets ``service_resource.pyi``,
    unless ``product`` has no resource layer.
    """
    return _Package(service, botocore_version or "unknown", previous, kept, product).files()


class _Package:
    def __init__(
        self,
        service: Service,
        botocore_version: str,
        previous: Service | None,
        kept: KeptNames = NO_NAMES,
        product: Product = BOTO3,
    ):
        self.service = service
        self.previous = previous
        self.kept = kept
        self.product = product
        self.types = ShapeTypes(service, product.streaming_body, product.event_stream)
        self.client_name = client_class_name(service)
        self.package = package_name(service.name, product)
        self.header = Header(
            service.name,
            service.client_class_name,
            self.package,
            botocore_version,
            product.sdk,
            product.dependencies,
        )
        self.extra_type_defs: list[TypedDictDef | AliasDef] = []
        self.call_type_defs: set[str] = set()
        # boto3's resource layer: a product without one leaves the resource model out.
        resources = service.resources if product.resources else None
        for definition in (
            *INJECTED_TYPE_DEFS.get(service.name, ()),
            *request_type_defs(service.name, resources is not None, product),
        ):
            # A model structure of the same name would be defined already; none is today.
            if self.types.allocate(definition.name) == definition.name:
                self.extra_type_defs.append(definition)
        self.paginators = [self._paginator(name) for name in sorted(service.paginators)]
        self.waiters = [self._waiter(name) for name in sorted(service.waiters)]
        self.resources: ResourceModule | None = None
        if resources is not None:
            self.resources = build_resources(
                service,
                self.types,
                resources,
                t.local(self.client_name, t.CLIENT),
                self._returns,
            )
            self.extra_type_defs.extend(self.resources.type_defs)

    # -- operations ----------------------------------------------------------

    def _input_fields(self, operation: Operation) -> tuple[Field, ...]:
        if operation.input is None:
            return ()
        return self.types.fields(self.service.shapes[operation.input.target], INPUT)

    def _returns(self, operation: Operation) -> t.TypeNode:
        if operation.output is None:
            return t.local(self.types.helpers.empty_response, t.TYPE_DEFS)
        if operation.output.target in self.types.empty_results:
            return EMPTY_RESULT
        return t.local(self.types.response_name[operation.output.target], t.TYPE_DEFS)

    def _kwargs_type(self, operation: Operation, fields: tuple[Field, ...], verb: str) -> t.Named:
        """The TypedDict of a paginate or wait call's parameters, ``<Input>PaginateTypeDef``.

        The method takes ``**kwargs: Unpack[...]`` of it when some parameter is not
        a Python name; it is defined in any case, as the published stubs define it
        (code builds the parameters of ``paginate(**params)`` with it). A second
        waiter of the same operation gets ``...WaitExtraTypeDef``, as there.
        """
        if operation.input is None:
            raise AssertionError("only operations with input have parameters")
        wanted = f"{self.types.stem[operation.input.target]}{verb}TypeDef"
        while wanted in self.call_type_defs:
            wanted = wanted.removesuffix("TypeDef") + "ExtraTypeDef"
        self.call_type_defs.add(wanted)
        name = self.types.allocate(wanted)
        self.extra_type_defs.append(TypedDictDef(name, fields))
        return t.local(name, t.TYPE_DEFS)

    def _client_method(self, operation: Operation) -> Method:
        fields = self._input_fields(operation)
        deprecated = None
        if operation.deprecated:
            deprecated = operation.deprecated_message or "This operation is deprecated."
        return Method(
            name=operation.method_name,
            params=fields,
            returns=self._returns(operation),
            kwargs_type=(
                t.local(self.types.input_name[operation.input.target], t.TYPE_DEFS)
                if operation.input is not None
                else None
            ),
            docstring=docstring(operation.documentation, METHOD_DOC_INDENT),
            deprecated=deprecated,
            is_async=self.product.is_async,
        )

    def _selector(
        self, method: str, argument: str, choices: list[tuple[str, t.Named]]
    ) -> Iterator[Method]:
        """``get_paginator``/``get_waiter``: one overload per name, returning its class."""
        overloaded = len(choices) > 1
        for index, (value, returns) in enumerate(choices):
            first, last = index == 0, index == len(choices) - 1
            yield Method(
                name=method,
                params=(),
                positional=(Field(argument, t.LiteralValues((value,)), True),),
                returns=returns,
                overload=overloaded,
                decorator_comment=IGNORE_OVERRIDE if first else "",
                def_comment=(
                    (IGNORE_OVERRIDE_PYRIGHT if overloaded else IGNORE_OVERRIDE) if last else ""
                ),
            )

    def client(self) -> ClientView:
        service = self.service
        methods = [
            self._client_method(op)
            for op in service.operations.values()
            if op.method_name not in _CLIENT_ATTRIBUTES
        ]
        taken = {m.name for m in methods}
        methods.extend(
            i.method(self.product.is_async)
            for i in injected_methods(service.name, self.product)
            if i.name not in taken
        )
        methods.sort(key=lambda m: m.name)
        methods.extend(
            self._selector(
                "get_paginator",
                STRING_LITERAL,
                [(p.literal, t.local(p.view.name, t.PAGINATOR)) for p in self.paginators],
            )
        )
        methods.extend(
            self._selector(
                "get_waiter",
                "waiter_name",
                [(w.literal, t.local(w.view.name, t.WAITER)) for w in self.waiters],
            )
        )
        if self.product.is_async:
            methods.extend(_ASYNC_CONTEXT)
        exceptions = sorted(
            name
            for name, shape in service.shapes.items()
            if shape.exception and is_parameter_name(name) and name not in _EXCEPTION_ATTRIBUTES
        )
        return ClientView(
            name=self.client_name,
            base=self.product.base_client,
            docstring=docstring(service.documentation, CLASS_DOC_INDENT),
            exceptions_name=f"{service.client_class_name}Exceptions",
            exceptions=tuple(exceptions),
            methods=tuple(methods),
        )

    # -- paginators and waiters ----------------------------------------------

    def _paginator(self, name: str) -> _Selectable:
        service = self.service
        spec = service.paginators[name]
        operation = service.operations[name]
        skip = set(spec.input_token) | ({spec.limit_key} if spec.limit_key else set())
        fields = tuple(f for f in self._input_fields(operation) if f.name not in skip)
        config = t.local(self.types.helpers.pagination_config, t.TYPE_DEFS)
        fields += (Field("PaginationConfig", config, False),)
        page = self._returns(operation)
        method = Method(
            name="paginate",
            params=fields,
            returns=t.sub(self.product.page_iterator, page),
            kwargs_type=self._kwargs_type(operation, fields, "Paginate"),
            docstring=docstring(operation.documentation, METHOD_DOC_INDENT),
            def_comment=IGNORE_OVERRIDE,
        )
        view = ClassView(
            f"{name}Paginator", t.sub(self.product.base_paginator, page), "", (method,)
        )
        return _Selectable(operation.method_name, view)

    def _waiter(self, name: str) -> _Selectable:
        service = self.service
        spec = service.waiters[name]
        operation = service.operations[spec.operation]
        fields = self._input_fields(operation)
        config = t.local(self.types.helpers.waiter_config, t.TYPE_DEFS)
        fields += (Field("WaiterConfig", config, False),)
        method = Method(
            name="wait",
            params=fields,
            returns=t.NONE,
            kwargs_type=self._kwargs_type(operation, fields, "Wait"),
            docstring=docstring(spec.description, METHOD_DOC_INDENT),
            def_comment=IGNORE_OVERRIDE,
            is_async=self.product.is_async,
        )
        view = ClassView(f"{name}Waiter", self.product.base_waiter, "", (method,))
        return _Selectable(snake_case(name), view)

    # -- modules -------------------------------------------------------------

    def files(self) -> dict[str, str]:
        client = self.client()
        type_defs: list[TypedDictDef | AliasDef] = sorted(
            [
                *self.types.type_defs(),
                *self.extra_type_defs,
                *self.types.unions(),
                *self.types.input_aliases,
            ],
            key=lambda d: d.name,
        )
        literals = [*self.types.literals(), *self._service_literals()]
        aliases = rename_aliases(
            carry_names(self.kept, self.previous, self.types),
            (d.name for d in type_defs),
            (d.name for d in literals),
        )
        paginators = [p.view for p in self.paginators]
        waiters = [w.view for w in self.waiters]
        header = self.header
        return {
            "__init__.pyi": render(
                "stubs/__init__.pyi.j2",
                header=header,
                client=client,
                paginators=paginators,
                waiters=waiters,
                resources=self.resources,
            ),
            "client.pyi": render(
                "stubs/client.pyi.j2",
                header=header,
                imports=_imports(
                    t.CLIENT,
                    [
                        client.base.imports(),
                        BASE_EXCEPTIONS.imports(),
                        t.CLIENT_ERROR.imports() if client.exceptions else frozenset(),
                        *(m.imports() for m in client.methods),
                    ],
                ),
                client=client,
            ),
            "paginator.pyi": _classes_module(header, t.PAGINATOR, paginators),
            "waiter.pyi": _classes_module(header, t.WAITER, waiters),
            "type_defs.pyi": render(
                "stubs/type_defs.pyi.j2",
                header=header,
                imports=_imports(t.TYPE_DEFS, [d.imports() for d in type_defs]),
                definitions=type_defs,
                aliases=aliases.type_defs,
            ),
            "literals.pyi": render(
                "stubs/literals.pyi.j2",
                header=header,
                imports=["from typing import Literal"],
                definitions=literals,
                aliases=aliases.literals,
            ),
            "py.typed": "",
            "pyproject.toml": render(
                "stubs/pyproject.toml.j2", header=header, resources=self.resources
            ),
            **self._resource_module(),
        }

    def _resource_module(self) -> dict[str, str]:
        module = self.resources
        if module is None:
            return {}
        imports = _imports(SERVICE_RESOURCE, [c.imports() for c in module.classes])
        return {
            f"{SERVICE_RESOURCE}.pyi": render(
                "stubs/service_resource.pyi.j2",
                header=self.header,
                imports=imports,
                resources=module,
            )
        }

    def _service_literals(self) -> list[LiteralDef]:
        found = [LiteralDef(f"{self.service.client_class_name}ServiceName", (self.service.name,))]
        # One Literal per paginator and waiter (ListBackupsPaginatorName), as published.
        found.extend(
            LiteralDef(f"{s.view.name}Name", (s.literal,))
            for s in (*self.paginators, *self.waiters)
        )
        if self.paginators:
            found.append(LiteralDef("PaginatorName", tuple(p.literal for p in self.paginators)))
        if self.waiters:
            found.append(LiteralDef("WaiterName", tuple(w.literal for w in self.waiters)))
        return found


# An async client is its own async context manager (``async with client:``),
# as aiobotocore's ``AioBaseClient`` is; ``__aenter__`` gives the typed client.
_ASYNC_CONTEXT = (
    Method(name="__aenter__", params=(), returns=SELF, is_async=True),
    Method(
        name="__aexit__",
        params=(),
        positional=(
            Field("exc_type", _EXCEPTION_TYPE, True),
            Field("exc_val", t.Union((t.Named("BaseException"), t.NONE)), True),
            Field("exc_tb", _TRACEBACK, True),
        ),
        returns=t.NONE,
        is_async=True,
    ),
)


class _Selectable(NamedTuple):
    """A paginator or waiter: the name ``get_paginator``/``get_waiter`` takes, and its class."""

    literal: str
    view: ClassView


def _classes_module(header: Header, module: str, classes: list[ClassView]) -> str:
    return render(
        f"stubs/{module}.pyi.j2",
        header=header,
        imports=_imports(
            module,
            [c.base.imports() for c in classes] + [m.imports() for c in classes for m in c.methods],
        ),
        classes=classes,
    )


def _imports(module: str, groups: Iterable[Iterable[Import]]) -> list[str]:
    return t.render_imports(set().union(*groups), module)
