"""Raw botocore model JSON -> IR, checking every reference on the way.

A model that does not hold together stops here with a ``ModelError`` naming
the file and the dotted place in it (``operations.Ghost.input``).

Whole botocore is ~470,000 records, so the work is split: ``_Builder`` builds
from a model it assumes is sound and bails out at the first surprise;
only then does ``_Diagnosis`` walk the model again to say what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from codegen.errors import ModelError
from codegen.ir.model import (
    EMPTY,
    SHAPE_TYPES,
    Acceptor,
    Member,
    Operation,
    Paginator,
    Service,
    Shape,
    Waiter,
)


@dataclass(frozen=True, slots=True)
class RawService:
    """One service's model files as loaded (extras already merged), with their paths."""

    name: str
    api_version: str
    service: Mapping[str, Any]
    service_path: str
    paginators: Mapping[str, Any] | None = None
    paginators_path: str | None = None
    waiters: Mapping[str, Any] | None = None
    waiters_path: str | None = None
    examples: Mapping[str, Any] | None = None
    examples_path: str | None = None


class _Invalid(Exception):
    """The fast path met something it cannot build; ``_Diagnosis`` says what and where."""


# What botocore's keys must hold, by key (the same meaning in every record that
# has it): a value of another type stops the build with its place named.
# ``bool`` is matched by exact type, so ``1`` is no ``true``.
_STRING, _FLAG, _NUMBER, _LIST, _OBJECT = (str,), (bool,), (int, float), (list,), (dict,)
_KINDS: Mapping[str, tuple[type, ...]] = {
    "shape": _STRING, "documentation": _STRING, "location": _STRING, "locationName": _STRING,
    "idempotencyToken": _FLAG, "deprecated": _FLAG, "deprecatedMessage": _STRING,
    "type": _STRING, "enum": _LIST, "min": _NUMBER, "max": _NUMBER, "pattern": _STRING,
    "sensitive": _FLAG, "streaming": _FLAG, "eventstream": _FLAG, "event": _FLAG,
    "document": _FLAG, "union": _FLAG, "exception": _FLAG, "fault": _FLAG, "error": _OBJECT,
    "payload": _STRING, "timestampFormat": _STRING, "http": _OBJECT, "idempotent": _FLAG,
    "required": _LIST, "errors": _LIST,
}  # fmt: skip
_KIND_NAMES = {_STRING: "a string", _FLAG: "true or false", _NUMBER: "a number",
               _LIST: "a list", _OBJECT: "an object"}  # fmt: skip


class _Reader:
    """How one botocore object maps onto one IR record: a table, not a chain of ifs.

    ``names`` maps a botocore key to the record field that holds it; keys mapped
    to ``None`` are read by the builder itself; any other key is kept verbatim in
    the record's ``traits``. Filling a list of defaults from the few keys an
    object has is several times faster than asking for every field by name,
    which matters at ~470,000 records for whole botocore.
    """

    def __init__(self, record: Any, names: Mapping[str, str | None]):
        fields: tuple[str, ...] = record._fields
        self.defaults = [record._field_defaults.get(f) for f in fields]
        self.index = {key: (fields.index(f) if f else -1) for key, f in names.items()}
        self.kinds: list[tuple[type, ...]] = [()] * len(fields)
        for key, i in self.index.items():
            if i >= 0:
                self.kinds[i] = _KINDS[key]
        self.traits = fields.index("traits")

    def values(self, raw: Mapping[str, Any]) -> list[Any]:
        values = self.defaults.copy()
        index, kinds = self.index, self.kinds
        extra = None
        for key, value in raw.items():
            i = index.get(key)
            if i is None:
                if extra is None:
                    extra = {}
                extra[key] = value
            elif i >= 0:
                if type(value) not in kinds[i]:
                    raise _Invalid
                values[i] = value
        if extra is not None:
            values[self.traits] = extra
        return values


