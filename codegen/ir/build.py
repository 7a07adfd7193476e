"""Raw botocore model JSON -> IR, checking every reference on the way.

A model that does not hold together stops here with a ``ModelError`` naming
the file and the dotted place in it (``operations.Ghost.input``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botocore import xform_name

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


class _Fields:
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
        self.traits = fields.index("traits") if "traits" in fields else -1

    def values(self, raw: Mapping[str, Any]) -> list[Any]:
        values = self.defaults.copy()
        index = self.index
        extra = None
        for key, value in raw.items():
            i = index.get(key)
            if i is None:
                if extra is None:
                    extra = {}
                extra[key] = value
            elif i >= 0:
                values[i] = value
        if extra is not None and self.traits >= 0:
            values[self.traits] = extra
        return values


_MEMBER = _Fields(
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
_SHAPE = _Fields(
    Shape,
    {
        "type": "type",
        "documentation": "documentation",
        "members": None,
        "required": None,
        "member": None,
        "key": None,
        "value": None,
        "enum": None,
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
_OPERATION = _Fields(
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
_M_NAME, _M_REQUIRED = Member._fields.index("name"), Member._fields.index("required")
_MEMBER_TAIL = tuple(_MEMBER.defaults[Member._fields.index("documentation") + 1 :])
# Records are built straight from their field lists, skipping NamedTuple's
# argument handling; the tables above guarantee the lists are complete.
_new = tuple.__new__
_S_NAME = Shape._fields.index("name")
_S_PARTS = {f: Shape._fields.index(f) for f in ("members", "member", "key", "value", "enum")}


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


class _Builder:
    def __init__(self, raw: RawService):
        self.raw = raw
        self.path = raw.service_path
        self.shape_names: Mapping[str, Any] = {}

    def fail(self, place: str, message: str, path: str | None = None) -> ModelError:
        return ModelError(message, path=path or self.path, place=place)

    def mapping(self, value: Any, place: str, path: str | None = None) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, f"expected an object, found {type(value).__name__}", path)
        return value

    def service(self) -> Service:
        raw = self.mapping(self.raw.service, "")
        for key in ("metadata", "operations", "shapes"):
            if key not in raw:
                raise self.fail(key, "missing")
        metadata = self.mapping(raw["metadata"], "metadata")
        raw_shapes = self.mapping(raw["shapes"], "shapes")
        self.shape_names = raw_shapes
        shapes = {name: self.shape(name, value) for name, value in raw_shapes.items()}
        raw_operations = self.mapping(raw["operations"], "operations")
        operations = {name: self.operation(name, value) for name, value in raw_operations.items()}
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

    def target(self, name: str, raw: Any, owner: str) -> str:
        """The shape a reference points at, checked to exist."""
        if type(raw) is not dict:
            raise self.fail(f"{owner}.{name}", f"expected an object, found {type(raw).__name__}")
        target = raw.get("shape")
        if target not in self.shape_names:
            if not isinstance(target, str):
                raise self.fail(f"{owner}.{name}.shape", "missing")
            raise self.fail(f"{owner}.{name}", f"unknown shape {target!r}")
        return str(target)

    def member(self, name: str, raw: Any, owner: str, required: bool = False) -> Member:
        """Build the edge ``name`` of ``owner`` (a dotted place, used only for errors)."""
        target = self.target(name, raw, owner)
        if len(raw) == 2 and "documentation" in raw:
            # Two members in three are just a target and its documentation.
            return _new(Member, (name, target, required, raw["documentation"], *_MEMBER_TAIL))
        values = _MEMBER.values(raw)
        values[_M_NAME] = name
        values[_M_REQUIRED] = required
        return _new(Member, values)

    def shape(self, name: str, raw: Any) -> Shape:
        if type(raw) is not dict:
            raise self.fail(f"shapes.{name}", f"expected an object, found {type(raw).__name__}")
        type_ = raw.get("type")
        if type_ not in SHAPE_TYPES:
            raise self.fail(f"shapes.{name}.type", f"unknown shape type {type_!r}")
        place = f"shapes.{name}"
        members: tuple[Member, ...] = ()
        member = key = value = None
        if type_ == "structure":
            required = raw.get("required", [])
            raw_members = self.mapping(raw.get("members", {}), f"{place}.members")
            for req in required:
                if req not in raw_members:
                    raise self.fail(f"{place}.required", f"unknown member {req!r}")
            owner = f"{place}.members"
            member_of = self.member
            members = tuple([member_of(m, v, owner, m in required) for m, v in raw_members.items()])
        elif type_ == "list":
            if "member" not in raw:
                raise self.fail(f"{place}.member", "missing")
            member = self.member("member", raw["member"], place)
        elif type_ == "map":
            for part in ("key", "value"):
                if part not in raw:
                    raise self.fail(f"{place}.{part}", "missing")
            key = self.member("key", raw["key"], place)
            value = self.member("value", raw["value"], place)
        values = _SHAPE.values(raw)
        values[_S_NAME] = name
        parts = _S_PARTS
        values[parts["members"]] = members
        values[parts["member"]] = member
        values[parts["key"]] = key
        values[parts["value"]] = value
        enum = raw.get("enum")
        if enum is not None:
            values[parts["enum"]] = tuple(enum)
        return _new(Shape, values)

    def operation(self, name: str, raw: Any) -> Operation:
        place = f"operations.{name}"
        raw = self.mapping(raw, place)
        io: dict[str, Member | None] = {}
        for part in ("input", "output"):
            io[part] = self.member(part, raw[part], place) if part in raw else None
        errors = [
            self.target(f"errors[{i}]", error, place)
            for i, error in enumerate(raw.get("errors", []))
        ]
        values = _OPERATION.values(raw)
        fields = Operation._fields
        values[fields.index("name")] = name
        values[fields.index("method_name")] = xform_name(name)
        values[fields.index("input")] = io["input"]
        values[fields.index("output")] = io["output"]
        values[fields.index("errors")] = tuple(errors)
        return _new(Operation, values)

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


def build_service(raw: RawService) -> Service:
    """Build the IR of one service, or raise ModelError naming the file and place."""
    return _Builder(raw).service()
