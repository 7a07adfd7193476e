"""Rules for an SDK bump: the change set between two model sources, as codemod rules.

The differ (``codegen.diff``) finds and grades every change; this module keeps
the ones a call site can feel and turns each into a rule, with the taxonomy's
advice as the TODO's note:

- ``operation-renamed``: the method is renamed, in calls and references;
- ``request-member-renamed``: the keyword or dict key is renamed;
- ``operation-removed``: a TODO at every call;
- ``request-member-removed``: the argument stays, with a TODO;
- ``request-member-added-required`` / ``request-member-became-required``: a
  TODO where a call does not pass it;
- ``request-enum-value-removed``: a TODO where a call passes the value as a literal;
- ``request-type-changed``: a TODO where a call passes it;
- ``waiter-removed`` / ``paginator-removed``: a TODO at ``get_waiter`` / ``get_paginator``.

A change reaches a parameter through the member paths the differ records from
each operation's input (``Grants[].Options``); paths through a map value
cannot be written as a rule and are left out.

Services added or removed as a whole are not the codemod's business (there is
no call site to patch but the client's creation); ``diff`` reports them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from codegen.codemod.rules import (
    LIST_ITEMS,
    OperationRule,
    ParameterRule,
    RuleSet,
    ServiceRules,
    ValueRewrite,
)
from codegen.diff import KINDS, Change, ChangeSet, diff_sources
from codegen.diff.propagate import on_side
from codegen.ir.changes import REQUEST, UPDATED
from codegen.ir.names import snake_case
from codegen.progress import track
from codegen.sources import open_models

_MEMBER_KINDS = {
    "request-member-removed": "removed",
    "request-member-added-required": "required",
    "request-member-became-required": "required",
    "request-type-changed": "check",
}


def rules_between(old_spec: str, new_spec: str, services: Sequence[str] = ()) -> RuleSet:
    """Rules from the change set between two model sources (only services in both)."""
    old, new = open_models(old_spec), open_models(new_spec)
    both = sorted(set(old.services()) & set(new.services()))
    names = sorted(set(services)) if services else both
    changes = diff_sources(
        old,
        new,
        services=names,
        jobs=0,  # one worker per core: loading models dominates
        progress=lambda results, total: track(results, "Comparing services", total=total),
    )
    return rules_from_changes(changes)


def rules_from_changes(changes: ChangeSet) -> RuleSet:
    services: dict[str, ServiceRules] = {}
    for service in changes.services:
        if service.status != UPDATED or service.service is None:
            continue
        builder = _ServiceBuilder(service.service)
        for change in service.changes:
            builder.add(change)
        rules = builder.build()
        if rules.operations or rules.waiters or rules.paginators:
            services[rules.service] = rules
    return RuleSet(f"{changes.old} -> {changes.new}", services)


class _ServiceBuilder:
    def __init__(self, service: str):
        self.service = service
        self.removed: dict[str, str] = {}  # operation -> note
        self.renamed: dict[str, str] = {}  # new operation name -> old
        self.parameters: dict[str, dict[tuple[str, ...], dict[str, Any]]] = {}
        self.waiters: dict[str, str | None] = {}
        self.paginators: dict[str, str | None] = {}

    def add(self, change: Change) -> None:
        advice = KINDS[change.kind].advice if change.kind in KINDS else ""
        if change.kind == "operation-removed" and change.operation:
            self.removed[change.operation] = advice
        elif change.kind == "operation-renamed" and isinstance(change.old, str) and change.new:
            self.renamed[str(change.new)] = change.old
        elif change.kind == "request-member-renamed" and isinstance(change.old, str):
            for operation, path in _request_paths(change):
                self._fields(operation, (*path, change.old))["rename"] = change.member
        elif change.kind == "waiter-removed" and isinstance(change.old, dict):
            name = change.old.get("name")
            if isinstance(name, str):
                self.waiters[snake_case(name)] = None
        elif change.kind == "paginator-removed" and change.operation:
            if change.operation not in self.removed:
                self.paginators[snake_case(change.operation)] = None
        elif change.kind in _MEMBER_KINDS and change.member:
            for operation, path in _request_paths(change):
                fields = self._fields(operation, (*path, change.member))
                fields[_MEMBER_KINDS[change.kind]] = True
                fields.setdefault("note", advice)
        elif change.kind == "request-enum-value-removed" and isinstance(change.old, str):
            for operation, path in _request_paths(change):
                if change.member:  # a member that switched to another enum
                    path = (*path, change.member)
                if not path:
                    continue
                fields = self._fields(operation, path)
                fields.setdefault("values", []).append(change.old)

    def _fields(self, operation: str, path: tuple[str, ...]) -> dict[str, Any]:
        return self.parameters.setdefault(operation, {}).setdefault(path, {})

    def build(self) -> ServiceRules:
        operations: dict[str, OperationRule] = {}
        for name, note in self.removed.items():
            method = snake_case(name)
            operations[method] = OperationRule(method, removed=True, note=note)
        for name in sorted(set(self.parameters) | set(self.renamed)):
            # A renamed operation's parameter changes are reported under its new name.
            method = snake_case(self.renamed.get(name, name))
            if method in operations:
                continue
            paths = self.parameters.get(name, {})
            parameters = tuple(_parameter(path, fields) for path, fields in sorted(paths.items()))
            rename = snake_case(name) if name in self.renamed else None
            operations[method] = OperationRule(method, rename=rename, parameters=parameters)
        return ServiceRules(
            service=self.service,
            operations=dict(sorted(operations.items())),
            waiters=dict(sorted(self.waiters.items())),
            paginators={
                name: None
                for name in sorted(self.paginators)
                if name not in operations or not operations[name].removed
            },
        )


def _parameter(path: tuple[str, ...], fields: dict[str, Any]) -> ParameterRule:
    values = fields.get("values")
    value = None
    if values:
        value = ValueRewrite(
            match="|".join(re.escape(v) for v in sorted(values)),
            note=KINDS["request-enum-value-removed"].advice,
        )
    removed = bool(fields.get("removed"))
    return ParameterRule(
        path=path,
        rename=None if removed else fields.get("rename"),
        removed=removed,
        required=bool(fields.get("required")) and not removed,
        check=bool(fields.get("check")) and not removed,
        value=None if removed else value,
        note=fields.get("note", ""),
    )


def _request_paths(change: Change) -> list[tuple[str, tuple[str, ...]]]:
    """(operation, member path) for each way a request reaches the changed shape."""
    found = []
    for affected in on_side(change.affects, REQUEST):
        for path in affected.paths:
            steps = _steps(path)
            if steps is not None:
                found.append((affected.operation, steps))
    return found


def _steps(path: str) -> tuple[str, ...] | None:
    """``Grants[].Options`` -> ("Grants", "[]", "Options"); None through a map."""
    if "{" in path:
        return None
    steps: list[str] = []
    for part in path.split(".") if path else ():
        steps.append(part.split("[]", 1)[0])
        steps.extend([LIST_ITEMS] * part.count("[]"))
    return tuple(steps)
