"""A page as a tree of named sections, written and flushed the way boto3's pages are.

boto3 builds every page as a tree of ``DocumentStructure`` sections: each
section has its own text and indentation (copied from its parent when it is
made) and its children, and a page is its text followed by its children's, depth
first. Customisations edit one named node (hide a parameter, rename it, add a
note) instead of patching the finished text. This module keeps that model and
its exact whitespace, but as a light object: boto3 gives every section its own
HTML parser and rescans the page for a link once per child, which is most of why
it takes minutes per large service.

The shape writers (``syntax``, ``params``, ``examples``, ``method``) write into
a ``SectionWriter``, of which there are two kinds. ``Section`` is the tree: a
page that a customisation or a ``--history`` note will edit is built as one and
flushed afterwards. ``TextSection`` writes the same text straight into one list
of strings, with no tree to keep or walk: most pages, and the subtrees
``model.SubtreeMemo`` reuses. It keeps no names to look up, so it has none of
the tree's editing calls.

Size limits: boto3 replaces a ``Request Syntax``/``Parameters``/``Response
Syntax``/``Response Structure`` section longer than its line limit with a
pointer to the AWS API documentation, but only after rendering it whole. Here a
section made with ``budget=`` stops being built as soon as it has written more
newlines than its limit allows (``SectionTooLarge``), and the caller writes the
pointer instead.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from codegen.docs import html

INDENT_WIDTH = 2
INDENT = " " * INDENT_WIDTH

DEFAULT_AWS_DOCS_LINK = "https://docs.aws.amazon.com/index.html"
DOCUMENTATION_LINK = re.compile(
    r"`AWS API Documentation "
    r"<https://docs.aws.amazon.com/goto/WebAPI/[a-z0-9-.]*/[a-zA-Z]*>`_"
)
LARGE_SECTION_MESSAGE = """

    **{}**
    ::

        # This section is too large to render.
        # Please see the AWS API Documentation linked below.

    {}
    """
# Section name -> (title in the pointer, most lines boto3 renders).
SECTION_LINE_LIMITS: dict[str, tuple[str, int]] = {
    "response-example": ("Response Syntax", 1500),
    "description": ("Response Structure", 5000),
    "request-example": ("Request Syntax", 1500),
    "request-params": ("Parameters", 5000),
}


class SectionTooLarge(Exception):
    """Raised while building a section that has already passed its line limit."""


class DuplicateSection(Exception):
    """A TextSection was given two children of one name: only a Section tree can build it."""


class Budget:
    """Newlines a size-limited section may still write before it is known to be too large.

    The writers spend it inline (``left -= n``; below zero raises ``SectionTooLarge``)
    rather than through a method: 1.43% of ec2's docs instructions (callgrind, 2026-12-03).
    """

    __slots__ = ("left",)

    def __init__(self, limit: int):
        self.left = limit

    def close(self) -> None:
        """The section is built: later writes (a hook's notes) are not counted."""
        self.left = 1 << 62


class SectionWriter(ABC):
    """What the shape writers write into: text at an indentation, and named children in order.

    Two kinds implement it. A ``Section`` keeps a tree that customisations and
    history notes edit before it is flushed (``get_section``, ``delete_section``,
    ...); a ``TextSection`` writes straight into one list and cannot be edited.
    Each kind provides ``write``, ``add_new_section``, ``add_text``,
    ``has_children``, ``clear_text``, ``flush`` and the last-write pair that
    bold and italics need; the markup below is written the same way for both.
    """

    __slots__ = ("budget", "indent", "name")

    name: str
    indent: int
    budget: Budget | None

    # -- what each kind provides -------------------------------------------------

    @abstractmethod
    def write(self, text: str) -> None:
        """Append ``text`` to this section's own text."""

    @abstractmethod
    def add_new_section(self, name: str, budget: Budget | None = None) -> SectionWriter:
        """A new last child ``name``, at this section's indentation, sharing its budget."""

    @abstractmethod
    def add_text(
        self, name: str, text: str, *, counted: bool = False, newlines: int | None = None
    ) -> None:
        """Add a leaf child holding just ``text``.

        A page has hundreds of thousands of small leaves (``- **Name** ``,
        ``*(string) --* ``, closing brackets); kept as strings they cost a
        fraction of a section. ``counted``: the text's lines were already
        counted against the budget (it was built in a section sharing it);
        ``newlines``: its line breaks, when known (a reused text's).
        """

    @property
    @abstractmethod
    def has_children(self) -> bool:
        """Whether a child has been added."""

    @abstractmethod
    def clear_text(self) -> None:
        """Forget this section's own text (written before any child)."""

    @abstractmethod
    def flush(self) -> str:
        """The text of this section and its children, with boto3's size limits applied."""

    @abstractmethod
    def _last_write(self) -> str | None:
        """This section's last write, if it has one."""

    @abstractmethod
    def _drop_last_write(self) -> None:
        """Take back this section's last write."""

    @abstractmethod
    def mark_unshiftable(self) -> None:
        """What this section is part of cannot be shifted a level deeper (see SubtreeMemo)."""

    # -- writing ----------------------------------------------------------------

    def spaces(self) -> str:
        return INDENT * self.indent

    def writeln(self, text: str) -> None:
        self.write(f"{INDENT * self.indent}{text}\n")

    def new_line(self) -> None:
        self.write("\n" + INDENT * self.indent)

    def new_paragraph(self) -> None:
        self.write("\n\n" + INDENT * self.indent)

    def indent_more(self) -> None:
        self.indent += 1

    def dedent(self) -> None:
        if self.indent > 0:
            self.indent -= 1

    def _inline(self, markup: str, text: str) -> None:
        if not text:
            return
        # bcdoc separates directly adjacent bold and italic markup, and drops
        # markup around nothing (which RST would read as a heading).
        if self._last_write() in ("*", "**") and markup in ("*", "**"):
            self.write(" ")
        self.write(markup)
        self.write(text)
        if self._last_write() == markup:
            self._drop_last_write()
            return
        self.write(markup)

    def bold(self, text: str) -> None:
        self._inline("**", text)

    def italics(self, text: str) -> None:
        self._inline("*", text)

    def start_codeblock(self) -> None:
        self.write("::")
        self.indent_more()
        self.new_paragraph()

    def end_codeblock(self) -> None:
        self.dedent()
        self.new_paragraph()

    def directive_block(self, directive: str) -> None:
        """Open ``.. note::``-like block (note, warning, danger)."""
        self.new_paragraph()
        self.write(f".. {directive}::")
        self.indent_more()
        self.new_paragraph()

    def end_directive_block(self) -> None:
        self.dedent()
        self.new_paragraph()

    def include_doc_string(self, html_text: str | None) -> None:
        """Model documentation (HTML) as RST, at this section's indentation."""
        if not html_text:
            return
        converted = html.html_to_rst(html_text, self.indent)
        if converted.text:
            self.write(converted.text)
        self.indent = converted.end_indent

    def add_documentation(self, name: str, html_text: str | None, note: str = "") -> None:
        """Child ``name``: model documentation one level in, then ``note``, as boto3 adds a
        parameter's (an empty child when there is no documentation)."""
        child = self.add_new_section(name)
        if html_text:
            child.indent_more()
            child.include_doc_string(html_text)
            if note:
                child.write(note)


class Section(SectionWriter):
    """One node of a page that can still be edited: its own writes and named children."""

    __slots__ = ("_children", "_writes")

    def __init__(self, name: str, indent: int = 0, budget: Budget | None = None):
        self.name = name
        self.indent = indent
        self.budget = budget
        self._writes: list[str] = []
        # Most sections are leaves; their children dict is made on first use.
        # A child may be a plain string: a leaf whose whole text is known (see add_text).
        self._children: dict[str, Section | str] | None = None

    # -- the tree ---------------------------------------------------------------

    def add_new_section(self, name: str, budget: Budget | None = None) -> Section:
        child = Section(name, self.indent, budget or self.budget)
        if self._children is None:
            self._children = {name: child}
        else:
            self._children[name] = child
        return child

    def add_text(
        self, name: str, text: str, *, counted: bool = False, newlines: int | None = None
    ) -> None:
        # ``get_section`` turns the text into a section when a customisation edits it.
        budget = self.budget
        if budget is not None and not counted:
            budget.left -= text.count("\n") if newlines is None else newlines
            if budget.left < 0:
                raise SectionTooLarge
        if self._children is None:
            self._children = {name: text}
        else:
            self._children[name] = text

    def get_section(self, name: str) -> Section:
        if self._children is None:
            raise KeyError(name)
        child = self._children[name]
        if isinstance(child, str):
            section = Section(name, self.indent)
            section._writes.append(child)
            self._children[name] = child = section
        return child

    def has_section(self, name: str) -> bool:
        return self._children is not None and name in self._children

    def delete_section(self, name: str) -> None:
        if self._children is None:
            raise KeyError(name)
        del self._children[name]

    @property
    def available_sections(self) -> list[str]:
        return list(self._children) if self._children is not None else []

    @property
    def has_children(self) -> bool:
        return self._children is not None

    def clear_text(self) -> None:
        self._writes = []

    def getvalue(self) -> str:
        """This section's own text, without its children."""
        return "".join(self._writes)

    # -- writing ----------------------------------------------------------------

    def write(self, text: str) -> None:
        budget = self.budget
        if budget is not None:
            # The line budget, inline (see Budget): the hottest line of a page.
            budget.left -= text.count("\n")
            if budget.left < 0:
                raise SectionTooLarge
        self._writes.append(text)

    def _last_write(self) -> str | None:
        return self._writes[-1] if self._writes else None

    def mark_unshiftable(self) -> None:
        """Nothing to mark: SubtreeMemo reuses only TextSection texts one level deeper."""

    def _drop_last_write(self) -> None:
        self._writes.pop()

    # -- flushing ---------------------------------------------------------------

    def flush(self) -> str:
        """The text of this section and its children, with boto3's size limits applied.

        A section over its limit becomes a pointer to the method's API
        documentation link, the first one already written on the page (boto3
        looks for it in the text flushed so far).
        """
        out: list[str] = []
        self._flush_into(out, [None])
        return "".join(out)

    def _flush_into(self, out: list[str], link: list[str | None]) -> None:
        start = len(out)
        own = "".join(self._writes)
        out.append(own)
        if link[0] is None:
            link[0] = _find_docs_link(own)
        if self._children is not None:
            for child in self._children.values():
                if isinstance(child, str):
                    out.append(child)
                    if link[0] is None:
                        link[0] = _find_docs_link(child)
                else:
                    child._flush_into(out, link)
        limit = SECTION_LINE_LIMITS.get(self.name)
        if limit is not None:
            value = "".join(out[start:])
            if line_count(value) > limit[1]:
                del out[start:]
                out.append(large_section_message(limit[0], link[0]))


def spaces(indent: int) -> str:
    return INDENT * indent  # nothing for a negative level


def large_section_message(title: str, docs_link: str | None) -> str:
    return LARGE_SECTION_MESSAGE.format(title, docs_link or DEFAULT_AWS_DOCS_LINK)


def _find_docs_link(text: str) -> str | None:
    if "AWS API Documentation" not in text:
        return None
    match = DOCUMENTATION_LINK.search(text)
    return f"{match.group(0)}\n\n" if match else None


def line_count(text: str) -> int:
    """The lines boto3 counts: those of the UTF-8 bytes, where only \\n, \\r and \\r\\n end one.

    Counted on the text (no encoded copy split into a list of lines): the
    breaks, and the last line if no break ends it.
    """
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (text[-1:] not in ("", "\n", "\r"))


class TextSection(SectionWriter):
    """A section of a subtree nothing will edit: its text goes straight into one list.

    A section and all the sections made from it append to the same list, so
    the subtree's text is that list joined, with no tree to walk. That reads
    the same as a ``Section`` as long as each section's own text is written
    before its first child is added, the order the shape writers keep
    (checked), and no two children share a name (``DuplicateSection``: the
    caller builds a ``Section`` tree instead). A child named like a
    size-limited section (a member called ``description``) is a real
    ``Section``, so that boto3's limit applies to it as it would on the page.

    Beyond the writer's interface it tells whether its text may be reused one
    level deeper (``shiftable``, see ``SubtreeMemo``).
    """

    __slots__ = ("_children", "_out", "_start")

    def __init__(
        self, name: str, indent: int = 0, budget: Budget | None = None, out: _Out | None = None
    ):
        self.name = name
        self.indent = indent
        self.budget = budget
        self._out = _Out() if out is None else out
        self._start = len(self._out.parts)
        # The children's text is in the list; they are kept by name only to catch
        # a repeated one, which in a tree replaces the earlier section in place.
        self._children: dict[str, SectionWriter | str] | None = None

    def add_new_section(self, name: str, budget: Budget | None = None) -> SectionWriter:
        out = self._out
        child: SectionWriter
        if name in SECTION_LINE_LIMITS:
            section = Section(name, self.indent, budget or self.budget)
            out.parts.append(section)
            out.tree = True
            out.shiftable = False
            child = section
        else:
            child = TextSection(name, self.indent, budget or self.budget, out)
        # The name check, inline here and in add_text: a call for it took 0.51% (here)
        # and 0.96% (add_text) of ec2's docs instructions (callgrind, 2026-12-03).
        children = self._children
        if children is None:
            self._children = {name: child}
        elif name in children:
            raise DuplicateSection(name)
        else:
            children[name] = child
        return child

    def add_text(
        self, name: str, text: str, *, counted: bool = False, newlines: int | None = None
    ) -> None:
        budget = self.budget
        if budget is not None and not counted:
            budget.left -= text.count("\n") if newlines is None else newlines
            if budget.left < 0:
                raise SectionTooLarge
        children = self._children  # as in add_new_section, inline
        if children is None:
            self._children = {name: text}
        elif name in children:
            raise DuplicateSection(name)
        else:
            children[name] = text
        self._out.parts.append(text)

    @property
    def has_children(self) -> bool:
        return self._children is not None

    def write(self, text: str) -> None:
        if self._children is not None:
            raise AssertionError(f"section {self.name!r} written after its children")
        budget = self.budget
        if budget is not None:
            budget.left -= text.count("\n")
            if budget.left < 0:
                raise SectionTooLarge
        self._out.parts.append(text)

    def new_line(self) -> None:
        # write(), inline: a line break and indentation is most of a page's writes
        # (0.86% of ec2's docs instructions, callgrind 2026-12-03).
        if self._children is not None:
            raise AssertionError(f"section {self.name!r} written after its children")
        budget = self.budget
        if budget is not None:
            budget.left -= 1
            if budget.left < 0:
                raise SectionTooLarge
        self._out.parts.append("\n" + INDENT * self.indent)

    def writeln(self, text: str) -> None:
        # Its indentation may follow other text on the line: not whole-line indentation.
        self._out.shiftable = False
        super().writeln(text)

    def include_doc_string(self, html_text: str | None) -> None:
        self._check_shiftable(html_text)
        super().include_doc_string(html_text)

    def add_documentation(self, name: str, html_text: str | None, note: str = "") -> None:
        # As SectionWriter's, with the child's whole text known: one leaf, no section.
        text = ""
        if html_text:
            self._check_shiftable(html_text)
            text = html.html_to_rst(html_text, self.indent + 1).text + note
        self.add_text(name, text)

    def _check_shiftable(self, html_text: str | None) -> None:
        """Model documentation that does not convert shifted makes this text unshiftable."""
        if html_text and not html.shiftable(html_text):
            self._out.shiftable = False

    def mark_unshiftable(self) -> None:
        self._out.shiftable = False

    @property
    def shiftable(self) -> bool:
        return self._out.shiftable

    def _last_write(self) -> str | None:
        parts = self._out.parts
        return parts[-1] if len(parts) > self._start else None  # type: ignore[return-value]

    def _drop_last_write(self) -> None:
        self._out.parts.pop()

    def clear_text(self) -> None:
        if self._children is not None:
            raise AssertionError(f"section {self.name!r} cleared after its children")
        del self._out.parts[self._start :]

    def flush(self) -> str:
        shared = self._out
        if not shared.tree:
            # Most flushed sections are the first of their list: no copy of it (copying
            # takes 2.8% more instructions for ec2's docs).
            parts = shared.parts if self._start == 0 else shared.parts[self._start :]
            return "".join(parts)  # type: ignore[arg-type]
        parts = shared.parts[self._start :]
        # As Section.flush: a size-limited section points to the docs link written before it.
        out: list[str] = []
        link: list[str | None] = [None]
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                if link[0] is None:
                    link[0] = _find_docs_link(part)
            else:
                part._flush_into(out, link)
        return "".join(out)


class _Out:
    """The text of a TextSection and the sections made from it, in order."""

    __slots__ = ("parts", "shiftable", "tree")

    def __init__(self) -> None:
        self.parts: list[str | Section] = []
        self.tree = False  # some parts are size-limited Sections, flushed on their own
        # Written so that one level deeper it reads the same with each indented
        # line two spaces deeper (see SubtreeMemo); cleared by what breaks that.
        self.shiftable = True
