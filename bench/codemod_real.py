"""Benchmark: the es-to-opensearch codemod over real packages from PyPI that call es.

Downloads each package (exact version, wheel, no dependencies) with pip into
~/.cache/boto-codegen/bench-wheels, unpacks it in a temporary folder, runs the
codemod in place over it, then checks the result with a second pass that
does not use the codemod's inference: Python's ``ast`` lists every remaining
use of an old es method name (``x.old_name``, ``getattr(x, "old_name")``, a
string that is exactly an old name) on any receiver at all, and each one must
carry a TODO line above its statement. One that does not is "missed"; the
only exception is ``self.old_name`` inside a class that defines ``old_name``
itself (a service implementation, not a client).

    python bench/codemod_real.py

Prints, per package: files, files parsed, call sites rewritten, sites marked
(TODO lines), old names left (each must be marked), sites missed (listed)
and seconds. Exits 1 when anything is missed.
"""

from __future__ import annotations

import ast
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from codegen.codemod.clients import ClientConfig
from codegen.codemod.migrations import migration_rules
from codegen.codemod.runner import Options, find_files, run
from codegen.codemod.transform import TODO_PREFIX, RuleIndex
from codegen.sources import open_models

# Each calls the es client in its own way: c7n through helpers that take the
# client as a parameter (some annotated BaseClient) and operation-name tables;
# cartography through its own client factory; localstack through a typed
# attribute of a client factory (request.aws_client_factory.es).
PACKAGES = (
    ("c7n", "0.9.53"),
    ("cartography", "0.143.0"),
    ("localstack-core", "2026.3.0"),
)
WHEELS = Path.home() / ".cache" / "boto-codegen" / "bench-wheels"


def cpu() -> float:
    """CPU seconds of this process and its finished workers: steadier than wall time here."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def wheel(name: str, version: str) -> Path:
    stem = f"{name.replace('-', '_')}-{version}-"
    found = [p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(stem.lower())]
    if not found:
        WHEELS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--only-binary=:all:", f"{name}=={version}", "-d", str(WHEELS)],
            check=True,
        )  # fmt: skip
        found = [p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(stem.lower())]
    return found[0]


class Leftover(ast.NodeVisitor):
    """Old method names still used after the run, with the line of their statement."""

    def __init__(self, old: frozenset[str]):
        self.old = old
        self.statement = 0
        self.own_methods: list[set[str]] = [set()]
        self.found: list[tuple[int, int, str, str]] = []  # statement line, line, name, how

    def generic_visit(self, node: ast.AST) -> None:
        if not isinstance(node, ast.stmt):
            super().generic_visit(node)
            return
        # A TODO goes above the statement, and above a decorated one's decorators.
        decorators = getattr(node, "decorator_list", [])
        outer, self.statement = self.statement, min([node.lineno, *(d.lineno for d in decorators)])
        super().generic_visit(node)
        self.statement = outer

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        names = {n.name for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        self.own_methods.append(names)
        self.generic_visit(node)
        self.own_methods.pop()

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in self.old:
            own = isinstance(node.value, ast.Name) and node.value.id == "self"
            if not (own and node.attr in self.own_methods[-1]):
                self.found.append((self.statement, node.lineno, node.attr, "attribute"))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and node.value in self.old:
            self.found.append((self.statement, node.lineno, node.value, "string"))


def marked(lines: list[str], statement: int, name: str) -> bool:
    """A TODO naming ``name`` in the comment lines right above the statement."""
    index = statement - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        if TODO_PREFIX in lines[index] and name in lines[index]:
            return True
        index -= 1
    return False


def second_pass(root: Path, old: frozenset[str]) -> Iterator[tuple[str, int, str, str, bool]]:
    for path in find_files([str(root)]):
        source = path.read_bytes()
        if not any(name.encode() in source for name in old):
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            yield str(path.relative_to(root)), 0, "", "not checked: ast cannot parse it", False
            continue
        finder = Leftover(old)
        finder.visit(tree)
        lines = source.decode("utf-8", errors="replace").splitlines()
        for statement, line, name, how in finder.found:
            yield str(path.relative_to(root)), line, name, how, marked(lines, statement, name)


def main() -> int:
    rules = migration_rules("es-to-opensearch", open_models("installed"))
    old = frozenset(RuleIndex(rules).gone_methods)
    print(f"rules: {rules.origin}; {len(old)} es method names renamed or removed")
    print(
        f"{'package':<26} {'files':>6} {'parsed':>6} {'rewritten':>9} {'marked':>6} "
        f"{'old names left':>14} {'missed':>6} {'wall s':>7} {'cpu s':>6}"
    )
    missed_total = 0
    with tempfile.TemporaryDirectory(prefix="boto-codegen-real-") as folder:
        for name, version in PACKAGES:
            root = Path(folder) / name
            with zipfile.ZipFile(wheel(name, version)) as archive:
                archive.extractall(root)
            start, used = time.perf_counter(), cpu()
            result = run([str(root)], rules, ClientConfig(), Options(write=True))
            seconds, used = time.perf_counter() - start, cpu() - used
            rewritten = sum(1 for f in result.files for x in f.findings if x.is_change)
            left = list(second_pass(root, old))
            missed = [site for site in left if not site[4]]
            missed_total += len(missed)
            print(
                f"{name + '==' + version:<26} {result.scanned:>6} {result.parsed:>6} "
                f"{rewritten:>9} {result.needs_review:>6} {len(left):>14} {len(missed):>6} "
                f"{seconds:>7.2f} {used:>6.2f}"
            )
            for path, line, method, how, _ in missed:
                print(f"    missed: {path}:{line}: {method} ({how})")
            for file in result.unanalysed:
                print(f"    not analysed: {file.path}: {file.skipped}")
    print(f"missed in all: {missed_total}")
    return 1 if missed_total else 0


if __name__ == "__main__":
    sys.exit(main())
