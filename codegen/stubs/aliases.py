"""Names that outlive a rename: old TypeDef and Literal names kept as aliases.

When a botocore release renames a shape but leaves it structurally equal
(``codegen.diff.renamed_shapes``), nothing changes at run time, yet every
``from ...type_defs import OldNameTypeDef`` would break. Given the service as
the previous release had it, each name the old package defined for such a
shape (input, output and response TypedDicts, the Literal of an enum) stays
defined as an alias of the new one, unless the new package uses that name for
something else.

Kept names accumulate: ``make generate`` records them in the lock and hands
them back at the next bump, where each is re-pointed through that bump's
renames, so a name from two releases ago still imports. A kept name is dropped
only when its shape is gone (nothing equal to point at) or when a later
release defines the name itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from codegen.diff import renamed_shapes
from codegen.ir.model import Service
from codegen.stubs import types as t
from codegen.stubs.definitions import AliasDef
from codegen.stubs.shapes import ShapeTypes


class KeptNames(NamedTuple):
    """Old name -> the name it stands for now, per module."""

    type_defs: Mapping[str, str]
    literals: Mapping[str, str]

    def to_json(self) -> dict[str, dict[str, str]]:
        """Sorted, and without empty modules: the lock's form."""
        found = {"type_defs": dict(self.type_defs), "literals": dict(self.literals)}
        return {module: dict(sorted(names.items())) for module, names in found.items() if names}

    @classmethod
    def from_json(cls, data: Mapping[str, Mapping[str, str]]) -> KeptNames:
        return cls(dict(data.get("type_defs", {})), dict(data.get("literals", {})))


NO_NAMES = KeptNames({}, {})


class Aliases(NamedTuple):
    type_defs: list[AliasDef]
    literals: list[AliasDef]


def renamed_names(previous: Service, current: ShapeTypes) -> KeptNames:
    """Each name the previous release's package gave a shape renamed since, and its new name."""
    renames = renamed_shapes(previous, current.service)
    if not renames:
        return NO_NAMES
    old = ShapeTypes(previous)
    type_defs: dict[str, str] = {}
    for old_names, new_names in (
        (old.input_name, current.input_name),
        (old.output_name, current.output_name),
        (old.response_name, current.response_name),
    ):
        for old_shape, new_shape in renames.items():
            alias, target = old_names.get(old_shape), new_names.get(new_shape)
            if alias is not None and target is not None:
                type_defs.setdefault(alias, target)
    literals: dict[str, str] = {}
    for old_shape, new_shape in renames.items():
        alias, target = old.literal_name.get(old_shape), current.literal_name.get(new_shape)
        if alias is not None and target is not None:
            literals.setdefault(alias, target)
    return KeptNames(type_defs, literals)


def carry_names(kept: KeptNames, previous: Service | None, current: ShapeTypes) -> KeptNames:
    """The names to keep now: those kept before, re-pointed through the renames since
    ``previous`` (if given), and the names ``previous`` gave the renamed shapes.

    A name stays only if what it points at is a TypedDict (or Literal) of
    ``current`` and ``current`` does not define the name itself.
    """
    renames = renamed_names(previous, current) if previous is not None else NO_NAMES
    type_defs = current.defined_type_defs()
    literals = frozenset(current.literal_name.values())
    return KeptNames(
        _carried(kept.type_defs, renames.type_defs, type_defs),
        _carried(kept.literals, renames.literals, literals),
    )


def _carried(
    kept: Mapping[str, str], renames: Mapping[str, str], defined: frozenset[str]
) -> dict[str, str]:
    # A kept name pointing at a name renamed now follows it.
    found = {alias: renames.get(target, target) for alias, target in kept.items()}
    for alias, target in renames.items():
        found.setdefault(alias, target)
    return {
        alias: target
        for alias, target in sorted(found.items())
        if target in defined and alias not in defined
    }


def rename_aliases(
    kept: KeptNames, defined_type_defs: Iterable[str], defined_literals: Iterable[str]
) -> Aliases:
    """The alias statements of ``kept``, but for names the package defines otherwise."""
    taken = set(defined_type_defs)
    type_defs = [
        AliasDef(alias, t.local(target, t.TYPE_DEFS))
        for alias, target in sorted(kept.type_defs.items())
        if alias not in taken and target in taken
    ]
    taken = set(defined_literals)
    literals = [
        AliasDef(alias, t.local(target, t.LITERALS))
        for alias, target in sorted(kept.literals.items())
        if alias not in taken and target in taken
    ]
    return Aliases(type_defs, literals)
