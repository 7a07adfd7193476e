"""bcdoc's HTML-to-RST conversion replayed without an HTML parser, for the markup models use.

Which texts: nearly all model documentation with markup in it (all but 35 of
botocore 1.43.11's 192,253 texts go here or through ``html``'s plain path), on
any page that shows model documentation; ``html`` picks the path by the text
alone. Why: parsing is most of bcdoc's cost, and these texts need none.

bcdoc (``botocore.docs.bcdoc``) feeds ``HTMLParser`` events into a tree of tag
and data nodes, collapses whitespace as a browser would, then walks the tree
calling its ReST style's ``start_<tag>``/``end_<tag>`` handlers, which push
strings on a write stack and sometimes pop and rewrite the last ones. Parsing is
most of its cost. For text made only of well-formed ``p``, ``code``, ``b``,
``i``, ``a``, lists and notes, with plain double-quoted attributes (and tags
bcdoc has no handler for, which it ignores), this module builds the same tree
from a regular expression and replays the same handlers on the same write
stack, piece for piece, so the result is
identical. Anything else returns None and goes to bcdoc itself.
``tests/test_docs_html.py`` checks every documentation text of the installed
botocore against bcdoc.

The tree of a text is built once (``parse``); ``replay(tree, indent)`` writes it
at any indentation.
"""

from __future__ import annotations

import re
from html import unescape
from itertools import pairwise

# A tag with plain double-quoted attributes, maybe self-closing. Splitting on it
# gives text, then the tag's four groups, then text, and so on.
_TAG = re.compile(r'<(/?)([a-z]+)((?: [a-z][a-z-]*="[^"&<>]*")*)( ?/)?>')
_HREF = re.compile(r' href="([^"]*)"')
_INLINE = {"code": "``", "b": "**", "i": "*"}
_DIRECTIVES = {"note": "note", "important": "warning", "danger": "danger"}
_LISTS = ("ul", "ol")
_REPLAYED = {"p", "li", "a", "fullname", *_INLINE, *_DIRECTIVES, *_LISTS}
# bcdoc's docstringparser rules, by tag.
_BLOCK_DISPLAY = ("p", "note", "ul", "li")  # strip leading and trailing whitespace
_PRIORITY_PARENT = ("code", "a")  # inside these, the tags below write only their text
_OMIT_NESTED = ("i", "code", "a")
_OMIT_SELF = ("i", "b")  # with a nested tag, write only the children
# Tags whose content HTMLParser reads as raw text.
_RAW_TEXT = ("script", "style", "textarea", "title")
# The tags bcdoc's ReSTStyle has start_ and end_ handlers for, as HTML tag names
# (tests/test_docs_html.py checks this against it): importing bcdoc to look
# would import all of botocore.docs, a tenth of a second.
BCDOC_HANDLED = frozenset(
    [
        "a",
        "b",
        "bold",
        "code",
        "codeblock",
        "danger",
        "examples",
        "fullname",
        "i",
        "important",
        "italics",
        "li",
        "note",
        "ol",
        "p",
        "ul",
    ]
)


class Data:
    """bcdoc's DataNode: text split into leading whitespace, words and trailing whitespace."""

    __slots__ = ("lead", "text", "trail")

    def __init__(self, data: str):
        self.lead = self.trail = ""
        if not data[0].isspace() and not data[-1].isspace():
            self.text = data  # most text: no whitespace at either end
            return
        self.text = ""
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


class Tag:
    """bcdoc's TagNode (and, with tag ``""``, the StemNode at the head of the tree)."""

    __slots__ = ("bare", "children", "href", "tag")

    def __init__(self, tag: str, href: str | None = None, bare: bool = True):
        self.tag = tag
        self.href = href
        self.bare = bare  # no attributes at all (bcdoc's start_a writes a space then)
        self.children: list[Node] = []

    def is_ws(self) -> bool:
        # A loop, not all() over a generator: that takes 2.3% more instructions for ec2's docs.
        for child in self.children:  # noqa: SIM110
            if not child.is_ws():
                return False
        return True

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
        """bcdoc's collapse_whitespace: the head's and a tag's."""
        if not self.tag or self.tag in _BLOCK_DISPLAY:
            self.lstrip()
            self.rstrip()
        children = self.children
        if self.tag:
            for prev, cur in pairwise(children):
                if isinstance(prev, Data) and prev.ends_ws() and cur.starts_ws():
                    cur.lstrip()
            for cur, nxt in pairwise(children):
                if isinstance(nxt, Data) and cur.ends_ws() and nxt.starts_ws():
                    cur.rstrip()
        for child in children:
            if isinstance(child, Tag):
                child.collapse()


Node = Data | Tag


def parse(html: str) -> Tag | None:
    """bcdoc's collapsed tree of ``html``, or None when the text is outside the subset."""
    head = current = Tag("")
    open_tags = [head]
    pieces = _TAG.split(html)
    last = len(pieces) - 1
    for i in range(0, len(pieces), 5):
        data = pieces[i]
        if data:
            if "<" in data:
                return None  # a '<' that is not a plain tag
            if "&" in data:
                if i == last:
                    return None  # HTMLParser may hold back a trailing entity: left to bcdoc
                data = unescape(data)
            current.children.append(Data(data))
        if i == last:
            break
        closing, tag, attributes, self_closing = pieces[i + 1 : i + 5]
        if closing and (attributes or self_closing):
            return None
        if tag not in _REPLAYED:
            if tag in _RAW_TEXT or tag in BCDOC_HANDLED:
                return None
            continue  # bcdoc ignores tags it has no handler for, keeping their text
        if closing:
            # bcdoc closes whatever tag is open, whichever tag the end tag names.
            if len(open_tags) == 1:
                return None
            open_tags.pop()
            current = open_tags[-1]
        elif current.tag == "fullname":
            return None  # bcdoc drops every write inside, its handlers' too: left to it
        else:
            # Only start_a reads attributes: each href opens a link.
            hrefs = _HREF.findall(attributes) if tag == "a" else []
            if len(hrefs) > 1:
                return None
            node = Tag(tag, hrefs[0] if hrefs else None, not attributes)
            current.children.append(node)
            if not self_closing:  # HTMLParser: <p/> is a start tag and an end tag
                open_tags.append(node)
                current = node
    head.collapse()
    return head


