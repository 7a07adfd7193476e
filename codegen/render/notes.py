"""Release notes from a change set: the awsapichanges page, a Markdown migration note, plain text.

Each output is a template in ``templates/notes/`` plus the small view built
here: the view decides what goes on the page (counts, order, grouping); the
template only lays it out.
"""

from __future__ import annotations

import pprint
import sys
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from codegen.diff.kinds import KINDS, Kind
from codegen.docs import ServiceDoc, rst_blocks
from codegen.ir.changes import (
    NEW,
    REMOVED,
    REQUEST,
    RESPONSE,
    UPDATED,
    Change,
    ChangeSet,
    OperationNote,
    ServiceChanges,
    severity_rank,
)
from codegen.ir.names import snake_case
from codegen.render.jinja import render
from codegen.render.plaintext import CLASSIC, CURRENT, STYLES, rst_to_text
from codegen.render.resource_notes import SAYS as RESOURCE_SAYS
from codegen.render.resource_notes import resource_fields
from codegen.sources import BotocoreData

NBSP = "\u00a0"

# The text of an operation's reference section, by (botocore service name, operation name).
MethodText = Callable[[str, str], str | None]


def operation_text(docs: ServiceDoc, operation: str, style: str = CLASSIC) -> str:
    """An operation's reference as awsapichanges pages print it under its change dicts.

    The same documentation model as the RST pages (``codegen.docs``), minus
    what those pages have and these do not: the exceptions list, shared
    examples and the ``response =`` before the request syntax. ``style`` is
    one of the site's two renderings (``plaintext.STYLES``).
    """
    doc = docs.operation_doc(operation)
    method = docs.service.operations[operation].method_name
    blocks = rst_blocks(doc._replace(example_prefix=f"client.{method}"), indent=0)
    return rst_to_text(
        blocks.description + blocks.request_syntax + blocks.request_params + blocks.returns,
        style,
    )


def method_text_from(
    source: BotocoreData, api_version: str | None = None, style: str = CLASSIC
) -> MethodText:
    """``MethodText`` reading each service from ``source`` once, when first asked."""
    if style not in STYLES:
        raise ValueError(f"unknown page style {style!r}")
    loaded: dict[str, ServiceDoc] = {}

    def text(service: str, operation: str) -> str | None:
        if service not in source.services():
            return None
        if service not in loaded:
            loaded.clear()  # one service at a time: pages come service by service
            loaded[service] = ServiceDoc(source.load(service, api_version))
        docs = loaded[service]
        if operation not in docs.service.operations:
            return None
        return operation_text(docs, operation, style)

    return text


class _SortedSets(pprint.PrettyPrinter):
    """Python's pprint, with every set in sorted order.

    pprint sorts a set only when it does not fit on the line; a short one it
    prints in iteration order, which for strings changes with every process
    (hash randomisation), so the site's pages print short sets in no order
    anyone can reproduce. Sorting them too keeps our pages deterministic and
    equal to the site's wherever the site's order is knowable.
    """

    def format(
        self, object: Any, context: dict[int, int], maxlevels: int, level: int
    ) -> tuple[str, bool, bool]:
        if isinstance(object, set) and object:
            return "{" + ", ".join(map(repr, sorted(object))) + "}", True, False
        return super().format(object, context, maxlevels, level)


_PRINTER = _SortedSets()
_ONE_LINE = _SortedSets(width=sys.maxsize)  # values inside a sentence


def change_dict_text(changes: Mapping[str, Any]) -> str:
    """A change dict as awsapichanges prints it: Python's pprint at its default width."""
    return _PRINTER.pformat(changes)


class _Method(NamedTuple):
    name: str
    change: str
    request: str | None
    response: str | None
    body: str | None


class _ServicePage(NamedTuple):
    name: str
    headline: str
    summary: str | None
    methods: list[_Method]


# Between the counts of a headline: today's pages print ``2 new3 updated``.
_COUNT_GAP = {CLASSIC: " ", CURRENT: ""}


def headline(service: ServiceChanges, style: str = CLASSIC) -> str:
    """``2023/04/03 - AWS License Manager - 5 updated api methods``."""
    counts = {change: 0 for change in (NEW, UPDATED, REMOVED)}
    for operation in service.operations:
        counts[operation.change] += 1
    parts = [f"{count} {change}" for change, count in counts.items() if count]
    total = sum(counts.values())
    what = _COUNT_GAP[style].join(parts) + (" api method" if total == 1 else " api methods")
    if not parts:
        what = "no api method changes"
    return " - ".join(p for p in (service.date, service.name, what) if p)


def _method(service: ServiceChanges, operation: OperationNote, text: MethodText | None) -> _Method:
    body = None
    if text is not None and service.service is not None and operation.change != REMOVED:
        body = text(service.service, operation.name)
    return _Method(
        name=operation.name,
        change=operation.change,
        request=change_dict_text(operation.request) if operation.request is not None else None,
        response=change_dict_text(operation.response) if operation.response is not None else None,
        body=body,
    )


