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
_ERROR = "error"


def _step(path: str, owner: Shape, edge: Member) -> str:
    if owner.type == "list":
        return f"{path}[]"
    if owner.type == "map":
        return f"{path}{{}}" if edge.name == "value" else f"{path}{{key}}"
    return f"{path}.{edge.name}" if path else edge.name


def _paths_from(service: Service, root: str, within: set[str], target: str) -> list[str]:
    """Up to MAX_PATHS member paths from ``root`` to ``target``, walking only ``within``."""
    shapes = service.shapes
    first: dict[str, str] = {root: ""}
    found = [""] if root == target else []
    queue = deque([root])
    while queue and len(found) < MAX_PATHS:
        name = queue.popleft()
        shape = shapes[name]
        here = first[name]
        for edge in shape.edges():
            child = edge.target
            if child not in within:
                continue
            step = _step(here, shape, edge)
            if child == target and step not in found and len(found) < MAX_PATHS:
                found.append(step)
            if child not in first:
                first[child] = step
                queue.append(child)
    return found


class Reach:
    """Which operations reach a shape in one service.

    Walks up from the shape through the shapes that refer to it (built once
    per service, on first use) to the operations' inputs, outputs and errors,
    then down again from each of those, inside what was found on the way up,
    for the paths. Only changed shapes are ever asked about, so this costs far
    less than walking every operation down.
    """

    def __init__(self, service: Service):
        self.service = service
        self._parents: dict[str, list[str]] | None = None
        self._roots: dict[str, list[tuple[str, str]]] = {}
        self._cache: dict[str, tuple[Affected, ...]] = {}

    def _index(self) -> dict[str, list[str]]:
        if self._parents is None:
            parents: dict[str, list[str]] = {}
            for shape in self.service.shapes.values():
                for edge in shape.edges():
                    parents.setdefault(edge.target, []).append(shape.name)
            roots = self._roots
            for operation in self.service.operations.values():
                if operation.input is not None:
                    roots.setdefault(operation.input.target, []).append((operation.name, REQUEST))
                if operation.output is not None:
                    roots.setdefault(operation.output.target, []).append((operation.name, RESPONSE))
                for error in operation.errors:
                    roots.setdefault(error, []).append((operation.name, _ERROR))
            self._parents = parents
        return self._parents

    def of(self, shape: str) -> tuple[Affected, ...]:
        """The operations reaching ``shape``, by name, each marked request, response or both."""
        cached = self._cache.get(shape)
        if cached is not None:
            return cached
        parents = self._index()
        above = {shape}
        stack = [shape]
        while stack:
            for parent in parents.get(stack.pop(), ()):
                if parent not in above:
                    above.add(parent)
                    stack.append(parent)
        found: dict[str, tuple[set[str], list[str]]] = {}
        for root in sorted(above & self._roots.keys()):
            for operation, side in self._roots[root]:
                sides, paths = found.setdefault(operation, (set(), []))
                if side == _ERROR:
                    sides.add(RESPONSE)
                    continue
                sides.add(side)
                for path in _paths_from(self.service, root, above, shape):
                    if path not in paths:
                        paths.append(path)
        result = tuple(
            # Shortest paths first; the order never depends on set iteration.
            Affected(operation, _side(sides), tuple(sorted(paths, key=lambda p: (len(p), p))))
            for operation, (sides, paths) in sorted(found.items())
        )
        self._cache[shape] = result
        return result


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
