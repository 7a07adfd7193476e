"""The statements a stub module is made of; each renders itself and names its imports."""

from __future__ import annotations

import json
import keyword
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from codegen.stubs.types import (
    UNPACK,
    Import,
    LiteralValues,
    Named,
    TypeNode,
    sub,
)

_TYPED_DICT = frozenset({Import("typing_extensions", "TypedDict")})
DEPRECATED = Import("typing_extensions", "deprecated")
OVERLOAD = Import("typing", "overload")

# Silence the one deliberate narrowing in every stub package: get_paginator,
# get_waiter, paginate and wait accept fewer arguments than botocore's untyped
# base methods, which is the point. pyright honours ``type: ignore`` too, but
# reports an overloaded override on the last overload where mypy reports it
# on the first, so overloads need one comment for each.
IGNORE_OVERRIDE = "  # type: ignore[override]"
IGNORE_OVERRIDE_PYRIGHT = "  # pyright: ignore[reportIncompatibleMethodOverride]"


def is_parameter_name(name: str) -> bool:
    """Whether a call can pass ``name=`` and a signature can declare it."""
    return (
        name.isidentifier()
        and not keyword.iskeyword(name)
        and name != "self"
        and not name.startswith("__")
    )


class Field(NamedTuple):
    """A TypedDict key or a keyword parameter."""

    name: str
    type: TypeNode
    required: bool

    def annotation(self) -> TypeNode:
        return self.type if self.required else self.type.not_required()


class TypedDictDef(NamedTuple):
    name: str
    fields: tuple[Field, ...]

    def class_syntax(self) -> bool:
        """Class syntax only when every key is a plain name that shadows nothing the body uses.

        A key named ``from`` is a syntax error in a class body, and a key named
        ``str`` would turn the next ``str`` annotation into a reference to it.
        """
        used = frozenset({self.name}).union(*(f.annotation().names() for f in self.fields))
        return all(is_parameter_name(f.name) and f.name not in used for f in self.fields)

    def imports(self) -> Iterable[Import]:
        return _TYPED_DICT.union(*(f.annotation().imports() for f in self.fields))

    def render(self) -> str:
        if self.class_syntax():
            if not self.fields:
                return f"class {self.name}(TypedDict): ..."
            body = "".join(f"\n    {f.name}: {f.annotation().render()}" for f in self.fields)
            return f"class {self.name}(TypedDict):{body}"
        items = "".join(
            f"\n        {json.dumps(f.name)}: {f.annotation().render()}," for f in self.fields
        )
        return f'{self.name} = TypedDict(\n    "{self.name}",\n    {{{items}\n    }},\n)'


class LiteralDef(NamedTuple):
    name: str
    values: tuple[str, ...]

    def imports(self) -> Iterator[Import]:
        yield from LiteralValues(self.values).imports()

    def render(self) -> str:
        return f"{self.name} = {LiteralValues(self.values).render()}"


class AliasDef(NamedTuple):
    """``Name = type``: a union of variants, or a name kept from an earlier release."""

    name: str
    target: TypeNode

    def imports(self) -> Iterator[Import]:
        yield from self.target.imports()

    def render(self) -> str:
        return f"{self.name} = {self.target.render()}"


class Method(NamedTuple):
    """A method of a client, paginator or waiter class.

    ``params`` are keyword-only (botocore's operations take keywords only)
    unless ``keyword_only`` is off, as for the methods botocore and boto3
    write by hand; they then keep their order. When one of them cannot be
    written as a Python parameter (``from``, ``None``), the method takes
    ``**kwargs: Unpack[kwargs_type]`` instead, which accepts the same calls.
    """

    name: str
    params: tuple[Field, ...]
    returns: TypeNode
    kwargs_type: Named | None = None
    positional: tuple[Field, ...] = ()
    docstring: str = ""
    deprecated: str | None = None
    overload: bool = False
    decorator_comment: str = ""  # after ``@overload``
    def_comment: str = ""  # after the line naming the method
    keyword_only: bool = True
    is_async: bool = False  # ``async def``: a coroutine, as aiobotocore's calls are

    def uses_kwargs(self) -> bool:
        return self.kwargs_type is not None and not all(
            is_parameter_name(p.name) for p in self.params
        )

    def imports(self) -> Iterator[Import]:
        if self.uses_kwargs():
            assert self.kwargs_type is not None
            yield from sub(UNPACK, self.kwargs_type).imports()
        else:
            for param in self.params:
                yield from param.type.imports()
        for param in self.positional:
            yield from param.type.imports()
        yield from self.returns.imports()
        if self.deprecated is not None:
            yield DEPRECATED
        if self.overload:
            yield OVERLOAD

    def _parameters(self) -> list[str]:
        parts = ["self"]
        parts.extend(f"{p.name}: {p.type.render()}" for p in self.positional)
        if self.uses_kwargs():
            assert self.kwargs_type is not None
            parts.append(f"**kwargs: {sub(UNPACK, self.kwargs_type).render()}")
            return parts
        if not self.keyword_only:
            ordered = list(self.params)
        else:
            if self.params:
                parts.append("*")
            ordered = [p for p in self.params if p.required] + [
                p for p in self.params if not p.required
            ]
        parts.extend(
            f"{p.name}: {p.type.render()}" + ("" if p.required else " = ...") for p in ordered
        )
        return parts

    def render(self, indent: str = "    ") -> str:
        lines = []
        if self.deprecated is not None:
            lines.append(f"{indent}@deprecated({json.dumps(self.deprecated)})")
        ignore = self.def_comment
        if self.overload:
            lines.append(f"{indent}@overload{self.decorator_comment}")
        params = self._parameters()
        returns = self.returns.render()
        define = "async def" if self.is_async else "def"
        head = f"{indent}{define} {self.name}({', '.join(params)}) -> {returns}:"
        if len(head) <= 100:
            lines.append(head if self.docstring else f"{head} ...")
            lines[-1] += ignore
        else:
            lines.append(f"{indent}{define} {self.name}({ignore}")
            lines.extend(f"{indent}    {p}," for p in params)
            lines.append(f"{indent}) -> {returns}:" + ("" if self.docstring else " ..."))
        if self.docstring:
            lines.append(self.docstring)
        return "\n".join(lines)
