"""Model documentation (HTML) to reStructuredText, exactly as boto3 converts it.

boto3 converts with botocore's ``bcdoc`` (its HTML parser and ReST style), so
links, code, lists, notes, nested tags and stray markup must come out as they
do there. ``html_to_rst(html, indent)`` is the one entry point; every page that
shows model documentation (the client page's introduction, method, paginator
and waiter pages: descriptions, parameters, response members) goes through it.
Which of three paths converts a text depends on its markup alone, never on the
page, and all three give bcdoc's bytes (``tests/test_docs_html.py`` checks
every text of the installed botocore against bcdoc):

1. plain, here (``_plain``): no markup, or one ``<p>`` around the words: two
   thirds of all texts. The result is a formula; no parser.
2. replay, ``html_replay``: paragraphs, inline code, bold, italics, links,
   lists and notes, well formed: nearly all the other texts. bcdoc's algorithm
   replayed on a tree built once per text by a regular expression.
3. bcdoc, ``html_bcdoc``: the few left (35 of botocore 1.43.11's 192,253
   texts), by bcdoc itself, parsed once per text with ``\x00`` marks for
   indentation that are turned into spaces per level.

The output depends on the indentation the text starts at, and texts recur at
several; each path converts a text once and reuses it at other levels.
``clear_cache()`` between services bounds memory.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from codegen.docs import html_bcdoc, html_replay

INDENT = "  "
_PLAIN_PARAGRAPH = re.compile(r"<p>([^<>&]*)</p>")
_PLAIN_TEXT = re.compile(r"[^<>&]*")


class Rst(NamedTuple):
    text: str
    # bcdoc leaves the indentation where unbalanced markup puts it; the section
    # that included the text keeps writing from there.
    end_indent: int


@functools.cache
def html_to_rst(html: str, indent: int = 0) -> Rst:
    """``html`` as RST whose lines start at ``indent`` levels (two spaces each)."""
    plain = _plain(html)
    if plain is None:
        return _marked_up(html, indent)
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
    words with whitespace collapsed); None for any other. Once per text, not per level.

    Gain: replaying these texts instead takes 6.4% more instructions for ec2's docs."""
    match = _PLAIN_PARAGRAPH.fullmatch(html)
    if match is not None:
        return True, " ".join(match.group(1).split())
    if _PLAIN_TEXT.fullmatch(html):
        return False, " ".join(html.split())
    return None


def _marked_up(html: str, indent: int) -> Rst:
    """A text with markup: replayed (``html_replay``) if it can be, else by bcdoc."""
    tree = _replay_tree(html)
    if tree is None:
        return Rst(*html_bcdoc.convert(html, indent))
    if indent < 1 or not shiftable(html):
        return Rst(*html_replay.replay(tree, indent))
    # The same text at another level (most recur at several) differs only in
    # its indentation: every line that is not blank starts with it. Gain:
    # replaying it at each level instead takes 2.1% more instructions for ec2's docs.
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
    tree = _replay_tree(html)
    return tree is not None and html_replay.shiftable(tree)


@functools.cache
def _replay_tree(html: str) -> html_replay.Tag | None:
    return html_replay.parse(html)


def clear_cache() -> None:
    _first_converted.clear()
    shiftable.cache_clear()
    html_to_rst.cache_clear()
    _plain.cache_clear()
    _replay_tree.cache_clear()
    html_bcdoc.clear_cache()
