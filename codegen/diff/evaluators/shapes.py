"""Shape changes: every pair of shapes that hold one place, compared, and renamed shapes.

Shapes are compared by name, plus the pairs that take a name's place: when a
member (or an operation's input or output) switches to a shape of another
name, the two shapes are compared as one place (``Context.pair``). What the
two differ in themselves (enum values, constraints, traits) is reported at
the place that switched (``Place``), since only its callers see it; what
they differ in below (a structure's members) on the new shape's name. The
members, enum and constraint evaluators each look at one aspect of a pair.
"""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.describe import has_stub_name
from codegen.diff.equality import renamed_shapes
from codegen.diff.evaluators import constraints, enums, members
from codegen.diff.evaluators.base import (
    DOCS_EVENT,
    Context,
    Evaluator,
    Event,
    Place,
    docs_differ,
)
from codegen.diff.evaluators.members import retarget
from codegen.diff.propagate import edge_token
from codegen.ir.model import Shape
from codegen.ir.serialize import to_json


def _own(ctx: Context, a: Shape, b: Shape, at: Place) -> Iterator[Event]:
    """The differences two shapes that hold one place have in themselves, reported ``at`` it."""
    if a.kind != b.kind:
        yield at.event(
            "type-changed", f"type changed from {a.kind} to {b.kind}", old=a.kind, new=b.kind
        )
        return
    if docs_differ(ctx, a.documentation, b.documentation):
        yield at.event(
            DOCS_EVENT, "documentation changed", old=a.documentation, new=b.documentation
        )
    if a.deprecated != b.deprecated and b.deprecated:
        yield at.event("member-deprecated", "deprecated", new=b.deprecated_message)
    yield from enums.enum(a, b, at)
    yield from constraints.constraints(a, b, at)
    yield from _traits(a, b, at)


def _inside(ctx: Context, a: Shape, b: Shape) -> Iterator[Event]:
    """The differences below two shapes of one kind: members, a list's item, a map's key and value.

    A structure's members are reported on the new shape's name, once for the
    pair, wherever it was met.
    """
    name = b.name
    if b.type == "structure":
        yield from members.members(ctx, a, b)
        return
    for x, y in zip(a.edges(), b.edges(), strict=False):
        if x.target != y.target:
            where = Place(name, via=edge_token(b, y))
            yield from retarget(ctx, x.target, y.target, f"{name}.{y.name}", where)


# Shape fields compared by the evaluators above; any other difference is a trait change.
_COMPARED = frozenset(
    {
        "name",
        "type",
        "documentation",
        "members",
        "member",
        "key",
        "value",
        "enum",
        "min",
        "max",
        "pattern",
        "deprecated",
        "deprecated_message",
        "document",
        "union",
    }
)
_TRAIT_FIELDS = tuple(f for f in Shape._fields if f not in _COMPARED)


def _traits(a: Shape, b: Shape, at: Place) -> Iterator[Event]:
    old = {f: to_json(getattr(a, f)) for f in _TRAIT_FIELDS if getattr(a, f) != getattr(b, f)}
    if old:
        new = {f: to_json(getattr(b, f)) for f in old}
        yield at.event("traits-changed", f"{', '.join(sorted(old))} changed", old=old, new=new)


def _shapes(ctx: Context) -> Iterator[Event]:
    old_shapes, new_shapes = ctx.old.shapes, ctx.new.shapes
    for name in old_shapes:
        b = new_shapes.get(name)
        if b is not None and b != old_shapes[name]:
            ctx.pair(name, name, Place(name))
    inside_done: set[tuple[str, str]] = set()
    while ctx.pairs:
        old_name, new_name, at = ctx.pairs.popleft()
        a, b = old_shapes[old_name], new_shapes[new_name]
        yield from _own(ctx, a, b, at)
        if a.kind == b.kind and (old_name, new_name) not in inside_done:
            inside_done.add((old_name, new_name))
            yield from _inside(ctx, a, b)


def _renames(ctx: Context) -> Iterator[Event]:
    for old_name, new_name in sorted(renamed_shapes(ctx.old, ctx.new, ctx.equal).items()):
        if not has_stub_name(ctx.new.shapes[new_name]):
            continue  # botocore never shows the name of a list, map or plain scalar
        yield Event(
            "shape-renamed",
            f"{old_name}: renamed to {new_name} (structurally equal)",
            shape=new_name,
            old=old_name,
            new=new_name,
        )


SHAPES = Evaluator(
    _shapes,
    frozenset({"type-changed", "member-deprecated", "traits-changed", DOCS_EVENT})
    | members.EMITS
    | enums.EMITS
    | constraints.EMITS,
)
RENAMES = Evaluator(_renames, frozenset({"shape-renamed"}))
