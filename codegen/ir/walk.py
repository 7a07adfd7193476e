"""Recursion-safe traversal of the shape graph.

Real models are recursive (dynamodb's AttributeValue holds lists and maps of
itself), so every walk here keeps a visited set and uses an explicit stack.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from codegen.ir.model import Operation, Service

INPUT = "input"
OUTPUT = "output"


def reachable(service: Service, roots: Iterable[str]) -> list[str]:
    """Every shape reachable from ``roots`` (themselves included), each once, depth first."""
    shapes = service.shapes
    seen: set[str] = set()
    order: list[str] = []
    stack = list(reversed(list(roots)))
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        order.append(name)
        stack.extend(edge.target for edge in reversed(shapes[name].edges()))
    return order


def operation_roots(operation: Operation, side: str) -> list[str]:
    ref = operation.input if side == INPUT else operation.output
    return [ref.target] if ref is not None else []


def operation_shapes(service: Service, operation: Operation, side: str) -> list[str]:
    """The shapes an operation's input or output reaches."""
    return reachable(service, operation_roots(operation, side))


def operations_reaching(service: Service) -> dict[str, set[tuple[str, str]]]:
    """For each shape, the (operation, side) pairs whose input or output reaches it."""
    result: dict[str, set[tuple[str, str]]] = {}
    for operation in service.operations.values():
        for side in (INPUT, OUTPUT):
            for shape in operation_shapes(service, operation, side):
                result.setdefault(shape, set()).add((operation.name, side))
    return result


def recursive_shapes(service: Service) -> frozenset[str]:
    """The shapes that lie on a cycle (they can reach themselves).

    Tarjan's strongly connected components, iterative so that deep models do
    not hit Python's recursion limit, over the shapes that refer to others:
    the rest (strings, numbers, most of a model) cannot be on a cycle.
    """
    shapes = service.shapes
    refers = {name: shape.edges() for name, shape in shapes.items()}
    graph = {
        name: [m.target for m in edges if refers[m.target]]
        for name, edges in refers.items()
        if edges
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: set[str] = set()
    counter = 0

    for start in graph:
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = []
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        work.append((start, iter(graph[start])))
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    result.update(component)
    return frozenset(result)


def deepest_chain(service: Service, root: str) -> list[str]:
    """The longest chain of member names below ``root`` that enters no shape twice.

    Iterative (a model may nest thousands deep); edges back into a shape on
    the chain are left out, as documentation stops at a recursion.
    """
    shapes = service.shapes
    below: dict[str, list[str]] = {}  # shape -> its longest chain of member names
    on_chain: set[str] = {root}
    work: list[tuple[str, Iterator[tuple[str, str]]]] = [
        (root, iter([(m.name, m.target) for m in shapes[root].edges()]))
    ]
    while work:
        name, edges = work[-1]
        for _member, target in edges:
            if target in on_chain or target in below:
                continue
            on_chain.add(target)
            work.append((target, iter([(m.name, m.target) for m in shapes[target].edges()])))
            break
        else:
            work.pop()
            on_chain.discard(name)
            best: list[str] = []
            for edge in shapes[name].edges():
                if edge.target in below and len(below[edge.target]) + 1 > len(best):
                    best = [edge.name, *below[edge.target]]
            below[name] = best
    return below[root]
