"""The documentation model: what a reference page says about one operation's shapes.

A ``DocShape`` is one shape at one place of an operation's request or
response: the top-level input, a member, a list item, a map key or value. It
carries what every renderer needs (name, type, documentation HTML, required,
the special types boto3 names: streaming bodies, event streams, documents,
JSON headers) and knows its path, so recursive shapes stop where boto3 stops
them. Children are made on demand (``ShapeTree.children``), so a renderer that
gives up on a huge section never builds the rest of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from codegen.docs import html
from codegen.docs.sections import DuplicateSection, Section, SectionWriter, TextSection
from codegen.ir.model import EMPTY, Member, Operation, Service, Shape
from codegen.ir.walk import recursive_shapes

# Special types, as boto3 names them.
DOCUMENT_TYPE = "document_type"
JSONVALUE_HEADER = "jsonvalue_header"
STREAMING_INPUT = "streaming_input_shape"
STREAMING_OUTPUT = "streaming_output_shape"
EVENTSTREAM_OUTPUT = "eventstream_output_shape"


class DocShape(NamedTuple):
    """One shape as documented at one place in a request or response tree."""

    name: str | None  # the member name; None for the top level, list items and map entries
    shape: str  # the target shape's name (synthetic shapes have their own)
    type_name: str  # botocore's type: structure, list, map, string, ...
    documentation: str  # HTML: the member's own, else its shape's
    required: bool = False
    idempotency_token: bool = False
    special: str | None = None  # one of the special types above
    enum: tuple[str, ...] = ()
    tagged_union: bool = False
    event_stream: bool = False
    recursive: bool = False  # the shape is already on the path: not expanded again
    history: tuple[str, ...] = ()  # shape names from the top down to the parent
    # Synthetic shapes (PaginationConfig, WaiterConfig, ...) carry their members here.
    members: tuple[DocShape, ...] | None = None

    @property
    def is_top_level_param(self) -> bool:
        return len(self.history) == 1

    @property
    def kind(self) -> str:
        """How the shape is written: recursive, event_stream, document, or its type."""
        if self.recursive:
            return "recursive"
        if self.event_stream:
            return "event_stream"
        if self.special == DOCUMENT_TYPE:
            return "document"
        return self.type_name


def synthetic(
    name: str, type_name: str, documentation: str, members: tuple[DocShape, ...] | None = None
) -> DocShape:
    """A shape boto3 adds to a method that the model does not have (PaginationConfig)."""
    return DocShape(name, name, type_name, documentation, members=members)


# Writers close a nesting at most this many levels shallower than the text they
# write it in (a map's end in a response structure, a bracket in a syntax sketch).
CLOSING_DEPTH = 2
# Shifted-reuse invariant: a text is shifted to one level deeper only from a text
# written at this level or deeper. Every line of such a text, closing lines
# included, then starts with at least one level of spaces, so ``html.shift`` moves
# every line, and a line left empty is a blank line at every depth (at level zero
# an "indented" line is empty, and would not be deeper once shifted).
SHIFT_SOURCE_MIN_INDENT = CLOSING_DEPTH + 1


class SubtreeMemo:
    """Finished text of the parts of entries that follow from a shape alone, for one service.

    Below the top level, what a structure's members, a list's item or a map's
    key and value read like depends only on the shape and the indentation
    (a shape on no cycle is never cut for recursion), not on the member that
    holds it: ec2's Filter list is written once per indentation, though
    hundreds of parameters with their own names and descriptions hold it.

    One indentation deeper (a paginator's page is its operation's, one level
    in) most texts are the same with each indented line two spaces deeper.
    A text is marked ``shiftable`` when that is sure from how it was written:
    only whole-line indentation (no ``writeln`` after other text), model
    documentation that converts that way (``html.shiftable``), shiftable parts,
    and no line starting without indentation, written at
    ``SHIFT_SOURCE_MIN_INDENT`` or deeper. Others are built again.
    """

    def __init__(self, service: Service):
        self.cyclic = recursive_shapes(service)
        # key -> (text, its line breaks, whether it is shiftable): one lookup per reuse.
        self.texts: dict[tuple[object, ...], tuple[str, int, bool]] = {}
        self.node_fields: dict[int, tuple[Any, ...]] = {}

    def add(
        self,
        section: SectionWriter,
        name: str,
        key: tuple[object, ...],
        build: Callable[[SectionWriter], None],
    ) -> None:
        """Add child ``name`` to ``section``: what ``build`` writes, or wrote before for ``key``.

        ``key`` ends with the indentation the text is written at.
        """
        made = self.texts.get(key)
        if made is None:
            made = self._shifted(key)
        if made is not None:
            text, newlines, shiftable = made
            if not shiftable:
                section.mark_unshiftable()
            section.add_text(name, text, newlines=newlines)
            return
        budget = section.budget
        left = budget.left if budget is not None else 0
        scratch: SectionWriter = TextSection(name, section.indent, budget)
        try:
            build(scratch)
        except DuplicateSection:
            if budget is not None:
                budget.left = left
            scratch = Section(name, section.indent, budget)
            build(scratch)
        text = scratch.flush()
        shiftable = (
            isinstance(scratch, TextSection)
            and scratch.shiftable
            and not _UNINDENTED_LINE.search(text)
        )
        self.texts[key] = (text, text.count("\n"), shiftable)
        if not shiftable:
            section.mark_unshiftable()
        section.add_text(name, text, counted=True)

    def _shifted(self, key: tuple[object, ...]) -> tuple[str, int, bool] | None:
        """The text for ``key`` made from the shiftable one a level shallower, if there is one.

        Gain: building those texts again instead takes 11.8% more instructions for ec2's docs.
        """
        indent = key[-1]
        assert isinstance(indent, int)
        if indent - 1 < SHIFT_SOURCE_MIN_INDENT:
            return None
        shallower = self.texts.get((*key[:-1], indent - 1))
        if shallower is None or not shallower[2]:
            return None
        made = self.texts[key] = (html.shift(shallower[0], 1), shallower[1], True)
        return made


# A line that starts with text, not indentation.
_UNINDENTED_LINE = re.compile(r"\n[^\n ]")


class TreeWriter:
    """Writes the nodes of a ``ShapeTree`` into sections, reusing memoised subtrees.

    Subclasses write one node in ``shape`` and the part of it that follows
    from its shape through ``nested``; ``memo_kind`` keeps the texts of
    different writers (syntax, parameters, response structure) apart.
    """

    memo_kind = ""

    def __init__(self, tree: ShapeTree):
        self.tree = tree

    def shape(
        self,
        section: SectionWriter,
        node: DocShape,
        include: Sequence[DocShape] = (),
        exclude: Sequence[str] = (),
    ) -> None:
        raise NotImplementedError

    def nested(
        self,
        section: SectionWriter,
        node: DocShape,
        name: str,
        build: Callable[[SectionWriter], None],
    ) -> None:
        """What ``build`` adds to ``section`` for ``node``'s shape, reused where it recurs.

        The root's members stay sections of their own: customisations and
        history notes edit the top-level parameters.
        """
        memo = self.tree.memo
        if memo is None or not node.history or node.shape in memo.cyclic:
            build(section)
            return
        memo.add(
            section, name, (self.memo_kind, name, node.shape, node.members, section.indent), build
        )


# Where a field sits in a node's values (``_ref_fields`` gives those up to
# ``event_stream``; ``recursive``, ``history`` and ``members`` follow).
_SHAPE_AT = DocShape._fields.index("shape")
_SPECIAL_AT = DocShape._fields.index("special")


class ShapeReplacement(NamedTuple):
    """How a shape is documented wherever it appears below the top (boto3's
    ``DocumentModifiedShape``: dynamodb's resources take plain Python values)."""

    type_name: str  # the type printed in its entries
    description: str  # RST, written as it is
    example: str  # its value in the request and response syntax


class ShapeTree:
    """Builds ``DocShape`` nodes for one operation side (request or response) of a service."""

    # Shapes documented otherwise, by name (none on client pages).
    replaced: Mapping[str, ShapeReplacement] = EMPTY

    def __init__(
        self,
        service: Service,
        operation: Operation,
        side: str,
        memo: SubtreeMemo | None = None,
    ):
        self.service = service
        self.operation = operation
        self.side = side
        self.memo = memo
        self._top_specials = _top_level_specials(service, operation, side)
        # Node fields per member reference (by identity), shared by the service's trees.
        self._fields: dict[int, tuple[Any, ...]] = memo.node_fields if memo is not None else {}
        self._children: dict[tuple[object, ...], tuple[DocShape, ...]] = {}

    def root(self) -> DocShape | None:
        ref = self.operation.input if self.side == "input" else self.operation.output
        if ref is None:
            return None
        return self._node(ref, None, False, ())

    def _node(
        self, ref: Member, name: str | None, required: bool, history: tuple[str, ...]
    ) -> DocShape:
        fields = self._fields.get(id(ref))
        if fields is None:
            fields = self._fields[id(ref)] = self._ref_fields(ref, name, required)
        if len(history) == 1 and name in self._top_specials and fields[_SPECIAL_AT] is None:
            special = self._top_specials[name]
            fields = (*fields[:_SPECIAL_AT], special, *fields[_SPECIAL_AT + 1 :])
        recursive = fields[_SHAPE_AT] in history
        return DocShape._make((*fields, recursive, history, None))

    def _ref_fields(self, ref: Member, name: str | None, required: bool) -> tuple[Any, ...]:
        """The fields of a node that depend only on the member reference (cached per service)."""
        shape = self.service.shapes[ref.target]
        documentation = ref.documentation if ref.documentation is not None else shape.documentation
        special = None
        if _is_json_value_header(ref, shape):
            special = JSONVALUE_HEADER
        elif shape.document:
            special = DOCUMENT_TYPE
        return (
            name,
            shape.name,
            shape.type,
            documentation or "",
            required,
            ref.idempotency_token or bool(shape.traits.get("idempotencyToken")),
            special,
            tuple(ref.traits.get("enum", ())) or shape.enum or (),
            shape.union,
            shape.event_stream,
        )

    def children(self, node: DocShape) -> list[DocShape]:
        """Members of a structure, the item of a list, or the key and value of a map."""
        # Each node is asked for by the syntax and by the parameters writer.
        key = (node.shape, node.history, node.members)
        made = self._children.get(key)
        if made is None:
            made = self._children[key] = tuple(self._make_children(node))
        return list(made)

    def _make_children(self, node: DocShape) -> list[DocShape]:
        if node.members is not None:
            return [child._replace(history=(*node.history, node.shape)) for child in node.members]
        shape = self.service.shapes[node.shape]
        history = (*node.history, node.shape)
        if shape.type == "structure":
            return [self._node(m, m.name, m.required, history) for m in shape.members]
        if shape.type == "list" and shape.member is not None:
            return [self._node(shape.member, None, False, history)]
        if shape.type == "map" and shape.key is not None and shape.value is not None:
            return [
                self._node(shape.key, None, False, history),
                self._node(shape.value, None, False, history),
            ]
        return []


def _is_json_value_header(ref: Member, shape: Shape) -> bool:
    jsonvalue = ref.traits.get("jsonvalue", shape.traits.get("jsonvalue", False))
    location = ref.location
    return bool(jsonvalue) and location == "header" and shape.type == "string"


def _top_level_specials(service: Service, operation: Operation, side: str) -> dict[str, str]:
    """Members of the input/output structure that boto3 documents with a special type."""
    ref = operation.input if side == "input" else operation.output
    if ref is None:
        return {}
    top = service.shapes[ref.target]
    found: dict[str, str] = {}
    payload = ref.traits.get("payload", top.payload)
    if payload is not None:
        member = top.get_member(payload)
        if member is not None and service.shapes[member.target].type == "blob":
            found[payload] = STREAMING_INPUT if side == "input" else STREAMING_OUTPUT
    if side == "output":
        for member in top.members:
            if service.shapes[member.target].event_stream:
                found[member.name] = EVENTSTREAM_OUTPUT
                break
    return found
