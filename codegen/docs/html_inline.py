"""bcdoc's HTML-to-RST conversion for the common simple case, without an HTML parser.

Most model documentation is paragraphs of text with inline ``<code>``, ``<b>``
and ``<i>``. For exactly that subset (no attributes, no nesting inside inline
tags, nothing else) this module replays bcdoc's algorithm step by step: the
same tree, the same whitespace collapsing rules, the same writes to the same
write stack. Anything outside the subset returns ``None`` and goes to bcdoc
itself. ``tests/test_docs_html.py`` checks every documentation string of the
installed botocore against bcdoc.
"""

from __future__ import annotations

import re
from html import unescape
from itertools import pairwise, zip_longest

_TOKEN = re.compile(r'<(/?)(p|code|b|i|a)(?: href="([^"&<>]*)")?>|([^<]+)')
_INLINE = {"code": "``", "b": "**", "i": "*"}


class _Data:
    __slots__ = ("lead", "text", "trail")

    def __init__(self, data: str):
        self.lead = self.text = self.trail = ""
        if data.isspace():
            self.trail = data
            return
        stripped = data.lstrip()
        self.lead = data[: len(data) - len(stripped)]
        self.text = stripped.rstrip()
        self.trail = stripped[len(self.text) :]

    def is_ws(self) -> bool:
        return self.text == "" and (self.lead != "" or self.trail != "")

    def starts_ws(self) -> bool:
        return self.lead != "" or (self.text == "" and self.trail != "")

    def ends_ws(self) -> bool:
        return self.trail != "" or (self.text == "" and self.lead != "")

    def lstrip(self) -> None:
        if self.lead != "":
            self.lead = ""
        elif self.text == "":
            self.rstrip()

    def rstrip(self) -> None:
        if self.trail != "":
            self.trail = ""
        elif self.text == "":
            self.lstrip()


class _Tag:
    __slots__ = ("children", "href", "tag")

    def __init__(self, tag: str, href: str | None = None):
        self.tag = tag
        self.href = href
        self.children: list[_Data | _Tag] = []

    def is_ws(self) -> bool:
        return all(child.is_ws() for child in self.children)

    def starts_ws(self) -> bool:
        return bool(self.children) and self.children[0].starts_ws()

    def ends_ws(self) -> bool:
        return bool(self.children) and self.children[-1].ends_ws()

    def lstrip(self) -> None:
        while self.children and self.children[0].is_ws():
            self.children = self.children[1:]
        if self.children:
            self.children[0].lstrip()

    def rstrip(self) -> None:
        while self.children and self.children[-1].is_ws():
            self.children = self.children[:-1]
        if self.children:
            self.children[-1].rstrip()

    def collapse(self) -> None:
        # bcdoc's TagNode.collapse_whitespace for p (a block) and inline tags.
        if self.tag == "p":
            self.lstrip()
            self.rstrip()
        children = self.children
        for prev, cur in pairwise(children):
            if isinstance(prev, _Data) and prev.ends_ws() and cur.starts_ws():
                cur.lstrip()
        for cur, nxt in pairwise(children):
            if isinstance(nxt, _Data) and cur.ends_ws() and nxt.starts_ws():
                cur.rstrip()
        for child in children:
            if isinstance(child, _Tag):
                child.collapse()


def _parse(html: str) -> _Tag | None:
    """The bcdoc tree of ``html``, or None when it is outside the subset."""
    head = _Tag("")
    paragraph: _Tag | None = None
    inline: _Tag | None = None
    end = 0
    for match in _TOKEN.finditer(html):
        if match.start() != end:
            return None  # a '<' that is not one of our tags
        end = match.end()
        closing, tag, href, data = match.groups()
        if href is not None and (tag != "a" or closing):
            return None
        if tag == "a" and not closing and href is None:
            return None  # <a> without a link: bcdoc writes a space; left to bcdoc
        if data is not None:
            if "&" in data:
                data = unescape(data)
            if inline is not None:
                inline.children.append(_Data(data))
            elif paragraph is not None:
                paragraph.children.append(_Data(data))
            elif data.isspace():
                head.children.append(_Data(data))
            else:
                return None  # text outside a paragraph
        elif not closing:
            if tag == "p":
                if paragraph is not None:
                    return None
                paragraph = _Tag("p")
                head.children.append(paragraph)
            else:
                if paragraph is None or inline is not None:
                    return None
                inline = _Tag(tag, href)
                paragraph.children.append(inline)
        elif tag == "p":
            if paragraph is None or inline is not None:
                return None
            paragraph = None
        else:
            if inline is None or inline.tag != tag:
                return None
            inline = None
    if end != len(html) or paragraph is not None or inline is not None:
        return None
    return head


def inline_html_to_rst(html: str, indent: int) -> str | None:
    """bcdoc's RST for ``html`` at ``indent``, or None if it is not simple enough."""
    head = _parse(html)
    if head is None:
        return None
    # StemNode.collapse_whitespace of the document.
    head.lstrip()
    head.rstrip()
    for child in head.children:
        if isinstance(child, _Tag):
            child.collapse()
    writes: list[str] = []
    paragraph_break = "\n\n" + "  " * indent
    _write_children(head, writes, paragraph_break)
    return "".join(writes)


def _write_children(node: _Tag, writes: list[str], paragraph_break: str) -> None:
    for child, _next in zip_longest(node.children, node.children[1:]):
        if isinstance(child, _Data):
            text = f"{child.lead}{' '.join(child.text.split())}{child.trail}"
            if text:
                writes.append(text)
        elif child is not None:
            _write_tag(child, writes, paragraph_break)


def _write_tag(tag: _Tag, writes: list[str], paragraph_break: str) -> None:
    if tag.tag == "p":
        writes.append(paragraph_break)
        _write_children(tag, writes, paragraph_break)
        writes.append(paragraph_break)
        return
    if tag.tag == "a":
        _write_link(tag, writes, paragraph_break)
        return
    markup = _INLINE[tag.tag]
    if tag.tag == "code":
        # add_trailing_space_to_previous_write
        last = writes.pop() if writes else ""
        if last != "" and last[-1] != " ":
            last += " "
        writes.append(last)
    # _start_inline: space out directly adjacent bold and italic markup.
    if writes and writes[-1] in ("*", "**") and markup in ("*", "**"):
        writes.append(" ")
    writes.append(markup)
    _write_children(tag, writes, paragraph_break)
    # _end_inline: drop markup around nothing.
    if writes[-1] == markup:
        writes.pop()
    else:
        writes.append(markup)


def _write_link(tag: _Tag, writes: list[str], paragraph_break: str) -> None:
    """bcdoc's start_a, the link text, and end_a (with its link-text clean-up)."""
    assert tag.href is not None
    href = tag.href.strip()
    last = writes.pop() if writes else ""
    if last != "" and last[-1] != " ":
        last += " "
    writes.append(last)
    writes.append("`")
    _write_children(tag, writes, paragraph_break)
    if not href:
        return  # bcdoc's end_a does nothing for an empty link
    # _clean_link_text: gather the writes back to the opening backtick.
    text = writes.pop()
    while not text.startswith("`"):
        text = writes.pop() + text
    if text != "":
        if text.startswith("` "):
            text = f"`{text[1:].lstrip(' ')}"
        writes.append(text)
    text = writes.pop().rstrip(" ")
    if text and text != "`":
        if ":" in text:
            text = text.replace(":", r"\:")
        writes.append(text)
        writes.append(f" <{href}>`__")
    elif text == "`":
        writes.append(f"`<{href}>`__")
    else:
        writes.append(href)
        writes.append("`__")