def awsapichanges(
    changes: ChangeSet, method_text: MethodText | None = None, style: str = CLASSIC
) -> str:
    """The awsapichanges.info page of each service, one after the other.

    ``method_text`` gives the plain-text reference section of an operation
    (description, request syntax, parameters, response); without it the page
    holds the headline and the change dicts only. ``style`` is the site's
    rendering (``plaintext.STYLES``; give ``method_text`` the same). Like the
    site's pages, the text ends without a newline.
    """
    pages = [
        _ServicePage(
            name=service.name,
            headline=headline(service, style),
            summary=service.summary,
            methods=[_method(service, op, method_text) for op in service.operations],
        )
        for service in changes.services
    ]
    text = render("notes/awsapichanges.txt.j2", services=pages, nbsp=NBSP)
    return text.removesuffix("\n")


# Past this many methods a migration note says "and N more".
_MAX_PLACES = 6


class _Item(NamedTuple):
    change: Change
    title: str
    operations: list[str]


def _item(change: Change) -> _Item:
    return _Item(change, KINDS[change.kind].title, [a.operation for a in change.affects])


def _ordered(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (-severity_rank(c.severity), c.kind, c.id))


# What a caller sees, per (event, side), for the migration note. Fields:
# {methods} the affected methods (with the parameter paths when they differ),
# {s} "s" for one method (verb agreement), {param} the parameter or response
# path, {member} ``Shape.member`` (or the shape), {value} what a new member
# holds (the awsapichanges stub: lists in brackets), {values} enum values as
# a set, {old}/{new} the values before and after, {message} the differ's message
# (less the operation it starts with) and {detail} the part of it after its subject.
_SAYS: Mapping[tuple[str, str | None], str] = {
    ("member-added-optional", REQUEST): "{methods} take{s} a new optional {param} ({value})",
    ("member-added-required", REQUEST): "{methods} require{s} a new {param} ({value})",
    ("member-added-optional", RESPONSE): "responses of {methods} gain {member} ({value})",
    ("member-added-required", RESPONSE): "responses of {methods} always have {member} ({value})",
    ("member-removed", REQUEST): "{methods} no longer take{s} {param}",
    ("member-removed", RESPONSE): "responses of {methods} no longer hold {member}",
    ("member-renamed", REQUEST): "{methods} take{s} {param} in place of {old}",
    ("member-renamed", RESPONSE): "responses of {methods} hold {member} in place of {old}",
    ("member-became-required", REQUEST): "{methods} now require{s} {param}",
    ("member-became-required", RESPONSE): "responses of {methods} always hold {member}",
    ("member-no-longer-required", REQUEST): "{methods} no longer require{s} {param}",
    ("member-no-longer-required", RESPONSE): "responses of {methods} may lack {member}",
    ("member-deprecated", REQUEST): "{param} of {methods} is deprecated",
    ("member-deprecated", RESPONSE): "{member} in responses of {methods} is deprecated",
    ("type-changed", REQUEST): "{param} of {methods} now takes {new} (was {old})",
    ("type-changed", RESPONSE): "{param} in responses of {methods} is now {new} (was {old})",
    ("enum-added", REQUEST): "{param} of {methods} now takes only {values}",
    ("enum-added", RESPONSE): "{param} in responses of {methods} is now one of {values}",
    ("enum-removed", REQUEST): "{param} of {methods} takes any string (was {values})",
    ("enum-removed", RESPONSE): "{param} in responses of {methods} is any string (was {values})",
    ("enum-value-added", REQUEST): "{param} of {methods} also takes {values}",
    ("enum-value-added", RESPONSE): "{param} in responses of {methods} may also be {values}",
    ("enum-value-removed", REQUEST): "{param} of {methods} no longer takes {values}",
    ("enum-value-removed", RESPONSE): "{param} in responses of {methods} is no longer {values}",
    ("operation-removed", None): "{methods} is gone",
    ("operation-renamed", None): "{old_method} is now {methods}",
    ("operation-deprecated", None): "{methods} is deprecated",
    ("operation-undeprecated", None): "{methods} is no longer deprecated",
    ("error-added", None): "{methods} may raise {new}",
    ("error-removed", None): "{methods} no longer raise{s} {old}",
    ("shape-renamed", None): "{methods}: {old} is now {new} (the same structure, a new stub name)",
    ("paginator-added", None): "{methods} can be paginated (`get_paginator`)",
    ("paginator-removed", None): "{methods} can no longer be paginated",
}
_SAYS_ON_REQUEST = "{param} of {methods}: {detail}"
_SAYS_ON_RESPONSE = "{param} in responses of {methods}: {detail}"
_SAYS_ELSEWHERE = "{methods}: {message}"

# Events whose changes, one per enum value, a migration note says in one line.
_BY_VALUE = frozenset({"enum-value-added", "enum-value-removed"})


class _Note(NamedTuple):
    """One line of a migration note: one change, or one enum's values added or removed."""

    severity: str
    says: str
    advice: str
    ids: list[str]


