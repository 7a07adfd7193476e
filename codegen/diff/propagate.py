"""Shape changes -> the operations whose input or output reaches them.

A change to a shape matters to every operation that sends or receives it,
anywhere down its input or output; seed 001's "5 updated api methods" are
the one request and four responses that reach two changed shapes. Each
operation is marked request, response or both, with the member paths that
lead from its input or output to the shape (``Grants[].Options``).

Exceptions an operation raises count as its response (their members are what
the caller reads from the error), without paths.
"""

from __future__ import annotations

from collections import deque

from codegen.ir.changes import BOTH, REQUEST, RESPONSE, Affected
from codegen.ir.model import Member, Service, Shape

# More paths than this into one shape from one operation say nothing new.
MAX_PATHS = 4


def _step(path: str, owner: Shape, edge: Member) -> str:
    if owner.type == "list":
        return f"{path}[]"
    if owner.type == "map":
        return f"{path}{{}}" if edge.name == "value" else f"{path}{{key}}"
    return f"{path}.{edge.name}" if path else edge.name


def _paths_from(service: Service, root: str) -> dict[str, list[str]]:
    """Every shape reachable from ``root``, with up to MAX_PATHS member paths to it."""
    shapes = service.shapes
    paths: dict[str, list[str]] = {root: [""]}
    queue = deque([root])
    while queue:
        name = queue.popleft()
        shape = shapes[name]
        here = paths[name][0]
        for edge in shape.edges():
            target = edge.target
            step = _step(here, shape, edge)
            known = paths.get(target)
            if known is None:
                paths[target] = [step]
                queue.append(target)
            elif len(known) < MAX_PATHS and step not in known:
                known.append(step)
    return paths


class Reach:
    """Which operations reach which shapes in one service, computed once on first use."""

    def __init__(self, service: Service):
        self.service = service
        self._index: dict[str, dict[str, tuple[set[str], list[str]]]] | None = None

    def _build(self) -> dict[str, dict[str, tuple[set[str], list[str]]]]:
        index: dict[str, dict[str, tuple[set[str], list[str]]]] = {}
        service = self.service
        for operation in service.operations.values():
            roots = [(REQUEST, operation.input), (RESPONSE, operation.output)]
            for side, ref in roots:
                if ref is None:
                    continue
                for shape, paths in _paths_from(service, ref.target).items():
                    sides, known = index.setdefault(shape, {}).setdefault(
                        operation.name, (set(), [])
                    )
                    sides.add(side)
                    known.extend(p for p in paths if p not in known)
            for error in operation.errors:
                for shape in _paths_from(service, error):
                    index.setdefault(shape, {}).setdefault(operation.name, (set(), []))[0].add(
                        RESPONSE
                    )
        return index

    def of(self, shape: str) -> tuple[Affected, ...]:
        """The operations reaching ``shape``, by name, each marked request, response or both."""
        if self._index is None:
            self._index = self._build()
        found = self._index.get(shape, {})
        return tuple(
            Affected(operation, _side(sides), tuple(paths))
            for operation, (sides, paths) in sorted(found.items())
        )


def _side(sides: set[str]) -> str:
    if len(sides) == 2:
        return BOTH
    return next(iter(sides))


def on_side(affects: tuple[Affected, ...], side: str) -> tuple[Affected, ...]:
    """The operations among ``affects`` that reach the shape on ``side`` (both counts for each)."""
    return tuple(a for a in affects if a.side in (side, BOTH))


def sides_of(affects: tuple[Affected, ...]) -> list[str]:
    """The sides a shape is reached on, request first."""
    found = {a.side for a in affects}
    return [s for s in (REQUEST, RESPONSE) if s in found or BOTH in found]
