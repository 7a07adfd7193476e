"""Enum changes: a string restricted to an enum or freed from one, values added or removed."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.evaluators.base import Event, Place
from codegen.ir.model import Shape

# Every event of this module; shapes.SHAPES reports them.
EMITS = frozenset({"enum-added", "enum-removed", "enum-value-added", "enum-value-removed"})


def enum(a: Shape, b: Shape, at: Place) -> Iterator[Event]:
    """``b``'s values against ``a``'s, as seen ``at`` the place that holds them."""
    if a.enum == b.enum:
        return
    if a.enum is None and b.enum is not None:
        yield at.event("enum-added", f"now an enum of {len(b.enum)} values", new=list(b.enum))
        return
    if a.enum is not None and b.enum is None:
        yield at.event("enum-removed", "no longer an enum", old=list(a.enum))
        return
    old_values, new_values = set(a.enum or ()), set(b.enum or ())
    for value in b.enum or ():
        if value not in old_values:
            yield at.event("enum-value-added", f"enum value {value!r} added", new=value, key=value)
    for value in a.enum or ():
        if value not in new_values:
            yield at.event(
                "enum-value-removed", f"enum value {value!r} removed", old=value, key=value
            )
