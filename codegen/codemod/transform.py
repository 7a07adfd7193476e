"""The codemod itself: a libcst transformer that rewrites client call sites by a RuleSet.

It only transforms. Which expressions are clients comes from ``ClientProvider``
(clients.py), positions and scopes from libcst's providers; files, diffs and
reports belong to the runner. ``rewrite_source`` is the one entry: bytes in,
bytes and findings out, with every byte the rules do not touch kept as it was
(libcst keeps comments, quotes, formatting, line endings and the encoding).

What a human must decide becomes a ``# TODO(boto-codegen): ...`` line above
the statement; the same TODO is never added twice, so a second run changes
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import libcst as cst
from libcst.metadata import (
    Assignment,
    CodeRange,
    MetadataWrapper,
    PositionProvider,
    ScopeProvider,
)

from codegen.codemod.clients import (
    PAGINATOR_METHOD,
    ClientConfig,
    ClientOf,
    ClientProvider,
    Construction,
    Mixed,
    ModuleFacts,
    NotClient,
    call_argument,
    dotted_name,
    string_value,
)
from codegen.codemod.rules import (
    LIST_ITEMS,
    OperationRule,
    ParameterRule,
    RuleSet,
    ServiceRules,
)

TODO_PREFIX = "# TODO(boto-codegen): "
WAITER_METHOD = "get_waiter"
CAN_PAGINATE_METHOD = "can_paginate"
PAGINATE_METHOD = "paginate"

# Finding kinds: what was changed, what needs a human (a TODO), what was left alone.
CHANGE_KINDS = (
    "renamed-service",
    "renamed-operation",
    "renamed-paginator",
    "renamed-waiter",
    "renamed-parameter",
    "rewrote-value",
    "renamed-import",
)
TODO_KINDS = (
    "removed-operation",
    "removed-paginator",
    "removed-waiter",
    "changed-parameter",
    "removed-parameter",
    "required-parameter",
    "changed-value",
)
# Sites that may reach a client the rules change but could not be followed: a TODO
# each, so nothing is half-migrated in silence.
REVIEW_KINDS = (
    "review-receiver",  # not known to be a client, calls a method the rules change
    "review-mixed",  # may be clients of several services
    "review-kwargs",  # arguments built elsewhere (**kwargs)
    "review-value",  # a nested value built elsewhere
    "review-name",  # a method named by a string (getattr, a table of operation names)
)
SKIP_KINDS = ("skipped-service-name",)


class Finding(NamedTuple):
    line: int
    column: int
    kind: str  # one of CHANGE_KINDS, TODO_KINDS, REVIEW_KINDS, SKIP_KINDS
    service: str
    operation: str  # the boto3 method before the change ("" when none applies)
    message: str

    @property
    def is_todo(self) -> bool:
        """A human must look: the site carries a TODO line."""
        return self.kind in TODO_KINDS or self.kind in REVIEW_KINDS

    @property
    def is_change(self) -> bool:
        return self.kind in CHANGE_KINDS


class Rewrite(NamedTuple):
    code: bytes
    findings: tuple[Finding, ...]
    facts: ModuleFacts = ModuleFacts()  # for the other files of the run (config.module set)

    @property
    def todos(self) -> int:
        return sum(1 for f in self.findings if f.is_todo)


NO_FACTORIES = ClientConfig()


def rewrite_source(source: bytes, rules: RuleSet, config: ClientConfig = NO_FACTORIES) -> Rewrite:
    """Apply ``rules`` to one module's source.

    Raises libcst.ParserSyntaxError when the source does not parse.
    """
    module = cst.parse_module(source)
    index = RuleIndex(rules)
    config = config._replace(watched=index.watched)
    # The module was parsed here and nothing else holds it: no need for a defensive deep copy.
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True, cache={ClientProvider: config})
    transformer = CodemodTransformer(index)
    new = wrapper.visit(transformer)
    # Positions and the new code each cost a pass over the whole tree (with the
    # scopes, most of a file's time): they are computed only when needed.
    findings: tuple[Finding, ...] = ()
    if transformer.reports:
        findings = transformer.findings(wrapper.resolve(PositionProvider))
    changed = transformer.todo_added or any(f.is_change for f in findings)
    return Rewrite(new.bytes if changed else source, findings, transformer.facts)


class _Params:
    """The parameter rules of one operation as a tree, reachable by old and by new names."""

    def __init__(self) -> None:
        self.rule: ParameterRule | None = None
        self.children: dict[str, _Params] = {}

    @classmethod
    def build(cls, rules: Sequence[ParameterRule]) -> _Params:
        root = cls()
        for rule in rules:
            node = root
            for step in rule.path:
                node = node.children.setdefault(step, cls())
            node.rule = rule
        root._alias_new_names()
        return root

    def _alias_new_names(self) -> None:
        for child in list(self.children.values()):
            if child.rule is not None and child.rule.rename:
                self.children.setdefault(child.rule.rename, child)
            child._alias_new_names()

    def unique_children(self) -> list[_Params]:
        seen: dict[int, _Params] = {}
        for child in self.children.values():
            seen.setdefault(id(child), child)
        return list(seen.values())


class RuleIndex:
    """A RuleSet arranged for lookups during the walk."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.operations: dict[tuple[str, str], OperationRule] = {}
        self.params: dict[tuple[str, str], _Params] = {}
        self.modules: dict[str, str] = {}
        self.names: dict[str, str] = {}
        # Old method names that no longer work on the client, and where they were.
        self.gone_methods: dict[str, list[tuple[str, OperationRule]]] = {}
        for service in rules.services.values():
            self.modules.update(service.modules)
            self.names.update(service.names)
            for rule in service.operations.values():
                self.operations[(service.service, rule.method)] = rule
                if rule.rename or rule.removed:
                    self.gone_methods.setdefault(rule.method, []).append((service.service, rule))
                if rule.parameters:
                    tree = _Params.build(rule.parameters)
                    self.params[(service.service, rule.method)] = tree
                    if rule.rename:
                        # A second run meets the new method name; its parameters still apply.
                        self.operations.setdefault((service.service, rule.rename), rule)
                        self.params.setdefault((service.service, rule.rename), tree)

    def service(self, name: str) -> ServiceRules | None:
        return self.rules.services.get(name)

    @property
    def watched(self) -> frozenset[str]:
        """Methods whose receiver matters: the rules rename, remove or check them."""
        return frozenset(self.gone_methods) | {method for _, method in self.operations}


