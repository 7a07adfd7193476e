"""Names that outlive a rename: old TypeDef and Literal names kept as aliases.

When a botocore release renames a shape but leaves it structurally equal
(``codegen.diff.renamed_shapes``), nothing changes at run time, yet every
``from ...type_defs import OldNameTypeDef`` would break. Given the service as
the previous release had it, each name the old package defined for such a
shape (input, output and response TypedDicts, the Literal of an enum) stays
defined as an alias of the new one, unless the new package uses that name for
something else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from codegen.diff import renamed_shapes
from codegen.ir.model import Service
from codegen.stubs import types as t
from codegen.stubs.definitions import AliasDef
from codegen.stubs.shapes import ShapeTypes


class Aliases(NamedTuple):
    type_defs: list[AliasDef]
    literals: list[AliasDef]


def rename_aliases(
    previous: Service,
    current: ShapeTypes,
    defined_type_defs: Iterable[str],
    defined_literals: Iterable[str],
) -> Aliases:
    """Aliases keeping the previous release's names of renamed shapes importable."""
    renames = renamed_shapes(previous, current.service)
    if not renames:
        return Aliases([], [])
    old = ShapeTypes(previous)
    taken = set(defined_type_defs)
    type_defs: list[AliasDef] = []
    for old_names, new_names in (
        (old.input_name, current.input_name),
        (old.output_name, current.output_name),
        (old.response_name, current.response_name),
    ):
        for old_shape, new_shape in renames.items():
            alias, target = old_names.get(old_shape), new_names.get(new_shape)
            if alias is not None and target is not None and alias not in taken:
                taken.add(alias)
                type_defs.append(AliasDef(alias, t.local(target, t.TYPE_DEFS)))
    taken = set(defined_literals)
    literals: list[AliasDef] = []
    for old_shape, new_shape in renames.items():
        alias, target = old.literal_name.get(old_shape), current.literal_name.get(new_shape)
        if alias is not None and target is not None and alias not in taken:
            taken.add(alias)
            literals.append(AliasDef(alias, t.local(target, t.LITERALS)))
    return Aliases(sorted(type_defs, key=lambda a: a.name), sorted(literals, key=lambda a: a.name))
