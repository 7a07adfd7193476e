"""Service-level changes: a service added or removed, its API version, its documentation."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.evaluators.base import DOCS_EVENT, Context, Evaluator, Event, docs_changed
from codegen.ir.model import Service


def presence(old: Service | None, new: Service | None) -> Event:
    """The one event of a service that exists on one side only."""
    either = new if new is not None else old
    assert either is not None
    if old is None:
        return Event("service-added", f"{either.name}: service added")
    return Event("service-removed", f"{either.name}: service removed")


def _service(ctx: Context) -> Iterator[Event]:
    old, new = ctx.old, ctx.new
    name = new.name
    if old.api_version != new.api_version:
        yield Event(
            "api-version-changed",
            f"{name}: API version {old.api_version} -> {new.api_version}",
            old=old.api_version,
            new=new.api_version,
        )
    yield from docs_changed(
        ctx, old.documentation, new.documentation, f"{name}: documentation changed"
    )


SERVICE = Evaluator(_service, frozenset({"api-version-changed", DOCS_EVENT}))
PRESENCE_EVENTS = frozenset({"service-added", "service-removed"})
