"""IR x IR -> change set: the evaluators' events, graded.

The evaluators (``codegen.diff.evaluators``) each look at one aspect of a
service and report *events*: what happened and where, never how bad it is.
``_grade`` then looks every event up in the taxonomy table (``kinds.py``) and
propagates shape events to the operations that reach them (``propagate.py``),
splitting an event on a shape that requests and responses share into one
change per side, because each side is graded on its own.

Comparing whole model sources, over worker processes, is ``transport.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from codegen.diff.evaluators import EVALUATORS, Context, Event, presence
from codegen.diff.kinds import SIDED_EVENTS, kind_for
from codegen.diff.operations import notes_from_changes, operation_notes
from codegen.diff.propagate import Reach, on_side, sides_of, through
from codegen.diff.resource_reach import ResourceReach, with_resource_uses
from codegen.ir.changes import (
    BOTH,
    NEW,
    REMOVED,
    RESPONSE,
    UPDATED,
    Affected,
    Change,
    ChangeSet,
    ServiceChanges,
)
from codegen.ir.model import ModelSet, Service


def _change_id(kind: str, service: str, event: Event) -> str:
    place = event.resource or (event.operation if event.shape is None else event.shape)
    if place and event.member:
        place += f".{event.member}"
    if place and event.via:
        place += event.via
    return ":".join(part for part in (kind, service, place, event.key) if part)


def _through(affects: tuple[Affected, ...], event: Event) -> tuple[Affected, ...]:
    # An event on a list's item or a map's value: the paths lead into it.
    return through(affects, event.via) if event.via else affects


def _grade(
    service: str, events: Iterable[Event], reach_new: Reach, reach_old: Reach
) -> list[Change]:
    changes: list[Change] = []
    for event in events:
        reach = reach_old if event.in_old else reach_new
        affects: tuple[Affected, ...]
        if event.resource is not None:
            affects = ()
        elif event.shape is not None:
            affects = _through(reach.of(event.shape), event)
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
                        _through(reach.of_side(event.shape, side), event)
                        if event.shape
                        else on_side(affects, side),
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
        resource=event.resource,
        affects=affects,
    )


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
        operations = sorted(either.operations) if old is None else []
        return ServiceChanges(
            name=either.full_name,
            service=name,
            status=NEW if old is None else REMOVED,
            old_api_version=old.api_version if old else None,
            new_api_version=new.api_version if new else None,
            operations=operation_notes(operations, (), ()),
            changes=tuple(_grade(name, [presence(old, new)], Reach(either), Reach(either))),
        )
    ctx = Context(old, new, include_docs)
    events = [event for evaluator in EVALUATORS for event in evaluator.evaluate(ctx)]
    changes = _grade(name, events, Reach(new), Reach(old))
    changes = with_resource_uses(changes, (ResourceReach(new), ResourceReach(old)))
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
