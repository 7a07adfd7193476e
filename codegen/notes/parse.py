"""awsapichanges release-note text -> the change-set IR.

A page is, per service::

    <service name>
    <blank>
    [<YYYY/MM/DD> - ]<service name> - <N new> <N updated> <N removed> api methods
    <blank>
    [Changes<NBSP> <summary>
    <blank>]
    <Operation><NBSP>(new|updated|removed) Link ¶
    [Changes (request|response|both|request, response)
     [Request|Response]
     <the change dict as Python's pprint prints it>]
    <blank>
    <the operation's reference text, skipped>
    ...

The headline's counts are checked against the operations found, so a page cut
short says so. Every error names the line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from codegen.errors import CodegenError
from codegen.ir.changes import NEW, REMOVED, UPDATED, ChangeSet, OperationNote, ServiceChanges

NBSP = "\u00a0"
_METHOD = re.compile(rf"^(?P<name>[A-Za-z0-9_]+){NBSP}\((?P<change>new|updated|removed)\) Link ¶$")
_HEADLINE = re.compile(
    r"^(?:(?P<date>\d{4}/\d{2}/\d{2}) - )?(?P<name>.+)"
    r" - (?P<counts>(?:\d+ (?:new|updated|removed) ?)+) api methods?$"
)
_COUNT = re.compile(r"(\d+) (new|updated|removed)")
_CHANGES = re.compile(r"^Changes \((?P<sides>request|response|both|request, response)\)$")
_SUMMARY = f"Changes{NBSP} "


class _Lines:
    def __init__(self, text: str, path: str):
        self.lines = text.split("\n")
        self.path = path
        self.index = 0

    def error(self, message: str, line: int | None = None) -> CodegenError:
        number = (self.index if line is None else line) + 1
        return CodegenError(message, path=self.path, place=f"line {number}")

    def done(self) -> bool:
        return self.index >= len(self.lines)

    def peek(self, ahead: int = 0) -> str | None:
        at = self.index + ahead
        return self.lines[at] if at < len(self.lines) else None

    def take(self, what: str) -> str:
        if self.done():
            raise self.error(f"page ends where {what} should be (truncated?)", len(self.lines) - 1)
        line = self.lines[self.index]
        self.index += 1
        return line

    def blank(self, what: str) -> None:
        line = self.take(f"a blank line {what}")
        if line.strip():
            raise self.error(f"expected a blank line {what}, found {line[:40]!r}", self.index - 1)


def _service_starts(lines: _Lines) -> bool:
    """A service name, a blank line and its headline."""
    name, gap, head = lines.peek(), lines.peek(1), lines.peek(2)
    if not name or gap is None or gap.strip() or head is None:
        return False
    match = _HEADLINE.match(head)
    return match is not None and match.group("name") == name


def _change_dict(lines: _Lines) -> dict[str, Any]:
    start = lines.index
    body = []
    while not lines.done() and lines.peek() not in ("", "Request", "Response"):
        body.append(lines.take("a change dict"))
    if not body:
        raise lines.error("expected a change dict", start)
    text = "\n".join(body)
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError) as exc:
        detail = getattr(exc, "msg", None) or str(exc)
        line = start + (getattr(exc, "lineno", None) or 1) - 1
        raise lines.error(f"malformed change dict: {detail}", line) from None
    if not isinstance(value, dict):
        raise lines.error("a change dict must be a dict", start)
    return value


def _changes(lines: _Lines, name: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    at = lines.index
    header = lines.take(f"the changes of {name}")
    match = _CHANGES.match(header)
    if match is None:
        raise lines.error(f"expected 'Changes (request|response|both)' for {name}", at)
    sides = match.group("sides")
    if sides == "request, response":
        found: dict[str, dict[str, Any]] = {}
        for label in ("Request", "Response"):
            at = lines.index
            if lines.take(f"the {label.lower()} changes of {name}") != label:
                raise lines.error(f"expected {label!r}", at)
            found[label] = _change_dict(lines)
        return found["Request"], found["Response"]
    value = _change_dict(lines)
    return (
        value if sides in ("request", "both") else None,
        value if sides in ("response", "both") else None,
    )


def _service(lines: _Lines) -> ServiceChanges:
    name = lines.take("a service name")
    lines.blank("after the service name")
    at = lines.index
    head = lines.take("the headline")
    match = _HEADLINE.match(head)
    if match is None or match.group("name") != name:
        raise lines.error(f"expected '<YYYY/MM/DD> - {name} - N updated api methods'", at)
    announced = {change: int(count) for count, change in _COUNT.findall(match.group("counts"))}
    summary = None
    if lines.peek() == "" and (lines.peek(1) or "").startswith(_SUMMARY):
        lines.blank("before the summary")
        summary = lines.take("the summary")[len(_SUMMARY) :]
    operations: list[OperationNote] = []
    while not lines.done():
        if lines.peek() == "" or lines.peek() is None:
            lines.index += 1
            continue
        if _service_starts(lines):
            break
        line = lines.take("an operation")
        method = _METHOD.match(line)
        if method is None:
            if not operations:
                raise lines.error(f"expected '<Operation>{NBSP}(updated) Link ¶'", lines.index - 1)
            continue  # the operation's reference text
        op_name, change = method.group("name"), method.group("change")
        request = response = None
        if change == UPDATED:
            request, response = _changes(lines, op_name)
        operations.append(OperationNote(op_name, change, request, response))
    found = {change: sum(1 for op in operations if op.change == change) for change in announced}
    for change, count in announced.items():
        if found[change] != count:
            raise lines.error(
                f"headline announces {count} {change} api method(s), the page has"
                f" {found[change]} (truncated?)",
                at,
            )
    extra = {op.change for op in operations} - announced.keys()
    if extra:
        raise lines.error(f"headline announces no {sorted(extra)[0]} api methods", at)
    return ServiceChanges(
        name=name,
        status=UPDATED,
        date=match.group("date"),
        summary=summary,
        operations=tuple(operations),
    )


def parse_notes(text: str, *, path: str = "<notes>") -> ChangeSet:
    """Every service on an awsapichanges page, as a change set (operations, no graded changes)."""
    lines = _Lines(text.replace("\r\n", "\n"), path)
    while not lines.done() and not (lines.peek() or "").strip():
        lines.index += 1
    if lines.done():
        raise lines.error("empty page: expected a service name", 0)
    services = []
    while not lines.done():
        services.append(_service(lines))
    return ChangeSet(old=None, new=None, services=tuple(services))


def read_notes(path: str | Path) -> ChangeSet:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodegenError(f"cannot read release notes: {exc}", path=str(path)) from None
    return parse_notes(text, path=str(path))


__all__ = ["NEW", "REMOVED", "UPDATED", "parse_notes", "read_notes"]
