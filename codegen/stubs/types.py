"""Type expressions for stubs: each node renders itself and names the imports it needs.

Templates never build a type by string surgery; they ask a node for ``render()``
and the module assembling them asks for ``imports()``. ``names()`` lists the bare
names an annotation refers to, so a TypedDict can tell when one of its keys would
shadow a name its own annotations use.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from functools import cache
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


class TypeNode:
    """A type expression, with its text, imports and names worked out once.

    Nodes are immutable and built once per shape and side, then rendered in
    every signature and TypedDict that uses them; whole botocore renders
    millions of annotations, so nothing is recomputed per use.
    """

    __slots__ = ("_imports", "_names", "_not_required", "text")

    def __init__(self, text: str, imports: frozenset[Import], names: frozenset[str]):
        self.text = text
        self._imports = imports
        self._names = names
        self._not_required: TypeNode | None = None

    def not_required(self) -> TypeNode:
        """``NotRequired[self]``, made once."""
        if self._not_required is None:
            self._not_required = Subscript(NOT_REQUIRED, (self,))
        return self._not_required

    def render(self) -> str:
        return self.text

    def imports(self) -> frozenset[Import]:
        return self._imports

    def names(self) -> frozenset[str]:
        return self._names

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TypeNode) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text}>"


class Named(TypeNode):
    """A type written by its name, such as ``str`` or ``datetime``, imported from ``source``."""

    __slots__ = ()

    def __init__(self, name: str, source: str | None = None):  # source None: a builtin
        imports = frozenset({Import(source, name)}) if source is not None else frozenset()
        super().__init__(name, imports, frozenset({name}))


class Subscript(TypeNode):
    """A generic applied to arguments: ``Sequence[str]``, ``dict[str, int]``."""

    __slots__ = ()

    def __init__(self, origin: Named, args: tuple[TypeNode, ...]):
        super().__init__(
            f"{origin.text}[{', '.join(a.text for a in args)}]",
            origin.imports().union(*(a.imports() for a in args)),
            origin.names().union(*(a.names() for a in args)),
        )


class Union(TypeNode):
    """``a | b``: PEP 604 syntax is valid in stubs for every Python version."""

    __slots__ = ()

    def __init__(self, items: tuple[TypeNode, ...]):
        super().__init__(
            " | ".join(item.text for item in items),
            frozenset().union(*(item.imports() for item in items)),
            frozenset().union(*(item.names() for item in items)),
        )


class CallableOf(TypeNode):
    """``Callable[[a, b], r]``."""

    __slots__ = ()

    def __init__(self, args: tuple[TypeNode, ...], returns: TypeNode):
        parts = (CALLABLE, *args, returns)
        super().__init__(
            f"Callable[[{', '.join(a.text for a in args)}], {returns.text}]",
            frozenset().union(*(p.imports() for p in parts)),
            frozenset().union(*(p.names() for p in parts)),
        )


_LITERAL = frozenset({Import("typing", "Literal")})


class LiteralValues(TypeNode):
    """``Literal["a", "b"]``: every value written as a JSON string, which Python reads the same."""

    __slots__ = ()

    def __init__(self, values: tuple[str, ...]):
        text = f"Literal[{', '.join(json.dumps(v) for v in values)}]"
        super().__init__(text, _LITERAL, frozenset({"Literal"}))


@cache
def local(name: str, module: str) -> Named:
    """A name defined in a sibling module of the generated package (one node per name)."""
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
CALLABLE = Named("Callable", "collections.abc")
OBJECT = Named("object")
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


def render_imports(imports: Iterable[Import], module: str) -> list[str]:
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
