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
    """What the provider cannot see in the file: the project's own client factories."""

    factories: Mapping[str, str] = {}  # helper name (or dotted suffix) -> service


class ClientOf(NamedTuple):
    service: str
    operation: str | None = None  # set for a paginator: the method it pages


class Construction(NamedTuple):
    service: str | None  # None: the service name is computed at run time
    argument: cst.Arg | None  # the argument naming the service


ClientFact = ClientOf | Construction


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


class ClientProvider(BatchableMetadataProvider[ClientFact]):
    METADATA_DEPENDENCIES = (ScopeProvider,)

    # libcst hands a provider its ``cache`` only when it declares ``gen_cache``;
    # the cache is how a MetadataWrapper passes the ClientConfig in.
    @staticmethod
    def gen_cache(root: Path, paths: list[str], timeout: int | None) -> Mapping[str, object]:
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
        self.receivers: list[tuple[cst.BaseExpression, _Method | None]] = []
        self.calls: list[cst.Call] = []
        self.classes: list[cst.ClassDef] = []
        self.functions: list[cst.FunctionDef] = []
        self.methods: list[_Method | None] = []
        self.memo: dict[int, ClientOf | None] = {}

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
            if any(
                (dotted_name(d.decorator) or "").endswith(("property", "cached_property"))
                for d in node.decorators
            ):
                self.properties[(self.classes[-1], node.name.value)] = (node, method)
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

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target, node.value, node.annotation.annotation)
        in_class_body = bool(self.classes and self.methods) and self.methods[-1] is None
        if in_class_body and isinstance(node.target, cst.Name):
            # A class-body annotation (``es: ElasticsearchServiceClient``) types ``self.es``.
            key = (self.classes[-1], node.target.value)
            self.attribute_types[key].append(node.annotation.annotation)

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
        if module is None or node.relative or isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            local = alias.asname.name if alias.asname else alias.name
            if name is not None and isinstance(local, cst.Name):
                self.imports[local.value] = f"{module}.{name}"

    # -- the questions: receivers of attribute accesses, calls that make clients --

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.receivers.append((node.value, self.methods[-1] if self.methods else None))

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def leave_Module(self, original_node: cst.Module) -> None:
        for call in self.calls:
            construction = self._construction(call)
            if construction is not None:
                self.set_metadata(call, construction)
        for receiver, method in self.receivers:
            if isinstance(receiver, cst.Call) and self._construction(receiver) is not None:
                continue  # already answered: the transform treats a construction as its client
            found = self._evaluate(receiver, method, 0)
            if found is not None:
                self.set_metadata(receiver, found)

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
            return None
        argument = call_argument(call, 0, SERVICE_KEYWORD)
        if argument is None:
            if any(a.star == "**" for a in call.args):
                return Construction(None, None)
            return None
        return Construction(string_value(argument.value), argument)

    def _factory(self, call: cst.Call) -> str | None:
        name = self._qualified(call.func)
        if name is None:
            return None
        for factory, service in self.config.factories.items():
            if name == factory or name.endswith("." + factory):
                return service
        return None

    def _evaluate(
        self, node: cst.BaseExpression, method: _Method | None, depth: int
    ) -> ClientOf | None:
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
    ) -> ClientOf | None:
        if isinstance(node, cst.Call):
            return self._evaluate_call(node, method, depth)
        if isinstance(node, cst.Name):
            return self._evaluate_name(node, method, depth)
        if (
            isinstance(node, cst.Attribute)
            and isinstance(node.value, cst.Name)
            and method is not None
            and node.value.value == method.self_name
        ):
            answers: list[ClientOf | None] = []
            for cls in self._class_chain(method.cls):
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

    def _class_chain(self, cls: cst.ClassDef) -> list[cst.ClassDef]:
        """The class and its bases defined in this module, nearest first."""
        chain = [cls]
        for current in chain:
            for base in current.bases:
                found = self.class_defs.get(dotted_name(base.value) or "")
                if found is not None and found not in chain and len(chain) < 16:
                    chain.append(found)
        return chain

    def _evaluate_call(self, call: cst.Call, method: _Method | None, depth: int) -> ClientOf | None:
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
            if client is not None and client.operation is None and name:
                return ClientOf(client.service, name)
            return None
        if isinstance(func, cst.Name):
            # A function of this module whose every return is a client of one service.
            return self._agree([self._returned(a.node, depth) for a in self._assignments(func)])
        return None

    def _returned(self, node: cst.CSTNode, depth: int) -> ClientOf | None:
        if not isinstance(node, cst.FunctionDef):
            return None
        return self._agree([self._evaluate(v, None, depth) for v in self.returns.get(node, ())])

    def _evaluate_name(self, node: cst.Name, method: _Method | None, depth: int) -> ClientOf | None:
        answers: list[ClientOf | None] = []
        for assignment in self._assignments(node):
            target = assignment.node
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

    def _annotation(self, node: cst.BaseExpression) -> ClientOf | None:
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
            try:
                return self._annotation(cst.parse_expression(text))
            except cst.ParserSyntaxError:
                return None
        name = self._qualified(node)
        if name is None or not name.endswith("Client"):
            return None
        service = stub_service(name)
        return ClientOf(service) if service else None

    @staticmethod
    def _agree(answers: Sequence[ClientOf | None]) -> ClientOf | None:
        """One answer when every way a value can arrive says the same; else unknown."""
        known = set(answers)
        return known.pop() if len(known) == 1 else None
