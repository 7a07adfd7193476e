"""Which changes a run reports and fails on: ignore lists, documentation, severity gates.

An ignore file lists accepted changes, one per line: a change id
(``request-member-removed:ec2:RunInstancesRequest.Foo``), a kind id
(``response-enum-value-added``), or a shell pattern over ids
(``*:license-manager:*``). ``#`` starts a comment.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from codegen.diff.kinds import KINDS
from codegen.diff.operations import notes_from_changes
from codegen.errors import CodegenError
from codegen.ir.changes import Change, ChangeSet, severity_rank


class IgnoreList(NamedTuple):
    patterns: tuple[str, ...]

    def matches(self, change: Change) -> bool:
        return any(
            pattern == change.kind or fnmatch.fnmatchcase(change.id, pattern)
            for pattern in self.patterns
        )


def read_ignore_file(path: str | Path) -> IgnoreList:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodegenError(f"cannot read ignore file: {exc}", path=str(path)) from None
    patterns = []
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if ":" not in entry and "*" not in entry and entry not in KINDS:
            raise CodegenError(
                f"{entry!r} is neither a change id, a kind id nor a pattern",
                path=str(path),
                place=f"line {number}",
            )
        patterns.append(entry)
    return IgnoreList(tuple(patterns))


def select_changes(
    changes: ChangeSet, *, ignore: IgnoreList | None = None, include_docs: bool = False
) -> tuple[ChangeSet, int]:
    """The change set without ignored (and, unless asked, documentation) changes.

    Returns it with the number of changes left out by the ignore list. The
    per-operation view is rebuilt from what is left.
    """
    left_out = 0
    services = []
    for service in changes.services:
        if not service.changes:
            services.append(service)  # read from a page: nothing to select
            continue
        kept: list[Change] = []
        for change in service.changes:
            if not include_docs and KINDS[change.kind].docs_only:
                continue
            if ignore is not None and ignore.matches(change):
                left_out += 1
                continue
            kept.append(change)
        if not kept:
            continue
        operations = service.operations
        if len(kept) != len(service.changes) and service.status == "updated":
            operations = notes_from_changes(kept)
        services.append(service._replace(changes=tuple(kept), operations=operations))
    return changes._replace(services=tuple(services)), left_out


def at_or_above(changes: Iterable[Change], severity: str) -> list[Change]:
    """The changes whose severity is ``severity`` or worse (for --fail-on)."""
    floor = severity_rank(severity)
    return [c for c in changes if severity_rank(c.severity) >= floor]
