"""Model documentation (HTML) to reStructuredText, exactly as boto3 converts it.

The conversion is botocore's own (``botocore.docs.bcdoc``: its HTML parser and
ReST style), so links, code, lists, notes, nested tags and stray markup come
out as they do on boto3's pages.

Speed: the output depends on the indentation the text starts at, and parsing
is the dearest step of a page. A single plain ``<p>`` paragraph (two thirds of
all texts) needs no parser at all. Paragraphs, inline code, bold, italics,
links, lists and notes (all but about 2% of texts) go through ``html_replay``,
a replay of bcdoc's algorithm without an HTML parser, whose tree is built once
per text. The rest are parsed by bcdoc once: with a style that writes a
placeholder run for each indentation instead of spaces, at a deep base level,
and the runs are turned into spaces for each indentation asked for.
``clear_cache()`` between services bounds memory.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from codegen.docs import html_replay

INDENT = "  "
_MARK = "\x00"  # one per indentation level; never in model text (checked)
_BASE = 16  # parse at this depth so dedents of stray closing tags stay visible
_MARK_RUN = re.compile(_MARK + "+( ?)")
_PLAIN_PARAGRAPH = re.compile(r"<p>([^<>&]*)</p>")
_PLAIN_TEXT = re.compile(r"[^<>&]*")


class Rst(NamedTuple):
    text: str
    # bcdoc leaves the indentation where unbalanced markup puts it; the section
    # that included the text keeps writing from there.
    end_indent: int


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


@functools.cache
def html_to_rst(html: str, indent: int = 0) -> Rst:
    """``html`` as RST whose lines start at ``indent`` levels (two spaces each)."""
    plain = _plain(html)
    if plain is None:
        return _converted(html, indent)
    paragraph, words = plain
    if not paragraph:
        return Rst(words, indent)
    # bcdoc: start_p and end_p each write a blank line and the indentation;
    # the data between has its whitespace collapsed.
    if not words:
        return Rst("", indent)  # an empty paragraph is whitespace: bcdoc drops it
    spaces = INDENT * indent
    return Rst(f"\n\n{spaces}{words}\n\n{spaces}", indent)


@functools.cache
def _plain(html: str) -> tuple[bool, str] | None:
    """A text with no markup but one ``<p>`` around it, or none: (is it a paragraph, its
    words with whitespace collapsed); None for any other. Once per text, not per level."""
    match = _PLAIN_PARAGRAPH.fullmatch(html)
    if match is not None:
        return True, " ".join(match.group(1).split())
    if _PLAIN_TEXT.fullmatch(html):
        return False, " ".join(html.split())
    return None


def _converted(html: str, indent: int) -> Rst:
    tree = _tree(html)
    if tree is None:
        return _parsed(html, indent)
    if indent < 1 or not shiftable(html):
        return Rst(*html_replay.replay(tree, indent))
    # The same text at another level (most recur at several) differs only in
    # its indentation: every line that is not blank starts with it.
    first = _first_converted.get(html)
    if first is None:
        first = _first_converted[html] = Rst(*html_replay.replay(tree, indent))
    return Rst(shift(first.text, indent - first.end_indent), indent)


# Per text, its first conversion at level 1 or more (shiftable texts end at their start level).
_first_converted: dict[str, Rst] = {}


def shift(text: str, levels: int) -> str:
    """``text`` with every line that starts with indentation ``levels`` levels deeper (or
    shallower, when negative, if every such line has that much)."""
    if levels > 0:
        return text.replace("\n ", "\n " + INDENT * levels)
    if levels < 0:
        return text.replace("\n" + INDENT * -levels, "\n")
    return text


@functools.cache
def shiftable(html: str) -> bool:
    """Whether ``html`` at indentation k+1 (k >= 1) is its RST at k with each indented line
    two spaces deeper: true of plain text and of replayed text whose every line
    break is indentation (``html_replay.shiftable``); bcdoc's is not looked into."""
    if _plain(html) is not None:
        return True
    tree = _tree(html)
    return tree is not None and html_replay.shiftable(tree)


@functools.cache
def _tree(html: str) -> html_replay.Tag | None:
    return html_replay.parse(html)


def _parsed(html: str, indent: int) -> Rst:
    parsed = _parse(html)
    if indent + parsed.lowest <= 0 or _MARK in html:
        # At level zero the indentation is empty, which bcdoc treats differently
        # (and stray closing tags cannot dedent below it): parse for real.
        return _parse_at(html, indent)

    def spaces(run: re.Match[str]) -> str:
        if not run.group(1):
            return ""  # bcdoc stripped this indentation (rstrip of link text)
        return INDENT * (len(run.group()) - 1 - _BASE + indent)

    return Rst(_MARK_RUN.sub(spaces, parsed.marked), indent + parsed.end_level)


@functools.cache
def _parse(html: str) -> _Parsed:
    document, marking_style = _bcdoc()
    doc = document(target="html")
    style = marking_style(doc)
    doc.style = style
    style.indentation = _BASE
    _include(doc, html)
    return _Parsed("".join(doc._writes), style.indentation - _BASE, style.lowest - _BASE)


def _parse_at(html: str, indent: int) -> Rst:
    document, _ = _bcdoc()
    doc = document(target="html")
    doc.style.indentation = indent
    _include(doc, html)
    return Rst("".join(doc._writes), doc.style.indentation)


def _include(doc: Any, html: str) -> None:
    # include_doc_string swallows parser errors and keeps what was written
    # before them, as boto3 does. Link targets (bcdoc's hrefs) only arise for
    # empty anchors, which its parser never produces; the writes are the result.
    doc.include_doc_string(html)


def clear_cache() -> None:
    _first_converted.clear()
    shiftable.cache_clear()
    html_to_rst.cache_clear()
    _plain.cache_clear()
    _tree.cache_clear()
    _parse.cache_clear()
