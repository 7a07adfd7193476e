"""Which expressions are boto3 clients, and of which service: a libcst metadata provider.

``ClientProvider`` only answers questions; it never changes the tree. After it
has run, ``get_metadata(ClientProvider, node)`` tells, for

- a receiver expression (the ``x`` of ``x.describe_domain``): ``ClientOf``, the
  service of the client it holds (or a paginator of one of its operations);
- a call that makes a client (``boto3.client("es")``): ``Construction``, the
  service it names and the argument that names it.

A client is recognised when it is made by ``<anything>.client("es")`` (boto3,
a session, ``boto3.Session(...)``, a project's own wrapper),
``<anything>.create_client("es")`` (botocore), ``client("es")`` imported from
boto3 under any alias, or a helper declared as a client factory
(``--client-factory _get_conn=es``); and when it reaches the receiver through a
variable, a ``self`` attribute set in another method, a module-level function
or property that returns one, or a parameter or variable annotated with a stub
type (``mypy_boto3_es.client.ElasticsearchServiceClient``). The service named
by a call must be a string literal: anything else is a ``Construction`` with no
service, which the transform reports as skipped and never guesses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import libcst as cst
from libcst.metadata import (
    Assignment,
    BatchableMetadataProvider,
    ScopeProvider,
)

CLIENT_METHODS = frozenset({"client", "create_client"})  # boto3 / botocore spellings
SERVICE_KEYWORD = "service_name"
PAGINATOR_METHOD = "get_paginator"
STUB_PREFIX = "mypy_boto3_"


class ClientConfig(NamedTuple):
    """What the provider cannot see in the file: the project's factories, the other files.

    ``returns``, ``values`` and ``arguments`` are what the other files of one
    run told about their functions and globals (``ModuleFacts``), keyed by the
    dotted name a file of the run defines them under.
    """

    factories: Mapping[str, str] = {}  # helper name (or dotted suffix) -> service
    module: str = ""  # this file's dotted module name in the run ("": not known)
    package: str = ""  # what a relative import in this file starts from
    returns: Mapping[str, str] = {}  # function of another file -> service it returns
    values: Mapping[str, str] = {}  # module global of another file -> service it holds
    arguments: Mapping[str, frozenset[str]] = {}  # "mod.func#param" -> services passed to it
    # Functions of other files that make a client of the service one parameter names.
    service_parameters: Mapping[str, tuple[int | None, str]] = {}  # -> (position, name)
    watched: frozenset[str] = frozenset()  # methods the rules change: their receivers matter


class ClientOf(NamedTuple):
    service: str
    operation: str | None = None  # set for a paginator: the method it pages


class Mixed(NamedTuple):
    """A value that may be clients of several services (a helper called with es and opensearch)."""

    services: frozenset[str]


class NotClient(NamedTuple):
    """A receiver known not to be a client (a module, an instance of this file's own class)."""

    why: str


class Construction(NamedTuple):
    service: str | None  # None: the service name is computed at run time
    argument: cst.Arg | None  # the argument naming the service


class ModuleFacts(NamedTuple):
    """What one file tells the other files of a run (see ClientConfig)."""

    returns: Mapping[str, str] = {}
    values: Mapping[str, str] = {}
    arguments: Mapping[str, frozenset[str]] = {}
    service_parameters: Mapping[str, tuple[int | None, str]] = {}
    imports: frozenset[str] = frozenset()  # dotted names this file imports
    # Imported functions and values whose result reaches a receiver and is not known:
    # the files defining them are worth reading for their facts.
    wants: frozenset[str] = frozenset()


ClientFact = ClientOf | Mixed | NotClient | Construction | ModuleFacts
Answer = ClientOf | Mixed | None  # what a value is; None: not known
PARTIAL_FUNCTIONS = frozenset({"functools.partial", "partial"})
SUBMIT_METHODS = frozenset({"submit"})  # executor.submit(fn, *args): a call of fn


def matches_dotted(key: str, name: str) -> bool:
    """``key`` (from a file's path in the run) is what ``name`` (as imported) names.

    The run's root may sit above the import root (``src/pkg/mod.py`` is
    ``pkg.mod``), so the path's name may be longer at the front.
    """
    return key == name or key.endswith("." + name)


def stub_service(module: str) -> str | None:
    """``mypy_boto3_es.client`` -> ``es``; the stub packages spell ``-`` as ``_``."""
    head = module.split(".", 1)[0]
    if not head.startswith(STUB_PREFIX) or head == STUB_PREFIX:
        return None
    return head.removeprefix(STUB_PREFIX).replace("_", "-")


def dotted_name(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a chain of names, None for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted_name(node.value)
        return f"{head}.{node.attr.value}" if head else None
    return None


def string_value(node: cst.BaseExpression | None) -> str | None:
    """The value of a plain string literal (no f-string, no implicit concatenation)."""
    if isinstance(node, cst.SimpleString) and "b" not in node.prefix.lower():
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def call_argument(call: cst.Call, position: int, keyword: str) -> cst.Arg | None:
    """The argument passed at ``position`` or as ``keyword=``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[position] if len(positional) > position else None


def _is_none(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


class _Method(NamedTuple):
    cls: cst.ClassDef
    self_name: str | None


class _Site(NamedTuple):
    """A call of a function of this file: its arguments and where the call is."""

    args: Sequence[cst.Arg]
    method: _Method | None
    skip: int  # 1 when the call binds ``self`` (self.process(client)): positions shift


_ABSENT = ClientOf("")  # a call site that does not pass the parameter: no evidence either way


class ClientProvider(BatchableMetadataProvider[ClientFact]):
    METADATA_DEPENDENCIES = (ScopeProvider,)

    # libcst hands a provider its ``cache`` only when it declares ``gen_cache``;
    # the cache is how a MetadataWrapper passes the ClientConfig in.
    @staticmethod
    def gen_cache(
        root_path: Path,
        paths: list[str],
        *,
        timeout: int | None = None,
        use_pyproject_toml: bool = False,
    ) -> Mapping[str, object]:
        return {path: ClientConfig() for path in paths}

    def __init__(self, cache: object = None) -> None:
        super().__init__(cache)
        self.config = cache if isinstance(cache, ClientConfig) else ClientConfig()
        self.values: dict[cst.CSTNode, list[cst.BaseExpression]] = defaultdict(list)
        self.annotations: dict[cst.CSTNode, list[cst.BaseExpression]] = defaultdict(list)
        self.attributes: dict[tuple[cst.ClassDef, str], list[cst.BaseExpression]] = defaultdict(
            list
        )
        self.attribute_types: dict[tuple[cst.ClassDef, str], list[cst.BaseExpression]] = (
            defaultdict(list)
        )
        self.properties: dict[tuple[cst.ClassDef, str], tuple[cst.FunctionDef, _Method]] = {}
        self.returns: dict[cst.FunctionDef, list[cst.BaseExpression]] = defaultdict(list)
        self.none_bound: set[cst.CSTNode] = set()
        self.class_defs: dict[str, cst.ClassDef | None] = {}
        self.imports: dict[str, str] = {}  # local name -> dotted name it was imported as
        self.receivers: list[tuple[cst.Attribute, _Method | None]] = []
        self.calls: list[tuple[cst.Call, _Method | None]] = []
        self.named: list[tuple[cst.BaseExpression, _Method | None]] = []
        self.classes: list[cst.ClassDef] = []
        self.functions: list[cst.FunctionDef] = []
        self.methods: list[_Method | None] = []
        self.memo: dict[int, Answer] = {}
        # Parameters, and the calls that pass them values.
        self.param_owner: dict[cst.Param, cst.FunctionDef] = {}
        self.binds_self: set[cst.FunctionDef] = set()  # methods called as self.name(...)
        self.module_functions: dict[str, cst.FunctionDef] = {}
        self.module_globals: list[cst.Name] = []
        self.class_members: dict[tuple[cst.ClassDef, str], list[cst.FunctionDef]] = defaultdict(
            list
        )
        self.sites: dict[cst.FunctionDef, list[_Site | None]] | None = None  # None: unseen call
        self.parsed_annotations: dict[str, cst.BaseExpression | None] = {}
        self.service_params: dict[cst.FunctionDef, cst.Param | None] = {}
        self.wanted: set[str] = set()
        self.related: dict[cst.ClassDef, list[cst.ClassDef]] = {}
        self.collecting = False  # True while receivers are answered (see ModuleFacts.wants)

    # -- collecting: where values and annotations reach names and attributes --

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        name = node.name.value
        # Two classes of one name: a base named so is ambiguous, so neither is used.
        self.class_defs[name] = None if name in self.class_defs else node
        self.classes.append(node)
        self.methods.append(None)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()
        self.methods.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        method = self.methods[-1] if self.methods else None
        if self.classes and self._directly_in_class(node):
            params = node.params.params or node.params.posonly_params
            static = any(dotted_name(d.decorator) == "staticmethod" for d in node.decorators)
            self_name = params[0].name.value if params and not static else None
            method = _Method(self.classes[-1], self_name)
            self.class_members[(self.classes[-1], node.name.value)].append(node)
            if self_name is not None and not any(
                dotted_name(d.decorator) == "classmethod" for d in node.decorators
            ):
                self.binds_self.add(node)
            if any(
                (dotted_name(d.decorator) or "").endswith(("property", "cached_property"))
                for d in node.decorators
            ):
                self.properties[(self.classes[-1], node.name.value)] = (node, method)
        elif not self.classes and not self.functions:
            self.module_functions[node.name.value] = node
        for param in (
            *node.params.posonly_params,
            *node.params.params,
            *node.params.kwonly_params,
        ):
            self.param_owner[param] = node
        self.functions.append(node)
        self.methods.append(method)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()
        self.methods.pop()

    def _directly_in_class(self, node: cst.FunctionDef) -> bool:
        body = self.classes[-1].body
        return isinstance(body, cst.IndentedBlock) and any(s is node for s in body.body)

    def visit_Return(self, node: cst.Return) -> None:
        if self.functions and node.value is not None and not _is_none(node.value):
            self.returns[self.functions[-1]].append(node.value)

    def visit_Param(self, node: cst.Param) -> None:
        if node.annotation is not None:
            self.annotations[node].append(node.annotation.annotation)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value, None)
            if isinstance(target.target, cst.Name):
                if not self.classes and not self.functions:
                    self.module_globals.append(target.target)
                elif self.classes and self.methods and self.methods[-1] is None:
                    # A class attribute (``client = boto3.client("es")``) is ``self.client`` too.
                    key = (self.classes[-1], target.target.value)
                    self.attributes[key].append(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target, node.value, node.annotation.annotation)
        in_class_body = bool(self.classes and self.methods) and self.methods[-1] is None
        if in_class_body and isinstance(node.target, cst.Name):
            # A class-body annotation (``es: ElasticsearchServiceClient``) types ``self.es``.
            key = (self.classes[-1], node.target.value)
            self.attribute_types[key].append(node.annotation.annotation)

    def visit_For(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name) and isinstance(node.iter, cst.Tuple | cst.List):
            # for es in (one, two): each element is a value of es; anything else is unknown.
            for element in node.iter.elements:
                if isinstance(element, cst.Element):
                    self.values[node.target].append(element.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value, None)

    def _bind(
        self,
        target: cst.BaseExpression,
        value: cst.BaseExpression | None,
        annotation: cst.BaseExpression | None,
    ) -> None:
        if _is_none(value):
            # ``x = None`` before the real value (lazy set-up) says nothing about x.
            self.none_bound.add(target)
            value = None
        if isinstance(target, cst.Name):
            if value is not None:
                self.values[target].append(value)
            if annotation is not None:
                self.annotations[target].append(annotation)
            return
        method = self.methods[-1] if self.methods else None
        if (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and method is not None
            and target.value.value == method.self_name
        ):
            key = (method.cls, target.attr.value)
            if value is not None:
                self.attributes[key].append(value)
            if annotation is not None:
                self.attribute_types[key].append(annotation)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = dotted_name(alias.name)
            if name is None:
                continue
            local = alias.asname.name if alias.asname else None
            if isinstance(local, cst.Name):
                self.imports[local.value] = name
            else:
                self.imports[name.split(".", 1)[0]] = name.split(".", 1)[0]

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = dotted_name(node.module) if node.module is not None else None
        if node.relative:
            module = self._relative(len(node.relative), module)
        if module is None or isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            local = alias.asname.name if alias.asname else alias.name
            if name is not None and isinstance(local, cst.Name):
                self.imports[local.value] = f"{module}.{name}"

    def _relative(self, level: int, module: str | None) -> str | None:
        """The absolute name of ``from ..module import``, from this file's package."""
        if not self.config.package:
            return None
        parts = self.config.package.split(".")
        if level - 1 >= len(parts):
            return None
        base = ".".join(parts[: len(parts) - (level - 1)])
        return f"{base}.{module}" if module else base

    # -- the questions: receivers of attribute accesses, calls that make clients --

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.receivers.append((node, self.methods[-1] if self.methods else None))

    def visit_Call(self, node: cst.Call) -> None:
        method = self.methods[-1] if self.methods else None
        self.calls.append((node, method))
        if isinstance(node.func, cst.Name) and node.func.value == "getattr" and node.args:
            self.named.append((node.args[0].value, method))  # getattr(client, name)

    def leave_Module(self, original_node: cst.Module) -> None:
        for call, _ in self.calls:
            construction = self._construction(call)
            if construction is not None:
                self.set_metadata(call, construction)
        for attribute, method in self.receivers:
            receiver = attribute.value
            self.collecting = attribute.attr.value in self.config.watched
            if isinstance(receiver, cst.Call) and self._construction(receiver) is not None:
                continue  # already answered: the transform treats a construction as its client
            found: ClientFact | None = self._evaluate(receiver, method, 0)
            if found is None:
                found = self._not_client(attribute, method)
            if found is not None:
                self.set_metadata(receiver, found)
        self.collecting = True
        for receiver, method in self.named:
            answer = self._evaluate(receiver, method, 0)
            if answer is not None:
                self.set_metadata(receiver, answer)
        self.collecting = False
        if self.config.module:  # the module's own entry: what it tells the other files
            self.set_metadata(original_node, self.facts())

    # -- answering --

    def _qualified(self, node: cst.BaseExpression) -> str | None:
        """The dotted name of ``node`` with its first part resolved through the imports."""
        name = dotted_name(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        base = self.imports.get(head, head)
        return f"{base}.{rest}" if rest else base

    def _construction(self, call: cst.Call) -> Construction | None:
        func = call.func
        is_client_call = (
            isinstance(func, cst.Attribute) and func.attr.value in CLIENT_METHODS
        ) or self._qualified(func) in ("boto3.client", "boto3.session.Session.client")
        if not is_client_call:
            return self._made_by_helper(call)
        argument = call_argument(call, 0, SERVICE_KEYWORD)
        if argument is None:
            if any(a.star == "**" for a in call.args):
                return Construction(None, None)
            return None
        return Construction(string_value(argument.value), argument)

    def _made_by_helper(self, call: cst.Call) -> Construction | None:
        """``make_client(session, "es")``: a helper whose client's service is a parameter."""
        where: tuple[int | None, str] | None = None
        if isinstance(call.func, cst.Name):
            callees = self._callees(call.func, None)
            param = self._service_parameter(callees[0]) if len(callees) == 1 else None
            if param is not None:
                where = (_position(callees[0], param), param.name.value)
        if where is None and self.config.service_parameters:
            name = self._qualified(call.func)
            if name is not None and "." in name:
                where = next(
                    (
                        w
                        for k, w in self.config.service_parameters.items()
                        if matches_dotted(k, name)
                    ),
                    None,
                )
        if where is None:
            return None
        position, keyword = where
        if position is None:  # keyword only
            argument = next(
                (a for a in call.args if a.keyword and a.keyword.value == keyword), None
            )
        else:
            argument = call_argument(call, position, keyword)
        if argument is None:
            return Construction(None, None) if any(a.star for a in call.args) else None
        return Construction(string_value(argument.value), argument)

    def _service_parameter(self, function: cst.FunctionDef) -> cst.Param | None:
        """The parameter every return of ``function`` makes a client of the service of."""
        if function in self.service_params:
            return self.service_params[function]
        self.service_params[function] = None  # a helper calling itself: not one
        found: set[cst.Param] = set()
        for value in self.returns.get(function, ()):
            construction = self._construction(value) if isinstance(value, cst.Call) else None
            if construction is None or construction.service is not None:
                return None
            named = construction.argument.value if construction.argument is not None else None
            targets = (
                [a.node for a in self._assignments(named)] if isinstance(named, cst.Name) else []
            )
            if len(targets) != 1 or not isinstance(targets[0], cst.Param):
                return None
            if self.param_owner.get(targets[0]) is not function:
                return None
            found.add(targets[0])
        param = found.pop() if len(found) == 1 else None
        self.service_params[function] = param
        return param

    def _factory(self, call: cst.Call) -> str | None:
        name = self._qualified(call.func)
        if name is None:
            return None
        for factory, service in self.config.factories.items():
            if name == factory or name.endswith("." + factory):
                return service
        if "." in name:  # a function imported from another file of the run
            return next(
                (s for k, s in self.config.returns.items() if matches_dotted(k, name)), None
            )
        return None

    def _imported_value(self, node: cst.BaseExpression) -> str | None:
        """The service of a module global another file of the run holds a client in."""
        name = self._qualified(node)
        if name is None or "." not in name or not self.config.values:
            return None
        return next((s for k, s in self.config.values.items() if matches_dotted(k, name)), None)

    def _evaluate(self, node: cst.BaseExpression, method: _Method | None, depth: int) -> Answer:
        if depth > 12:  # chains of assignments this long are not worth following
            return None
        key = id(node)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = None  # a cycle (x = x.y) answers "unknown"
        found = self._evaluate_uncached(node, method, depth + 1)
        self.memo[key] = found
        return found

    def _evaluate_uncached(
        self, node: cst.BaseExpression, method: _Method | None, depth: int
    ) -> Answer:
        if isinstance(node, cst.Call):
            return self._evaluate_call(node, method, depth)
        if isinstance(node, cst.Name):
            return self._evaluate_name(node, method, depth)
        if not isinstance(node, cst.Attribute):
            return None
        imported = self._imported_value(node)
        if imported is not None:
            return ClientOf(imported)
        owner = self._owner_class(node.value, method)
        if owner is not None:
            answers: list[Answer] = []
            for cls in self._class_chain(owner):
                # The nearest class that sets the attribute decides, as in Python's lookup.
                key = (cls, node.attr.value)
                answers = [self._evaluate(v, method, depth) for v in self.attributes.get(key, ())]
                answers += [self._annotation(a) for a in self.attribute_types.get(key, ())]
                if key in self.properties:
                    function, own = self.properties[key]
                    answers += [self._evaluate(v, own, depth) for v in self.returns[function]]
                if answers:
                    break
            return self._agree(answers)
        return None

    def _owner_class(self, node: cst.BaseExpression, method: _Method | None) -> cst.ClassDef | None:
        """The class whose attributes ``node.x`` reads: ``self`` of a method, or a class name."""
        if not isinstance(node, cst.Name):
            return None
        if method is not None and node.value == method.self_name:
            return method.cls
        targets = [a.node for a in self._assignments(node)]
        if len(targets) == 1 and isinstance(targets[0], cst.ClassDef):
            return targets[0]
        return None

    def _related_classes(self, cls: cst.ClassDef) -> list[cst.ClassDef]:
        """The class, its bases and its subclasses in this file: where self.x may be defined."""
        # Asked for every self.x: once per class, not once per access over every class.
        if cls not in self.related:
            self.related[cls] = [
                c for c in self.class_defs.values() if c is not None and cls in self._class_chain(c)
            ] + [c for c in self._class_chain(cls) if c is not cls]
        return self.related[cls]

    def _class_chain(self, cls: cst.ClassDef) -> list[cst.ClassDef]:
        """The class and its bases defined in this module, nearest first."""
        chain = [cls]
        for current in chain:
            for base in current.bases:
                found = self.class_defs.get(dotted_name(base.value) or "")
                if found is not None and found not in chain and len(chain) < 16:
                    chain.append(found)
        return chain

    def _evaluate_call(self, call: cst.Call, method: _Method | None, depth: int) -> Answer:
        construction = self._construction(call)
        if construction is not None:
            return ClientOf(construction.service) if construction.service else None
        service = self._factory(call)
        if service is not None:
            return ClientOf(service)
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == PAGINATOR_METHOD:
            client = self._evaluate(func.value, method, depth)
            argument = call_argument(call, 0, "operation_name")
            name = string_value(argument.value) if argument else None
            if isinstance(client, ClientOf) and client.operation is None and name:
                return ClientOf(client.service, name)
            return None
        if isinstance(func, cst.Name):
            # A function of this module whose every return is a client of one service.
            assignments = self._assignments(func)
            if any(isinstance(a.node, cst.Import | cst.ImportFrom) for a in assignments):
                self._want(func)
            return self._agree([self._returned(a.node, None, depth) for a in assignments])
        if isinstance(func, cst.Attribute) and (dotted_name(func) or "").split(".")[0] in (
            self.imports
        ):
            self._want(func)  # module.function()
        if isinstance(func, cst.Attribute) and method is not None:
            owner = self._owner_class(func.value, method)
            if owner is not None:  # self.get_client(): the nearest class defining it decides
                for cls in self._class_chain(owner):
                    defined = self.class_members.get((cls, func.attr.value))
                    if defined:
                        own = _Method(cls, method.self_name)
                        return self._agree([self._returned(f, own, depth) for f in defined])
        return None

    def _want(self, node: cst.BaseExpression) -> None:
        name = self._qualified(node)
        if self.collecting and name is not None and "." in name:
            self.wanted.add(name)

    def _returned(self, node: cst.CSTNode, method: _Method | None, depth: int) -> Answer:
        if not isinstance(node, cst.FunctionDef):
            return None
        return self._agree([self._evaluate(v, method, depth) for v in self.returns.get(node, ())])

    def _evaluate_name(self, node: cst.Name, method: _Method | None, depth: int) -> Answer:
        answers: list[Answer] = []
        for assignment in self._assignments(node):
            target = assignment.node
            if isinstance(target, cst.Param):
                # A stub type decides; else (none, or BaseClient) the calls passing it do.
                typed = [self._annotation(a) for a in self.annotations.get(target, ())]
                known: list[Answer] = [t for t in typed if t is not None]
                answers.extend(known or [self._param(target, depth)])
                continue
            if isinstance(target, cst.ImportFrom):
                imported = self._imported_value(node)
                if imported is None:
                    self._want(node)
                answers.append(ClientOf(imported) if imported else None)
                continue
            answers.extend(self._evaluate(v, method, depth) for v in self.values.get(target, ()))
            answers.extend(self._annotation(a) for a in self.annotations.get(target, ()))
            if target in self.none_bound:
                continue
            if not self.values.get(target) and not self.annotations.get(target):
                answers.append(None)  # bound some other way (a loop, an import): unknown
        return self._agree(answers)

    def _assignments(self, node: cst.Name) -> list[Assignment]:
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return []
        found: list[Assignment] = []
        for access in scope.accesses[node]:
            if access.node is node:
                found.extend(a for a in access.referents if isinstance(a, Assignment))
        return found

    # -- parameters: what the calls of their function pass --

    def _param(self, param: cst.Param, depth: int) -> Answer:
        function = self.param_owner.get(param)
        if function is None:
            return None  # a lambda's parameter
        answers = [self._argument(site, function, param, depth) for site in self._sites(function)]
        if function in self.module_functions.values() and self.config.module:
            name = f"{self.config.module}.{function.name.value}"
            position = _position(function, param)
            for key in (f"{name}#{param.name.value}", f"{name}#{position}"):
                answers.extend(ClientOf(s) for s in sorted(self.config.arguments.get(key, ())))
        answers = [a for a in answers if a is not _ABSENT]
        return self._agree(answers) if answers else None

    def _sites(self, function: cst.FunctionDef) -> list[_Site | None]:
        """The calls of ``function`` in this file; None for a use that is not a call."""
        if self.sites is None:
            self.sites = defaultdict(list)
            called: set[cst.CSTNode] = set()
            for call, method in self.calls:
                target, args = call.func, list(call.args)
                if self._qualified(target) in PARTIAL_FUNCTIONS or (
                    isinstance(target, cst.Attribute) and target.attr.value in SUBMIT_METHODS
                ):
                    if not args or args[0].keyword is not None or args[0].star:
                        continue
                    target, args = args[0].value, args[1:]
                called.add(target)
                for callee in self._callees(target, method):
                    skip = (
                        1 if callee in self.binds_self and isinstance(target, cst.Attribute) else 0
                    )
                    self.sites[callee].append(_Site(args, method, skip))
            # A function handed on as a value (a callback) is called where this file cannot see.
            for attribute, method in self.receivers:
                if attribute not in called:
                    for callee in self._callees(attribute, method):
                        self.sites[callee].append(None)
            for name, callee in self.module_functions.items():
                del name
                for access in self._references(callee):
                    if access not in called:
                        self.sites[callee].append(None)
        return self.sites.get(function, [])

    def _references(self, function: cst.FunctionDef) -> list[cst.CSTNode]:
        scope = self.get_metadata(ScopeProvider, function, None)
        if scope is None:
            return []
        found: list[cst.CSTNode] = []
        for assignment in scope.assignments[function.name.value]:
            if isinstance(assignment, Assignment) and assignment.node is function:
                found.extend(access.node for access in assignment.references)
        return found

    def _callees(self, target: cst.BaseExpression, method: _Method | None) -> list[cst.FunctionDef]:
        if isinstance(target, cst.Name):
            return [
                a.node
                for a in self._assignments(target)
                if isinstance(a.node, cst.FunctionDef) and a.node not in self.binds_self
            ]
        if (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and method is not None
            and target.value.value == method.self_name
        ):
            return [
                f
                for cls in [method.cls, *self._related_classes(method.cls)]
                for f in self.class_members.get((cls, target.attr.value), ())
            ]
        return []

    def _argument(
        self, site: _Site | None, function: cst.FunctionDef, param: cst.Param, depth: int
    ) -> Answer:
        if site is None:
            return None
        name = param.name.value
        for arg in site.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return self._evaluate(arg.value, site.method, depth)
        position = _position(function, param)
        if position is not None and position >= site.skip:
            positional = []
            for arg in site.args:
                if arg.keyword is None:
                    if arg.star:
                        return None  # *args: which one lands here is not known
                    positional.append(arg)
            if position - site.skip < len(positional):
                return self._evaluate(positional[position - site.skip].value, site.method, depth)
        if any(arg.star == "**" for arg in site.args):
            return None
        return _ABSENT  # the default: a client default is not worth following

    # -- receivers known not to be clients --

    def _not_client(self, attribute: cst.Attribute, method: _Method | None) -> NotClient | None:
        receiver = attribute.value
        name = attribute.attr.value
        owner = self._owner_class(receiver, method)
        if owner is not None:
            if any(
                self.class_members.get((c, name)) for c in [owner, *self._related_classes(owner)]
            ):
                return NotClient(f"this file's class defines {name}")
            return None
        if not isinstance(receiver, cst.Name):
            return None
        assignments = self._assignments(receiver)
        if not assignments:
            return None
        for assignment in assignments:
            target = assignment.node
            if isinstance(target, cst.Import):
                continue  # a module
            values = self.values.get(target, ())
            if not values or not all(self._local_instance(v) for v in values):
                return None
        return NotClient("a module or an instance of this file's own class")

    def _local_instance(self, value: cst.BaseExpression) -> bool:
        if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Name):
            return False
        targets = [a.node for a in self._assignments(value.func)]
        return bool(targets) and all(isinstance(t, cst.ClassDef) for t in targets)

    # -- what this file tells the other files of the run --

    def facts(self) -> ModuleFacts:
        if not self.config.module:
            return ModuleFacts()
        module = self.config.module
        returns: dict[str, str] = {}
        for name, function in self.module_functions.items():
            found = self._returned(function, None, 0)
            if isinstance(found, ClientOf) and found.operation is None:
                returns[f"{module}.{name}"] = found.service
        values: dict[str, str] = {}
        for target in self.module_globals:
            found = self._agree([self._evaluate(v, None, 0) for v in self.values.get(target, ())])
            if isinstance(found, ClientOf) and found.operation is None:
                values[f"{module}.{target.value}"] = found.service
        arguments: dict[str, set[str]] = defaultdict(set)
        for call, method in self.calls:
            callee = self._qualified(call.func)
            if callee is None or "." not in callee or self._callees(call.func, method):
                continue
            positional = 0
            for arg in call.args:
                if arg.star:
                    break
                found = self._evaluate(arg.value, method, 0)
                if isinstance(found, ClientOf) and found.operation is None:
                    services = {found.service}
                elif isinstance(found, Mixed):
                    services = set(found.services)
                else:
                    continue  # not a client: says nothing about a client parameter
                key = arg.keyword.value if arg.keyword is not None else str(positional)
                arguments[f"{callee}#{key}"] |= services
                if arg.keyword is None:
                    positional += 1
        service_parameters: dict[str, tuple[int | None, str]] = {}
        for name, function in self.module_functions.items():
            param = self._service_parameter(function)
            if param is not None:
                where = (_position(function, param), param.name.value)
                service_parameters[f"{module}.{name}"] = where
        return ModuleFacts(
            returns,
            values,
            {k: frozenset(v) for k, v in arguments.items()},
            service_parameters,
            frozenset(self.imports.values()),
            frozenset(self.wanted),
        )

    def _annotation(self, node: cst.BaseExpression) -> Answer:
        """A stub client type, also inside ``Optional[...]``, ``X | None`` and strings."""
        if isinstance(node, cst.Subscript):
            answers = [
                self._annotation(element.slice.value)
                for element in node.slice
                if isinstance(element.slice, cst.Index)
            ]
            return self._agree([a for a in answers if a is not None] or [None])
        if isinstance(node, cst.BinaryOperation):
            answers = [self._annotation(node.left), self._annotation(node.right)]
            return self._agree([a for a in answers if a is not None] or [None])
        text = string_value(node)
        if text is not None:
            # Only a name ending in Client can be a client type: most string
            # annotations ("Optional[Dict[str, Any]]") are never parsed.
            if "Client" not in text:
                return None
            if text not in self.parsed_annotations:
                try:
                    self.parsed_annotations[text] = cst.parse_expression(text)
                except cst.ParserSyntaxError:
                    self.parsed_annotations[text] = None
            parsed = self.parsed_annotations[text]
            return self._annotation(parsed) if parsed is not None else None
        name = self._qualified(node)
        if name is None or not name.endswith("Client"):
            return None
        service = stub_service(name)
        return ClientOf(service) if service else None

    @staticmethod
    def _agree(answers: Sequence[Answer]) -> Answer:
        """One answer when every way a value can arrive says the same.

        Clients of different services from every way are ``Mixed`` (the
        transform marks them, never guesses); any way not known makes it unknown.
        """
        known = set(answers)
        if len(known) == 1:
            return known.pop()
        if not known or None in known:
            return None
        services: set[str] = set()
        for answer in known:
            services |= answer.services if isinstance(answer, Mixed) else {answer.service}  # type: ignore[union-attr]
        return Mixed(frozenset(services)) if len(services) > 1 else None


def _position(function: cst.FunctionDef, param: cst.Param) -> int | None:
    """Where ``param`` is passed by position (None: keyword only)."""
    positional = [*function.params.posonly_params, *function.params.params]
    return next((i for i, p in enumerate(positional) if p is param), None)
