"""A service's changes seen per operation, as release notes show them.

An operation is new, removed, or updated when something a page prints
reaches its request or response: a member added, a type changed, an enum
value added, a plain string that became an enum. The page prints each side as
a dict from the operation's input or output down to what changed, looking
through lists and maps (``{'Grants': {'Options': {...}}}``). A new member is
printed whole (``describe.stub``: a list with its brackets); values added to
an existing enum are the Python set of the added values, as the site's
generator computes them (``set(new.enum) - set(old.enum)``, and a plain
string that became an enum had none), so ``'A | B'`` is only ever a new
member's. Documentation does not count, and neither does anything a page has
no way to print (removals, constraints); those live in the full change set.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

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

# Events a page prints. The value sits on the change's member where it names one
# (a new member, or one that switched to another enum), else at the end of the
# path that leads to the changed shape (an enum shape that gained values).
_PRINTED = frozenset(
    {
        "member-added-optional",
        "member-added-required",
        "member-renamed",  # the site sees a member it did not know: a new one
        "type-changed",
        "enum-added",
        "enum-value-added",
    }
)
_WHOLE = frozenset({"member-added-optional", "member-added-required", "member-renamed"})

# A member that now holds another scalar than a string: the site's generator
# compares such shapes by name only and prints nothing for them.
_UNPRINTED_TYPES = frozenset(
    {"integer", "long", "float", "double", "boolean", "timestamp", "blob", "byte", "short"}
)


# Top-level request members the site leaves out of a service's change dicts: ec2's
# TagSpecifications gains a resource type in nearly every release, on dozens of methods.
_LEFT_OUT: dict[tuple[str | None, str], tuple[str, ...]] = {
    ("ec2", REQUEST): ("TagSpecifications",)
}


@functools.lru_cache(maxsize=4096)
def _path_names(path: str) -> tuple[str, ...]:
    """Member names along a path, through lists and maps: ``Grants[].Options`` -> both names."""
    names = []
    for part in path.split(".") if path else ():
        while part.endswith(("[]", "{}", "{key}")):
            part = part[: part.rindex("[" if part.endswith("[]") else "{")]
        names.append(part)
    return tuple(names)


class _Trees:
    """The change dicts being built, one per (operation, side).

    A new member goes in whole (its stub, shared by every operation the
    change reaches, never copied): it already holds every change below it, so
    it takes the place of what was put there before (changes met deeper down),
    and a change put later stops at it. Only the dicts built here on the way to
    changes are ever written to.
    """

    def __init__(self) -> None:
        self.trees: dict[tuple[str, str], dict[str, Any]] = {}
        self._own: set[int] = set()

    def tree(self, key: tuple[str, str]) -> dict[str, Any]:
        tree = self.trees.get(key)
        if tree is None:
            tree = self.trees[key] = self._new()
        return tree

    def _new(self) -> dict[str, Any]:
        value: dict[str, Any] = {}
        self._own.add(id(value))
        return value

    def place(
        self, tree: dict[str, Any], where: Sequence[str], value: Any, whole: bool = False
    ) -> None:
        """Put ``value`` at ``where``; ``whole`` for a new member."""
        for name in where[:-1]:
            inner = tree.get(name)
            if inner is None:
                inner = tree[name] = self._new()
            elif id(inner) not in self._own:
                return  # inside a new member printed whole
            tree = inner
        last = where[-1]
        if whole or last not in tree:
            tree[last] = value


def _value(change: Change) -> Any:
    if KINDS[change.kind].event == "enum-added":
        return set(change.new)
    return change.new


def notes_from_changes(changes: Iterable[Change]) -> tuple[OperationNote, ...]:
    """The per-operation view of a service's changes, operations added and removed included."""
    changes = list(changes)
    added = [c.operation for c in changes if c.kind == "operation-added" and c.operation]
    removed = [c.operation for c in changes if c.kind == "operation-removed" and c.operation]
    # A page knows no renames: the site lists the new name as a new method.
    for change in changes:
        if change.kind == "operation-renamed":
            added.append(str(change.new))
            removed.append(str(change.old))
    return operation_notes(added, removed, changes)


def operation_notes(
    added: Iterable[str], removed: Iterable[str], changes: Iterable[Change]
) -> tuple[OperationNote, ...]:
    """New operations, then updated, then removed, each sorted by name.

    The site lists new methods in the order of a Python set, which no one can
    reproduce; sorted is the order we print.
    """
    changes = list(changes)
    new_names, removed_names = sorted(added), sorted(removed)
    skip = set(new_names) | set(removed_names)
    built = _Trees()
    service = changes[0].service if changes else None
    enum_values: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for change in changes:
        event = KINDS[change.kind].event
        if event not in _PRINTED or change.side is None:
            continue
        if event == "type-changed" and change.new in _UNPRINTED_TYPES:
            continue
        for affected in change.affects:
            if affected.operation in skip or affected.side not in (change.side, BOTH):
                continue
            tree = built.tree((affected.operation, change.side))
            for path in affected.paths:
                if "{key}" in path:
                    continue  # the site looks at a map's values only
                where = _path_names(path)
                if change.member is not None:
                    where += (change.member,)
                if not where:
                    continue
                if event == "enum-value-added":
                    key = (affected.operation, change.side, where)
                    enum_values.setdefault(key, []).append(change.new)
                    continue
                built.place(tree, where, _value(change), event in _WHOLE)
    for (operation, side, place), values in sorted(enum_values.items()):
        built.place(built.tree((operation, side)), place, set(values))
    trees = built.trees
    for (_, side), tree in trees.items():
        for name in _LEFT_OUT.get((service, side), ()):
            tree.pop(name, None)
    updated = sorted({operation for operation, _ in trees})
    notes = [OperationNote(name, NEW) for name in new_names]
    for name in updated:
        request = trees.get((name, REQUEST)) or None
        response = trees.get((name, "response")) or None
        if request is not None or response is not None:
            notes.append(OperationNote(name, UPDATED, request, response))
    notes.extend(OperationNote(name, REMOVED) for name in removed_names)
    return tuple(notes)
