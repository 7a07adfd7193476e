"""What every evaluator works with: the service pair it compares and the events it reports."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from codegen.diff.equality import StructuralEquality
from codegen.ir.model import Service

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
    resource: str | None = None  # a boto3 resource (its changes reach no operation)


class Context:
    """One service pair being compared, with the answers evaluators share.

    ``pairs`` is the queue of shapes still to compare as one place: the shape
    evaluator drains it, and the operation and member evaluators add to it when
    a reference switches to a shape of another name.
    """

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


class Evaluator(NamedTuple):
    """One family of change kinds: the function that reports them and every event it can report.

    ``emits`` is checked against the taxonomy table by the tests, so that no
    event reaches grading without its row in ``codegen.diff.kinds``.
    """

    evaluate: Callable[[Context], Iterator[Event]]
    emits: frozenset[str]


def docs_changed(
    ctx: Context, old: str | None, new: str | None, message: str, **place: Any
) -> Iterator[Event]:
    """A documentation-changed event, when documentation is compared and differs."""
    if ctx.include_docs and (old or "") != (new or ""):
        yield Event(DOCS_EVENT, message, old=old, new=new, **place)
