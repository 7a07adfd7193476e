"""Parameter and response-structure sections: one entry per shape, nested as the data nests.

``document_params(section, tree, root, request=...)`` writes ``:type X:`` /
``:param X:`` entries for a request's top-level parameters and ``- **Name**
*(type) --*`` bullets below them and throughout a response, with each shape's
documentation converted from HTML, ``[REQUIRED]`` marks, tagged-union notes and
the idempotency-token remark, as boto3 writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from codegen.docs.model import DocShape, ShapeReplacement, ShapeTree, TreeWriter
from codegen.docs.sections import SectionWriter, spaces

REQUEST = "request-params"
RESPONSE = "response-params"

_PY_TYPE_NAMES = {
    "blob": "bytes",
    "character": "string",
    "double": "float",
    "long": "integer",
    "map": "dict",
    "structure": "dict",
    "timestamp": "datetime",
}
SPECIAL_TYPE_NAMES = {
    "document_type": ":ref:`document<document>`",
    "jsonvalue_header": "JSON serializable",
    "streaming_input_shape": "bytes or seekable file-like object",
    "streaming_output_shape": ":class:`.StreamingBody`",
    "eventstream_output_shape": ":class:`.EventStream`",
}
IDEMPOTENCY_NOTE = "This field is autopopulated if not provided."
_REQUEST_UNION_NOTE = (
    ".. note::"
    "    This is a Tagged Union structure. Only one of the "
    "    following top level keys can be set: %s. "
)
_RESPONSE_UNION_NOTE = (
    ".. note::"
    "    This is a Tagged Union structure. Only one of the "
    "    following top level keys will be set: %s. "
    "    If a client receives an unknown member it will "
    "    set ``SDK_UNKNOWN_MEMBER`` as the top level key, "
    "    which maps to the name or tag of the unknown "
    "    member. The structure of ``SDK_UNKNOWN_MEMBER`` is "
    "    as follows"
)
_UNKNOWN_MEMBER_EXAMPLE = "'SDK_UNKNOWN_MEMBER': {'name': 'UnknownMemberName'}"


def type_label(node: DocShape) -> str:
    """The type boto3 prints for a shape: ``string``, ``dict``, ``:class:`.StreamingBody```..."""
    if node.special is not None:
        return SPECIAL_TYPE_NAMES[node.special]
    return _PY_TYPE_NAMES.get(node.type_name, node.type_name)


def document_params(
    section: SectionWriter,
    tree: ShapeTree,
    root: DocShape,
    *,
    request: bool,
    include: Sequence[DocShape] = (),
    exclude: Sequence[str] = (),
) -> None:
    writer = _RequestWriter(tree) if request else _ResponseWriter(tree)
    writer.shape(section, root, include, exclude)


class _Writer(TreeWriter):
    def shape(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape] = (),
        exclude: Sequence[str] = (),
    ) -> None:
        if self.tree.replaced and node.history:
            replacement = self.tree.replaced.get(node.shape)
            if replacement is not None:
                self.replaced(section, node, replacement)
                return
        kind = node.kind
        if kind == "recursive":
            self.member_doc(section, node, top=False, required=False)
        elif kind == "structure":
            self.structure(section, node, include, exclude)
        elif kind == "list":
            self.list(section, node)
        elif kind == "map":
            self.map(section, node)
        elif kind == "event_stream" and isinstance(self, _ResponseWriter):
            self.structure(section, node, include, exclude)
        else:
            self.member_doc(section, node, top=node.is_top_level_param, required=node.required)

    def member_doc(
        self, section: SectionWriter, node: DocShape, *, top: bool, required: bool
    ) -> None:
        raise NotImplementedError

    def structure(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape],
        exclude: Sequence[str],
    ) -> None:
        raise NotImplementedError

    def members(self, node: DocShape, include: Sequence[DocShape]) -> list[DocShape]:
        members = self.tree.children(node)
        if include:
            history = (*node.history, node.shape)
            by_name = {m.name: m for m in members}
            for extra in include:
                by_name[extra.name] = extra._replace(history=history)
            members = list(by_name.values())
        return members

    def list(self, section: SectionWriter, node: DocShape) -> None:
        self.member_doc(section, node, top=node.is_top_level_param, required=node.required)
        self.nested(section, node, "item", lambda s: self.list_item(s, node))
        section.add_text("end-list", _end_nested_text(section.indent))

    def list_item(self, section: SectionWriter, node: DocShape) -> None:
        (item,) = self.tree.children(node)
        item_section = section.add_new_section(item.shape)
        _start_nested(item_section)
        self.shape(item_section, item)

    def map(self, section: SectionWriter, node: DocShape) -> None:
        self.member_doc(section, node, top=node.is_top_level_param, required=node.required)
        self.nested(section, node, "entry", lambda s: self.map_entry(s, node))
        indent = section.indent
        section.add_text("end-map", _end_nested_text(indent) + _end_nested_text(indent - 1))

    def map_entry(self, section: SectionWriter, node: DocShape) -> None:
        key, value = self.tree.children(node)
        key_section = section.add_new_section("key")
        _start_nested(key_section)
        self.member_doc(key_section, key, top=False, required=False)
        value_section = section.add_new_section(value.shape)
        value_section.indent_more()
        _start_nested(value_section)
        self.shape(value_section, value)

    def structure_members(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape],
        exclude: Sequence[str],
    ) -> None:
        """One entry per member (only the root has included or excluded members)."""
        self.nested(
            section, node, "members", lambda s: self.members_entries(s, node, include, exclude)
        )

    def members_entries(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape],
        exclude: Sequence[str],
    ) -> None:
        for member in self.members(node, include):
            name = member.name or ""
            if name in exclude:
                continue
            member_section = section.add_new_section(name)
            self.start_member(member_section)
            self.shape(member_section, member)

    def start_member(self, section: SectionWriter) -> None:
        raise NotImplementedError

    def replaced(
        self, section: SectionWriter, node: DocShape, replacement: ShapeReplacement
    ) -> None:
        """The entry of a replaced shape: its name, the new type and description; no members."""
        raise NotImplementedError

    def type_section(self, section: SectionWriter, node: DocShape) -> None:
        """``(type) --``, italic unless it is a link boto3 must not italicise."""
        label = f"({type_label(node)}) --"
        if node.special is None:
            label = f"*{label}*"
        section.add_text("param-type", label + " ")

    def name_section(self, section: SectionWriter, node: DocShape) -> None:
        name = node.name
        if name is None:
            text = "- "
        elif name:
            text = f"- **{name}** "
        else:
            text = "-  "  # bcdoc drops bold markup around nothing
        section.add_text("param-name", text)


class _RequestWriter(_Writer):
    memo_kind = REQUEST

    def replaced(
        self, section: SectionWriter, node: DocShape, replacement: ShapeReplacement
    ) -> None:
        if node.is_top_level_param:
            _top_level_head(section, node, replacement.type_name)
        else:
            self.name_section(section, node)
            section.add_text("param-type", f"*({replacement.type_name}) -- *")
        section.add_text("param-documentation", replacement.description)
        section.add_text("end-param", "\n\n" + spaces(section.indent))
        if node.kind == "structure":
            section.add_text("end-structure", "\n" + spaces(section.indent))

    def structure(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape],
        exclude: Sequence[str],
    ) -> None:
        nested = bool(node.history)
        if nested:
            self.member_doc(section, node, top=node.is_top_level_param, required=node.required)
            section.indent_more()
        self.structure_members(section, node, include, exclude)
        section.add_text(
            "end-structure", "\n" + spaces(section.indent - 1 if nested else section.indent)
        )

    def start_member(self, section: SectionWriter) -> None:
        section.new_line()

    def member_doc(
        self, section: SectionWriter, node: DocShape, *, top: bool, required: bool
    ) -> None:
        if top:
            _top_level_head(section, node, type_label(node))
        else:
            self.name_section(section, node)
            self.type_section(section, node)
        if required:
            section.add_text("is-required", "**[REQUIRED]** ")
        if node.documentation:
            # Each section's text is written before the next section is added
            # (TextSection); the page reads as boto3's, which adds the note's
            # section before it writes the documentation.
            note = IDEMPOTENCY_NOTE if node.idempotency_token else ""
            section.add_documentation("param-documentation", node.documentation, note)
            if node.tagged_union:
                names = ", ".join(f"``{m.name}``" for m in self.tree.children(node))
                section.add_new_section("param-tagged-union-docs").write(
                    _REQUEST_UNION_NOTE % names
                )
        section.add_text("end-param", "\n\n" + spaces(section.indent))


class _ResponseWriter(_Writer):
    memo_kind = RESPONSE

    def replaced(
        self, section: SectionWriter, node: DocShape, replacement: ShapeReplacement
    ) -> None:
        section.new_paragraph()
        self.name_section(section, node)
        section.add_text("param-type", f"*({replacement.type_name}) -- *")
        section.add_text("param-documentation", replacement.description)
        if node.kind == "structure":
            section.add_text("end-structure", _end_nested_text(section.indent))

    def structure(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape],
        exclude: Sequence[str],
    ) -> None:
        self.member_doc(section, node, top=False, required=False)
        self.structure_members(section, node, include, exclude)
        section.add_text("end-structure", _end_nested_text(section.indent))

    def start_member(self, section: SectionWriter) -> None:
        _start_nested(section)

    def member_doc(
        self, section: SectionWriter, node: DocShape, *, top: bool, required: bool
    ) -> None:
        # boto3 writes this blank line last, but a section's own text comes
        # before its children's on the page; here (TextSection) it is written first.
        section.new_paragraph()
        self.name_section(section, node)
        self.type_section(section, node)
        section.add_documentation("param-documentation", node.documentation)
        if node.documentation and node.tagged_union:
            names = ", ".join(f"``{m.name}``" for m in self.tree.children(node))
            section.add_new_section("param-tagged-union-docs").write(_RESPONSE_UNION_NOTE % names)
            example = section.add_new_section("param-unknown-example")
            example.start_codeblock()
            example.writeln(_UNKNOWN_MEMBER_EXAMPLE)
            example.end_codeblock()


def _top_level_head(section: SectionWriter, node: DocShape, type_name: str) -> None:
    """``:type X: <type>`` and ``:param X:``, which open a request's top-level parameter."""
    type_section = section.add_new_section("param-type")
    type_section.write(f":type {node.name}: {type_name}")
    type_section.add_new_section("end-param-type").new_line()
    section.add_text("param-name", f":param {node.name}: ")


def _start_nested(section: SectionWriter) -> None:
    section.indent_more()
    section.new_line()


def _end_nested_text(indent: int) -> str:
    """What a section made at ``indent`` writes to close a nesting: dedent, new line."""
    return "\n" + spaces(indent - 1)
