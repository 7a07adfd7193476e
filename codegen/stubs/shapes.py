"""How a service's shapes become Python types, and the names those types get.

Every structure an operation reaches becomes a TypedDict named
``<Shape>TypeDef``; every enum a Literal named ``<Shape>Type``: the names
mypy-boto3 users already import. Input and output differ where botocore
accepts more than it returns (``Sequence`` in, ``list`` out; ``datetime | str``
in, ``datetime`` out; blobs as files in, bytes or ``StreamingBody`` out). A
structure reaching any such difference that is used on both sides gets a
second, output TypedDict ``<Shape>OutputTypeDef``; a structure used on one
side only keeps the plain name. Operation results carry ``ResponseMetadata``;
when the result shape is also nested elsewhere, the result gets its own
``<Shape>ResponseTypeDef`` so the nested uses do not claim metadata they lack.

Every name is allocated against all of the service's shape names, so a shape
called ``FooOutput`` and the output variant of ``Foo`` never collide.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from codegen.ir.model import Member, Service, Shape
from codegen.ir.walk import reachable
from codegen.stubs import types as t
from codegen.stubs.definitions import AliasDef, Field, LiteralDef, TypedDictDef

INPUT = "input"
OUTPUT = "output"

_INT = frozenset({"integer", "long", "short", "byte", "biginteger"})
_FLOAT = frozenset({"float", "double", "bigdecimal"})
# Shape kinds whose Python type differs between what botocore accepts and returns.
_SIDED = frozenset({"list", "map", "timestamp", "blob", "document"})

BLOB_IN = t.Union((t.STR, t.BYTES, t.sub(t.IO, t.BYTES), t.STREAMING_BODY))
TIMESTAMP_IN = t.Union((t.DATETIME, t.STR))
DOCUMENT_IN = t.sub(t.MAPPING, t.STR, t.ANY)
DOCUMENT_OUT = t.sub(t.DICT, t.STR, t.ANY)

RESPONSE_METADATA = "ResponseMetadata"

# Keys of an operation's result that stay ``NotRequired`` although every other
# key of the result is required: botocore leaves them out of real responses
# (the last page has no NextToken, an empty bucket listing no Contents, a
# missing item no Item, a finished dynamodb scan no LastEvaluatedKey). This is
# mypy-boto3-builder's rule for results (its ``NOT_REQUIRED_OUTPUT_KEYS``), as
# the published packages of botocore 1.43 (builder 8.12) apply it: in their
# results these six keys, and only these, are ``NotRequired``. So code written
# against them, such as ``response["QueryExecutionId"]``, type-checks the same.
OPTIONAL_RESULT_KEYS = frozenset(
    {"NextToken", "nextToken", "LastEvaluatedKey", "Contents", "Item", "CommonPrefixes"}
)


class HandWritten(NamedTuple):
    """A structure typed as the published stubs hand-write it, not from its model.

    ``output`` is the TypedDict responses hold; ``input`` is a union alias of
    what requests take, naming the output TypedDict as ``input.target`` does.
    """

    output: TypedDictDef
    input: AliasDef


def _loose(*keys: tuple[str, t.TypeNode]) -> tuple[Field, ...]:
    return tuple(Field(name, node, False) for name, node in keys)


# Structures typed by hand, by (service, shape), as the published stubs type
# them, because real code builds and reads them with helpers the model does not
# describe. dynamodb's attribute values come from boto3's TypeSerializer (the
# overlay's ``TypeSerializer.serialize`` returns a TypedDict structurally equal
# to this ``AttributeValueTypeDef``) and go to TypeDeserializer; code annotated
# ``dict[str, AttributeValueTypeDef]`` takes both those and ``response["Items"]``
# only if responses use this one loose TypedDict, nested values untyped. Requests
# take it or any mapping (a value typed ``dict[str, Any]``); unlike the published
# ``UniversalAttributeValueTypeDef`` not a bare ``str``/``int``, which botocore
# refuses in a client call.
ATTRIBUTE_VALUE = TypedDictDef(
    "AttributeValueTypeDef",
    _loose(
        ("S", t.STR),
        ("N", t.STR),
        ("B", t.BYTES),
        ("SS", t.sub(t.SEQUENCE, t.STR)),
        ("NS", t.sub(t.SEQUENCE, t.STR)),
        ("BS", t.sub(t.SEQUENCE, t.BYTES)),
        ("M", t.sub(t.MAPPING, t.STR, t.ANY)),
        ("L", t.sub(t.SEQUENCE, t.ANY)),
        ("NULL", t.BOOL),
        ("BOOL", t.BOOL),
    ),
)
HAND_WRITTEN: dict[tuple[str, str], HandWritten] = {
    ("dynamodb", "AttributeValue"): HandWritten(
        ATTRIBUTE_VALUE,
        AliasDef(
            "UniversalAttributeValueTypeDef",
            t.Union((t.local(ATTRIBUTE_VALUE.name, t.TYPE_DEFS), t.sub(t.MAPPING, t.STR, t.ANY))),
        ),
    ),
}


class HelperNames(NamedTuple):
    """TypedDicts every package defines beside the shapes, after the shapes claimed theirs."""

    response_metadata: str
    empty_response: str
    pagination_config: str
    waiter_config: str


class ShapeTypes:
    """The types and names of one service's shapes."""

    def __init__(
        self,
        service: Service,
        streaming_body: t.Named = t.STREAMING_BODY,
        event_stream: t.Named = t.EVENT_STREAM,
    ):
        """``streaming_body`` and ``event_stream``: what the SDK hands streamed results as."""
        self.service = service
        self.streaming_body = streaming_body
        self.event_stream = event_stream
        shapes = service.shapes
        operations = service.operations.values()
        self.inputs = frozenset(
            reachable(service, [o.input.target for o in operations if o.input is not None])
        )
        output_roots = [o.output.target for o in operations if o.output is not None]
        self.outputs = frozenset(reachable(service, output_roots))
        self.stem = _stems(shapes)
        # Only structures own a TypeDef name; a list or string shape named
        # ``CopySource`` leaves ``CopySourceTypeDef`` free (s3 defines it).
        self._taken = {
            f"{self.stem[name]}TypeDef"
            for name, shape in shapes.items()
            if shape.type == "structure"
        }
        self.helpers = HelperNames(
            *(
                self.allocate(name)
                for name in (
                    "ResponseMetadataTypeDef",
                    "EmptyResponseMetadataTypeDef",
                    "PaginatorConfigTypeDef",
                    "WaiterConfigTypeDef",
                )
            )
        )
        # The published stubs name the input types of blobs and timestamps; the
        # names are defined for code importing them, the members spell the type out.
        kinds_in = {shapes[name].kind for name in self.inputs}
        self.input_aliases = [
            AliasDef(name, node)
            for name, kind, node in (
                ("BlobTypeDef", "blob", BLOB_IN),
                ("TimestampTypeDef", "timestamp", TIMESTAMP_IN),
            )
            if kind in kinds_in and self.allocate(name) == name
        ]
        # Their output TypedDict keeps the shape's own name; the input alias is allocated.
        self.hand_written: dict[str, HandWritten] = {}
        for (owner, name), written in HAND_WRITTEN.items():
            if owner == service.name and name in shapes:
                alias = written.input._replace(name=self.allocate(written.input.name))
                self.hand_written[name] = written._replace(input=alias)
        differs = _differing(service, self.hand_written)
        enums = sorted(n for n, shape in shapes.items() if shape.type == "string" and shape.enum)
        # Capitalised as the published stubs name them (iam's ``statusType`` gives
        # ``StatusTypeType``), unless another enum already spells it so.
        spelled = {f"{self.stem[name]}Type" for name in enums}
        self.literal_name = {}
        for name in enums:
            literal = f"{self.stem[name]}Type"
            capital = literal[:1].upper() + literal[1:]
            self.literal_name[name] = capital if capital not in spelled else literal
        # Structures nested in results; a result shape used nowhere else is
        # typed only as a result.
        nested = {edge.target for s in self.outputs for edge in shapes[s].edges()}
        self.input_name: dict[str, str] = {}
        self.output_name: dict[str, str] = {}
        for name in sorted(shapes):
            if shapes[name].type != "structure" or name in self.hand_written:
                continue
            base = f"{self.stem[name]}TypeDef"
            if name in self.inputs:
                self.input_name[name] = base
            if name in nested:
                if name in self.inputs and name in differs:
                    self.output_name[name] = self.allocate(f"{self.stem[name]}OutputTypeDef")
                else:
                    self.output_name[name] = base
        # Where a structure has both variants, inputs take either: a response
        # can be passed back in (dynamodb's get_item Item into put_item).
        self.union_name = {
            name: self.allocate(f"{self.stem[name]}UnionTypeDef")
            for name, typed in sorted(self.input_name.items())
            if self.output_name.get(name, typed) != typed
        }
        # A result with no members is ``dict[str, Any]``, as in the published
        # stubs (code annotates ``res: dict[str, Any] = client.update_table(...)``).
        self.empty_results = frozenset(r for r in output_roots if not shapes[r].members)
        self.response_name: dict[str, str] = {}
        for root in sorted(set(output_roots) - self.empty_results):
            # A result's keys are required (see OPTIONAL_RESULT_KEYS) where the
            # nested and input uses of its shape keep the model's, so a result
            # shape used elsewhere too gets a name of its own.
            shared = root in nested or root in self.input_name
            base = f"{self.stem[root]}TypeDef"
            self.response_name[root] = (
                self.allocate(f"{self.stem[root]}ResponseTypeDef") if shared else base
            )
        self._cache: dict[tuple[str, str], t.TypeNode] = {}
        self._fields: dict[tuple[str, str], tuple[Field, ...]] = {}

    def defined_type_defs(self) -> frozenset[str]:
        """The names the service's shapes and helpers take in ``type_defs``."""
        return frozenset(
            {
                *self.input_name.values(),
                *self.output_name.values(),
                *self.response_name.values(),
                *self.union_name.values(),
                *self.helpers,
                *(w.output.name for w in self.hand_written.values()),
                *(w.input.name for w in self.hand_written.values()),
                *(a.name for a in self.input_aliases),
            }
        )

    def allocate(self, wanted: str) -> str:
        """``wanted``, or the first free name made by inserting ``Output``s before ``TypeDef``."""
        name = wanted
        while name in self._taken:
            name = name.removesuffix("TypeDef") + "OutputTypeDef"
        self._taken.add(name)
        return name

    def type_of(self, target: str, side: str) -> t.TypeNode:
        """The Python type of a reference to shape ``target`` on the ``side`` of a call."""
        key = (target, side)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._type(self.service.shapes[target], side)
        return found

    def _type(self, shape: Shape, side: str) -> t.TypeNode:
        kind = shape.kind
        out = side == OUTPUT
        written = self.hand_written.get(shape.name)
        if written is not None:
            return t.local(written.output.name if out else written.input.name, t.TYPE_DEFS)
        if kind in ("structure", "union"):
            if out:
                ref = t.local(self.output_name[shape.name], t.TYPE_DEFS)
            else:
                typed = self.union_name.get(shape.name) or self.input_name[shape.name]
                ref = t.local(typed, t.TYPE_DEFS)
            return t.sub(self.event_stream, ref) if shape.event_stream and out else ref
        if kind == "string":
            literal = self.literal_name.get(shape.name)
            return t.local(literal, t.LITERALS) if literal else t.STR
        if kind == "list":
            assert shape.member is not None
            return t.sub(t.LIST if out else t.SEQUENCE, self.type_of(shape.member.target, side))
        if kind == "map":
            assert shape.key is not None and shape.value is not None
            return t.sub(
                t.DICT if out else t.MAPPING,
                self.type_of(shape.key.target, side),
                self.type_of(shape.value.target, side),
            )
        if kind in _INT:
            return t.INT
        if kind in _FLOAT:
            return t.FLOAT
        if kind == "boolean":
            return t.BOOL
        if kind == "timestamp":
            return t.DATETIME if out else TIMESTAMP_IN
        if kind == "blob":
            if out:
                return self.streaming_body if shape.streaming else t.BYTES
            return BLOB_IN
        if kind == "document":
            return DOCUMENT_OUT if out else DOCUMENT_IN
        return t.STR  # character

    def fields(self, shape: Shape, side: str) -> tuple[Field, ...]:
        """A structure's members as TypedDict keys or keyword parameters.

        botocore fills idempotency tokens itself, so they are optional even
        where a model marks them required (on both sides, so that a structure
        used on both sides keeps one TypedDict). A streamed payload is always
        in the response.
        """
        key = (shape.name, side)
        found = self._fields.get(key)
        if found is None:
            found = self._fields[key] = self._make_fields(shape, side)
        return found

    def _make_fields(self, shape: Shape, side: str) -> tuple[Field, ...]:
        fields = []
        for member in shape.members:
            required = member.required and not member.idempotency_token
            if side == OUTPUT and member.name == shape.payload:
                streamed = self._streamed_payload(member)
                if streamed is not None:
                    fields.append(Field(member.name, streamed, True))
                    continue
            fields.append(Field(member.name, self.type_of(member.target, side), required))
        return tuple(fields)

    def _streamed_payload(self, member: Member) -> t.TypeNode | None:
        """The type of an output payload botocore hands over as a stream, if it does.

        A blob payload is the raw body whether or not the model marks it
        streaming (botocore's ``OperationModel.has_streaming_output`` looks only
        at the payload), and an event stream payload is an ``EventStream``.
        """
        target = self.service.shapes[member.target]
        if target.type == "blob":
            return self.streaming_body
        if target.event_stream:
            return self.type_of(member.target, OUTPUT)
        return None

    def unions(self) -> list[AliasDef]:
        """``<Shape>UnionTypeDef = <Shape>TypeDef | <Shape>OutputTypeDef`` and the input
        aliases of hand-written shapes, sorted by name."""
        found = [w.input for w in self.hand_written.values()]
        for name, union in self.union_name.items():
            variants = (
                t.local(self.input_name[name], t.TYPE_DEFS),
                t.local(self.output_name[name], t.TYPE_DEFS),
            )
            found.append(AliasDef(union, t.Union(variants)))
        return sorted(found, key=lambda a: a.name)

    def type_defs(self) -> list[TypedDictDef]:
        """Every TypedDict of the package, sorted by name."""
        shapes = self.service.shapes
        found: dict[str, TypedDictDef] = {}
        for name, typed in self.input_name.items():
            found[typed] = TypedDictDef(typed, self.fields(shapes[name], INPUT))
        responses = {typed: root for root, typed in self.response_name.items()}
        for name, typed in self.output_name.items():
            found[typed] = TypedDictDef(typed, self.fields(shapes[name], OUTPUT))
        for typed, root in responses.items():
            fields = tuple(
                f if f.required or f.name in OPTIONAL_RESULT_KEYS else f._replace(required=True)
                for f in self.fields(shapes[root], OUTPUT)
            )
            if all(f.name != RESPONSE_METADATA for f in fields):
                fields += (self.response_metadata_field(),)
            found[typed] = TypedDictDef(typed, fields)
        found.update((w.output.name, w.output) for w in self.hand_written.values())
        found.update((d.name, d) for d in self.helper_type_defs())
        return [found[name] for name in sorted(found)]

    def response_metadata_field(self) -> Field:
        return Field(RESPONSE_METADATA, t.local(self.helpers.response_metadata, t.TYPE_DEFS), True)

    def helper_type_defs(self) -> Iterable[TypedDictDef]:
        h = self.helpers
        str_dict = t.sub(t.DICT, t.STR, t.STR)
        yield TypedDictDef(
            h.response_metadata,
            (
                Field("RequestId", t.STR, True),
                Field("HTTPStatusCode", t.INT, True),
                Field("HTTPHeaders", str_dict, True),
                Field("RetryAttempts", t.INT, True),
                Field("HostId", t.STR, False),
            ),
        )
        yield TypedDictDef(h.empty_response, (self.response_metadata_field(),))
        yield TypedDictDef(
            h.pagination_config,
            (
                Field("MaxItems", t.INT, False),
                Field("PageSize", t.INT, False),
                Field("StartingToken", t.STR, False),
            ),
        )
        yield TypedDictDef(
            h.waiter_config, (Field("Delay", t.INT, False), Field("MaxAttempts", t.INT, False))
        )

    def literals(self) -> list[LiteralDef]:
        shapes = self.service.shapes
        return [
            LiteralDef(name, tuple(dict.fromkeys(shapes[shape].enum or ())))
            for shape, name in sorted(self.literal_name.items())
        ]