_MEMBER = _Reader(
    Member,
    {
        "shape": "target",
        "documentation": "documentation",
        "location": "location",
        "locationName": "location_name",
        "idempotencyToken": "idempotency_token",
        "deprecated": "deprecated",
        "deprecatedMessage": "deprecated_message",
    },
)
_SHAPE = _Reader(
    Shape,
    {
        "type": "type",
        "documentation": "documentation",
        "members": None,
        "required": None,
        "member": None,
        "key": None,
        "value": None,
        "enum": "enum",
        "min": "min",
        "max": "max",
        "pattern": "pattern",
        "sensitive": "sensitive",
        "streaming": "streaming",
        "eventstream": "event_stream",
        "event": "event",
        "document": "document",
        "union": "union",
        "exception": "exception",
        "fault": "fault",
        "error": "error",
        "payload": "payload",
        "timestampFormat": "timestamp_format",
        "deprecated": "deprecated",
        "deprecatedMessage": "deprecated_message",
    },
)
_OPERATION = _Reader(
    Operation,
    {
        "name": None,
        "http": "http",
        "input": None,
        "output": None,
        "errors": None,
        "documentation": "documentation",
        "deprecated": "deprecated",
        "deprecatedMessage": "deprecated_message",
        "idempotent": "idempotent",
    },
)
_SERVICE_KEYS = frozenset({"metadata", "operations", "shapes", "documentation"})
_PAGINATOR_KEYS = frozenset(
    {"input_token", "output_token", "result_key", "limit_key", "more_results", "non_aggregate_keys"}
)
# A record from its complete list of field values, skipping NamedTuple's argument
# handling (the readers above guarantee the values are complete). Gain: ``_make``
# instead takes 8.2% more instructions to build ec2, sagemaker and iot (callgrind).
_record_from_values = tuple.__new__
# Where a field sits in a record's list of values (``_Reader.values``).
_MEMBER_NAME_AT = Member._fields.index("name")
_MEMBER_REQUIRED_AT = Member._fields.index("required")
# The defaults of the fields after ``documentation``: a member with only a target
# and documentation is its first four fields and these.
_MEMBER_TAIL = tuple(_MEMBER.defaults[Member._fields.index("documentation") + 1 :])
_SHAPE_NAME_AT = Shape._fields.index("name")
_SHAPE_MEMBERS_AT = Shape._fields.index("members")
_SHAPE_MEMBER_AT = Shape._fields.index("member")
_SHAPE_KEY_AT = Shape._fields.index("key")
_SHAPE_VALUE_AT = Shape._fields.index("value")
_SHAPE_ENUM_AT = Shape._fields.index("enum")
_OPERATION_NAME_AT = Operation._fields.index("name")
_OPERATION_INPUT_AT = Operation._fields.index("input")
_OPERATION_OUTPUT_AT = Operation._fields.index("output")
_OPERATION_ERRORS_AT = Operation._fields.index("errors")
_NO_MEMBERS: Mapping[str, Any] = {}


def _traits(raw: Mapping[str, Any], known: frozenset[str]) -> Mapping[str, Any]:
    if raw.keys() <= known:
        return EMPTY
    return {k: v for k, v in raw.items() if k not in known}


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(value)
    return (value,)


