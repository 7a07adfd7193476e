"""Shape changes: every pair of shapes that hold one place, compared, and renamed shapes.

Shapes are compared by name, plus the pairs that take a name's place: when a
member (or an operation's input or output) switches to a shape of another
name, the two shapes are compared as one place (``Context.pair``), and the
new name is where their changes are reported. The members, enum and
constraint evaluators each look at one aspect of a pair.
"""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.describe import has_stub_name
from codegen.diff.equality import renamed_shapes
from codegen.diff.evaluators import constraints, enums, members
from codegen.diff.evaluators.base import DOCS_EVENT, Context, Evaluator, Event, docs_changed
from codegen.diff.evaluators.members import retarget
from codegen.ir.model import Shape
from codegen.ir.serialize import to_json


def _shape_pair(ctx: Context, a: Shape, b: Shape) -> Iterator[Event]:
    """Every difference between two shapes that hold the same place."""
    name = b.name
    if a.kind != b.kind:
        yield Event(
            "type-changed",
            f"{name}: type changed from {a.kind} to {b.kind}",
            shape=name,
            old=a.kind,
            new=b.kind,
        )
        return
    yield from docs_changed(
        ctx, a.documentation, b.documentation, f"{name}: documentation changed", shape=name
    )
    if a.deprecated != b.deprecated and b.deprecated:
        yield Event(
            "member-deprecated", f"{name}: deprecated", shape=name, new=b.deprecated_message
        )
    yield from enums.enum(a, b)
    yield from constraints.constraints(a, b)
    yield from _traits(a, b)
    if b.type == "structure":
        yield from members.members(ctx, a, b)
    else:
        for x, y in zip(a.edges(), b.edges(), strict=False):
            if x.target != y.target:
                yield from retarget(ctx, x.target, y.target, f"{name}.{y.name}", name, None)


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


def _traits(a: Shape, b: Shape) -> Iterator[Event]:
    old = {f: to_json(getattr(a, f)) for f in _TRAIT_FIELDS if getattr(a, f) != getattr(b, f)}
    if old:
        new = {f: to_json(getattr(b, f)) for f in old}
        yield Event(
            "traits-changed",
            f"{b.name}: {', '.join(sorted(old))} changed",
            shape=b.name,
            old=old,
            new=new,
        )


def _shapes(ctx: Context) -> Iterator[Event]:
    old_shapes, new_shapes = ctx.old.shapes, ctx.new.shapes
    for name in old_shapes:
        b = new_shapes.get(name)
        if b is not None and b != old_shapes[name]:
            ctx.pair(name, name)
    while ctx.pairs:
        old_name, new_name = ctx.pairs.popleft()
        yield from _shape_pair(ctx, old_shapes[old_name], new_shapes[new_name])


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