class _Replay:
    """bcdoc's ReSTStyle handlers for the replayed tags, on a write stack like ReSTDocument's."""

    __slots__ = ("do_p", "href", "indent", "list_depth", "writes")

    def __init__(self, indent: int):
        self.writes: list[str] = []
        self.indent = indent
        self.do_p = True
        self.list_depth = 0
        self.href: str | None = None

    def spaces(self) -> str:
        return "  " * self.indent

    def dedent(self) -> None:
        if self.indent > 0:
            self.indent -= 1

    def children(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Data):
                text = f"{child.lead}{' '.join(child.text.split())}{child.trail}"
                if text:
                    self.writes.append(text)
            else:
                self.tag(child, node)

    def tag(self, node: Tag, parent: Tag) -> None:
        tag = node.tag
        if (tag in _OMIT_SELF and any(isinstance(c, Tag) for c in node.children)) or (
            parent.tag in _PRIORITY_PARENT and tag in _OMIT_NESTED
        ):
            self.children(node)
            return
        writes = self.writes
        if tag == "fullname":
            return  # start_fullname stops keeping data until end_fullname
        if tag == "p":
            if self.do_p:
                writes.append(f"\n\n{self.spaces()}")
            self.children(node)
            if self.do_p:
                writes.append(f"\n\n{self.spaces()}")
        elif tag in _INLINE:
            markup = _INLINE[tag]
            if tag == "code":
                self.trailing_space()
            # _start_inline: space out directly adjacent bold and italic markup.
            if writes and writes[-1] in ("*", "**") and markup in ("*", "**"):
                writes.append(" ")
            writes.append(markup)
            self.children(node)
            # _end_inline: drop markup around nothing.
            if writes[-1] == markup:
                writes.pop()
            else:
                writes.append(markup)
        elif tag == "a":
            self.link(node)
        elif tag == "li":
            writes.append(f"\n{self.spaces()}")
            self.do_p = False
            writes.append("* ")
            self.children(node)
            self.do_p = True
            writes.append(f"\n{self.spaces()}")
        elif tag in _LISTS:
            if self.list_depth != 0:
                self.indent += 1
            self.list_depth += 1
            writes.append(f"\n\n{self.spaces()}")
            self.children(node)
            self.list_depth -= 1
            if self.list_depth != 0:
                self.dedent()
            writes.append(f"\n\n{self.spaces()}")
        else:
            writes.append(f"\n\n{self.spaces()}")
            writes.append(f".. {_DIRECTIVES[tag]}::")
            self.indent += 1
            writes.append(f"\n\n{self.spaces()}")
            self.children(node)
            self.dedent()
            writes.append(f"\n\n{self.spaces()}")

    def trailing_space(self) -> None:
        """add_trailing_space_to_previous_write (it pushes '' on an empty stack)."""
        last = self.writes.pop() if self.writes else ""
        if last != "" and last[-1] != " ":
            last += " "
        self.writes.append(last)

    def link(self, node: Tag) -> None:
        """start_a, the link text, and end_a with its link-text clean-up."""
        writes = self.writes
        self.trailing_space()
        if node.href is not None:
            self.href = node.href.strip()
            writes.append("`")
        elif node.bare:
            writes.append(" ")  # <a>DescribeInstances</a>: a space, then the text
        self.children(node)
        # The link is the style's, not the tag's: a link nested deeper
        # (inside bold link text) ends it, and end_a then does nothing.
        href = self.href
        if not href:
            return
        self.href = None
        # _clean_link_text: gather the writes back to the one opening the link.
        text = writes.pop()
        while not text.startswith("`"):
            text = writes.pop() + text
        if text.startswith("` "):
            text = f"`{text[1:].lstrip(' ')}"
        text = text.rstrip(" ")
        if text != "`":
            writes.append(text.replace(":", r"\:"))
            writes.append(f" <{href}>`__")
        else:
            writes.append(f"`<{href}>`__")


_BLOCKS = frozenset({"p", "li", *_LISTS, *_DIRECTIVES})


def shiftable(tree: Tag) -> bool:
    """Whether every line break ``replay`` writes for ``tree`` is followed by indentation.

    Then the text one level deeper is the same with each indented line two
    spaces deeper. Not so where whitespace from the model holds a line break
    (it is written as it is), or where a link's text holds a block (bcdoc trims
    the indentation at the end of link text).
    """
    for child in tree.children:
        if isinstance(child, Data):
            if "\n" in child.lead or "\n" in child.trail:
                return False
        elif (child.tag == "a" and _holds_block(child)) or not shiftable(child):
            return False
    return True


def _holds_block(tag: Tag) -> bool:
    return any(
        isinstance(child, Tag) and (child.tag in _BLOCKS or _holds_block(child))
        for child in tag.children
    )


def replay(tree: Tag, indent: int) -> tuple[str, int]:
    """What bcdoc writes for ``tree`` starting at ``indent``, and the indentation it ends at."""
    state = _Replay(indent)
    state.children(tree)
    return "".join(state.writes), state.indent
