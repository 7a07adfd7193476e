"""Enum changes: a string restricted to an enum or freed from one, values added or removed."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.evaluators.base import Event
from codegen.ir.model import Shape

# Every event of this module; shapes.SHAPES reports them.
EMITS = frozenset({"enum-added", "enum-removed", "enum-value-added", "enum-value-removed"})


def enum(a: Shape, b: Shape) -> Iterator[Event]:
    name = b.name
    if a.enum == b.enum:
        return
    if a.enum is None and b.enum is not None:
        yield Event(
            "enum-added",
            f"{name}: now an enum of {len(b.enum)} values",
            shape=name,
            new=list(b.enum),
        )
        return
    if a.enum is not None and b.enum is None:
        yield Event("enum-removed", f"{name}: no longer an enum", shape=name, old=list(a.enum))
        return
    old_values, new_values = set(a.enum or ()), set(b.enum or ())
    for value in b.enum or ():
        if value not in old_values:
            yield Event(
                "enum-value-added",
                f"{name}: enum value {value!r} added",
                shape=name,
                new=value,
                key=value,
            )
    for value in a.enum or ():
        if value not in new_values:
            yield Event(
                "enum-value-removed",
                f"{name}: enum value {value!r} removed",
                shape=name,
                old=value,
                key=value,
            )
