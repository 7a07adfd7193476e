"""Operation changes: added, removed, renamed, deprecated, input/output, errors, HTTP binding."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.diff.evaluators.base import DOCS_EVENT, Context, Evaluator, Event, docs_changed
from codegen.diff.evaluators.members import retarget
from codegen.ir.model import Member, Operation


def _operations(ctx: Context) -> Iterator[Event]:
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


def _renamed_operations(ctx: Context, gone: list[str], appeared: list[str]) -> dict[str, str]:
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


# An operation's references, with the events of one that appears and one that goes.
_PARTS = (("input", "input-added", "input-removed"), ("output", "output-added", "output-removed"))


def _operation(ctx: Context, a: Operation, b: Operation) -> Iterator[Event]:
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
    for part, added, removed in _PARTS:
        ref_a: Member | None = getattr(a, part)
        ref_b: Member | None = getattr(b, part)
        if ref_a is None and ref_b is not None:
            yield Event(
                added,
                f"{name}: now has {part} {ref_b.target}",
                operation=name,
                new=ref_b.target,
            )
        elif ref_a is not None and ref_b is None:
            yield Event(removed, f"{name}: no {part} any more", operation=name, old=ref_a.target)
        elif ref_a is not None and ref_b is not None and ref_a.target != ref_b.target:
            yield from retarget(ctx, ref_a.target, ref_b.target, f"{name} {part}", None)
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
    yield from docs_changed(
        ctx, a.documentation, b.documentation, f"{name}: documentation changed", operation=name
    )


OPERATIONS = Evaluator(
    _operations,
    frozenset(
        {
            "operation-renamed",
            "operation-removed",
            "operation-added",
            "operation-deprecated",
            "operation-undeprecated",
            "input-added",
            "input-removed",
            "output-added",
            "output-removed",
            "error-added",
            "error-removed",
            "http-changed",
            DOCS_EVENT,
        }
    )
    # A changed input or output target is reported as a member's is.
    | {"type-changed", "shape-replaced"},
)
