"""Member changes: added, removed, renamed, required, moved, retargeted to another shape."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.describe import has_stub_name, stub, type_label
from codegen.diff.evaluators.base import DOCS_EVENT, Context, Event, Place, docs_changed
from codegen.ir.model import Member, Shape

# Every event of this module; shapes.SHAPES reports them.
EMITS = frozenset(
    {
        "member-renamed",
        "member-removed",
        "member-added-required",
        "member-added-optional",
        "member-became-required",
        "member-no-longer-required",
        "member-deprecated",
        "member-location-changed",
        "traits-changed",
        "type-changed",
        "shape-replaced",
        DOCS_EVENT,
    }
)


def retarget(
    ctx: Context, old_target: str, new_target: str, where: str, at: Place | None
) -> Iterator[Event]:
    """A member, list item or map key or value (``at``) now points to a shape of another name.

    ``at`` is None for an operation's input or output.
    """
    shape, member = (at.shape, at.member) if at is not None else (None, None)
    a, b = ctx.old.shapes[old_target], ctx.new.shapes[new_target]
    if a.kind != b.kind:
        yield Event(
            "type-changed",
            f"{where}: type changed from {type_label(ctx.old, old_target)}"
            f" to {type_label(ctx.new, new_target)}",
            shape=shape,
            member=member,
            old=type_label(ctx.old, old_target),
            new=type_label(ctx.new, new_target),
        )
        return
    equal = ctx.equal(old_target, new_target)
    if not equal:
        place = at or Place(new_target)
        ctx.pair(old_target, new_target, place._replace(switched=(old_target, new_target)))
    renamed = old_target not in ctx.new.shapes and new_target not in ctx.old.shapes
    if not (equal and renamed) and has_stub_name(b):
        # An equal rename is reported once, by the rename evaluator; anything else here.
        yield Event(
            "shape-replaced",
            f"{where}: now {new_target} (was {old_target})",
            shape=shape or new_target,
            member=member,
            old=old_target,
            new=new_target,
        )


def _renamed_member(
    ctx: Context, gone: list[Member], appeared: list[Member]
) -> tuple[Member, Member] | None:
    """The one member removed and the one added, when they are surely the same under a new name.

    Only then, and only when both are equally required and their types are
    structurally equal and either named in stubs (a structure or an enum) or
    spelled the same but for case: two plain strings swapped is as likely a
    new meaning as a rename, and codemods act on this.
    """
    if len(gone) != 1 or len(appeared) != 1:
        return None
    old, new = gone[0], appeared[0]
    if old.required != new.required or not ctx.equal(old.target, new.target):
        return None
    if has_stub_name(ctx.new.shapes[new.target]) or old.name.lower() == new.name.lower():
        return old, new
    return None


def members(ctx: Context, a: Shape, b: Shape) -> Iterator[Event]:
    name = b.name
    old_members = {m.name: m for m in a.members}
    new_members = {m.name: m for m in b.members}
    gone = [m for m in a.members if m.name not in new_members]
    appeared = [m for m in b.members if m.name not in old_members]
    renamed = _renamed_member(ctx, gone, appeared)
    if renamed is not None:
        old, new = renamed
        gone.remove(old)
        appeared.remove(new)
        yield Event(
            "member-renamed",
            f"{name}.{old.name}: renamed to {new.name} (same type)",
            shape=name,
            member=new.name,
            old=old.name,
            new=stub(ctx.new, new.target),  # what a release-notes page prints for it
        )
    for m in gone:
        yield Event(
            "member-removed",
            f"{name}.{m.name}: removed",
            shape=name,
            member=m.name,
            old=type_label(ctx.old, m.target),
            in_old=name not in ctx.new.shapes,
        )
    for m in appeared:
        event = "member-added-required" if m.required else "member-added-optional"
        what = "required" if m.required else "optional"
        yield Event(
            event,
            f"{name}.{m.name}: {what} member added",
            shape=name,
            member=m.name,
            new=stub(ctx.new, m.target),
        )
    for m in b.members:
        if m.name not in old_members:
            continue
        old = old_members[m.name]
        if old == m:
            continue
        where = f"{name}.{m.name}"
        if old.required != m.required:
            event = "member-became-required" if m.required else "member-no-longer-required"
            yield Event(
                event,
                f"{where}: {'now' if m.required else 'no longer'} required",
                shape=name,
                member=m.name,
                old=old.required,
                new=m.required,
            )
        if old.target != m.target:
            yield from retarget(ctx, old.target, m.target, where, Place(name, m.name))
        if old.deprecated != m.deprecated and m.deprecated:
            yield Event(
                "member-deprecated",
                f"{where}: deprecated",
                shape=name,
                member=m.name,
                new=m.deprecated_message,
            )
        if (old.location, old.location_name) != (m.location, m.location_name):
            yield Event(
                "member-location-changed",
                f"{where}: serialized elsewhere",
                shape=name,
                member=m.name,
                old=[old.location, old.location_name],
                new=[m.location, m.location_name],
            )
        if old.traits != m.traits or old.idempotency_token != m.idempotency_token:
            yield Event(
                "traits-changed",
                f"{where}: member traits changed",
                shape=name,
                member=m.name,
                old={**old.traits, "idempotencyToken": old.idempotency_token},
                new={**m.traits, "idempotencyToken": m.idempotency_token},
            )
        yield from docs_changed(
            ctx,
            old.documentation,
            m.documentation,
            f"{where}: documentation changed",
            shape=name,
            member=m.name,
        )
