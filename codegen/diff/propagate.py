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
# left out. Release notes print every path, and real models hold many: quicksight
# 1.43.11 reaches ThousandSeparatorOptions from UpdateTemplate by 1,661; the limit guards
# against a model whose paths multiply without end.
MAX_PATHS = 4096
_ERROR = "error"


def edge_token(owner: Shape, edge: Member) -> str:
    """One step of a member path: a member's name, ``[]`` into a list, ``{}``/``{key}`` a map."""
    if owner.type == "list":
        return "[]"
    if owner.type == "map":
        return "{}" if edge.name == "value" else "{key}"
    return edge.name


def _joined(tokens: tuple[str, ...]) -> str:
    path = ""
    for token in tokens:
        if token in ("[]", "{}", "{key}"):
            path += token
        else:
            path = f"{path}.{token}" if path else token
    return path


class _PathsTo:
    """Every member path from a shape in ``within`` down to ``target`` (up to MAX_PATHS each).

    Every route counts, not only the first way to each shape on the way: a
    structure's two lists of one shape are two paths (``Add[]``, ``Remove[]``),
    and release notes print both. A path never passes a shape twice. The
    paths below a shape are worked out once and shared by every operation
    whose input or output leads through it (quicksight's visuals reach one
    shape by thousands of routes), except where a path was cut short because
    it came back to a shape above: those depend on the way in.
    """

    def __init__(self, service: Service, within: set[str], target: str):
        self.shapes = service.shapes
        self.within = within
        self.known: dict[str, list[tuple[str, ...]]] = {target: [()]}
        self.open: set[str] = set()

    def paths(self, root: str) -> list[str]:
        return [_joined(tokens) for tokens in self._below(root)[0]]

    def _below(self, name: str) -> tuple[list[tuple[str, ...]], bool]:
        known = self.known.get(name)
        if known is not None:
            return known, False
        self.open.add(name)
        shape = self.shapes[name]
        found: list[tuple[str, ...]] = []
        cut = False
        for edge in shape.edges():
            child = edge.target
            if child not in self.within:
                continue
            if child in self.open:
                cut = True
                continue
            below, child_cut = self._below(child)
            cut = cut or child_cut
            token = edge_token(shape, edge)
            found.extend((token, *rest) for rest in below[: MAX_PATHS - len(found)])
            if len(found) >= MAX_PATHS:
                break
        self.open.discard(name)
        if not cut:
            self.known[name] = found
        return found, cut


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
        # Sets: paths are ordered at the end, and one shape may be met by thousands.
        found: dict[str, dict[str, set[str]]] = {}
        paths_to = _PathsTo(self.service, above, shape)
        for root in sorted(above & self._roots.keys()):
            from_root: list[str] | None = None
            for operation, side in self._roots[root]:
                paths = found.setdefault(operation, {}).setdefault(
                    RESPONSE if side == _ERROR else side, set()
                )
                if side == _ERROR:
                    continue
                if from_root is None:
                    from_root = paths_to.paths(root)
                paths.update(from_root)
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


def through(affects: tuple[Affected, ...], token: str) -> tuple[Affected, ...]:
    """``affects`` with each path taken one step further: into a list's item or a map's value."""
    return tuple(a._replace(paths=tuple(p + token for p in a.paths)) for a in affects)


def on_side(affects: tuple[Affected, ...], side: str) -> tuple[Affected, ...]:
    """The operations among ``affects`` that reach the shape on ``side`` (both counts for each)."""
    return tuple(a for a in affects if a.side in (side, BOTH))


def sides_of(affects: tuple[Affected, ...]) -> list[str]:
    """The sides a shape is reached on, request first."""
    found = {a.side for a in affects}
    return [s for s in (REQUEST, RESPONSE) if s in found or BOTH in found]
