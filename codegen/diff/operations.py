"""A service's changes seen per operation, as release notes show them.

An operation is new, removed, or updated when something a page prints
reaches its request or response: a member added, a type changed, an enum
value added, a plain string that became an enum. The page prints each side as
a dict from the operation's input or output down to what changed, looking
through lists and maps (``{'Grants': {'Options': {...}}}``). Documentation
does not count, and neither does anything a page has no way to print
(removals, constraints); those live in the full change set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from codegen.diff.describe import enum_text
from codegen.diff.kinds import KINDS
from codegen.ir.changes import (
    BOTH,
    NEW,
    REMOVED,
    REQUEST,
    UPDATED,
    Change,
    OperationNote,
)

# Events a page prints, and whether the value sits on the member (True) or on the
# path that leads to the changed shape (False: the shape is the member's target).
_PRINTED = {
    "member-added-optional": True,
    "member-added-required": True,
    "type-changed": True,
    "enum-added": False,
    "enum-value-added": False,
}


def path_names(path: str) -> list[str]:
    """Member names along a path, through lists and maps: ``Grants[].Options`` -> both names."""
    names = []
    for part in path.split(".") if path else ():
        while part.endswith(("[]", "{}", "{key}")):
            part = part[: part.rindex("[" if part.endswith("[]") else "{")]
        names.append(part)
    return names


def _place(tree: dict[str, Any], where: list[str], value: Any) -> None:
    for name in where[:-1]:
        inner = tree.setdefault(name, {})
        if not isinstance(inner, dict):
            return  # already printed whole (a new member); its parts are in there
        tree = inner
    last = where[-1]
    if last not in tree:
        # A copy: trees are merged into later, and change values are shared between operations.
        tree[last] = _copy(value)
    elif isinstance(tree[last], dict) and isinstance(value, dict):
        for key, item in value.items():
            _place(tree[last], [key], item)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    return value


def _value(change: Change) -> Any:
    if KINDS[change.kind].event == "enum-added":
        return enum_text(change.new)
    return change.new


def notes_from_changes(changes: Iterable[Change]) -> tuple[OperationNote, ...]:
    """The per-operation view of a service's changes, operations added and removed included."""
    changes = list(changes)
    added = [c.operation for c in changes if c.kind == "operation-added" and c.operation]
    removed = [c.operation for c in changes if c.kind == "operation-removed" and c.operation]
    return operation_notes(added, removed, changes)


def operation_notes(
    added: Iterable[str], removed: Iterable[str], changes: Iterable[Change]
) -> tuple[OperationNote, ...]:
    """New operations, then updated, then removed, each sorted by name."""
    new_names, removed_names = sorted(added), sorted(removed)
    skip = set(new_names) | set(removed_names)
    trees: dict[tuple[str, str], dict[str, Any]] = {}
    enum_values: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for change in changes:
        event = KINDS[change.kind].event
        on_member = _PRINTED.get(event)
        if on_member is None or change.side is None:
            continue
        for affected in change.affects:
            if affected.operation in skip or affected.side not in (change.side, BOTH):
                continue
            tree = trees.setdefault((affected.operation, change.side), {})
            for path in affected.paths:
                where = path_names(path)
                if on_member and change.member is not None:
                    where.append(change.member)
                if not where:
                    continue
                if event == "enum-value-added":
                    values = enum_values.setdefault(
                        (affected.operation, change.side, tuple(where)), []
                    )
                    values.append(change.new)
                    continue
                _place(tree, where, _value(change))
    for (operation, side, place), values in sorted(enum_values.items()):
        _place(trees.setdefault((operation, side), {}), list(place), enum_text(values))
    updated = sorted({operation for operation, _ in trees})
    notes = [OperationNote(name, NEW) for name in new_names]
    for name in updated:
        request = trees.get((name, REQUEST)) or None
        response = trees.get((name, "response")) or None
        if request is not None or response is not None:
            notes.append(OperationNote(name, UPDATED, request, response))
    notes.extend(OperationNote(name, REMOVED) for name in removed_names)
    return tuple(notes)
