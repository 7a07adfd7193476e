"""Structural equality of shapes across two models, and renamed-shape detection.

Two shapes are structurally equal when they describe the same data: the same
type, constraints, enum and traits, and members of the same names, flags and
(recursively) structurally equal targets. Names and documentation do not
count. Cycles (dynamodb's AttributeValue) are handled by assuming a pair equal
while it is being compared, the usual co-inductive rule.

A shape that disappears from the old model while a structurally equal one
appears in the new model was renamed: nothing changes at runtime, but stub
names (TypeDefs) do.
"""

from __future__ import annotations

from typing import Any

from codegen.ir.model import Member, Service, Shape

_SHAPE_SKIP = frozenset({"name", "documentation", "members", "member", "key", "value"})
_SHAPE_FIELDS = tuple(i for i, f in enumerate(Shape._fields) if f not in _SHAPE_SKIP)
_MEMBER_SKIP = frozenset({"documentation", "target"})
_MEMBER_FIELDS = tuple(i for i, f in enumerate(Member._fields) if f not in _MEMBER_SKIP)


def _flat(record: tuple[Any, ...], fields: tuple[int, ...]) -> tuple[Any, ...]:
    return tuple(record[i] for i in fields)


class StructuralEquality:
    """Compares shapes of ``old`` with shapes of ``new``, remembering what it proved."""

    def __init__(self, old: Service, new: Service):
        self.old = old
        self.new = new
        self._proven: dict[tuple[str, str], bool] = {}

    def __call__(self, old_name: str, new_name: str) -> bool:
        key = (old_name, new_name)
        known = self._proven.get(key)
        if known is not None:
            return known
        assumed: set[tuple[str, str]] = set()
        result = self._equal(old_name, new_name, assumed)
        if result:
            # Everything assumed along the way held, so each pair is proven too.
            for pair in assumed:
                self._proven[pair] = True
        self._proven[key] = result
        return result

    def _equal(self, old_name: str, new_name: str, assumed: set[tuple[str, str]]) -> bool:
        key = (old_name, new_name)
        if key in assumed or self._proven.get(key):
            return True
        if self._proven.get(key) is False:
            return False
        a, b = self.old.shapes[old_name], self.new.shapes[new_name]
        if _flat(a, _SHAPE_FIELDS) != _flat(b, _SHAPE_FIELDS):
            return False
        edges_a, edges_b = a.edges(), b.edges()
        if len(edges_a) != len(edges_b):
            return False
        for x, y in zip(edges_a, edges_b, strict=True):
            if x.name != y.name or _flat(x, _MEMBER_FIELDS) != _flat(y, _MEMBER_FIELDS):
                return False
        assumed.add(key)
        return all(
            self._equal(x.target, y.target, assumed) for x, y in zip(edges_a, edges_b, strict=True)
        )


def _has_data(shape: Shape) -> bool:
    return shape.type != "structure" or bool(shape.members)


def _signature(shape: Shape) -> tuple[Any, ...]:
    """A cheap key that structurally equal shapes always share."""
    return (shape.type, tuple(m.name for m in shape.edges()), shape.enum)


def renamed_shapes(
    old: Service, new: Service, equal: StructuralEquality | None = None
) -> dict[str, str]:
    """Shapes of ``old`` gone from ``new`` whose structurally equal twin appeared: old -> new name.

    When several candidates are equal, names are paired in sorted order so the
    answer is deterministic. Empty structures are left out: each equals every
    other, so pairing them would name a rename that is only a coincidence.
    """
    equal = equal or StructuralEquality(old, new)
    gone = sorted(
        name for name in old.shapes if name not in new.shapes and _has_data(old.shapes[name])
    )
    if not gone:
        return {}
    appeared: dict[tuple[Any, ...], list[str]] = {}
    for name in sorted(new.shapes):
        if name not in old.shapes:
            appeared.setdefault(_signature(new.shapes[name]), []).append(name)
    result: dict[str, str] = {}
    for name in gone:
        candidates = appeared.get(_signature(old.shapes[name]), [])
        for candidate in candidates:
            if equal(name, candidate):
                result[name] = candidate
                candidates.remove(candidate)
                break
    return result


def shapes_equal(old: Service, old_name: str, new: Service, new_name: str) -> bool:
    """Whether ``old_name`` in ``old`` and ``new_name`` in ``new`` describe the same data."""
    return StructuralEquality(old, new)(old_name, new_name)
