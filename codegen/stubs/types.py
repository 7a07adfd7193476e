"""Type expressions for stubs: each node renders itself and names the imports it needs.

Templates never build a type by string surgery; they ask a node for ``render()``
and the module assembling them asks for ``imports()``. ``names()`` lists the bare
names an annotation refers to, so a TypedDict can tell when one of its keys would
shadow a name its own annotations use.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import NamedTuple

# Modules of a generated package, as the relative imports between them name them.
TYPE_DEFS = "type_defs"
LITERALS = "literals"
CLIENT = "client"
PAGINATOR = "paginator"
WAITER = "waiter"


class Import(NamedTuple):
    """``from module import name``; a module starting with ``.`` is a sibling in the package."""

    module: str
    name: str


class Named(NamedTuple):
    """A type written by its name, such as ``str`` or ``datetime``, imported from ``source``."""

    name: str
    source: str | None = None  # None: a builtin

    def render(self) -> str:
        return self.name

    def imports(self) -> Iterator[Import]:
        if self.source is not None:
            yield Import(self.source, self.name)

    def names(self) -> Iterator[str]:
        yield self.name


class Subscript(NamedTuple):
    """A generic applied to arguments: ``Sequence[str]``, ``dict[str, int]``."""

    origin: Named
    args: tuple[TypeNode, ...]

    def render(self) -> str:
        return f"{self.origin.render()}[{', '.join(a.render() for a in self.args)}]"

    def imports(self) -> Iterator[Import]:
        yield from self.origin.imports()
        for arg in self.args:
            yield from arg.imports()

    def names(self) -> Iterator[str]:
        yield from self.origin.names()
        for arg in self.args:
            yield from arg.names()


class Union(NamedTuple):
    """``a | b``: PEP 604 syntax is valid in stubs for every Python version."""

    items: tuple[TypeNode, ...]

    def render(self) -> str:
        return " | ".join(item.render() for item in self.items)

    def imports(self) -> Iterator[Import]:
        for item in self.items:
            yield from item.imports()

    def names(self) -> Iterator[str]:
        for item in self.items:
            yield from item.names()


class LiteralValues(NamedTuple):
    """``Literal["a", "b"]``: every value written as a JSON string, which Python reads the same."""

    values: tuple[str, ...]

    def render(self) -> str:
        return f"Literal[{', '.join(json.dumps(v) for v in self.values)}]"

    def imports(self) -> Iterator[Import]:
        yield Import("typing", "Literal")

    def names(self) -> Iterator[str]:
        yield "Literal"


TypeNode = Named | Subscript | Union | LiteralValues


def local(name: str, module: str) -> Named:
    """A name defined in a sibling module of the generated package."""
    return Named(name, "." + module)


# The leaves the mapping from shapes uses, named once.
STR = Named("str")
INT = Named("int")
FLOAT = Named("float")
BOOL = Named("bool")
BYTES = Named("bytes")
NONE = Named("None")
ANY = Named("Any", "typing")
IO = Named("IO", "typing")
DATETIME = Named("datetime", "datetime")
SEQUENCE = Named("Sequence", "collections.abc")
MAPPING = Named("Mapping", "collections.abc")
LIST = Named("list")
DICT = Named("dict")
TYPE = Named("type")
STREAMING_BODY = Named("StreamingBody", "botocore.response")
EVENT_STREAM = Named("EventStream", "botocore.eventstream")
PAGE_ITERATOR = Named("PageIterator", "botocore.paginate")
NOT_REQUIRED = Named("NotRequired", "typing_extensions")
UNPACK = Named("Unpack", "typing_extensions")
CLIENT_ERROR = Named("ClientError", "botocore.exceptions")


def sub(origin: Named, *args: TypeNode) -> Subscript:
    return Subscript(origin, args)


def render_imports(imports: Iterator[Import] | list[Import], module: str) -> list[str]:
    """``from X import a, b`` lines, sorted, without the module's own names.

    Standard and third-party modules first, then the package's siblings, as
    isort would lay them out.
    """
    by_module: dict[str, set[str]] = {}
    own = "." + module
    for item in imports:
        if item.module != own:
            by_module.setdefault(item.module, set()).add(item.name)
    absolute = sorted(
        (m for m in by_module if not m.startswith(".")),
        key=lambda m: (m.partition(".")[0] not in sys.stdlib_module_names, m),
    )
    relative = sorted(m for m in by_module if m.startswith("."))
    lines = [_from_import(m, by_module[m]) for m in absolute]
    if absolute and relative:
        lines.append("")
    lines.extend(_from_import(m, by_module[m]) for m in relative)
    return lines


def _from_import(module: str, names: set[str]) -> str:
    ordered = sorted(names, key=_import_order)
    line = f"from {module} import {', '.join(ordered)}"
    if len(line) <= 100:
        return line
    return f"from {module} import (\n" + "".join(f"    {n},\n" for n in ordered) + ")"


def _import_order(name: str) -> tuple[bool, str]:
    # isort's force_sort_within_sections off: CONSTANTS, Classes, functions.
    return (not name[:1].isupper(), name)
