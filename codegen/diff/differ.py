"""IR x IR -> change set.

Small evaluators each look at one aspect of a service (its operations, one
pair of shapes, paginators, waiters, renamed shapes) and report *events*:
what happened and where, never how bad it is. ``_grade`` then looks every
event up in the taxonomy table (``kinds.py``) and propagates shape events to
the operations that reach them (``propagate.py``), splitting an event on a
shape that requests and responses share into one change per side, because
each side is graded on its own.

Shapes are compared by name, plus the pairs that take a name's place: when a
member (or an operation's input or output) switches to a shape of another
name, the two shapes are compared as one place, and the new name is where
their changes are reported.
"""

from __future__ import annotations

import marshal
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from codegen import workers
from codegen.diff.describe import has_stub_name, stub, type_label
from codegen.diff.equality import StructuralEquality, renamed_shapes
from codegen.diff.kinds import SIDED_EVENTS, kind_for
from codegen.diff.operations import notes_from_changes, operation_notes
from codegen.diff.propagate import Reach, on_side, sides_of
from codegen.ir.changes import (
    BOTH,
    NEW,
    REMOVED,
    RESPONSE,
    UPDATED,
    Affected,
    Change,
    ChangeSet,
    OperationNote,
    ServiceChanges,
)
from codegen.ir.model import Member, ModelSet, Operation, Service, Shape
from codegen.ir.serialize import to_json
from codegen.sources.botocore_data import BotocoreData, gc_paused

DOCS_EVENT = "documentation-changed"


class Event(NamedTuple):
    """What an evaluator saw, before grading."""

    event: str
    message: str
    operation: str | None = None
    shape: str | None = None
    member: str | None = None
    old: Any = None
    new: Any = None
    key: str | None = None  # extra part of the change id (an enum value, an error name)
    in_old: bool = False  # the place exists only in the old model: propagate there


class _Context:
    """One service pair being compared, with the answers evaluators share."""

    def __init__(self, old: Service, new: Service, include_docs: bool):
        self.old = old
        self.new = new
        self.include_docs = include_docs
        self.equal = StructuralEquality(old, new)
        self.pairs: deque[tuple[str, str]] = deque()
        self.paired: set[tuple[str, str]] = set()

    def pair(self, old_name: str, new_name: str) -> None:
        """Compare ``old_name`` with ``new_name`` as one place (once)."""
        if (old_name, new_name) not in self.paired:
            self.paired.add((old_name, new_name))
            self.pairs.append((old_name, new_name))


# --- evaluators -------------------------------------------------------------------------


def _docs(
    ctx: _Context, old: str | None, new: str | None, message: str, **place: Any
) -> Iterator[Event]:
    if ctx.include_docs and (old or "") != (new or ""):
        yield Event(DOCS_EVENT, message, old=old, new=new, **place)


def _operations(ctx: _Context) -> Iterator[Event]:
    old_ops, new_ops = ctx.old.operations, ctx.new.operations
    gone = sorted(old_ops.keys() - new_ops.keys())
    appeared = sorted(new_ops.keys() - old_ops.keys())
    renamed = _renamed_operations(ctx, gone, appeared)
    for old_name, new_name in renamed.items():
        old_method, new_method = old_ops[old_name].method_name, new_ops[new_name].method_name
        yield Event(
            "operation-renamed",
            f"{old_name}: renamed to {new_name} ({old_method} -> {new_method}),"
            " same input and output",
            operation=new_name,
            old=old_name,
            new=new_name,
        )
    for name in gone:
        if name not in renamed:
            yield Event("operation-removed", f"{name}: operation removed", operation=name)
    renamed_to = set(renamed.values())
    for name in appeared:
        if name not in renamed_to:
            yield Event("operation-added", f"{name}: operation added", operation=name)
    for name in sorted(old_ops.keys() & new_ops.keys()):
        a, b = old_ops[name], new_ops[name]
        if a != b:
            yield from _operation(ctx, a, b)


