"""Paginator and waiter changes: added, removed or changed, by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from codegen.diff.evaluators.base import Context, Evaluator, Event
from codegen.ir.serialize import to_json


def _paginators(ctx: Context) -> Iterator[Event]:
    yield from _named_configs(
        ctx.old.paginators,
        ctx.new.paginators,
        "paginator",
        ("paginator-added", "paginator-removed", "paginator-changed"),
        lambda p: p.name,
    )


def _waiters(ctx: Context) -> Iterator[Event]:
    yield from _named_configs(
        ctx.old.waiters,
        ctx.new.waiters,
        "waiter",
        ("waiter-added", "waiter-removed", "waiter-changed"),
        lambda w: w.operation,
    )


def _named_configs(
    old: Any, new: Any, what: str, events: tuple[str, str, str], operation_of: Any
) -> Iterator[Event]:
    """Paginators or waiters by name; ``events``: on one added, removed, changed."""
    added, removed, changed = events
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if a is None:
            event, message = added, "added"
        elif b is None:
            event, message = removed, "removed"
        else:
            event, message = changed, "changed"
        yield Event(
            event,
            f"{what} {name}: {message}",
            operation=operation_of(b or a),
            old=to_json(a) if a else None,
            new=to_json(b) if b else None,
            key=name,
        )


PAGINATORS = Evaluator(
    _paginators, frozenset({"paginator-added", "paginator-removed", "paginator-changed"})
)
WAITERS = Evaluator(_waiters, frozenset({"waiter-added", "waiter-removed", "waiter-changed"}))
