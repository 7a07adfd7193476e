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
    Service,
    Shape,
    Waiter,
)

_Convert = Callable[[Any], Any]


def _to_json(value: Any) -> Any:
    if hasattr(value, "_fields"):
        defaults = type(value)._field_defaults
        return {
            name: _to_json(item)
            for name, item in zip(value._fields, value, strict=True)
            if name not in defaults or item != defaults[name]
        }
    if isinstance(value, Mapping):
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json(item) for item in value]
    return value


def to_json(value: Any) -> Any:
    """Any IR record as plain JSON data (dicts, lists, scalars)."""
    return _to_json(value)


def dumps(models: ModelSet, *, indent: int | None = None) -> str:
    data = to_json(models)
    data["schema_version"] = models.schema_version  # always written, even at its default
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(
        data, sort_keys=True, indent=indent, ensure_ascii=False, separators=separators
    )
    return text + "\n"


def _record(cls: Any, converters: Mapping[str, _Convert]) -> _Convert:
    def convert(data: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__}: expected an object")
        unknown = data.keys() - set(cls._fields)
        if unknown:
            raise TypeError(f"{cls.__name__}: unknown field {sorted(unknown)[0]!r}")
        return cls(**{k: converters[k](v) if k in converters else v for k, v in data.items()})

    return convert


def _optional(convert: _Convert) -> _Convert:
    return lambda data: None if data is None else convert(data)


def _tuple_of(convert: _Convert) -> _Convert:
    return lambda data: tuple(convert(item) for item in data)


def _dict_of(convert: _Convert) -> _Convert:
    return lambda data: {key: convert(item) for key, item in data.items()}


def _identity(data: Any) -> Any:
    return data


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
_service = _record(
    Service,
    {
        "operations": _dict_of(_operation),
        "shapes": _dict_of(_shape),
        "paginators": _dict_of(_paginator),
        "waiters": _dict_of(_waiter),
        "examples": _dict_of(tuple),
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