def _code(value: Any) -> str:
    text = value if isinstance(value, str) else _ONE_LINE.pformat(value)
    return f"`{text}`"


def _listed(names: list[str]) -> str:
    shown = names[:_MAX_PLACES]
    more = len(names) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _paths(change: Change, paths: tuple[str, ...]) -> list[str]:
    if change.member is not None:
        return [f"{p}.{change.member}" if p else change.member for p in paths]
    return [p for p in paths if p]


def _values(kind: Kind, changes: list[Change]) -> set[str]:
    """The enum values a line speaks of: those added or removed, or the enum's whole list."""
    if kind.event == "enum-value-added":
        return {c.new for c in changes}
    if kind.event == "enum-value-removed":
        return {c.old for c in changes}
    if kind.event == "enum-added":
        return set(changes[0].new)
    if kind.event == "enum-removed":
        return set(changes[0].old)
    return set()


def _note(changes: list[Change]) -> _Note:
    change = changes[0]
    kind = KINDS[change.kind]
    if kind.event in RESOURCE_SAYS:
        says = RESOURCE_SAYS[kind.event].format_map(resource_fields(change))
        return _Note(change.severity, says, kind.advice, [c.id for c in changes])
    methods = [snake_case(a.operation) for a in change.affects]
    paths = [_paths(change, a.paths) for a in change.affects]
    distinct = {p for found in paths for p in found}
    place = change.shape or ""
    if change.member is not None:
        place += f".{change.member}"
    # One path for all: name it once. Otherwise a request names each method's
    # parameters (what a caller writes), a response the shape (what stubs name).
    listed = [f"`{m}`" for m in methods]
    if len(distinct) == 1:
        param = f"`{distinct.pop()}`"
    else:
        param = f"`{change.member or place}`" if change.side == REQUEST else f"`{place}`"
        if change.side == REQUEST:
            listed = [
                f"`{m}`" + (" (" + ", ".join(f"`{p}`" for p in found[:2]) + ")" if found else "")
                for m, found in zip(methods, paths, strict=True)
            ]
    values = _values(kind, changes)
    fields = {
        "methods": _listed(listed) if listed else f"`{change.service}`",
        "s": "s" if len(methods) == 1 else "",
        "param": param,
        "member": f"`{place}`" if place else param,
        "value": _code(change.new),
        "values": _code(values) if values else "",
        "old": _code(change.old),
        "new": _code(change.new),
        "old_method": f"`{snake_case(str(change.old))}`",
        "detail": change.message.split(": ", 1)[-1],  # the subject is {param}
        "message": change.message.removeprefix(f"{change.operation}: "),
    }
    default = {REQUEST: _SAYS_ON_REQUEST, RESPONSE: _SAYS_ON_RESPONSE}.get(
        change.side or "", _SAYS_ELSEWHERE
    )
    says = _SAYS.get((kind.event, change.side), default).format_map(fields)
    return _Note(change.severity, says[0].upper() + says[1:], kind.advice, [c.id for c in changes])


def _notes(changes: list[Change]) -> list[_Note]:
    """Worst first; an enum's values added (or removed) on one side make one line."""
    groups: dict[tuple[str, ...], list[Change]] = {}
    for change in _ordered(changes):
        key: tuple[str, ...] = (change.id,)
        if KINDS[change.kind].event in _BY_VALUE:
            key = (change.kind, change.shape or "", change.member or "")
        groups.setdefault(key, []).append(change)
    return [_note(group) for group in groups.values()]


class _MigrationService(NamedTuple):
    service: ServiceChanges
    breaking: list[_Note]
    new_methods: list[tuple[str, str]]  # operation, method
    other: list[_Note]


def markdown(changes: ChangeSet) -> str:
    """A migration note for a pull request: per service, breaking changes first with what to do.

    Every line names the methods a change reaches and what their callers see
    (``create_grant_version`` takes a new optional ``Options`` (...)), with
    the same values the JSON change set holds: new members as the
    awsapichanges stub (lists in brackets), enum values as sets.
    """
    services = []
    for service in changes.services:
        breaking = [c for c in service.changes if c.severity != "info"]
        other = [c for c in service.changes if c.severity == "info" and c.kind != "operation-added"]
        services.append(
            _MigrationService(
                service=service,
                breaking=_notes(breaking),
                new_methods=[
                    (op.name, snake_case(op.name)) for op in service.operations if op.change == NEW
                ],
                other=_notes(other),
            )
        )
    return _line_ended(render("notes/migration.md.j2", changes=changes, services=services))


def text(changes: ChangeSet) -> str:
    """One line per change, worst first, for terminals and CI logs."""
    items = [_item(c) for c in _ordered(changes.all_changes())]
    counts = {
        s: sum(1 for i in items if i.change.severity == s) for s in ("error", "warning", "info")
    }
    return _line_ended(render("notes/changes.txt.j2", changes=changes, items=items, counts=counts))


def _line_ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"
