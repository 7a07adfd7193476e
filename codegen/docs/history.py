"""``--history OLD``: mark what changed since an older model on each method page.

boto3's pages never say when a method or parameter appeared. With an older
model source, the differ (``codegen.diff``) compares each service with its old
self, and every method page gains Sphinx's own notes:

- ``.. versionadded:: <botocore version>`` under a method that is new, and
  under each new top-level request parameter;
- ``.. versionchanged:: <botocore version>`` under a method whose request or
  response changed, listing the changes, and under each changed parameter;
- ``.. deprecated:: <botocore version>`` for methods and parameters that
  became deprecated.

Notes are added to the method's section tree (the description and the
parameter entries), not patched into finished text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from codegen.diff import diff_services
from codegen.docs.method import MethodDoc
from codegen.docs.sections import Section
from codegen.errors import CodegenError
from codegen.ir.changes import Change
from codegen.ir.model import Service
from codegen.sources import BotocoreData

ADDED = "versionadded"
CHANGED = "versionchanged"
DEPRECATED = "deprecated"


class _Note(NamedTuple):
    directive: str
    lines: tuple[str, ...]


class OperationHistory(NamedTuple):
    """What changed for one operation: notes on the method and on its top-level parameters."""

    method: tuple[_Note, ...]
    params: dict[str, tuple[_Note, ...]]


def service_history(old: Service | None, new: Service) -> dict[str, OperationHistory]:
    """Operation name -> its notes, for the operations that changed since ``old``."""
    changes = diff_services(old, new).changes
    method: dict[str, list[Change]] = defaultdict(list)
    params: dict[str, dict[str, list[Change]]] = defaultdict(lambda: defaultdict(list))
    added: set[str] = set(new.operations) if old is None else set()
    deprecated: set[str] = set()
    for change in changes:
        if change.kind == "documentation-changed":
            continue
        if change.kind == "operation-added" and change.operation:
            added.add(change.operation)
            continue
        if change.kind == "operation-deprecated" and change.operation:
            deprecated.add(change.operation)
            continue
        for affected in change.affects or _own(change):
            method[affected.operation].append(change)
            param = _top_level_param(new, affected.operation, affected.side, affected.paths, change)
            if param is not None:
                params[affected.operation][param].append(change)
    result = {}
    for name in set(method) | added | deprecated:
        notes: list[_Note] = []
        if name in added:
            notes.append(_Note(ADDED, ()))
        elif name in method:
            notes.append(_Note(CHANGED, tuple(_lines(method[name]))))
        if name in deprecated:
            notes.append(_Note(DEPRECATED, ("This method is deprecated.",)))
        result[name] = OperationHistory(
            tuple(notes),
            {param: _param_notes(found) for param, found in params.get(name, {}).items()},
        )
    return result


def _own(change: Change) -> tuple[_Affected, ...]:
    if change.operation:
        return (_Affected(change.operation, change.side or "", ("",)),)
    return ()


class _Affected(NamedTuple):
    operation: str
    side: str
    paths: tuple[str, ...]


def _top_level_param(
    service: Service, operation: str, side: str, paths: tuple[str, ...], change: Change
) -> str | None:
    """The request parameter a change is on, when it is on one directly."""
    if side not in ("request", "both") or change.member is None or "" not in paths:
        return None
    op = service.operations.get(operation)
    if op is None or op.input is None or op.input.target != change.shape:
        return None
    return change.member


def _param_notes(changes: list[Change]) -> tuple[_Note, ...]:
    if any(c.kind.startswith("request-member-added") for c in changes):
        return (_Note(ADDED, ()),)
    notes = []
    if any(c.kind == "request-member-deprecated" for c in changes):
        notes.append(_Note(DEPRECATED, ("This parameter is deprecated.",)))
    rest = [c for c in changes if c.kind != "request-member-deprecated"]
    if rest:
        notes.append(_Note(CHANGED, tuple(_lines(rest))))
    return tuple(notes)


def _lines(changes: list[Change]) -> list[str]:
    return sorted({f"{c.message}." if not c.message.endswith(".") else c.message for c in changes})


def _write_note(section: Section, note: _Note, version: str) -> None:
    section.new_paragraph()
    section.write(f".. {note.directive}:: {version}")
    section.indent_more()
    for line in note.lines:
        section.new_line()
        section.write(line)
    section.dedent()
    section.new_paragraph()


def history_hook(old_source: BotocoreData, service: Service, new_version: str | None) -> _Hook:
    old = old_source.load(service.name) if service.name in old_source.services() else None
    if new_version is None:
        raise CodegenError(
            "--history needs to know the new botocore version; use a release or a botocore folder"
        )
    return _Hook(service_history(old, service), new_version)


class _Hook:
    """Adds the notes of one service's operations to each method's section tree."""

    def __init__(self, history: dict[str, OperationHistory], version: str):
        self.history = history
        self.version = version

    def __call__(self, key: str, doc: MethodDoc, section: Section) -> None:
        found = self.history.get(doc.operation_name)
        if found is None:
            return
        intro = section.get_section("method-intro")
        for note in found.method:
            _write_note(intro, note, self.version)
        if not section.has_section("request-params"):
            return
        params = section.get_section("request-params")
        for name, notes in found.params.items():
            if not params.has_section(name):
                continue
            entry = params.get_section(name)
            target = (
                entry.get_section("param-documentation")
                if entry.has_section("param-documentation")
                else entry.add_new_section("param-history")
            )
            if not entry.has_section("param-documentation"):
                target.indent_more()
            for note in notes:
                _write_note(target, note, self.version)
