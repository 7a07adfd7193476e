"""The IR as JSON: versioned, sorted, byte-identical across runs.

Fields equal to their default are left out, so a dump stays close to the size
of the model it came from. ``load(dump(models)) == models``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from codegen.errors import CodegenError
from codegen.ir.model import (
    SCHEMA_VERSION,
    Acceptor,
    Member,
    ModelSet,
    Operation,
    Paginator,
    Resource,
    ResourceAction,
    ResourceAttribute,
    ResourceIdentifier,
    ResourceParam,
    ResourceRequest,
    ResourceTarget,
    ResourceWaiter,
    Service,
    ServiceResources,
    Shape,
    Waiter,
)

_Convert = Callable[[Any], Any]


_SCALARS = frozenset({str, int, float, bool, type(None)})

# Values a record derives rather than stores, written for readers of the JSON
# and skipped when it is read back.
_DERIVED: Mapping[type, tuple[str, ...]] = {Operation: ("method_name",)}


def _to_json(value: Any) -> Any:
    # Scalars first: they are most of what a model holds, and the checks below
    # (attribute lookups, ABC isinstance) are slow for them.
    kind = type(value)
    if kind in _SCALARS:
        return value
    fields = getattr(kind, "_fields", None)
    if fields is not None:
        defaults = kind._field_defaults
        data = {
            name: _to_json(item)
            for name, item in zip(fields, value, strict=True)
            if name not in defaults or item != defaults[name]
        }
        for name in _DERIVED.get(kind, ()):
            data[name] = getattr(value, name)
        return data
    if isinstance(value, Mapping):
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json(item) for item in value]
    return value


def to_json(value: Any) -> Any:
    """Any IR record as plain JSON data (dicts, lists, scalars)."""
    return _to_json(value)


# With ``lines=True`` every record down to this depth gets its own lines and
# each deeper value (a shape, an operation) is written on one line: diffs of
# committed IR read shape by shape, and the C encoder does the bulk of the work.
_LINE_DEPTH = 4  # document > services > service > operations/shapes > record


def dumps(models: ModelSet, *, lines: bool = False) -> str:
    """The IR as JSON, keys sorted; compact, or with one line per shape and operation."""
    data = to_json(models)
    data["schema_version"] = models.schema_version  # always written, even at its default
    if not lines:
        return _compact(data) + "\n"
    out: list[str] = []
    _layout(data, 0, out)
    return "".join(out) + "\n"


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _layout(value: Any, depth: int, out: list[str]) -> None:
    if depth >= _LINE_DEPTH or not isinstance(value, dict) or not value:
        out.append(_compact(value))
        return
    pad = " " * (depth + 1)
    out.append("{\n")
    for i, key in enumerate(sorted(value)):
        out.append(f"{pad}{_compact(key)}: ")
        _layout(value[key], depth + 1, out)
        out.append(",\n" if i < len(value) - 1 else "\n")
    out.append(" " * depth + "}")


def _record(cls: Any, converters: Mapping[str, _Convert]) -> _Convert:
    def convert(data: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__}: expected an object")
        derived = _DERIVED.get(cls, ())
        unknown = data.keys() - set(cls._fields) - set(derived)
        if unknown:
            raise TypeError(f"{cls.__name__}: unknown field {sorted(unknown)[0]!r}")
        return cls(
            **{
                k: converters[k](v) if k in converters else v
                for k, v in data.items()
                if k not in derived
            }
        )

    return convert


def _optional(convert: _Convert) -> _Convert:
    return lambda data: None if data is None else convert(data)


def _tuple_of(convert: _Convert) -> _Convert:
    return lambda data: tuple(convert(item) for item in data)


def _dict_of(convert: _Convert) -> _Convert:
    return lambda data: {key: convert(item) for key, item in data.items()}


_member = _record(Member, {})
_shape = _record(
    Shape,
    {
        "members": _tuple_of(_member),
        "member": _optional(_member),
        "key": _optional(_member),
        "value": _optional(_member),
        "enum": _optional(tuple),
    },
)
_operation = _record(
    Operation,
    {"input": _optional(_member), "output": _optional(_member), "errors": tuple},
)
_paginator = _record(
    Paginator,
    {k: tuple for k in ("input_token", "output_token", "result_key", "non_aggregate_keys")},
)
_waiter = _record(Waiter, {"acceptors": _tuple_of(_record(Acceptor, {}))})
_params = _tuple_of(_record(ResourceParam, {}))
_resource_action = _record(
    ResourceAction,
    {
        "request": _optional(_record(ResourceRequest, {"params": _params})),
        "resource": _optional(_record(ResourceTarget, {"identifiers": _params})),
    },
)
_actions = _tuple_of(_resource_action)
_resource = _record(
    Resource,
    {
        "identifiers": _tuple_of(_record(ResourceIdentifier, {})),
        "load": _optional(_resource_action),
        "actions": _actions,
        "batch_actions": _actions,
        "waiters": _tuple_of(_record(ResourceWaiter, {"params": _params})),
        "subresources": _actions,
        "references": _actions,
        "collections": _actions,
        "attributes": _tuple_of(_record(ResourceAttribute, {})),
    },
)
_service_resources = _record(
    ServiceResources, {"service": _resource, "resources": _dict_of(_resource)}
)
_service = _record(
    Service,
    {
        "operations": _dict_of(_operation),
        "shapes": _dict_of(_shape),
        "paginators": _dict_of(_paginator),
        "waiters": _dict_of(_waiter),
        "examples": _dict_of(tuple),
        "resources": _optional(_service_resources),
    },
)
_model_set = _record(ModelSet, {"services": _dict_of(_service)})


def loads(text: str, *, path: str = "<ir>") -> ModelSet:
    """Read a dump back, checking its schema version."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodegenError(
            f"invalid JSON: {exc.msg}", path=path, place=f"line {exc.lineno}, column {exc.colno}"
        ) from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version != SCHEMA_VERSION:
        raise CodegenError(
            f"IR schema version {version!r}, this tool reads version {SCHEMA_VERSION}", path=path
        )
    try:
        result: ModelSet = _model_set(data)
    except (TypeError, AttributeError) as exc:
        raise CodegenError(f"not an IR dump: {exc}", path=path) from None
    return result