def _mapping(value: Any, place: str, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ModelError(
            f"expected an object, found {type(value).__name__}", path=path, place=place
        )
    return value


class _Builder:
    """The fast path: builds records from a model assumed sound, raising ``_Invalid`` if not.

    Python's own errors (``KeyError``, ``TypeError``, ``AttributeError``) on
    malformed input count as ``_Invalid`` too; ``_Diagnosis`` then names the place.
    """

    def __init__(self, raw: RawService):
        self.raw = raw
        self.path = raw.service_path
        self.shape_names: Mapping[str, Any] = {}

    def fail(self, place: str, message: str, path: str | None = None) -> ModelError:
        return ModelError(message, path=path or self.path, place=place)

    def mapping(self, value: Any, place: str, path: str | None = None) -> Mapping[str, Any]:
        return _mapping(value, place, path or self.path)

    def service(self) -> Service:
        raw = self.mapping(self.raw.service, "")
        for key in ("metadata", "operations", "shapes"):
            if key not in raw:
                raise self.fail(key, "missing")
        metadata = self.mapping(raw["metadata"], "metadata")
        raw_shapes = self.mapping(raw["shapes"], "shapes")
        raw_operations = self.mapping(raw["operations"], "operations")
        self.shape_names = raw_shapes
        try:
            shape, operation = self.shape, self.operation
            shapes = {name: shape(name, value) for name, value in raw_shapes.items()}
            operations = {name: operation(name, value) for name, value in raw_operations.items()}
        except (_Invalid, KeyError, TypeError, AttributeError) as exc:
            raise _Diagnosis(self.path, raw_shapes).first_error(raw_operations, exc) from None
        return Service(
            name=self.raw.name,
            api_version=self.raw.api_version,
            metadata=metadata,
            operations=operations,
            shapes=shapes,
            documentation=raw.get("documentation"),
            paginators=self.paginators(operations),
            waiters=self.waiters(operations),
            traits=_traits(raw, _SERVICE_KEYS),
            examples=self.examples(),
        )

    def member(self, name: str, raw: Mapping[str, Any], required: bool = False) -> Member:
        target = raw["shape"]
        if target not in self.shape_names:
            raise _Invalid
        if len(raw) == 2 and type(raw.get("documentation")) is str:
            # Four members in five are just a target and its documentation.
            return _record_from_values(
                Member, (name, target, required, raw["documentation"], *_MEMBER_TAIL)
            )
        values = _MEMBER.values(raw)
        values[_MEMBER_NAME_AT] = name
        values[_MEMBER_REQUIRED_AT] = required
        return _record_from_values(Member, values)

    def target(self, raw: Mapping[str, Any]) -> str:
        target = raw["shape"]
        if target not in self.shape_names:
            raise _Invalid
        return str(target)

    def shape(self, name: str, raw: Mapping[str, Any]) -> Shape:
        values = _SHAPE.values(raw)
        type_ = raw["type"]
        if type_ not in SHAPE_TYPES:
            raise _Invalid
        values[_SHAPE_NAME_AT] = name
        member = self.member
        if type_ == "structure":
            raw_members = raw.get("members", _NO_MEMBERS)
            if type(raw_members) is not dict:
                raise _Invalid
            required = raw.get("required")
            if required:
                if type(required) is not list:
                    raise _Invalid
                required = set(required)
                if not required <= raw_members.keys():
                    raise _Invalid
                members = [member(m, v, m in required) for m, v in raw_members.items()]
            else:
                members = [member(m, v) for m, v in raw_members.items()]
            values[_SHAPE_MEMBERS_AT] = tuple(members)
        elif type_ == "list":
            values[_SHAPE_MEMBER_AT] = member("member", raw["member"])
        elif type_ == "map":
            values[_SHAPE_KEY_AT] = member("key", raw["key"])
            values[_SHAPE_VALUE_AT] = member("value", raw["value"])
        enum = values[_SHAPE_ENUM_AT]
        if enum is not None:
            values[_SHAPE_ENUM_AT] = enum = tuple(enum)
            if not all(type(value) is str for value in enum):
                raise _Invalid
        return _record_from_values(Shape, values)

    def operation(self, name: str, raw: Mapping[str, Any]) -> Operation:
        values = _OPERATION.values(raw)
        values[_OPERATION_NAME_AT] = name
        if "input" in raw:
            values[_OPERATION_INPUT_AT] = self.member("input", raw["input"])
        if "output" in raw:
            values[_OPERATION_OUTPUT_AT] = self.member("output", raw["output"])
        errors = raw.get("errors")
        if errors:
            target = self.target
            values[_OPERATION_ERRORS_AT] = tuple([target(error) for error in errors])
        return _record_from_values(Operation, values)

    def paginators(self, operations: Mapping[str, Operation]) -> Mapping[str, Paginator]:
        if self.raw.paginators is None:
            return EMPTY
        path = self.raw.paginators_path
        raw = self.mapping(self.raw.paginators.get("pagination", {}), "pagination", path)
        result = {}
        for name, config in raw.items():
            place = f"pagination.{name}"
            config = self.mapping(config, place, path)
            if name not in operations:
                raise self.fail(place, f"unknown operation {name!r}", path)
            for part in ("input_token", "output_token"):
                if part not in config:
                    raise self.fail(f"{place}.{part}", "missing", path)
            result[name] = Paginator(
                name=name,
                input_token=_tuple(config["input_token"]),
                output_token=_tuple(config["output_token"]),
                result_key=_tuple(config.get("result_key")),
                limit_key=config.get("limit_key"),
                more_results=config.get("more_results"),
                non_aggregate_keys=_tuple(config.get("non_aggregate_keys")),
                traits=_traits(config, _PAGINATOR_KEYS),
            )
        return result

    def examples(self) -> Mapping[str, tuple[Any, ...]]:
        if self.raw.examples is None:
            return EMPTY
        path = self.raw.examples_path
        raw = self.mapping(self.raw.examples.get("examples", {}), "examples", path)
        result = {}
        for name, examples in raw.items():
            if not isinstance(examples, list):
                raise self.fail(f"examples.{name}", "expected a list", path)
            if examples:
                result[name] = tuple(examples)
        return result or EMPTY

    def waiters(self, operations: Mapping[str, Operation]) -> Mapping[str, Waiter]:
        if self.raw.waiters is None:
            return EMPTY
        path = self.raw.waiters_path
        raw = self.mapping(self.raw.waiters.get("waiters", {}), "waiters", path)
        result = {}
        for name, config in raw.items():
            place = f"waiters.{name}"
            config = self.mapping(config, place, path)
            operation = config.get("operation")
            if operation not in operations:
                raise self.fail(f"{place}.operation", f"unknown operation {operation!r}", path)
            acceptors = []
            for i, acc in enumerate(config.get("acceptors", [])):
                acc = self.mapping(acc, f"{place}.acceptors[{i}]", path)
                for part in ("state", "matcher"):
                    if part not in acc:
                        raise self.fail(f"{place}.acceptors[{i}].{part}", "missing", path)
                acceptors.append(
                    Acceptor(
                        state=acc["state"],
                        matcher=acc["matcher"],
                        expected=acc.get("expected"),
                        argument=acc.get("argument"),
                    )
                )
            result[name] = Waiter(
                name=name,
                operation=operation,
                delay=int(config.get("delay", 0)),
                max_attempts=int(config.get("maxAttempts", 0)),
                acceptors=tuple(acceptors),
                description=config.get("description"),
            )
        return result


class _Diagnosis:
    """Walks a model the fast path rejected, naming the first place that is wrong.

    It visits shapes, then operations, in model order: the place it names is the
    first one a reader of the file would find.
    """

    def __init__(self, path: str, shapes: Mapping[str, Any]):
        self.path = path
        self.shape_names = shapes

    def fail(self, place: str, message: str) -> ModelError:
        return ModelError(message, path=self.path, place=place)

    def first_error(self, operations: Mapping[str, Any], cause: Exception) -> ModelError:
        try:
            for name, raw in self.shape_names.items():
                self.shape(name, raw)
            for name, raw in operations.items():
                self.operation(name, raw)
        except ModelError as error:
            return error
        # The fast path and this walk disagree: still one line, never a traceback.
        return self.fail("", f"malformed model ({type(cause).__name__}: {cause})")

    def kinds(self, place: str, raw: Mapping[str, Any]) -> None:
        """Every key of ``raw`` that botocore gives a type holds a value of that type."""
        for key, value in raw.items():
            kind = _KINDS.get(key)
            if kind is not None and type(value) not in kind:
                found = type(value).__name__
                raise self.fail(f"{place}.{key}", f"expected {_KIND_NAMES[kind]}, found {found}")
        for i, value in enumerate(raw.get("enum", ())):
            if type(value) is not str:
                raise self.fail(
                    f"{place}.enum[{i}]", f"expected a string, found {type(value).__name__}"
                )

    def reference(self, name: str, raw: Any, owner: str) -> None:
        if type(raw) is not dict:
            raise self.fail(f"{owner}.{name}", f"expected an object, found {type(raw).__name__}")
        target = raw.get("shape")
        if not isinstance(target, str):
            raise self.fail(f"{owner}.{name}.shape", "missing")
        if target not in self.shape_names:
            raise self.fail(f"{owner}.{name}", f"unknown shape {target!r}")
        if owner.startswith("shapes."):  # a member; an operation's input and errors are bare
            self.kinds(f"{owner}.{name}", raw)

    def shape(self, name: str, raw: Any) -> None:
        place = f"shapes.{name}"
        if type(raw) is not dict:
            raise self.fail(place, f"expected an object, found {type(raw).__name__}")
        type_ = raw.get("type")
        if type_ not in SHAPE_TYPES:
            raise self.fail(f"{place}.type", f"unknown shape type {type_!r}")
        self.kinds(place, raw)
        if type_ == "structure":
            members = _mapping(raw.get("members", {}), f"{place}.members", self.path)
            required = raw.get("required", [])
            for req in required:
                if req not in members:
                    raise self.fail(f"{place}.required", f"unknown member {req!r}")
            for member, value in members.items():
                self.reference(member, value, f"{place}.members")
        parts = {"list": ("member",), "map": ("key", "value")}.get(type_, ())
        for part in parts:
            if part not in raw:
                raise self.fail(f"{place}.{part}", "missing")
            self.reference(part, raw[part], place)

    def operation(self, name: str, raw: Any) -> None:
        place = f"operations.{name}"
        raw = _mapping(raw, place, self.path)
        self.kinds(place, raw)
        for part in ("input", "output"):
            if part in raw:
                self.reference(part, raw[part], place)
        errors = raw.get("errors", [])
        for i, error in enumerate(errors):
            self.reference(f"errors[{i}]", error, place)


def build_service(raw: RawService) -> Service:
    """Build the IR of one service, or raise ModelError naming the file and place."""
    return _Builder(raw).service()
