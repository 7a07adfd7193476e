"""dynamodb's resource layer: actions take and return plain Python values.

boto3 registers a transformation on dynamodb's resources (boto3.dynamodb.
transform): every ``AttributeValue`` in a request is serialized from a Python
value and every one in a response deserialized back, and condition
expressions may be ``Key``/``Attr`` objects. The types of those actions are the
published stubs': ``TableAttributeValueTypeDef`` where the model says
``AttributeValue``, ``ConditionBaseImportTypeDef`` (``str | ConditionBase``)
for the expressions, and every structure reaching them renamed with the
owner (``ConditionTableTypeDef``, ``KeysAndAttributesServiceResourceTypeDef``,
``GetItemOutputTableTypeDef``).
"""

from __future__ import annotations

from codegen.ir.model import Operation, Service
from codegen.stubs import types as t
from codegen.stubs.definitions import AliasDef, Field, TypedDictDef
from codegen.stubs.shapes import INPUT, OPTIONAL_RESULT_KEYS, OUTPUT, ShapeTypes

# service -> (the attribute-value shape, the members holding condition expressions)
HIGH_LEVEL = {
    "dynamodb": (
        "AttributeValue",
        frozenset({"ConditionExpression", "KeyConditionExpression", "FilterExpression"}),
    )
}

VALUE_NAME = "TableAttributeValueTypeDef"
CONDITION_NAME = "ConditionBaseImportTypeDef"
_DECIMAL = t.Named("Decimal", "decimal")
_SET = t.Named("set")
_BYTEARRAY = t.Named("bytearray")
_CONDITION_BASE = t.Named("ConditionBase", "boto3.dynamodb.conditions")
# What boto3's TypeSerializer takes (and, for reading, TypeDeserializer returns).
VALUE = t.Union(
    (
        t.BYTES,
        _BYTEARRAY,
        t.STR,
        t.INT,
        _DECIMAL,
        t.BOOL,
        *(t.sub(_SET, item) for item in (t.INT, _DECIMAL, t.STR, t.BYTES, _BYTEARRAY)),
        t.sub(t.SEQUENCE, t.ANY),
        t.sub(t.MAPPING, t.STR, t.ANY),
        t.NONE,
    )
)


class PlainValues:
    """The plain-value types of one service's resource actions, with their TypedDicts."""

    def __init__(self, service: Service, types: ShapeTypes):
        self.service = service
        self.types = types
        self.value_shape, self.expressions = HIGH_LEVEL[service.name]
        self.reaching = _reaching(service, self.value_shape)
        self.value = t.local(types.allocate(VALUE_NAME), t.TYPE_DEFS)
        self.condition = t.local(types.allocate(CONDITION_NAME), t.TYPE_DEFS)
        self.definitions: list[TypedDictDef | AliasDef] = [
            AliasDef(self.value.text, VALUE),
            AliasDef(self.condition.text, t.Union((t.STR, _CONDITION_BASE))),
        ]
        self._named: dict[tuple[str, str, str], t.TypeNode] = {}

    def type_of(self, target: str, side: str, owner: str) -> t.TypeNode:
        if target not in self.reaching:
            return self.types.type_of(target, side)
        if target == self.value_shape:
            return self.value
        shape = self.service.shapes[target]
        out = side == OUTPUT
        if shape.type == "list":
            assert shape.member is not None
            item = self.type_of(shape.member.target, side, owner)
            return t.sub(t.LIST if out else t.SEQUENCE, item)
        if shape.type == "map":
            assert shape.key is not None and shape.value is not None
            return t.sub(
                t.DICT if out else t.MAPPING,
                self.types.type_of(shape.key.target, side),
                self.type_of(shape.value.target, side, owner),
            )
        key = (target, side, owner)
        found = self._named.get(key)
        if found is None:
            stem = self.types.stem[target]
            variant = "Output" if out and target in self.types.inputs else ""
            found = t.local(self.types.allocate(f"{stem}{owner}{variant}TypeDef"), t.TYPE_DEFS)
            self._named[key] = found  # before the members: recursion-safe
            self.definitions.append(TypedDictDef(found.text, self.fields(target, side, owner)))
        return found

    def fields(self, target: str, side: str, owner: str) -> tuple[Field, ...]:
        shape = self.service.shapes[target]
        fields = []
        for member in shape.members:
            required = member.required and not member.idempotency_token
            if side == INPUT and member.name in self.expressions:
                fields.append(Field(member.name, self.condition, required))
            else:
                fields.append(
                    Field(member.name, self.type_of(member.target, side, owner), required)
                )
        return tuple(fields)

    def result(self, operation: Operation, owner: str) -> t.TypeNode | None:
        """The response of an action, ``<Output><Owner>TypeDef``, or None if no value is in it."""
        if operation.output is None or operation.output.target not in self.reaching:
            return None
        target = operation.output.target
        name = self.types.allocate(f"{self.types.stem[target]}{owner}TypeDef")
        fields = tuple(
            f if f.required or f.name in OPTIONAL_RESULT_KEYS else f._replace(required=True)
            for f in self.fields(target, OUTPUT, owner)
        )
        fields += (self.types.response_metadata_field(),)
        self.definitions.append(TypedDictDef(name, fields))
        return t.local(name, t.TYPE_DEFS)


def _reaching(service: Service, value_shape: str) -> frozenset[str]:
    """The shapes from which ``value_shape`` can be reached (itself included)."""
    users: dict[str, list[str]] = {}
    for name, shape in service.shapes.items():
        for edge in shape.edges():
            users.setdefault(edge.target, []).append(name)
    seen = {value_shape}
    stack = [value_shape]
    while stack:
        for user in users.get(stack.pop(), ()):
            if user not in seen:
                seen.add(user)
                stack.append(user)
    return frozenset(seen)