class CodemodTransformer(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (ClientProvider, ScopeProvider)

    def __init__(self, index: RuleIndex):
        super().__init__()
        self.index = index
        # Every change is reported (a renamed name always with the import it comes from),
        # so reports and added TODOs tell whether the tree changed.
        self.reports: list[tuple[cst.CSTNode, str, str, str, str]] = []
        self.todo_added = False
        self.statements: list[list[str]] = []  # TODOs for each open statement
        self.renamed_refs: dict[cst.CSTNode, tuple[str, str]] = {}
        self.stub_aliases: set[str] = set()
        self.method_names: set[cst.CSTNode] = set()  # getattr(client, "name"): seen at the call
        self.facts = ModuleFacts()

    # -- reporting --

    def findings(self, positions: Mapping[cst.CSTNode, CodeRange]) -> tuple[Finding, ...]:
        found = set()
        for node, kind, service, operation, message in self.reports:
            position = positions.get(node)
            line, column = (position.start.line, position.start.column + 1) if position else (0, 0)
            found.add(Finding(line, column, kind, service, operation, message))
        return tuple(sorted(found))

    def _report(
        self, node: cst.CSTNode, kind: str, service: str, operation: str, message: str
    ) -> None:
        self.reports.append((node, kind, service, operation, message))
        todo = kind in TODO_KINDS or kind in REVIEW_KINDS
        if todo and self.statements and message not in self.statements[-1]:
            self.statements[-1].append(message)

    # -- TODO lines on the innermost statement --

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            self.statements.append([])
        return super().on_visit(node)

    def on_leave(self, original_node: Any, updated_node: Any) -> Any:
        result = super().on_leave(original_node, updated_node)
        if isinstance(original_node, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            todos = self.statements.pop()
            if todos and isinstance(result, cst.SimpleStatementLine | cst.BaseCompoundStatement):
                present = {line.comment.value for line in result.leading_lines if line.comment}
                added = [
                    cst.EmptyLine(comment=cst.Comment(TODO_PREFIX + text))
                    for text in todos
                    if TODO_PREFIX + text not in present
                ]
                if added:
                    self.todo_added = True
                    result = result.with_changes(leading_lines=(*result.leading_lines, *added))
        return result

    # -- type-stub imports: mypy_boto3_es -> mypy_boto3_opensearch --

    def visit_Module(self, node: cst.Module) -> None:
        facts = self.get_metadata(ClientProvider, node, None)
        if isinstance(facts, ModuleFacts):
            self.facts = facts
        if not self.index.modules:
            return
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return
        for assignment in scope.assignments:
            if not isinstance(assignment, Assignment):
                continue
            imported = assignment.node
            if isinstance(imported, cst.ImportFrom) and imported.module is not None:
                module = dotted_name(imported.module) or ""
                if _stub_head(module, self.index.modules) is None:
                    continue
                new = self.index.names.get(_imported_name(imported, assignment.name))
                if new is not None:
                    for access in assignment.references:
                        self.renamed_refs[access.node] = (assignment.name, new)
            elif isinstance(imported, cst.Import):
                new_module = self.index.modules.get(assignment.name)
                if new_module is not None and _imports_bare(imported, assignment.name):
                    for access in assignment.references:
                        self.renamed_refs[access.node] = (assignment.name, new_module)
                elif _imports_stub_as(imported, assignment.name, self.index.modules):
                    self.stub_aliases.add(assignment.name)  # import mypy_boto3_es as types

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        module = dotted_name(original_node.module) if original_node.module is not None else None
        head = _stub_head(module or "", self.index.modules) if not original_node.relative else None
        if module is None or head is None:
            return updated_node
        new_module = self.index.modules[head] + module[len(head) :]
        self._report(original_node, "renamed-import", "", "", f"{module} -> {new_module}")
        names = updated_node.names
        if not isinstance(names, cst.ImportStar):
            names = [
                alias.with_changes(name=cst.Name(self.index.names[alias.name.value]))
                if isinstance(alias.name, cst.Name) and alias.name.value in self.index.names
                else alias
                for alias in names
            ]
        return updated_node.with_changes(module=_dotted_node(new_module), names=names)

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        aliases = []
        for alias in updated_node.names:
            name = dotted_name(alias.name) or ""
            head = _stub_head(name, self.index.modules)
            if head is not None:
                new = self.index.modules[head] + name[len(head) :]
                self._report(original_node, "renamed-import", "", "", f"{name} -> {new}")
                alias = alias.with_changes(name=_dotted_node(new))
            aliases.append(alias)
        return updated_node.with_changes(names=aliases)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        renamed = self.renamed_refs.get(original_node)
        return updated_node.with_changes(value=renamed[1]) if renamed else updated_node

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        if original_node not in self.renamed_refs:  # a string annotation naming an import
            text = string_value(original_node)
            if text in self.index.gone_methods and original_node not in self.method_names:
                # A table of operation names (getattr(client, spec[0])) is a call in waiting.
                self._report(
                    original_node, "review-name", "", text,
                    f"{text!r} names {_gone(self.index.gone_methods[text])}; "
                    "if it is called by name (getattr), change it",
                )  # fmt: skip
            return updated_node
        renames = {**self.index.modules, **self.index.names}
        words = "|".join(re.escape(word) for word in sorted(renames, key=len, reverse=True))
        value = re.sub(rf"\b(?:{words})\b", lambda m: renames[m.group(0)], updated_node.value)
        return updated_node.with_changes(value=value)

    # -- client methods: references and calls --

    def _client(self, node: cst.BaseExpression) -> tuple[ClientOf, ServiceRules] | None:
        """The client ``node`` holds, when the rules change its service."""
        found = self.get_metadata(ClientProvider, node, None)
        if isinstance(found, Construction) and found.service:
            found = ClientOf(found.service)  # boto3.client("es").describe_...()
        if not isinstance(found, ClientOf):
            return None
        service = self.index.service(found.service)
        return (found, service) if service is not None else None

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        head = dotted_name(original_node.value)
        if head is not None and (
            _stub_head(head, self.index.modules) is not None
            or head.split(".", 1)[0] in self.stub_aliases
        ):
            new_name = self.index.names.get(original_node.attr.value)
            if new_name is not None:  # mypy_boto3_es.client.ElasticsearchServiceClient
                return updated_node.with_changes(attr=cst.Name(new_name))
        method = original_node.attr.value
        client = self._client(original_node.value)
        if client is None:
            gone = self.index.gone_methods.get(method)
            if gone:
                self._review_receiver(original_node, method, gone)
            return updated_node
        found, service = client
        if found.operation is not None:  # a paginator's own methods
            return updated_node
        new = self._renamed_method(original_node, service, method)
        return updated_node.with_changes(attr=cst.Name(new)) if new else updated_node

    def _renamed_method(self, node: cst.CSTNode, service: ServiceRules, method: str) -> str | None:
        """Report what the rules do to ``service.method``; its new name when renamed."""
        rule = self.index.operations.get((service.service, method))
        if rule is None or rule.method != method:
            return None
        where = f"{service.service}.{method}"
        if rule.removed:
            self._report(
                node, "removed-operation", service.service, method,
                f"{where} was removed" + _because(rule.note),
            )  # fmt: skip
            return None
        if rule.rename:
            self._report(
                node, "renamed-operation", service.service, method, f"{where} -> {rule.rename}"
            )
        return rule.rename

    def _review_receiver(
        self, node: cst.Attribute, method: str, gone: list[tuple[str, OperationRule]]
    ) -> None:
        """A method the rules change, on a receiver that may be such a client: a TODO."""
        found = self.get_metadata(ClientProvider, node.value, None)
        if isinstance(found, NotClient | ClientOf) or (
            isinstance(found, Construction) and found.service
        ):
            return  # not a client, or a client of a service the rules leave alone
        if isinstance(found, Mixed):
            services = [s for s, _ in gone if s in found.services]
            if not services:
                return
            self._report(
                node, "review-mixed", services[0], method,
                f"{method}: may be a client of {' or '.join(sorted(found.services))} "
                f"(the calls passing it disagree); {_gone(gone)}: check each",
            )  # fmt: skip
            return
        self._report(
            node, "review-receiver", gone[0][0], method,
            f"{method}: not known to be a client; if it is, {_gone(gone)}",
        )  # fmt: skip

    def visit_Call(self, node: cst.Call) -> None:
        if _is_getattr(node):
            self.method_names.add(node.args[1].value)
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in (PAGINATOR_METHOD, CAN_PAGINATE_METHOD)
            and node.args
            and self._client(func.value) is not None
        ):
            self.method_names.add(node.args[0].value)  # renamed (or marked) at the call

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        construction = self.get_metadata(ClientProvider, original_node, None)
        if isinstance(construction, Construction):
            return self._rename_service(original_node, updated_node, construction)
        if _is_getattr(original_node):
            return self._rename_getattr(original_node, updated_node)
        func = original_node.func
        if not isinstance(func, cst.Attribute):
            return updated_node
        client = self._client(func.value)
        if client is None:
            return updated_node
        found, service = client
        method = func.attr.value
        if found.operation is not None:
            if method == PAGINATE_METHOD:
                return self._rewrite_parameters(
                    original_node, updated_node, service, found.operation
                )
            return updated_node
        if method in (PAGINATOR_METHOD, CAN_PAGINATE_METHOD):
            return self._rename_paginator(original_node, updated_node, service)
        if method == WAITER_METHOD:
            return self._rename_waiter(original_node, updated_node, service)
        return self._rewrite_parameters(original_node, updated_node, service, method)

    def _rename_getattr(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """``getattr(client, "old_name")``: a call by name, renamed like a call."""
        name_node = original.args[1].value
        name = string_value(name_node)
        client = self._client(original.args[0].value)
        if client is None:
            gone = self.index.gone_methods.get(name or "")
            if gone:
                found = self.get_metadata(ClientProvider, original.args[0].value, None)
                if not isinstance(found, NotClient | ClientOf):
                    self._report(
                        name_node, "review-name", gone[0][0], name or "",
                        f"getattr(..., {name!r}): not known to be a client; "
                        f"if it is, {_gone(gone)}",
                    )  # fmt: skip
            return updated
        found, service = client
        if found.operation is not None:
            return updated
        if name is None:
            if any(r.rename or r.removed for r in service.operations.values()) or service.rename:
                self._report(
                    name_node, "review-name", service.service, "",
                    f"a method named at run time on a client of {service.service}, some of "
                    "whose methods the rules rename or remove: check the names it can take",
                )  # fmt: skip
            return updated
        new = self._renamed_method(name_node, service, name)
        if not new:
            return updated
        args = list(updated.args)
        args[1] = args[1].with_changes(value=_with_string(args[1].value, new))
        return updated.with_changes(args=args)

    def _rename_service(
        self, original: cst.Call, updated: cst.Call, construction: Construction
    ) -> cst.Call:
        if construction.service is None:
            if construction.argument is not None or any(a.star for a in original.args):
                self._report(
                    original, "skipped-service-name", "", "",
                    "service name computed at run time; not checked",
                )  # fmt: skip
            return updated
        service = self.index.service(construction.service)
        if service is None or not service.rename or construction.argument is None:
            return updated
        self._report(
            original, "renamed-service", service.service, "",
            f"client {service.service!r} -> {service.rename!r}",
        )  # fmt: skip
        return _replace_argument_value(original, updated, construction.argument, service.rename)

    def _rename_paginator(
        self, original: cst.Call, updated: cst.Call, service: ServiceRules
    ) -> cst.Call:
        argument = call_argument(original, 0, "operation_name")
        name = string_value(argument.value) if argument else None
        if name is not None and name in service.paginators:
            new = service.paginators[name]
            return self._rename_named(original, updated, service, "paginator", argument, new)
        rule = self.index.operations.get((service.service, name or ""))
        if argument is None or rule is None or rule.method != name:
            return updated
        if rule.removed:
            self._report(
                original, "removed-operation", service.service, name,
                f"{service.service}.{name} was removed" + _because(rule.note),
            )  # fmt: skip
            return updated
        if not rule.rename:
            return updated
        self._report(
            original,
            "renamed-paginator",
            service.service,
            name,
            f"paginator {name} -> {rule.rename}",
        )
        return _replace_argument_value(original, updated, argument, rule.rename)

    def _rename_waiter(
        self, original: cst.Call, updated: cst.Call, service: ServiceRules
    ) -> cst.Call:
        argument = call_argument(original, 0, "waiter_name")
        name = string_value(argument.value) if argument else None
        if name is None or name not in service.waiters:
            return updated
        return self._rename_named(
            original, updated, service, "waiter", argument, service.waiters[name]
        )

    def _rename_named(
        self,
        original: cst.Call,
        updated: cst.Call,
        service: ServiceRules,
        what: str,
        argument: cst.Arg | None,
        new: str | None,
    ) -> cst.Call:
        """A paginator or waiter named by a literal argument: renamed, or a TODO if gone."""
        name = string_value(argument.value) if argument is not None else None
        if argument is None or name is None:
            return updated
        if new is None:
            self._report(
                original, f"removed-{what}", service.service, name,
                f"{service.service} {what} {name} was removed",
            )  # fmt: skip
            return updated
        self._report(original, f"renamed-{what}", service.service, name, f"{what} {name} -> {new}")
        return _replace_argument_value(original, updated, argument, new)

    # -- parameters, keys of literal dicts, values --

    def _rewrite_parameters(
        self, original: cst.Call, updated: cst.Call, service: ServiceRules, method: str
    ) -> cst.Call:
        tree = self.index.params.get((service.service, method))
        if tree is None:
            return updated
        rule = self.index.operations[(service.service, method)]
        rewriter = _ArgumentRewriter(self, service.service, rule.method)
        args = rewriter.level(
            original,
            list(zip(original.args, updated.args, strict=True)),
            tree,
            _KEYWORD_ENTRIES,
        )
        return updated.with_changes(args=args)


class _Entries(NamedTuple):
    """How to read and rebuild the entries of one level: call keywords or dict items."""

    key: Callable[[Any], str | None]
    spread: Callable[[Any], cst.BaseExpression | None]
    value: Callable[[Any], cst.BaseExpression]
    with_key: Callable[[Any, str], Any]
    with_value: Callable[[Any, cst.BaseExpression], Any]


def _arg_key(arg: cst.Arg) -> str | None:
    return arg.keyword.value if arg.keyword is not None else None


def _dict_key(element: cst.BaseDictElement) -> str | None:
    return string_value(element.key) if isinstance(element, cst.DictElement) else None


_KEYWORD_ENTRIES = _Entries(
    key=_arg_key,
    spread=lambda arg: arg.value if arg.star == "**" else None,
    value=lambda arg: arg.value,
    with_key=lambda arg, name: arg.with_changes(keyword=cst.Name(name)),
    with_value=lambda arg, value: arg.with_changes(value=value),
)
_DICT_ENTRIES = _Entries(
    key=_dict_key,
    spread=lambda element: element.value if isinstance(element, cst.StarredDictElement) else None,
    value=lambda element: element.value,
    with_key=lambda element, name: element.with_changes(key=_with_string(element.key, name)),
    with_value=lambda element, value: element.with_changes(value=value),
)


class _ArgumentRewriter:
    """Rewrites the arguments of one call against its operation's parameter tree."""

    def __init__(self, transformer: CodemodTransformer, service: str, method: str):
        self.transformer = transformer
        self.service = service
        self.method = method

    def report(self, node: cst.CSTNode, kind: str, message: str) -> None:
        self.transformer._report(
            node, kind, self.service, self.method, f"{self.service}.{self.method}: {message}"
        )

    def level(
        self,
        owner: cst.CSTNode,
        pairs: list[tuple[Any, Any]],
        tree: _Params,
        entries: _Entries,
    ) -> list[Any]:
        """Rewrite the keys and values at one level; TODO for required keys it lacks."""
        out = []
        present: set[int] = set()
        opaque = False  # a spread we cannot see into: missing keys may be in it
        for original, updated in pairs:
            spread = entries.spread(original)
            if spread is not None:
                inner = entries.spread(updated)
                if isinstance(spread, cst.Dict) and isinstance(inner, cst.Dict):
                    pairs_inside = list(zip(spread.elements, inner.elements, strict=True))
                    elements = self.level(spread, pairs_inside, tree, _DICT_ENTRIES)
                    updated = entries.with_value(updated, inner.with_changes(elements=elements))
                    present.update(id(n) for n in self._keys_in(spread, tree))
                else:
                    opaque = True
                    if _has_rules(tree):
                        self.report(
                            original, "review-kwargs",
                            "arguments built elsewhere (**): check their names against "
                            + _parameter_changes(tree),
                        )  # fmt: skip
                out.append(updated)
                continue
            key = entries.key(original)
            node = tree.children.get(key) if key is not None else None
            if node is None:
                out.append(updated)
                continue
            present.add(id(node))
            rule = node.rule
            if rule is not None and rule.removed:
                self.report(
                    original,
                    "removed-parameter",
                    f"parameter {rule.dotted} was removed" + _because(rule.note),
                )
            elif rule is not None and rule.check:
                self.report(
                    original,
                    "changed-parameter",
                    f"parameter {rule.dotted} changed" + _because(rule.note),
                )
            if rule is not None and not rule.removed and rule.rename:
                if key != rule.rename:
                    self.report(original, "renamed-parameter", f"{rule.dotted} -> {rule.rename}")
                    updated = entries.with_key(updated, rule.rename)
                if rule.note and not rule.check:
                    self.report(
                        original, "changed-value", f"{rule.dotted} -> {rule.rename}: {rule.note}"
                    )
            value = self.value(entries.value(original), entries.value(updated), node)
            out.append(entries.with_value(updated, value))
        if not opaque:
            for child in tree.unique_children():
                if child.rule is not None and child.rule.required and id(child) not in present:
                    name = child.rule.rename or child.rule.dotted
                    self.report(
                        owner,
                        "required-parameter",
                        f"parameter {name} is now required"
                        + (_because(child.rule.note) if child.rule.note else "; pass it"),
                    )
        return out

    def _keys_in(self, spread: cst.Dict, tree: _Params) -> list[_Params]:
        return [tree.children[k] for e in spread.elements if (k := _dict_key(e)) in tree.children]

    def value(
        self, original: cst.BaseExpression, updated: cst.BaseExpression, node: _Params
    ) -> cst.BaseExpression:
        rule = node.rule
        if rule is not None and rule.value is not None:
            text = string_value(original)
            rewrite = rule.value
            if text is None:
                if rewrite.replace is not None:
                    self.report(
                        original,
                        "changed-value",
                        f"{rule.dotted} -> {rule.rename or rule.dotted}: "
                        + (rewrite.note or "the value changes meaning; check it"),
                    )
            elif rewrite.replace is None:
                if rewrite.matches(text):
                    self.report(
                        original,
                        "changed-value",
                        f"{rule.dotted}: {text!r}: " + (rewrite.note or "value no longer accepted"),
                    )
            else:
                new = rewrite.apply(text)
                if new is not None and new != text:
                    self.report(original, "rewrote-value", f"{rule.dotted}: {text!r} -> {new!r}")
                    return _with_string(updated, new)
        if not node.children:
            return updated
        if isinstance(original, cst.Dict) and isinstance(updated, cst.Dict):
            pairs = list(zip(original.elements, updated.elements, strict=True))
            return updated.with_changes(elements=self.level(original, pairs, node, _DICT_ENTRIES))
        items = node.children.get(LIST_ITEMS)
        if isinstance(original, cst.List | cst.Tuple) and isinstance(updated, cst.List | cst.Tuple):
            if items is None:
                return updated
            elements = [
                e_new.with_changes(value=self.value(e_old.value, e_new.value, items))
                if isinstance(e_old, cst.Element)
                else e_new
                for e_old, e_new in zip(original.elements, updated.elements, strict=True)
            ]
            return updated.with_changes(elements=elements)
        if _has_rules(node) and not _is_literal(original):
            self.report(
                original,
                "review-value",
                "value built elsewhere: check the keys inside it against "
                + _parameter_changes(node),
            )
        return updated


def _has_rules(tree: _Params) -> bool:
    return bool(tree.children)


def _parameter_changes(tree: _Params, limit: int = 4) -> str:
    """What the rules under ``tree`` change, in short, for a TODO."""
    changes = []
    for child in tree.unique_children():
        rule = child.rule
        if rule is None:
            continue
        name = rule.path[-1]
        if rule.removed:
            changes.append(f"{name} removed")
        elif rule.rename:
            changes.append(f"{name} -> {rule.rename}")
        elif rule.required:
            changes.append(f"{name} now required")
        elif rule.value is not None:
            changes.append(f"{name} values change")
        else:
            changes.append(f"{name} changed")
    nested = sum(1 for child in tree.unique_children() if child.children)
    if not changes:
        return f"the rules for {nested} nested value(s)"
    more = len(changes) - limit
    return ", ".join(sorted(changes)[:limit]) + (f" and {more} more" if more > 0 else "")


def _gone(gone: Sequence[tuple[str, OperationRule]]) -> str:
    """``es.x is now y`` for each service whose rules rename or remove the method."""
    parts = []
    for service, rule in gone:
        if rule.rename:
            parts.append(f"{service}.{rule.method} is now {rule.rename}")
        else:
            parts.append(f"{service}.{rule.method} was removed" + _because(rule.note))
    return "; ".join(parts)


def _is_getattr(node: cst.Call) -> bool:
    return (
        isinstance(node.func, cst.Name)
        and node.func.value == "getattr"
        and len(node.args) in (2, 3)
        and all(a.keyword is None and not a.star for a in node.args)
    )


def _is_literal(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.BaseString | cst.Integer | cst.Float) or (
        isinstance(node, cst.Name) and node.value in ("True", "False", "None")
    )


def _because(note: str) -> str:
    return f": {note}" if note else ""


def _stub_head(name: str, modules: Mapping[str, str]) -> str | None:
    """The stub module ``name`` starts with (``mypy_boto3_es`` of ``mypy_boto3_es.client``)."""
    head = name.split(".", 1)[0]
    return head if head in modules else None


def _imported_name(node: cst.ImportFrom, local: str) -> str:
    """The name a ``from M import X as local`` imports; aliases keep their own name."""
    if isinstance(node.names, cst.ImportStar):
        return local
    for alias in node.names:
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            if alias.asname.name.value == local:
                return ""  # used under its alias: the alias stays, so references stay
        elif isinstance(alias.name, cst.Name) and alias.name.value == local:
            return local
    return ""


def _imports_bare(node: cst.Import, name: str) -> bool:
    """``import mypy_boto3_es`` (or ``.client``) binds the module's own name, not an alias."""
    return any(
        alias.asname is None and (dotted_name(alias.name) or "").split(".", 1)[0] == name
        for alias in node.names
    )


def _imports_stub_as(node: cst.Import, local: str, modules: Mapping[str, str]) -> bool:
    """``import mypy_boto3_es as local``: the alias stays, the names under it change."""
    return any(
        alias.asname is not None
        and isinstance(alias.asname.name, cst.Name)
        and alias.asname.name.value == local
        and _stub_head(dotted_name(alias.name) or "", modules) is not None
        for alias in node.names
    )


def _dotted_node(name: str) -> cst.Name | cst.Attribute:
    parts = name.split(".")
    node: cst.Name | cst.Attribute = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def _with_string(node: cst.BaseExpression, value: str) -> cst.BaseExpression:
    """The same string literal (prefix, quotes) holding ``value``."""
    if not isinstance(node, cst.SimpleString):
        return node
    quote = node.quote
    body = value
    if "r" not in node.prefix.lower():
        body = body.replace("\\", "\\\\")
    if quote in body or (len(quote) == 1 and "\n" in body):
        return cst.SimpleString(repr(value))
    return node.with_changes(value=f"{node.prefix}{quote}{body}{quote}")


def _replace_argument_value(
    original: cst.Call, updated: cst.Call, argument: cst.Arg, value: str
) -> cst.Call:
    index = next(i for i, a in enumerate(original.args) if a is argument)
    args = list(updated.args)
    args[index] = args[index].with_changes(value=_with_string(args[index].value, value))
    return updated.with_changes(args=args)
