"""Model documentation converted by botocore's own bcdoc, for the texts nothing else replays.

Which texts: the few (35 of botocore 1.43.11's 192,253) that
``html_replay.parse`` declines: tables, ``<pre>``, entities, attributes other
than plain double-quoted ones, unbalanced or stray tags. They may be on any
page that shows model documentation (client, method, paginator and waiter
pages alike). bcdoc is the reference, so its result
is the page's by definition; parsing is its dear part.

How: a text's RST depends on the indentation it starts at, and texts recur at
several. So each text is parsed once (``_parse``), with a style that writes one
``\\x00`` mark per indentation level instead of two spaces, starting at a deep
base level (``_BASE``) so that the dedents of stray closing tags stay visible;
the mark runs are then turned into spaces for each indentation asked for
(``convert``). Where that cannot be exact (the text dedents below level zero,
or holds a mark itself) it is parsed for real at that level (``parse_at``).
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

INDENT = "  "
_MARK = "\x00"  # one per indentation level; never in model text (checked)
_BASE = 16  # parse at this depth so dedents of stray closing tags stay visible
_MARK_RUN = re.compile(_MARK + "+( ?)")


@functools.cache
def _bcdoc() -> tuple[Any, Any]:
    """bcdoc's document class and a style writing indentation as placeholder runs.

    Imported on first use: importing bcdoc imports all of botocore.docs (a
    tenth of a second), and most services have no text that needs it.
    """
    from botocore.docs.bcdoc.restdoc import ReSTDocument
    from botocore.docs.bcdoc.style import ReSTStyle

    class MarkingStyle(ReSTStyle):
        """bcdoc's style, remembering the lowest level it dedents to."""

        def __init__(self, doc: Any):
            super().__init__(doc)
            self.lowest = _BASE

        def spaces(self) -> str:
            # Real indentation ends in a space, and bcdoc looks at that last
            # character (to space out inline code and links, and to trim link text).
            level: int = self.indentation
            return _MARK * level + " "

        def dedent(self) -> None:
            super().dedent()
            self.lowest = min(self.lowest, self.indentation)

    return ReSTDocument, MarkingStyle


class _Parsed(NamedTuple):
    marked: str
    end_level: int  # relative to the start
    lowest: int  # lowest level reached, relative to the start


def convert(html: str, indent: int) -> tuple[str, int]:
    """bcdoc's RST for ``html`` at ``indent``, and the indentation it ends at."""
    parsed = _parse(html)
    if indent + parsed.lowest <= 0 or _MARK in html:
        # At level zero the indentation is empty, which bcdoc treats differently
        # (and stray closing tags cannot dedent below it): parse for real.
        return parse_at(html, indent)

    def spaces(run: re.Match[str]) -> str:
        if not run.group(1):
            return ""  # bcdoc stripped this indentation (rstrip of link text)
        return INDENT * (len(run.group()) - 1 - _BASE + indent)

    return _MARK_RUN.sub(spaces, parsed.marked), indent + parsed.end_level


@functools.cache
def _parse(html: str) -> _Parsed:
    document, marking_style = _bcdoc()
    doc = document(target="html")
    style = marking_style(doc)
    doc.style = style
    style.indentation = _BASE
    _include(doc, html)
    return _Parsed("".join(doc._writes), style.indentation - _BASE, style.lowest - _BASE)


def parse_at(html: str, indent: int) -> tuple[str, int]:
    """bcdoc run as boto3 runs it, at ``indent``: the reference every other path matches."""
    document, _ = _bcdoc()
    doc = document(target="html")
    doc.style.indentation = indent
    _include(doc, html)
    return "".join(doc._writes), doc.style.indentation


def _include(doc: Any, html: str) -> None:
    # include_doc_string swallows parser errors and keeps what was written
    # before them, as boto3 does. Link targets (bcdoc's hrefs) only arise for
    # empty anchors, which its parser never produces; the writes are the result.
    doc.include_doc_string(html)


def clear_cache() -> None:
    _parse.cache_clear()