def _renamed_operations(ctx: _Context, gone: list[str], appeared: list[str]) -> dict[str, str]:
    """Removed operations whose one added twin takes and returns structurally equal shapes.

    An input with no members says nothing about identity, so such operations
    are never paired.
    """
    if not gone or not appeared:
        return {}

    def same(a: Member | None, b: Member | None) -> bool:
        if a is None or b is None:
            return a is b
        return ctx.equal(a.target, b.target)

    candidates: dict[str, list[str]] = {}
    for old_name in gone:
        a = ctx.old.operations[old_name]
        if a.input is None or not ctx.old.shapes[a.input.target].members:
            continue
        for new_name in appeared:
            b = ctx.new.operations[new_name]
            if same(a.input, b.input) and same(a.output, b.output):
                candidates.setdefault(old_name, []).append(new_name)
    chosen = [new for matches in candidates.values() if len(matches) == 1 for new in matches]
    return {
        old: matches[0]
        for old, matches in candidates.items()
        if len(matches) == 1 and chosen.count(matches[0]) == 1
    }


def _operation(ctx: _Context, a: Operation, b: Operation) -> Iterator[Event]:
    name = b.name
    if a.deprecated != b.deprecated:
        event = "operation-deprecated" if b.deprecated else "operation-undeprecated"
        yield Event(
            event,
            f"{name}: {'deprecated' if b.deprecated else 'no longer deprecated'}",
            operation=name,
            old=a.deprecated_message,
            new=b.deprecated_message,
        )
    for part in ("input", "output"):
        ref_a: Member | None = getattr(a, part)
        ref_b: Member | None = getattr(b, part)
        if ref_a is None and ref_b is not None:
            yield Event(
                f"{part}-added",
                f"{name}: now has {part} {ref_b.target}",
                operation=name,
                new=ref_b.target,
            )
        elif ref_a is not None and ref_b is None:
            yield Event(
                f"{part}-removed", f"{name}: no {part} any more", operation=name, old=ref_a.target
            )
        elif ref_a is not None and ref_b is not None and ref_a.target != ref_b.target:
            yield from _retarget(ctx, ref_a.target, ref_b.target, f"{name} {part}", None, None)
    for error in sorted(set(b.errors) - set(a.errors)):
        yield Event(
            "error-added", f"{name}: may raise {error}", operation=name, new=error, key=error
        )
    for error in sorted(set(a.errors) - set(b.errors)):
        yield Event(
            "error-removed",
            f"{name}: no longer raises {error}",
            operation=name,
            old=error,
            key=error,
        )
    if a.http != b.http:
        yield Event(
            "http-changed",
            f"{name}: HTTP binding changed",
            operation=name,
            old=dict(a.http),
            new=dict(b.http),
        )
    yield from _docs(
        ctx, a.documentation, b.documentation, f"{name}: documentation changed", operation=name
    )


def _retarget(
    ctx: _Context,
    old_target: str,
    new_target: str,
    where: str,
    shape: str | None,
    member: str | None,
) -> Iterator[Event]:
    """A member (or an operation's input/output) now points to a shape of another name."""
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
        ctx.pair(old_target, new_target)
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


_CONSTRAINTS = ("min", "max")


def _shape_pair(ctx: _Context, a: Shape, b: Shape) -> Iterator[Event]:
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
    yield from _docs(
        ctx, a.documentation, b.documentation, f"{name}: documentation changed", shape=name
    )
    if a.deprecated != b.deprecated and b.deprecated:
        yield Event(
            "member-deprecated", f"{name}: deprecated", shape=name, new=b.deprecated_message
        )
    yield from _enum(a, b)
    yield from _constraints(a, b)
    yield from _traits(a, b)
    if b.type == "structure":
        yield from _members(ctx, a, b)
    else:
        for x, y in zip(a.edges(), b.edges(), strict=False):
            if x.target != y.target:
                yield from _retarget(ctx, x.target, y.target, f"{name}.{y.name}", name, None)


