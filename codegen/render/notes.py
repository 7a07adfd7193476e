"""Release notes from a change set: the awsapichanges page, a Markdown migration note, plain text.

Each output is a template in ``templates/notes/`` plus the small view built
here: the view decides what goes on the page (counts, order, grouping); the
template only lays it out.
"""

from __future__ import annotations

import pprint
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from codegen.diff.kinds import KINDS
from codegen.docs import ServiceDocs, method_blocks
from codegen.ir.changes import (
    NEW,
    REMOVED,
    UPDATED,
    Change,
    ChangeSet,
    OperationNote,
    ServiceChanges,
    severity_rank,
)
from codegen.ir.names import snake_case
from codegen.render.jinja import render
from codegen.render.plaintext import CLASSIC, STYLES, rst_to_text
from codegen.sources import BotocoreData

NBSP = "\u00a0"

# The text of an operation's reference section, by (botocore service name, operation name).
MethodText = Callable[[str, str], str | None]


def operation_text(docs: ServiceDocs, operation: str, style: str = CLASSIC) -> str:
    """An operation's reference as awsapichanges pages print it under its change dicts.

    The same documentation model as the RST pages (``codegen.docs``), minus
    what those pages have and these do not: the exceptions list, shared
    examples and the ``response =`` before the request syntax. ``style`` is
    one of the site's two renderings (``plaintext.STYLES``).
    """
    doc = docs.operation_doc(operation)
    method = docs.service.operations[operation].method_name
    blocks = method_blocks(doc._replace(example_prefix=f"client.{method}"), indent=0)
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
    loaded: dict[str, ServiceDocs] = {}

    def text(service: str, operation: str) -> str | None:
        if service not in source.services():
            return None
        if service not in loaded:
            loaded.clear()  # one service at a time: pages come service by service
            loaded[service] = ServiceDocs(source.load(service, api_version))
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


def headline(service: ServiceChanges) -> str:
    """``2023/04/03 - AWS License Manager - 5 updated api methods``."""
    counts = {change: 0 for change in (NEW, UPDATED, REMOVED)}
    for operation in service.operations:
        counts[operation.change] += 1
    parts = [f"{count} {change}" for change, count in counts.items() if count]
    total = sum(counts.values())
    what = " ".join(parts) + (" api method" if total == 1 else " api methods")
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


def awsapichanges(changes: ChangeSet, method_text: MethodText | None = None) -> str:
    """The awsapichanges.info page of each service, one after the other.

    ``method_text`` gives the plain-text reference section of an operation
    (description, request syntax, parameters, response); without it the page
    holds the headline and the change dicts only. Like the site's pages, the
    text ends without a newline.
    """
    pages = [
        _ServicePage(
            name=service.name,
            headline=headline(service),
            summary=service.summary,
            methods=[_method(service, op, method_text) for op in service.operations],
        )
        for service in changes.services
    ]
    text = render("notes/awsapichanges.txt.j2", services=pages, nbsp=NBSP)
    return text.removesuffix("\n")


# Past this many operations a migration note says "and N more".
_MAX_PLACES = 6


class _Item(NamedTuple):
    change: Change
    title: str
    advice: str
    operations: list[str]
    places: list[str]  # where callers meet it: ``create_grant_version: Options``
    more: int  # affected operations beyond those listed


def _places(change: Change) -> list[str]:
    """Each affected method, with the parameter or response path the change sits at."""
    places = []
    for affected in change.affects:
        method = snake_case(affected.operation)
        paths = [p for p in affected.paths if p] if change.member is None else affected.paths
        if change.member is not None:
            paths = tuple(f"{p}.{change.member}" if p else change.member for p in paths)
        shown = ", ".join(f"`{p}`" for p in paths[:2])
        places.append(f"`{method}`" + (f" ({shown})" if shown else ""))
    return places


def _item(change: Change) -> _Item:
    kind = KINDS[change.kind]
    places = _places(change)
    return _Item(
        change,
        kind.title,
        kind.advice,
        [a.operation for a in change.affects],
        places[:_MAX_PLACES],
        max(0, len(places) - _MAX_PLACES),
    )


def _ordered(changes: list[Change]) -> list[_Item]:
    ordered = sorted(changes, key=lambda c: (-severity_rank(c.severity), c.kind, c.id))
    return [_item(c) for c in ordered]


class _MigrationService(NamedTuple):
    service: ServiceChanges
    breaking: list[_Item]
    new_methods: list[tuple[str, str]]  # operation, method
    other: list[_Item]


def markdown(changes: ChangeSet) -> str:
    """A migration note for a pull request: per service, breaking changes first with what to do."""
    services = []
    for service in changes.services:
        breaking = [c for c in service.changes if c.severity != "info"]
        other = [c for c in service.changes if c.severity == "info" and c.kind != "operation-added"]
        services.append(
            _MigrationService(
                service=service,
                breaking=_ordered(breaking),
                new_methods=[
                    (op.name, snake_case(op.name)) for op in service.operations if op.change == NEW
                ],
                other=_ordered(other),
            )
        )
    return _line_ended(render("notes/migration.md.j2", changes=changes, services=services))


def text(changes: ChangeSet) -> str:
    """One line per change, worst first, for terminals and CI logs."""
    items = _ordered(changes.all_changes())
    counts = {
        s: sum(1 for i in items if i.change.severity == s) for s in ("error", "warning", "info")
    }
    return _line_ended(render("notes/changes.txt.j2", changes=changes, items=items, counts=counts))


def _line_ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"
