"""Request and response syntax: the Python-literal sketch of a call and of its result.

``document_syntax(section, tree, root, ...)`` writes the sketch of ``root`` into
``section`` as boto3 does: ``'string'``, enums joined with ``|``, ``[...]``
nesting, ``{'... recursive ...'}`` where a shape recurs, and the special
defaults of streaming bodies, event streams, documents and JSON headers.
"""

from __future__ import annotations

from collections.abc import Sequence

from codegen.docs.model import DocShape, ShapeTree, TreeWriter
from codegen.docs.sections import SectionWriter, spaces

_SPECIAL_DEFAULTS = {
    "document_type": "{...}|[...]|123|123.4|'string'|True|None",
    "jsonvalue_header": "{...}|[...]|123|123.4|'string'|True|None",
    "streaming_input_shape": "b'bytes'|file",
    "streaming_output_shape": "StreamingBody()",
    "eventstream_output_shape": "EventStream()",
}
_PY_DEFAULTS = {
    "double": "123.0",
    "long": "123",
    "integer": "123",
    "string": "'string'",
    "blob": "b'bytes'",
    "boolean": "True|False",
    "list": "[...]",
    "map": "{...}",
    "structure": "{...}",
    "timestamp": "datetime(2015, 1, 1)",
}
REQUEST = "request-example"
RESPONSE = "response-example"


def document_syntax(
    section: SectionWriter,
    tree: ShapeTree,
    root: DocShape,
    *,
    event: str,
    prefix: str | None = None,
    include: Sequence[DocShape] = (),
    exclude: Sequence[str] = (),
) -> None:
    """Write the code block sketching ``root`` (a request when ``event`` is REQUEST)."""
    section.new_line()
    section.start_codeblock()
    if prefix is not None:
        section.write(prefix)
    _Writer(tree, event).shape(section, root, include, exclude)
    section.add_text("final-blank-line", "\n" + spaces(section.indent))


class _Writer(TreeWriter):
    def __init__(self, tree: ShapeTree, event: str):
        super().__init__(tree)
        self.request = event == REQUEST
        self.memo_kind = event

    def shape(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape] = (),
        exclude: Sequence[str] = (),
    ) -> None:
        text = self.leaf(node)
        if text is not None:
            section.write(text)
            return
        self.nested_shape(section, node, include, exclude)

    def nested_shape(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape] = (),
        exclude: Sequence[str] = (),
    ) -> None:
        """A shape that is not a leaf: a structure, a list, a map or an event stream."""
        kind = node.kind
        if kind == "structure":
            # Only the root has included or excluded members, and it is never reused.
            self.nested(section, node, kind, lambda s: self.structure(s, node, include, exclude))
        elif kind == "list":
            self.nested(section, node, kind, lambda s: self.list(s, node))
        elif kind == "map":
            self.nested(section, node, kind, lambda s: self.map(s, node))
        else:  # an event stream in a response
            section.write("EventStream(")
            self.structure(section, node, include, exclude)
            section.add_text("event-stream-end", ")")

    def leaf(self, node: DocShape) -> str | None:
        """The sketch of a shape with nothing nested in it; None for the others."""
        if self.tree.replaced and node.history:
            replacement = self.tree.replaced.get(node.shape)
            if replacement is not None:
                return replacement.example
        kind = node.kind
        if kind == "recursive":
            return "{'... recursive ...'}"
        if kind in ("structure", "list", "map") or (kind == "event_stream" and not self.request):
            return None
        if kind == "string" and node.enum:
            return "|".join(f"'{value}'" for value in node.enum)
        value = _SPECIAL_DEFAULTS.get(node.special) if node.special else None
        return value if value is not None else _PY_DEFAULTS.get(node.type_name, "...")

    def child(self, section: SectionWriter, name: str, node: DocShape) -> None:
        """Child ``name`` of ``section`` sketching ``node``: plain text if nothing nests in it."""
        text = self.leaf(node)
        if text is None:
            self.nested_shape(section.add_new_section(name), node)
        else:
            section.add_text(name, text)

    def list(self, section: SectionWriter, node: DocShape) -> None:
        list_section = section.add_new_section("list-value")
        _start_nested(list_section, "[")
        (item,) = self.tree.children(node)
        self.child(list_section, "member", item)
        list_section.add_text("ending-comma", ",")
        list_section.add_text("ending-bracket", _end_nested_text(list_section.indent, "]"))

    def map(self, section: SectionWriter, node: DocShape) -> None:
        map_section = section.add_new_section("map-value")
        _start_nested(map_section, "{")
        key, value = self.tree.children(node)
        map_section.add_text("key", "'string': ")
        self.child(map_section, "value", value)
        map_section.add_text("ending-bracket", _end_nested_text(map_section.indent, "}"))

    def structure(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape],
        exclude: Sequence[str],
    ) -> None:
        members = self.tree.children(node)
        if not self.request and not members:
            section.write("{}")
            return
        if include:
            members = _with_included(members, include, node)
        top = self.request and not node.history
        if top:
            start, end, operator, quote = "(", ")", "=", ""
        else:
            start, end, operator, quote = "{", "}", ": ", "'"
        value_section = section.add_new_section("structure-value")
        _start_nested(value_section, start)
        last = len(members) - 1
        for i, member in enumerate(members):
            name = member.name or ""
            if name in exclude:
                continue
            member_section = value_section.add_new_section(name)
            member_section.write(f"{quote}{name}{quote}{operator}")
            self.child(member_section, "member-value", member)
            if i < last:
                member_section.add_text("ending-comma", ",\n" + spaces(member_section.indent))
        _end_structure(value_section, start, end)


def _with_included(
    members: list[DocShape], include: Sequence[DocShape], parent: DocShape
) -> list[DocShape]:
    """boto3 adds included members after the model's, replacing any of the same name."""
    history = (*parent.history, parent.shape)
    by_name = {m.name: m for m in members}
    for extra in include:
        by_name[extra.name] = extra._replace(history=history)
    return list(by_name.values())


def _start_nested(section: SectionWriter, start: str) -> None:
    section.write(start)
    section.indent_more()
    section.indent_more()
    section.new_line()


def _end_nested(section: SectionWriter, end: str | None = None) -> None:
    section.dedent()
    section.dedent()
    section.new_line()
    if end is not None:
        section.write(end)


def _end_nested_text(indent: int, end: str) -> str:
    """What a section made at ``indent`` writes to close a bracket: two dedents, new line."""
    return "\n" + spaces(indent - 2) + end


def _end_structure(section: SectionWriter, start: str, end: str) -> None:
    # A structure whose members are all excluded closes on its opening line.
    if not section.has_children:
        section.clear_text()
        section.write(start + end)
        _end_nested(section)
    else:
        section.add_text("ending-bracket", _end_nested_text(section.indent, end))
