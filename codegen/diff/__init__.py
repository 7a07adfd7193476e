"""Model diff: two model sets in, a graded change set out.

Public API (what other parts of boto-codegen build on):

- ``diff_models(old: ModelSet, new: ModelSet, *, services=None, include_docs=False) -> ChangeSet``
- ``diff_services(old: Service | None, new: Service | None, *, include_docs=False)``
  -> ``ServiceChanges``
- ``diff_sources(old: BotocoreData, new: BotocoreData, ...) -> ChangeSet``: loads only services
  whose model files differ
- ``renamed_shapes(old: Service, new: Service) -> dict[old_name, new_name]`` and
  ``shapes_equal(old, old_name, new, new_name)``: structurally equal shapes under new names
- ``KINDS``: the taxonomy table (id -> ``Kind``); ``filter_changes`` for ignore lists and docs

The records (``ChangeSet``, ``ServiceChanges``, ``Change``, ``Affected``,
``OperationNote``) live in ``codegen.ir.changes`` with their JSON form.
"""

from codegen.diff.differ import diff_models, diff_services
from codegen.diff.equality import StructuralEquality, renamed_shapes, shapes_equal
from codegen.diff.kinds import KINDS, Kind, kind_for
from codegen.diff.transport import diff_sources
from codegen.ir.changes import Affected, Change, ChangeSet, OperationNote, ServiceChanges

__all__ = [
    "KINDS",
    "Affected",
    "Change",
    "ChangeSet",
    "Kind",
    "OperationNote",
    "ServiceChanges",
    "StructuralEquality",
    "diff_models",
    "diff_services",
    "diff_sources",
    "kind_for",
    "renamed_shapes",
    "shapes_equal",
]
