"""The change set: what changed between two model sets, as typed, JSON-serialisable records.

Two producers fill it: the differ (``codegen.diff``), which knows every change
with its kind, severity and the operations it reaches, and the release-note
parser (``codegen.notes``), which only knows what a page prints: per service a
date, a summary, and per operation whether it is new, updated or removed with
the request and response change dicts. Both use the same records, so every
renderer reads one shape of data.

``ChangeSet`` has a JSON form of its own, versioned apart from the model IR
(``CHANGES_VERSION``): ``to_json`` and ``from_json`` round-trip it exactly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, NamedTuple

from codegen.errors import CodegenError

# The change set's JSON form. 2: a set in a change dict is ``{"$set": [...]}``, a
# list member is bracketed, ``[]`` is where a shape recurs. Files of before (the
# "previous form") have no ``changes_version`` and carry the IR's ``schema_version``
# (1 or 2) instead; they are read as they are: nothing in them starts with ``$``.
CHANGES_VERSION = 2
PREVIOUS_FORM_SCHEMA_VERSIONS = (1, 2)

# Severities, mildest first; a change "at or above" a level compares by index.
SEVERITIES = ("info", "warning", "error")

# What a change can break. ``runtime``: what botocore itself checks or parses
# (unknown or missing parameters, min, types); ``typing``: code checked against
# stubs; ``server``: what the service accepts or returns; ``docs``: nothing but text.
AXES = ("runtime", "typing", "server", "docs")

# Which side of an operation a shape change reaches.
REQUEST, RESPONSE, BOTH = "request", "response", "both"

# How an operation appears in release notes.
NEW, UPDATED, REMOVED = "new", "updated", "removed"


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


class Affected(NamedTuple):
    """An operation a change reaches, and how.

    ``side`` is request, response or both (the operation's input and output
    both reach the changed shape). ``paths`` are member paths from the
    operation's input or output to the changed shape, ``[]`` stepping into a
    list and ``{}`` into a map value (``Grants[].Options``); ``""`` is the
    input or output itself.
    """

    operation: str
    side: str
    paths: tuple[str, ...] = ()


class ResourceUse(NamedTuple):
    """A part of a boto3 resource that a change reaches, and on which side.

    ``kind`` is ``action``, ``load``, ``batch_action``, ``collection`` (an
    affected operation is what it calls) or ``attribute`` (the changed shape
    is, or lies below, the member behind it); ``name`` is boto3's Python name
    (``send_message``, ``stream_specification``).
    """

    resource: str
    kind: str
    name: str
    side: str


class Change(NamedTuple):
    """One change, graded.

    ``id`` is stable across runs and releases for the same change (kind,
    service and place), so CI can accept it by id in an ignore file.
    ``kind``, ``severity`` and ``axes`` come from the taxonomy table
    (``codegen.diff.kinds``). ``side`` is set for kinds graded per side.
    ``shape``/``member`` name the place in the new model (the old one for
    removals); ``old``/``new`` hold the values that changed, as JSON data.
    A change to a boto3 resource names it in ``resource`` (``member`` is the
    part's Python name); ``resource_uses`` lists the resource parts a change
    to an operation or shape reaches.
    """

    id: str
    kind: str
    severity: str
    axes: tuple[str, ...]
    service: str
    message: str
    operation: str | None = None
    shape: str | None = None
    member: str | None = None
    side: str | None = None
    old: Any = None
    new: Any = None
    resource: str | None = None
    affects: tuple[Affected, ...] = ()
    resource_uses: tuple[ResourceUse, ...] = ()


class OperationNote(NamedTuple):
    """An operation as a release-notes page shows it.

    ``request``/``response`` are the change dicts the page prints (new
    members whole, a new enum's values joined as ``'A | B'``, the values
    added to an existing enum as a ``set``), ``None`` when that side did not
    change. JSON has no sets: there a set is ``{"$set": [sorted values]}``,
    and the ``()`` printed where a shape recurs is ``[]``.
    """

    name: str
    change: str  # new, updated, removed
    request: Mapping[str, Any] | None = None
    response: Mapping[str, Any] | None = None


class ServiceChanges(NamedTuple):
    """The changes of one service.

    ``name`` is the service's full name as pages print it (AWS License
    Manager); ``service`` its botocore name (license-manager), ``None`` when
    read from a page that does not say it.
    """

    name: str
    service: str | None = None
    status: str = UPDATED  # new, updated, removed
    date: str | None = None
    summary: str | None = None
    old_api_version: str | None = None
    new_api_version: str | None = None
    operations: tuple[OperationNote, ...] = ()
    changes: tuple[Change, ...] = ()


class ChangeSet(NamedTuple):
    old: str | None  # the model sources as the user named them
    new: str | None
    services: tuple[ServiceChanges, ...]
    old_botocore_version: str | None = None
    new_botocore_version: str | None = None
    changes_version: int = CHANGES_VERSION

    def all_changes(self) -> list[Change]:
        return [change for service in self.services for change in service.changes]


def _affected_json(item: Affected) -> dict[str, Any]:
    return {"operation": item.operation, "side": item.side, "paths": list(item.paths)}


def _change_json(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": change.id,
        "kind": change.kind,
        "severity": change.severity,
        "axes": list(change.axes),
        "service": change.service,
        "message": change.message,
    }
    for field in ("operation", "shape", "member", "side", "old", "new", "resource"):
        value = getattr(change, field)
        if value is not None:
            data[field] = _plain(value)
    data["affects"] = [_affected_json(a) for a in change.affects]
    if change.resource_uses:
        data["resource_uses"] = [use._asdict() for use in change.resource_uses]
    return data


# How a set (enum values added) is written in JSON; no member name starts with ``$``.
SET_KEY = "$set"


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {SET_KEY: sorted(value)}
    return value


def _with_sets(value: Any) -> Any:
    """JSON data back as change-dict values: ``{"$set": [...]}`` becomes a set again.

    A list in a change dict always holds its one item, so an empty one can
    only be the ``()`` a page prints where a shape recurs, which JSON writes as
    ``[]``.
    """
    if isinstance(value, dict):
        if value.keys() == {SET_KEY}:
            return set(_tuple(value[SET_KEY]))
        return {k: _with_sets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_sets(v) for v in value] if value else ()
    return value


def _note_from(data: Mapping[str, Any]) -> OperationNote:
    fields = dict(data)
    for side in ("request", "response"):
        fields[side] = _with_sets(fields.get(side))
    return OperationNote(**fields)


def _operation_json(note: OperationNote) -> dict[str, Any]:
    return {
        "name": note.name,
        "change": note.change,
        "request": _plain(note.request) if note.request is not None else None,
        "response": _plain(note.response) if note.response is not None else None,
    }


def _service_json(service: ServiceChanges, *, notes_only: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"name": service.name, "date": service.date, "summary": service.summary}
    if not notes_only:
        data.update(
            service=service.service,
            status=service.status,
            old_api_version=service.old_api_version,
            new_api_version=service.new_api_version,
        )
    data["operations"] = [_operation_json(op) for op in service.operations]
    if not notes_only:
        data["changes"] = [_change_json(c) for c in service.changes]
    return data


def to_json(changes: ChangeSet, *, notes_only: bool = False) -> dict[str, Any]:
    """The change set as plain JSON data; ``notes_only`` keeps what a notes page holds."""
    services = [_service_json(s, notes_only=notes_only) for s in changes.services]
    if notes_only:
        return {"changes_version": changes.changes_version, "services": services}
    return {
        "changes_version": changes.changes_version,
        "old": changes.old,
        "new": changes.new,
        "old_botocore_version": changes.old_botocore_version,
        "new_botocore_version": changes.new_botocore_version,
        "services": services,
    }


def dumps(changes: ChangeSet, *, notes_only: bool = False, indent: int | None = 2) -> str:
    text = json.dumps(
        to_json(changes, notes_only=notes_only), indent=indent, ensure_ascii=False, sort_keys=False
    )
    return text + "\n"


def _tuple(value: Any) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return tuple(value)


def _change_from(data: Mapping[str, Any]) -> Change:
    fields = dict(data)
    if "member-added" in fields.get("kind", ""):
        fields["new"] = _with_sets(fields.get("new"))  # a new member's stub, as pages print it
    fields["axes"] = _tuple(fields.get("axes", []))
    fields["affects"] = tuple(
        Affected(a["operation"], a["side"], _tuple(a.get("paths", [])))
        for a in _tuple(fields.get("affects", []))
    )
    fields["resource_uses"] = tuple(
        ResourceUse(**use) for use in _tuple(fields.get("resource_uses", []))
    )
    return Change(**fields)


def _service_from(data: Mapping[str, Any]) -> ServiceChanges:
    fields = dict(data)
    fields["operations"] = tuple(_note_from(op) for op in _tuple(fields.get("operations", [])))
    fields["changes"] = tuple(_change_from(c) for c in _tuple(fields.get("changes", [])))
    return ServiceChanges(**fields)


def _check_version(data: Mapping[str, Any], path: str) -> None:
    if "changes_version" in data:
        version = data["changes_version"]
        if version != CHANGES_VERSION:
            raise CodegenError(
                f"change set version {version!r}, this tool reads version {CHANGES_VERSION}"
                " (and the previous form, with schema_version)",
                path=path,
            )
        return
    version = data.get("schema_version", PREVIOUS_FORM_SCHEMA_VERSIONS[-1])
    if version not in PREVIOUS_FORM_SCHEMA_VERSIONS:
        raise CodegenError(
            f"change set schema version {version!r}: the previous form was written with"
            f" schema version {' or '.join(map(str, PREVIOUS_FORM_SCHEMA_VERSIONS))}",
            path=path,
        )


def from_json(data: Any, *, path: str = "<changes>") -> ChangeSet:
    """Read back what ``to_json`` wrote (either form), or the previous form, checking versions."""
    if not isinstance(data, dict):
        raise CodegenError("not a change set: expected an object", path=path)
    _check_version(data, path)
    try:
        return ChangeSet(
            old=data.get("old"),
            new=data.get("new"),
            services=tuple(_service_from(s) for s in _tuple(data.get("services", []))),
            old_botocore_version=data.get("old_botocore_version"),
            new_botocore_version=data.get("new_botocore_version"),
        )
    except (TypeError, KeyError, AttributeError) as exc:
        raise CodegenError(f"not a change set: {exc}", path=path) from None
