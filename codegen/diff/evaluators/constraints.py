"""Constraint changes: ``min``/``max`` tightened or loosened, patterns added, removed, changed."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.evaluators.base import Event
from codegen.ir.model import Shape

# Every event of this module; shapes.SHAPES reports them.
EMITS = frozenset(
    {
        "min-tightened",
        "min-loosened",
        "max-tightened",
        "max-loosened",
        "pattern-added",
        "pattern-removed",
        "pattern-changed",
    }
)

_CONSTRAINTS = ("min", "max")
_BOUND_EVENTS = {
    ("min", True): "min-tightened",
    ("min", False): "min-loosened",
    ("max", True): "max-tightened",
    ("max", False): "max-loosened",
}


def constraints(a: Shape, b: Shape) -> Iterator[Event]:
    name = b.name
    for field in _CONSTRAINTS:
        old, new = getattr(a, field), getattr(b, field)
        if old == new:
            continue
        # A lower bound is tighter when higher, an upper bound when lower; absent is loosest.
        if field == "min":
            tighter = (old or 0) < (new or 0)
        else:
            tighter = new is not None and (old is None or new < old)
        yield Event(
            _BOUND_EVENTS[field, tighter],
            f"{name}: {field} {old} -> {new}",
            shape=name,
            old=old,
            new=new,
            key=field,
        )
    if a.pattern != b.pattern:
        if a.pattern is None:
            event = "pattern-added"
        elif b.pattern is None:
            event = "pattern-removed"
        else:
            event = "pattern-changed"
        yield Event(
            event,
            f"{name}: pattern {a.pattern!r} -> {b.pattern!r}",
            shape=name,
            old=a.pattern,
            new=b.pattern,
        )
