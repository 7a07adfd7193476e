"""Rules from two service models: match operations and members, by name and by structure.

``match_services(old, new, table)`` compares the IR of a service before and
after (two releases of one service, or two services such as ``es`` and
``opensearch``) and writes the ``ServiceRules`` that move call sites from one
to the other:

- operations match by name (the same, or after the table's name
  substitutions), then by structure (the unmatched new operation with the same
  verb whose input members overlap most); what the models cannot tell comes
  from the table; anything still unmatched is a removed operation;
- members of matched inputs match the same way, recursively through nested
  structures and lists; an unmatched old member is a removed parameter, an
  unmatched new required member (or one that became required) a required one;
- values whose meaning changed come from the table, keyed by the old member's
  target shape.

The table is data (``MatchTable``), reviewed by a human; see migrations.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import NamedTuple

from codegen.codemod.rules import (
    LIST_ITEMS,
    OperationRule,
    ParameterRule,
    ServiceRules,
    ValueRewrite,
)
from codegen.ir.model import Operation, Service, Shape

# How alike two operations must be to match by structure: the mean of the share of
# input members they have in common and the likeness of their names (after substitutions).
STRUCTURAL_THRESHOLD = 0.6
TYPE_SUFFIXES = ("TypeDef", "OutputTypeDef", "UnionTypeDef", "RequestTypeDef")


class MemberRename(NamedTuple):
    name: str
    note: str = ""  # set when the value's shape changed too: a human rewrites it


class MatchTable(NamedTuple):
    """What a human decided where the models cannot tell."""

    substitutions: tuple[tuple[str, str], ...] = ()  # tried on old names, in order
    operations: Mapping[str, str | None] = {}  # old operation -> new (None: no equivalent)
    operation_notes: Mapping[str, str] = {}
    members: Mapping[str, MemberRename] = {}  # old member name -> new, wherever it occurs
    values: Mapping[str, ValueRewrite] = {}  # old member target shape -> value rewrite
    stub_modules: bool = False  # rename the mypy_boto3 stub modules and their names too


NO_TABLE = MatchTable()


def match_services(old: Service, new: Service, table: MatchTable = NO_TABLE) -> ServiceRules:
    matcher = _Matcher(old, new, table)
    operations: dict[str, OperationRule] = {}
    for name in sorted(old.operations):
        rule = matcher.operation_rule(name)
        if rule is not None:
            operations[rule.method] = rule
    modules: dict[str, str] = {}
    names: dict[str, str] = {}
    if table.stub_modules and old.name != new.name:
        modules[_stub_module(old.name)] = _stub_module(new.name)
        names = matcher.type_names()
    return ServiceRules(
        service=old.name,
        rename=new.name if new.name != old.name else None,
        operations=operations,
        modules=modules,
        names=names,
    )


def _stub_module(service: str) -> str:
    return "mypy_boto3_" + service.replace("-", "_")


class _Matcher:
    def __init__(self, old: Service, new: Service, table: MatchTable):
        self.old = old
        self.new = new
        self.table = table
        self.shape_pairs: dict[str, str] = {}
        self.pairs = self._match_operations()

    # -- operations --

    def _match_operations(self) -> dict[str, str | None]:
        pairs: dict[str, str | None] = {}
        for name in sorted(self.old.operations):
            if name in self.table.operations:
                pairs[name] = self.table.operations[name]
                continue
            for candidate in self._names(name):
                if candidate in self.new.operations:
                    pairs[name] = candidate
                    break
        taken = {n for n in pairs.values() if n}
        for name in sorted(self.old.operations):
            if name not in pairs:
                pairs[name] = self._structural(name, taken)
                if pairs[name]:
                    taken.add(pairs[name] or "")
        return pairs

    def _names(self, name: str) -> list[str]:
        candidates = [name]
        for old, new in self.table.substitutions:
            name = name.replace(old, new)
            candidates.append(name)
        return candidates

    def _structural(self, name: str, taken: set[str]) -> str | None:
        verb = _verb(name)
        renamed = self._names(name)[-1]
        mine = self._input_names(self.old, self.old.operations[name], rename=True)
        best, score = None, 0.0
        for other in sorted(set(self.new.operations) - taken):
            if _verb(other) != verb:
                continue
            theirs = self._input_names(self.new, self.new.operations[other], rename=False)
            union = mine | theirs
            overlap = len(mine & theirs) / len(union) if union else 0.0
            likeness = (overlap + SequenceMatcher(None, renamed, other).ratio()) / 2
            if likeness > score:
                best, score = other, likeness
        return best if score >= STRUCTURAL_THRESHOLD else None

    def _input_names(self, service: Service, operation: Operation, *, rename: bool) -> set[str]:
        if operation.input is None:
            return set()
        names = set()
        for member in service.shapes[operation.input.target].members:
            renamed = self.table.members.get(member.name) if rename else None
            names.add(renamed.name if renamed else member.name)
        return names

    def operation_rule(self, name: str) -> OperationRule | None:
        operation = self.old.operations[name]
        target = self.pairs.get(name)
        note = self.table.operation_notes.get(name, "")
        if target is None:
            return OperationRule(operation.method_name, removed=True, note=note)
        new_operation = self.new.operations[target]
        parameters: list[ParameterRule] = []
        if operation.input is not None and new_operation.input is not None:
            self._members(operation.input.target, new_operation.input.target, (), parameters, set())
        elif operation.input is None and new_operation.input is not None:
            self._required(self.new.shapes[new_operation.input.target], (), set(), parameters)
        self._pair_shapes(operation, new_operation)
        rename = (
            new_operation.method_name
            if new_operation.method_name != operation.method_name
            else None
        )
        if rename is None and not parameters and not note:
            return None
        return OperationRule(operation.method_name, rename, False, note, tuple(parameters))

    # -- members --

    def _member_name(self, name: str, new_shape: Shape) -> MemberRename | None:
        renamed = self.table.members.get(name)
        if renamed is not None and new_shape.get_member(renamed.name) is not None:
            return renamed
        for candidate in self._names(name):
            if new_shape.get_member(candidate) is not None:
                return MemberRename(candidate)
        return None

    def _members(
        self,
        old_name: str,
        new_name: str,
        path: tuple[str, ...],
        out: list[ParameterRule],
        seen: set[tuple[str, str]],
    ) -> None:
        if (old_name, new_name) in seen:
            return  # a recursive shape: its members were matched the first time round
        seen = seen | {(old_name, new_name)}
        old_shape, new_shape = self.old.shapes[old_name], self.new.shapes[new_name]
        self.shape_pairs.setdefault(old_name, new_name)
        matched: set[str] = set()
        for member in old_shape.members:
            found = self._member_name(member.name, new_shape)
            here = (*path, member.name)
            if found is None:
                out.append(ParameterRule(here, removed=True))
                continue
            matched.add(found.name)
            new_member = new_shape.get_member(found.name)
            assert new_member is not None
            value = self.table.values.get(member.target) or self._removed_values(
                member.target, new_member.target
            )
            newly_required = new_member.required and not member.required
            rename = found.name if found.name != member.name else None
            if rename or value or newly_required or found.note:
                out.append(
                    ParameterRule(
                        here, rename=rename, required=newly_required, value=value, note=found.note
                    )
                )
            if not found.note:  # a noted member changed shape: no key-by-key rules inside
                self._nested(member.target, new_member.target, here, out, seen)
        self._required(new_shape, path, matched, out)

    def _nested(
        self,
        old_name: str,
        new_name: str,
        path: tuple[str, ...],
        out: list[ParameterRule],
        seen: set[tuple[str, str]],
    ) -> None:
        old_shape, new_shape = self.old.shapes[old_name], self.new.shapes[new_name]
        if old_shape.type == "structure" and new_shape.type == "structure":
            self._members(old_name, new_name, path, out, seen)
        elif old_shape.type == "list" and new_shape.type == "list":
            if old_shape.member is not None and new_shape.member is not None:
                self.shape_pairs.setdefault(old_name, new_name)
                self._nested(
                    old_shape.member.target, new_shape.member.target, (*path, LIST_ITEMS), out, seen
                )
        elif old_shape.enum and new_shape.enum:
            self.shape_pairs.setdefault(old_name, new_name)

    def _removed_values(self, old_name: str, new_name: str) -> ValueRewrite | None:
        """Enum values the old model accepts and the new one does not: a TODO where sent."""
        old_values = self.old.shapes[old_name].enum
        new_values = self.new.shapes[new_name].enum
        if not old_values or new_values is None:
            return None
        gone = sorted(set(old_values) - set(new_values))
        if not gone:
            return None
        return ValueRewrite(
            match="|".join(re.escape(v) for v in gone),
            note=f"{self.new.name} no longer accepts this value",
        )

    def _required(
        self, new_shape: Shape, path: tuple[str, ...], matched: set[str], out: list[ParameterRule]
    ) -> None:
        for member in new_shape.members:
            if member.required and member.name not in matched:
                out.append(ParameterRule((*path, member.name), required=True))

    # -- names in the type stubs --

    def _pair_shapes(self, old: Operation, new: Operation) -> None:
        for side in ("input", "output"):
            a, b = getattr(old, side), getattr(new, side)
            if a is not None and b is not None:
                self.shape_pairs.setdefault(a.target, b.target)
                if side == "output":
                    self._pair_nested(a.target, b.target, set())

    def _pair_nested(self, old_name: str, new_name: str, seen: set[str]) -> None:
        if old_name in seen:
            return
        seen.add(old_name)
        old_shape, new_shape = self.old.shapes[old_name], self.new.shapes[new_name]
        self.shape_pairs.setdefault(old_name, new_name)
        for member in old_shape.members:
            found = self._member_name(member.name, new_shape)
            new_member = new_shape.get_member(found.name) if found else None
            if new_member is not None:
                self._pair_nested(member.target, new_member.target, seen)
        if old_shape.member is not None and new_shape.member is not None:
            self._pair_nested(old_shape.member.target, new_shape.member.target, seen)

    def type_names(self) -> dict[str, str]:
        """Names the mypy_boto3 stubs give these shapes, operations and the client."""
        names = {
            f"{self.old.client_class_name}Client": f"{self.new.client_class_name}Client",
        }
        for old_name, new_name in sorted(self.shape_pairs.items()):
            if old_name == new_name:
                continue
            if self.old.shapes[old_name].enum:
                names[f"{old_name}Type"] = f"{new_name}Type"
            else:
                names.update({old_name + s: new_name + s for s in TYPE_SUFFIXES})
        for operation, target in sorted(self.pairs.items()):
            if target and target != operation and operation in self.old.paginators:
                names[f"{operation}Paginator"] = f"{target}Paginator"
        return names


def _verb(name: str) -> str:
    for index, char in enumerate(name[1:], 1):
        if char.isupper():
            return name[:index]
    return name
