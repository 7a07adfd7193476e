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


MODULES = ("__init__", "client", "type_defs", "literals", "paginator", "waiter")
# The modules whose names a client user reaches; type_defs names reachable from
# none of them belong to boto3 resources (``service_resource``), not stubbed yet.
CLIENT_MODULES = ("client", "paginator", "waiter")


def package_names(read: dict[str, str]) -> dict[str, dict[str, str]]:
    """Module -> name -> kind for a package given as module -> stub text (absent: skipped)."""
    return {module: exported_names(text) for module, text in read.items() if module in MODULES}


def resource_only(read: dict[str, str]) -> frozenset[str]:
    """The names only a package's ``service_resource`` module reaches: its classes as
    ``__init__`` re-exports them, and the type_defs no client module reaches."""
    type_defs = read.get("type_defs")
    if type_defs is None or "service_resource" not in read:
        return frozenset()
    from_resources = _names_from(read.get("__init__", ""), ".service_resource")
    tree = ast.parse(type_defs)
    uses: dict[str, set[str]] = {}
    for node in _statements(tree.body):
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        names |= {
            n.value
            for n in ast.walk(node)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)  # "X" forward references
        }
        if isinstance(node, ast.ClassDef):
            uses[node.name] = names
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id != "__all__"  # it names everything
        ):
            uses[node.targets[0].id] = names
    stack = [
        n.id
        for module in CLIENT_MODULES
        if module in read
        for n in ast.walk(ast.parse(read[module]))
        if isinstance(n, ast.Name)
    ]
    stack += [
        alias.name
        for module in CLIENT_MODULES
        if module in read
        for node in ast.walk(ast.parse(read[module]))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]
    seen: set[str] = set()
    while stack:
        name = stack.pop()
        if name in seen or name not in uses:
            continue
        seen.add(name)
        stack.extend(uses[name])
    return frozenset((set(uses) - seen) | from_resources)


def _names_from(source: str, module: str) -> set[str]:
    """Names ``source`` imports from ``module``, and the aliases it makes of them."""
    tree = ast.parse(source)
    names = {
        alias.asname or alias.name
        for node in _statements(tree.body)
        if isinstance(node, ast.ImportFrom) and "." * node.level + (node.module or "") == module
        for alias in node.names
    }
    for node in _statements(tree.body):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name)
            and node.value.id in names
        ):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


class Comparison:
    """Published names against ours, per module: missing, and present with another kind."""

    def __init__(
        self,
        published: dict[str, dict[str, str]],
        ours: dict[str, dict[str, str]],
        skipped: frozenset[str] = frozenset(),
    ):
        self.total = 0
        self.missing: dict[str, list[str]] = {}
        self.other_kind: dict[str, list[tuple[str, str, str]]] = {}
        for module, names in sorted(published.items()):
            have = ours.get(module, {})
            wanted = {n: k for n, k in names.items() if n not in skipped}
            self.total += len(wanted)
            missing = sorted(n for n in wanted if n not in have)
            other = sorted((n, k, have[n]) for n, k in wanted.items() if n in have and have[n] != k)
            if missing:
                self.missing[module] = missing
            if other:
                self.other_kind[module] = other

    @property
    def matched(self) -> int:
        return (
            self.total
            - sum(len(v) for v in self.missing.values())
            - sum(len(v) for v in self.other_kind.values())
        )
