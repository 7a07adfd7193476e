"""reStructuredText -> plain text, as awsapichanges.info pages print a method's reference.

The page's text is what a reader copies off the HTML that docutils makes from
boto3's RST: every block on its own paragraph, inline markup dropped with the
words around it spaced apart (``*User Guide*.`` reads ``User Guide .``), each
bullet list two columns right of the list around it with ``•`` bullets, field
lists as name and body paragraphs, and a literal block straight on top of a
field list that follows it. docutils parses; this module only lays out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from docutils import nodes
from docutils.core import publish_doctree

BULLET = "\u2022 "
_SPACES = re.compile(r"\s+")
_SETTINGS = {
    "report_level": 5,  # quiet: unknown roles (:py:class:) stay as their text
    "halt_level": 5,
    "smart_quotes": False,
    "file_insertion_enabled": False,
    "raw_enabled": False,
}


CLASSIC, CURRENT = "classic", "current"
STYLES = (CLASSIC, CURRENT)


class _Style(NamedTuple):
    inline_gap: str  # what goes between inline pieces
    field_end: str  # after a field name


_STYLES = {CLASSIC: _Style(" ", ""), CURRENT: _Style("", ":")}


class _Block(NamedTuple):
    kind: str  # literal, field, text
    text: str


def rst_to_text(rst: str, style: str = CLASSIC) -> str:
    """The plain text of ``rst`` (no trailing newline) in one of ``STYLES``."""
    document = publish_doctree(rst, settings_overrides=_SETTINGS)
    blocks: list[_Block] = []
    _children(document, 0, 0, blocks, _STYLES[style])
    out: list[str] = []
    previous: _Block | None = None
    for block in blocks:
        if previous is not None:
            tight = previous.kind == "literal" and block.kind == "field"
            out.append("\n" if tight else "\n\n")
        out.append(block.text)
        previous = block
    return "".join(out)


def inline_text(node: nodes.Node, gap: str = " ") -> str:
    """A paragraph's words: inline pieces joined by ``gap``, runs of space made one."""
    pieces: list[str] = []
    _inline(node, pieces)
    return _SPACES.sub(" ", gap.join(pieces)).strip()


def _inline(node: nodes.Node, pieces: list[str]) -> None:
    if isinstance(node, nodes.Text):
        pieces.append(str(node))
        return
    if isinstance(node, (nodes.system_message, nodes.target)):
        return
    for child in node.children:
        _inline(child, pieces)


def _indented(text: str, indent: int) -> str:
    pad = " " * indent
    return "\n".join(pad + line if line else line for line in text.split("\n"))


def _children(
    node: nodes.Node, indent: int, list_indent: int, out: list[_Block], style: _Style
) -> None:
    for child in node.children:
        _block(child, indent, list_indent, out, style)


def _block(
    node: nodes.Node, indent: int, list_indent: int, out: list[_Block], style: _Style
) -> None:
    if isinstance(node, (nodes.system_message, nodes.target, nodes.comment)):
        return
    if isinstance(node, nodes.literal_block):
        out.append(_Block("literal", _indented(node.astext(), indent)))
    elif isinstance(node, nodes.TextElement):  # paragraphs, and titles or terms met alone
        text = inline_text(node, style.inline_gap)
        if text:
            out.append(_Block("text", " " * indent + text))
    elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        bullet_at = list_indent + 2
        for item in node.children:
            _list_item(item, bullet_at, out, style)
    elif isinstance(node, nodes.field_list):
        for field in node.children:
            name, body = field.children
            field_name = inline_text(name, style.inline_gap) + style.field_end
            out.append(_Block("field", " " * indent + field_name))
            _children(body, indent, list_indent, out, style)
    elif isinstance(node, nodes.definition_list):
        for item in node.children:
            for part in item.children:
                if isinstance(part, nodes.definition):
                    _children(part, indent + 2, list_indent, out, style)
                else:
                    _block(part, indent, list_indent, out, style)
    elif isinstance(node, nodes.Admonition) and isinstance(node, nodes.Element):
        title = node.tagname.capitalize() if not isinstance(node, nodes.admonition) else ""
        if title:
            out.append(_Block("text", " " * indent + title))
        _children(node, indent, list_indent, out, style)
    else:
        # block quotes, sections, containers: their blocks, where they stand
        _children(node, indent, list_indent, out, style)


def _list_item(item: nodes.Node, bullet_at: int, out: list[_Block], style: _Style) -> None:
    children = list(item.children)
    lead = children and isinstance(children[0], nodes.paragraph)
    first = inline_text(children[0], style.inline_gap) if lead else ""
    out.append(_Block("text", " " * bullet_at + BULLET + first))
    rest = children[1:] if lead else children
    for child in rest:
        _block(child, bullet_at + 2, bullet_at, out, style)
