"""Changes to operations and shapes -> the boto3 resource parts that reach them.

A resource's actions, load, batch actions and collections each call one
operation, so a change that reaches an operation (``Change.affects``)
reaches them too, on the same side. A resource's attributes are the members
of its shape: a change to that shape's member, or to a shape below one of
its members, reaches the attribute behind that member (on the response side:
attributes are what a caller reads). Both models are asked, so that an
attribute a release adds (only in the new one) or removes (only in the old)
is found.
"""

from __future__ import annotations

from collections.abc import Iterable

from codegen.ir.changes import REQUEST, RESPONSE, Change, ResourceUse
from codegen.ir.model import Resource, Service

_ATTRIBUTE = "attribute"


class ResourceReach:
    """Which resource parts of one service reach an operation or a shape (built on first use)."""

    def __init__(self, service: Service):
        self.service = service
        self._calls: dict[str, list[tuple[str, str, str]]] | None = None
        self._below: dict[str, frozenset[str]] = {}

    def _resources(self) -> Iterable[tuple[str, Resource]]:
        model = self.service.resources
        if model is None:
            return ()
        return [("ServiceResource", model.service), *sorted(model.resources.items())]

    def _index(self) -> dict[str, list[tuple[str, str, str]]]:
        if self._calls is None:
            calls: dict[str, list[tuple[str, str, str]]] = {}
            for name, resource in self._resources():
                parts = [("load", resource.load)] if resource.load is not None else []
                parts += [("action", a) for a in resource.actions]
                parts += [("batch_action", a) for a in resource.batch_actions]
                parts += [("collection", a) for a in resource.collections]
                for kind, part in parts:
                    if part.request is not None:
                        calls.setdefault(part.request.operation, []).append(
                            (name, kind, part.python_name)
                        )
            self._calls = calls
        return self._calls

    def below(self, shape: str) -> frozenset[str]:
        """Every shape reachable from ``shape`` through its members (itself included)."""
        found = self._below.get(shape)
        if found is None:
            shapes = self.service.shapes
            seen = {shape}
            stack = [shape]
            while stack:
                current = shapes.get(stack.pop())
                for edge in current.edges() if current is not None else ():
                    if edge.target not in seen:
                        seen.add(edge.target)
                        stack.append(edge.target)
            found = self._below[shape] = frozenset(seen)
        return found

    def of(self, change: Change) -> set[ResourceUse]:
        """The resource parts ``change`` reaches in this service."""
        uses = set()
        calls = self._index()
        for affected in change.affects:
            for resource, kind, name in calls.get(affected.operation, ()):
                uses.add(ResourceUse(resource, kind, name, affected.side))
        if change.shape is not None and change.side != REQUEST:
            uses |= self._attributes(change.shape, change.member)
        return uses

    def _attributes(self, shape: str, member: str | None) -> set[ResourceUse]:
        uses = set()
        shapes = self.service.shapes
        for name, resource in self._resources():
            if resource.shape is None or resource.shape not in shapes:
                continue
            targets = {m.name: m.target for m in shapes[resource.shape].members}
            for attribute in resource.attributes:
                if resource.shape == shape:
                    hit = member is None or attribute.name == member
                else:
                    target = targets.get(attribute.name)
                    hit = target is not None and shape in self.below(target)
                if hit:
                    uses.add(ResourceUse(name, _ATTRIBUTE, attribute.python_name, RESPONSE))
        return uses


def with_resource_uses(changes: list[Change], reaches: tuple[ResourceReach, ...]) -> list[Change]:
    """Each change with the resource parts it reaches in any of ``reaches``, sorted."""
    if not any(reach.service.resources is not None for reach in reaches):
        return changes
    result = []
    for change in changes:
        found = set().union(*(reach.of(change) for reach in reaches))
        if found:
            change = change._replace(resource_uses=tuple(sorted(found)))
        result.append(change)
    return result