def _stems(shapes: Iterable[str]) -> dict[str, str]:
    """Shape name -> the stem of its Python names, without leading underscores.

    ``__AdTriggersElement`` would give private names (pyright strict rejects
    their use from another module); mypy-boto3 drops the underscores too. A
    stem already owned by another shape keeps the shape name's spelling, with
    each underscore as ``Private``.
    """
    names = set(shapes)
    stems: dict[str, str] = {}
    for name in sorted(names):
        stem = name.lstrip("_") or name
        if stem != name and stem in names:
            stem = "Private" * (len(name) - len(stem)) + stem
        stems[name] = stem
    return stems


def _differing(service: Service, hand_written: Iterable[str]) -> frozenset[str]:
    """The shapes whose input and output types differ: those reaching a sided kind
    or a hand-written shape (typed apart on each side).

    Walks the reversed shape graph from the sided shapes, so recursive
    models cost one visit per edge.
    """
    shapes = service.shapes
    users: dict[str, list[str]] = {}
    for name, shape in shapes.items():
        for edge in shape.edges():
            users.setdefault(edge.target, []).append(name)
    stack = [
        name for name, s in shapes.items() if s.kind in _SIDED or (s.event_stream and s.members)
    ]
    stack.extend(hand_written)
    seen = set(stack)
    while stack:
        for user in users.get(stack.pop(), ()):
            if user not in seen:
                seen.add(user)
                stack.append(user)
    return frozenset(seen)
