"""Constraint changes: ``min``/``max`` tightened or loosened, patterns added, removed, changed."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.evaluators.base import Event, Place
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


def constraints(a: Shape, b: Shape, at: Place) -> Iterator[Event]:
    """``b``'s bounds and pattern against ``a``'s, as seen ``at`` the place that holds them."""
    for field in _CONSTRAINTS:
        old, new = getattr(a, field), getattr(b, field)
        if old == new:
            continue
        # A lower bound is tighter when higher, an upper bound when lower; absent is loosest.
        if field == "min":
            tighter = (old or 0) < (new or 0)
        else:
            tighter = new is not None and (old is None or new < old)
        yield at.event(
            _BOUND_EVENTS[field, tighter],
            f"{field} {old} -> {new}",
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
        yield at.event(
            event,
            f"pattern {a.pattern!r} -> {b.pattern!r}",
            old=a.pattern,
            new=b.pattern,
        )
