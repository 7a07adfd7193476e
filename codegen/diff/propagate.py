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

from collections.abc import Iterable

from codegen.ir.changes import BOTH, REQUEST, RESPONSE, Affected
from codegen.ir.model import Member, Service, Shape

# Paths into one shape from one operation's input or output beyond this many are
# left out (release notes print every path; real models stay far below it).
MAX_PATHS = 64
_ERROR = "error"


def _step(path: str, owner: Shape, edge: Member) -> str:
    if owner.type == "list":
        return f"{path}[]"
    if owner.type == "map":
        return f"{path}{{}}" if edge.name == "value" else f"{path}{{key}}"
    return f"{path}.{edge.name}" if path else edge.name


def _paths_from(service: Service, root: str, within: set[str], target: str) -> list[str]:
    """Every member path from ``root`` to ``target`` through ``within`` (up to MAX_PATHS).

    Every route counts, not only the first way to each shape on the way: a
    structure's two lists of one shape are two paths (``Add[]``, ``Remove[]``),
    and release notes print both. A path never passes a shape twice.
    """
    shapes = service.shapes
    found: list[str] = []
    # Depth first, children in model order; the stack holds (shape, path, shapes on the path).
    stack: list[tuple[str, str, frozenset[str]]] = [(root, "", frozenset({root}))]
    while stack and len(found) < MAX_PATHS:
        name, here, on_path = stack.pop()
        if name == target:
            found.append(here)
            continue
        shape = shapes[name]
        children = []
        for edge in shape.edges():
            child = edge.target
            if child in within and child not in on_path:
                children.append((child, _step(here, shape, edge), on_path | {child}))
        stack.extend(reversed(children))
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
        self._sided: dict[str, dict[str, tuple[Affected, ...]]] = {}

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
        if cached is None:
            cached = self._cache[shape] = self._reach(shape)
        return cached

    def of_side(self, shape: str, side: str) -> tuple[Affected, ...]:
        """The operations reaching ``shape`` on ``side``, with the paths from that side only.

        An operation that sends and receives a shape reaches it by other paths
        in its request than in its response; a change graded per side goes
        with that side's paths.
        """
        self.of(shape)
        return self._sided[shape].get(side, ())

    def _reach(self, shape: str) -> tuple[Affected, ...]:
        parents = self._index()
        above = {shape}
        stack = [shape]
        while stack:
            for parent in parents.get(stack.pop(), ()):
                if parent not in above:
                    above.add(parent)
                    stack.append(parent)
        found: dict[str, dict[str, list[str]]] = {}
        for root in sorted(above & self._roots.keys()):
            for operation, side in self._roots[root]:
                paths = found.setdefault(operation, {}).setdefault(
                    RESPONSE if side == _ERROR else side, []
                )
                if side == _ERROR:
                    continue
                for path in _paths_from(self.service, root, above, shape):
                    if path not in paths:
                        paths.append(path)
        result = []
        sided: dict[str, list[Affected]] = {}
        for operation, by_side in sorted(found.items()):
            for side, paths in by_side.items():
                sided.setdefault(side, []).append(Affected(operation, side, _ordered(paths)))
            merged = {p for paths in by_side.values() for p in paths}
            result.append(Affected(operation, _side(set(by_side)), _ordered(merged)))
        self._sided[shape] = {side: tuple(items) for side, items in sided.items()}
        return tuple(result)


def _ordered(paths: Iterable[str]) -> tuple[str, ...]:
    # Shortest paths first; the order never depends on set iteration.
    return tuple(sorted(paths, key=lambda p: (len(p), p)))


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
