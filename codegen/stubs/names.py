"""The public names a stub module defines, and what kind of thing each is.

Used to hold our packages against the published mypy-boto3 ones: code that
imports ``AttributeValueTypeDef`` needs the name to exist and to be the same
kind of thing (a TypedDict it can build, a Literal it can annotate with).
"""

from __future__ import annotations

import ast

TYPED_DICT = "TypedDict"
LITERAL = "Literal"
ALIAS = "alias"
CLASS = "class"
FUNCTION = "function"


def exported_names(source: str) -> dict[str, str]:
    """Name -> kind of every public top-level definition in stub text ``source``.

    Imports are left out (a module re-exporting a sibling's name defines
    nothing), except where ``__all__`` lists them; ``if`` blocks (the
    published stubs' ``sys.version_info`` branches) are read through.
    """
    tree = ast.parse(source)
    found: dict[str, str] = {}
    same_as: dict[str, str] = {}  # Name = OtherName: the kind of OtherName
    listed: list[str] | None = None
    for node in _statements(tree.body):
        if isinstance(node, ast.ClassDef):
            found[node.name] = TYPED_DICT if _is_typed_dict_class(node) else CLASS
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.setdefault(node.name, FUNCTION)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if not isinstance(target, ast.Name):
                    continue
                if target.id == "__all__" and node.value is not None:
                    listed = [
                        e.value
                        for e in getattr(node.value, "elts", [])
                        if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    ]
                elif node.value is not None:
                    found[target.id] = _assigned_kind(node.value)
                    if isinstance(node.value, ast.Name):
                        same_as[target.id] = node.value.id
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                local = alias.asname or alias.name
                found.setdefault(local, _IMPORTED)
    for name, other in same_as.items():
        found[name] = found.get(other, ALIAS)
    if listed is not None:
        return {name: _resolve(found.get(name, ALIAS)) for name in listed}
    return {
        name: kind for name, kind in found.items() if not name.startswith("_") and kind != _IMPORTED
    }


_IMPORTED = "imported"


def _resolve(kind: str) -> str:
    # A name __all__ lists but the module imports: a re-export, as good as a class here.
    return CLASS if kind == _IMPORTED else kind


def _statements(body: list[ast.stmt]) -> list[ast.stmt]:
    flat: list[ast.stmt] = []
    for node in body:
        if isinstance(node, ast.If):
            flat.extend(_statements(node.body))
            flat.extend(_statements(node.orelse))
        elif isinstance(node, ast.Try):
            flat.extend(_statements(node.body))
        else:
            flat.append(node)
    return flat


def _is_typed_dict_class(node: ast.ClassDef) -> bool:
    return any(_last_name(base) == "TypedDict" for base in node.bases)


def _assigned_kind(value: ast.expr) -> str:
    if isinstance(value, ast.Call) and _last_name(value.func) == "TypedDict":
        return TYPED_DICT
    if isinstance(value, ast.Subscript) and _last_name(value.value) == "Literal":
        return LITERAL
    return ALIAS


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


RESOURCE_MODULE = "service_resource"
MODULES = ("__init__", "client", "type_defs", "literals", "paginator", "waiter", RESOURCE_MODULE)
METHOD = "method"
ATTRIBUTE = "attribute"


def package_names(read: dict[str, str]) -> dict[str, dict[str, str]]:
    """Module -> name -> kind for a package given as module -> stub text (absent: skipped).

    ``service_resource`` also lists the members of its public classes as
    ``Class.member``: code reaches a resource's methods and attributes, not
    only its class name (``Bucket.upload_file``, ``Table.table_status``).
    """
    names = {module: exported_names(text) for module, text in read.items() if module in MODULES}
    if RESOURCE_MODULE in names:
        classes = {n for n, kind in names[RESOURCE_MODULE].items() if kind == CLASS}
        names[RESOURCE_MODULE].update(_members(read[RESOURCE_MODULE], classes))
    return names


def _members(source: str, classes: set[str]) -> dict[str, str]:
    """``Class.member`` -> method or attribute (a property is an attribute to its callers)."""
    found: dict[str, str] = {}
    for node in _statements(ast.parse(source).body):
        if not isinstance(node, ast.ClassDef) or node.name not in classes:
            continue
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                is_property = any(_last_name(d) == "property" for d in item.decorator_list)
                member, kind = item.name, ATTRIBUTE if is_property else METHOD
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                member, kind = item.target.id, ATTRIBUTE
            else:
                continue
            if not member.startswith("_") or member == "__iter__":
                found.setdefault(f"{node.name}.{member}", kind)
    return found


class Comparison:
    """Published names against ours, per module: missing, and present with another kind."""

    def __init__(
        self,
        published: dict[str, dict[str, str]],
        ours: dict[str, dict[str, str]],
        skipped: frozenset[str] = frozenset(),
    ):
        self.totals: dict[str, int] = {}
        self.missing: dict[str, list[str]] = {}
        self.other_kind: dict[str, list[tuple[str, str, str]]] = {}
        for module, names in sorted(published.items()):
            have = ours.get(module, {})
            wanted = {n: k for n, k in names.items() if n not in skipped}
            self.totals[module] = len(wanted)
            missing = sorted(n for n in wanted if n not in have)
            other = sorted((n, k, have[n]) for n, k in wanted.items() if n in have and have[n] != k)
            if missing:
                self.missing[module] = missing
            if other:
                self.other_kind[module] = other

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def matched(self) -> int:
        return sum(self.matched_in(module) for module in self.totals)

    def matched_in(self, module: str) -> int:
        return (
            self.totals.get(module, 0)
            - len(self.missing.get(module, ()))
            - len(self.other_kind.get(module, ()))
        )
