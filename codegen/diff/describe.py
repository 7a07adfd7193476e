"""Short descriptions of shapes as change values: type labels and release-note stubs."""

from __future__ import annotations

from typing import Any

from codegen.ir.model import Service, Shape

ENUM_SEPARATOR = " | "


def enum_text(values: tuple[str, ...] | list[str]) -> str:
    """Enum values as release notes print them: ``'A | B'``."""
    return ENUM_SEPARATOR.join(values)


def has_stub_name(shape: Shape) -> bool:
    """Whether users meet the shape's name: stubs name structures and enums (TypeDefs, Literals)."""
    if shape.type == "structure":
        return not shape.document
    return shape.type == "string" and bool(shape.enum)


def type_label(service: Service, name: str, depth: int = 0) -> str:
    """A type as one line: ``string``, ``list[Tag]``, ``map[string, integer]``, ``Grant``."""
    shape = service.shapes[name]
    if depth > 3:
        return name
    if shape.type == "structure":
        return name
    if shape.type == "list" and shape.member is not None:
        return f"list[{type_label(service, shape.member.target, depth + 1)}]"
    if shape.type == "map" and shape.key is not None and shape.value is not None:
        key = type_label(service, shape.key.target, depth + 1)
        return f"map[{key}, {type_label(service, shape.value.target, depth + 1)}]"
    return shape.kind


def stub(service: Service, name: str) -> Any:
    """What a release-notes page prints for a new member of this shape.

    What awsapichanges.info prints for a new member (its generator's
    ``TypeRepr``): structures become dicts of their members (a document, which
    has none, ``{}``), lists ``[item]``, maps ``{key: value}``, enums
    ``'A | B'``, other scalars their type name. A shape met again inside
    itself is cut off there as ``()``, as the site prints it.
    """
    return _stub(service, service.shapes[name], frozenset())


# Where a shape recurs inside itself, the site's pages print an empty tuple.
RECURSION = ()


def _stub(service: Service, shape: Shape, seen: frozenset[str]) -> Any:
    if shape.name in seen:
        return RECURSION
    inner = seen | {shape.name}
    shapes = service.shapes
    if shape.type == "structure":
        if shape.document:
            return {}
        return {m.name: _stub(service, shapes[m.target], inner) for m in shape.members}
    if shape.type == "list" and shape.member is not None:
        return [_stub(service, shapes[shape.member.target], inner)]
    if shape.type == "map" and shape.key is not None and shape.value is not None:
        key = _stub(service, shapes[shape.key.target], inner)
        return {str(key): _stub(service, shapes[shape.value.target], inner)}
    if shape.enum:
        return enum_text(shape.enum)
    return shape.kind
