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
    via: str | None = None  # from ``shape`` into its list's item ``[]``, map's value ``{}``/key


class Place(NamedTuple):
    """Where the changes a shape pair holds in itself (enum, constraints, traits) are reported.

    A shape compared with its namesake reports at its own name. A member that
    switched to a shape of another name reports at the member: its callers
    see the new target compared with the old one, and the other users of
    either shape see nothing (sagemaker 1.29.105 -> 1.43.11:
    ``RealTimeInferenceConfig.InstanceType`` moved from ``InstanceType`` to
    ``ProductionVariantInstanceType``, which already held most of its values).
    A list's item or a map's value that switched reports at the list or map,
    ``via`` its item. An operation's input or output that switched reports at
    the new target, as nothing else holds that place.
    """

    shape: str
    member: str | None = None
    via: str | None = None
    switched: tuple[str, str] | None = None  # (old target, new target) where a reference moved

    def event(self, event: str, text: str, **fields: Any) -> Event:
        """An event at this place; where a reference moved, its key names the old target.

        The key keeps the pair's changes apart from the member's own (its
        traits, its documentation) and from those of another old target
        moved to the same place.
        """
        label = self.shape + (f".{self.member}" if self.member else "") + (self.via or "")
        if self.switched is not None:
            label += f" ({self.switched[0]} -> {self.switched[1]})"
            fields["key"] = fields.get("key") or self.switched[0]
        return Event(
            event,
            f"{label}: {text}",
            shape=self.shape,
            member=self.member,
            via=self.via,
            **fields,
        )


class Context:
    """One service pair being compared, with the answers evaluators share.

    ``pairs`` is the queue of shapes still to compare as one place, with the
    place their own changes are reported at: the shape evaluator drains it,
    and the operation and member evaluators add to it when a reference
    switches to a shape of another name.
    """

    def __init__(self, old: Service, new: Service, include_docs: bool):
        self.old = old
        self.new = new
        self.include_docs = include_docs
        self.equal = StructuralEquality(old, new)
        self.pairs: deque[tuple[str, str, Place]] = deque()
        self.paired: set[tuple[str, str, Place]] = set()

    def pair(self, old_name: str, new_name: str, at: Place) -> None:
        """Compare ``old_name`` with ``new_name`` as one place, ``at`` (once for each place)."""
        if (old_name, new_name, at) not in self.paired:
            self.paired.add((old_name, new_name, at))
            self.pairs.append((old_name, new_name, at))


class Evaluator(NamedTuple):
    """One family of change kinds: the function that reports them and every event it can report.

    ``emits`` is checked against the taxonomy table by the tests, so that no
    event reaches grading without its row in ``codegen.diff.kinds``.
    """

    evaluate: Callable[[Context], Iterator[Event]]
    emits: frozenset[str]


def docs_differ(ctx: Context, old: str | None, new: str | None) -> bool:
    """Whether documentation is compared, and differs."""
    return ctx.include_docs and (old or "") != (new or "")


def docs_changed(
    ctx: Context, old: str | None, new: str | None, message: str, **place: Any
) -> Iterator[Event]:
    """A documentation-changed event, when documentation is compared and differs."""
    if docs_differ(ctx, old, new):
        yield Event(DOCS_EVENT, message, old=old, new=new, **place)