def _enum(a: Shape, b: Shape) -> Iterator[Event]:
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


def _constraints(a: Shape, b: Shape) -> Iterator[Event]:
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
        verb = "tightened" if tighter else "loosened"
        yield Event(
            f"{field}-{verb}",
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


def _renamed_member(
    ctx: _Context, gone: list[Member], appeared: list[Member]
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


def _members(ctx: _Context, a: Shape, b: Shape) -> Iterator[Event]:
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
            new=new.name,
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
            yield from _retarget(ctx, old.target, m.target, where, name, m.name)
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
        yield from _docs(
            ctx,
            old.documentation,
            m.documentation,
            f"{where}: documentation changed",
            shape=name,
            member=m.name,
        )


def _shapes(ctx: _Context) -> Iterator[Event]:
    old_shapes, new_shapes = ctx.old.shapes, ctx.new.shapes
    for name in old_shapes:
        b = new_shapes.get(name)
        if b is not None and b != old_shapes[name]:
            ctx.pair(name, name)
    while ctx.pairs:
        old_name, new_name = ctx.pairs.popleft()
        yield from _shape_pair(ctx, old_shapes[old_name], new_shapes[new_name])


def _renames(ctx: _Context) -> Iterator[Event]:
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


def _paginators(ctx: _Context) -> Iterator[Event]:
    yield from _named_configs(ctx.old.paginators, ctx.new.paginators, "paginator", lambda p: p.name)


def _waiters(ctx: _Context) -> Iterator[Event]:
    yield from _named_configs(ctx.old.waiters, ctx.new.waiters, "waiter", lambda w: w.operation)


def _named_configs(old: Any, new: Any, what: str, operation_of: Any) -> Iterator[Event]:
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if a is None:
            event, message = f"{what}-added", "added"
        elif b is None:
            event, message = f"{what}-removed", "removed"
        else:
            event, message = f"{what}-changed", "changed"
        yield Event(
            event,
            f"{what} {name}: {message}",
            operation=operation_of(b or a),
            old=to_json(a) if a else None,
            new=to_json(b) if b else None,
            key=name,
        )


_EVALUATORS = (_operations, _shapes, _renames, _paginators, _waiters)


# --- grading ----------------------------------------------------------------------------


def _change_id(kind: str, service: str, event: Event) -> str:
    place = event.operation if event.shape is None else event.shape
    if place and event.member:
        place += f".{event.member}"
    return ":".join(part for part in (kind, service, place, event.key) if part)


def _grade(
    service: str, events: Iterable[Event], reach_new: Reach, reach_old: Reach
) -> list[Change]:
    changes: list[Change] = []
    for event in events:
        reach = reach_old if event.in_old else reach_new
        if event.shape is not None:
            affects = reach.of(event.shape)
        elif event.operation is not None:
            side = RESPONSE if event.event.startswith("error-") else BOTH
            affects = (Affected(event.operation, side),)
        else:
            affects = ()
        if event.event in SIDED_EVENTS:
            # Graded once per side it reaches; a shape no operation reaches concerns nobody.
            for side in sides_of(affects):
                kind = kind_for(event.event, side)
                changes.append(
                    _change(
                        service,
                        kind.id,
                        kind.severity,
                        kind.axes,
                        event,
                        reach.of_side(event.shape, side) if event.shape else on_side(affects, side),
                        side,
                    )
                )
        else:
            if event.shape is not None and not affects:
                continue
            kind = kind_for(event.event)
            changes.append(
                _change(service, kind.id, kind.severity, kind.axes, event, affects, None)
            )
    return changes


def _change(
    service: str,
    kind: str,
    severity: str,
    axes: tuple[str, ...],
    event: Event,
    affects: tuple[Affected, ...],
    side: str | None,
) -> Change:
    return Change(
        id=_change_id(kind, service, event),
        kind=kind,
        severity=severity,
        axes=axes,
        service=service,
        message=event.message,
        operation=event.operation,
        shape=event.shape,
        member=event.member,
        side=side,
        old=event.old,
        new=event.new,
        affects=affects,
    )


# --- public entry points ----------------------------------------------------------------


def diff_services(
    old: Service | None, new: Service | None, *, include_docs: bool = False
) -> ServiceChanges:
    """Every change between two versions of one service (either may be absent)."""
    if old is None and new is None:
        raise ValueError("diff_services needs at least one side")
    either = new if new is not None else old
    assert either is not None
    name = either.name
    if old is None or new is None:
        event = "service-added" if old is None else "service-removed"
        kind = kind_for(event)
        change = _change(
            name,
            kind.id,
            kind.severity,
            kind.axes,
            Event(event, f"{name}: service {event.split('-')[1]}"),
            (),
            None,
        )
        operations = sorted(either.operations) if old is None else []
        return ServiceChanges(
            name=either.full_name,
            service=name,
            status=NEW if old is None else REMOVED,
            old_api_version=old.api_version if old else None,
            new_api_version=new.api_version if new else None,
            operations=operation_notes(operations, (), ()),
            changes=(change,),
        )
    ctx = _Context(old, new, include_docs)
    events: list[Event] = []
    if old.api_version != new.api_version:
        events.append(
            Event(
                "api-version-changed",
                f"{name}: API version {old.api_version} -> {new.api_version}",
                old=old.api_version,
                new=new.api_version,
            )
        )
    events.extend(
        _docs(ctx, old.documentation, new.documentation, f"{name}: documentation changed")
    )
    for evaluate in _EVALUATORS:
        events.extend(evaluate(ctx))
    changes = _grade(name, events, Reach(new), Reach(old))
    return ServiceChanges(
        name=new.full_name,
        service=name,
        status=UPDATED,
        old_api_version=old.api_version,
        new_api_version=new.api_version,
        operations=notes_from_changes(changes),
        changes=tuple(changes),
    )


def diff_models(
    old: ModelSet,
    new: ModelSet,
    *,
    services: Iterable[str] | None = None,
    include_docs: bool = False,
) -> ChangeSet:
    """The change set between two model sets: every service in either, or those named.

    Services without changes are left out.
    """
    names = sorted(
        set(services) if services is not None else old.services.keys() | new.services.keys()
    )
    results = []
    for name in names:
        a, b = old.services.get(name), new.services.get(name)
        if a is None and b is None:
            continue
        if a is not None and b is not None and a == b:
            continue
        changed = diff_services(a, b, include_docs=include_docs)
        if changed.changes:
            results.append(changed)
    return ChangeSet(
        old=old.source,
        new=new.source,
        services=tuple(results),
        old_botocore_version=old.botocore_version,
        new_botocore_version=new.botocore_version,
    )


def diff_sources(
    old: BotocoreData,
    new: BotocoreData,
    *,
    services: Iterable[str] | None = None,
    include_docs: bool = False,
    jobs: int = 1,
    progress: Callable[[Iterable[ServiceChanges], int], Iterable[ServiceChanges]] | None = None,
) -> ChangeSet:
    """The change set between two model sources, loading only what may have changed.

    A service whose model files are byte-identical on both sides (same
    fingerprint) is skipped without building its IR. ``jobs`` worker
    processes share the rest (0: one per core; loading dominates, and it
    parallelises). ``progress`` wraps the stream of results with their count.
    """
    old_names, new_names = set(old.services()), set(new.services())
    if services is None:
        names = sorted(old_names | new_names)
    else:
        names = sorted(set(services))
        for name in names:
            if name not in old_names and name not in new_names:
                # Let the newer source say "unknown service", with its did-you-mean.
                new.fingerprint(name)
    todo = [
        name
        for name in names
        if name not in old_names or name not in new_names or not _same_files(old, new, name)
    ]
    results: Iterable[ServiceChanges] = _diff_each(
        old, new, todo, include_docs, jobs or os.cpu_count() or 1
    )
    if progress is not None:
        results = progress(results, len(todo))
    found = sorted((r for r in results if r.changes), key=lambda r: r.service or "")
    return ChangeSet(
        old=old.spec,
        new=new.spec,
        services=tuple(found),
        old_botocore_version=old.botocore_version,
        new_botocore_version=new.botocore_version,
    )


def _same_files(old: BotocoreData, new: BotocoreData, name: str) -> bool:
    """Whether the service's model files hold the same bytes on both sides.

    Files of different sizes cannot be equal, and a gzip file records its
    uncompressed size in its last four bytes, so most changed services are
    told apart without reading (or unpacking) a model; only same-sized files
    are hashed.
    """
    old_files, new_files = old.model_files(name), new.model_files(name)
    if [_plain_name(p) for p in old_files] != [_plain_name(p) for p in new_files]:
        return False
    if any(_plain_size(a) != _plain_size(b) for a, b in zip(old_files, new_files, strict=True)):
        return False
    return old.fingerprint(name) == new.fingerprint(name)


def _plain_name(path: str) -> str:
    return os.path.basename(path).removesuffix(".gz")


def _plain_size(path: str) -> int:
    if not path.endswith(".gz"):
        return os.path.getsize(path)
    with open(path, "rb") as fp:
        fp.seek(-4, os.SEEK_END)
        return int.from_bytes(fp.read(4), "little")  # ISIZE: the size mod 2**32


# Set in the parent just before worker processes fork, so they inherit the sources.
_WORK: tuple[BotocoreData, BotocoreData, bool] | None = None


def _diff_one(name: str) -> ServiceChanges:
    assert _WORK is not None
    old, new, include_docs = _WORK
    with gc_paused():
        a = old.load(name) if name in old.services() else None
        b = new.load(name) if name in new.services() else None
        return diff_services(a, b, include_docs=include_docs)


def _diff_packed(name: str) -> bytes:
    return _pack(_diff_one(name))


def _pack(found: ServiceChanges) -> bytes:
    """A worker's result as marshal bytes: twice as fast to read back as a pickle of records."""
    changes = tuple(
        (*change[:-1], tuple(tuple(a) for a in change.affects)) for change in found.changes
    )
    operations = tuple(tuple(op) for op in found.operations)
    data: Any = (tuple(found[:-2]), operations, changes)
    return marshal.dumps(data)


def _unpack(data: bytes) -> ServiceChanges:
    fields, operations, changes = marshal.loads(data)
    return ServiceChanges._make(
        (
            *fields,
            tuple(OperationNote._make(op) for op in operations),
            tuple(
                Change._make((*c[:-1], tuple(Affected._make(a) for a in c[-1]))) for c in changes
            ),
        )
    )


# Below this many services, starting workers costs more than it saves.
_PARALLEL_FROM = 16


def _diff_each(
    old: BotocoreData, new: BotocoreData, todo: list[str], include_docs: bool, jobs: int
) -> Iterator[ServiceChanges]:
    global _WORK
    _WORK = (old, new, include_docs)
    try:
        if jobs <= 1 or len(todo) < _PARALLEL_FROM:
            yield from map(_diff_one, todo)
            return
        # Biggest first, one at a time, so no worker is left with ec2 at the end.
        ordered = sorted(todo, key=lambda n: -_model_size(new if n in new.services() else old, n))
        for packed in workers.imap_unordered(_diff_packed, ordered, jobs):
            yield _unpack(packed)
    finally:
        _WORK = None


def _model_size(source: BotocoreData, name: str) -> int:
    return sum(os.path.getsize(path) for path in source.model_files(name))
