"""Run a codemod over files: find them, pre-filter, rewrite in parallel, diff, write, report.

The only module here that touches the file system. Files are found under the
given roots without following symlinks or leaving the roots; a cheap byte
search drops every file that does not contain one of the rules' trigger words
(an old method name, a renamed service or stub module), so most files are read
once and never parsed. What is left is parsed and rewritten on all cores.
Changed files are written whole (``codegen.atomic.write_file``) unless the run
only diffs or checks, once every file has been rewritten.

Clients cross files: each file tells the run what its functions return, what
its globals hold and what it passes to functions of other files
(``ModuleFacts``); the files those facts concern are rewritten again with
them, until nothing new is learnt (at most ``MAX_ROUNDS`` rounds).
"""

from __future__ import annotations

import ast
import difflib
import io
import json
import os
import re
import tokenize
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

import libcst as cst

from codegen import atomic, workers
from codegen.codemod.clients import ClientConfig, ModuleFacts, matches_dotted
from codegen.codemod.rules import RuleSet
from codegen.codemod.transform import SKIP_KINDS, TODO_PREFIX, Finding, rewrite_source
from codegen.errors import CodegenError
from codegen.progress import track

SUFFIXES = (".py", ".pyi")
GENERATED_MARKER = b"@" + b"generated"  # spelled apart so this file is not itself "generated"
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})  # and every dot-folder (.git, .venv)
REPORT_VERSION = 2  # 2: review-* kinds (were skipped-*), needs_review
TODO_MARKER = TODO_PREFIX.encode()
MAX_ROUNDS = 4  # a client handed through more files than this is not followed further


class FileResult(NamedTuple):
    path: str
    changed: bool = False
    skipped: str | None = None  # why the file was left alone
    findings: tuple[Finding, ...] = ()
    diff: str = ""
    todos: int = 0
    code: bytes | None = None  # the new content, when it changed; written once the run is done
    facts: ModuleFacts = ModuleFacts()
    pending: int = 0  # TODO lines in the file after the run: added now or left by a run before

    @property
    def analysed(self) -> bool:
        """Not skipped, or skipped on purpose (@generated); a parse failure is not."""
        return self.skipped is None or self.skipped.startswith("generated")


class RunResult(NamedTuple):
    origin: str
    scanned: int
    parsed: int
    files: tuple[FileResult, ...]  # every parsed or skipped file, in path order

    @property
    def changed(self) -> list[FileResult]:
        return [f for f in self.files if f.changed]

    @property
    def skipped(self) -> list[FileResult]:
        return [f for f in self.files if f.skipped]

    @property
    def todos(self) -> int:
        return sum(f.todos for f in self.files)

    @property
    def needs_review(self) -> int:
        """Sites a human must look at: the TODO lines in the files, added now or before."""
        return sum(f.pending for f in self.files)

    @property
    def unanalysed(self) -> list[FileResult]:
        """Files that mention what the rules change but could not be analysed."""
        return [f for f in self.files if not f.analysed]

    def summary(self, *, applied: bool) -> str:
        verb = "changed" if applied else "would change"
        reasons = Counter((f.skipped or "").split(":", 1)[0] for f in self.skipped)
        why = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
        findings = [finding for f in self.files for finding in f.findings]
        rewritten = sum(1 for finding in findings if finding.is_change)
        skipped_sites = sum(1 for finding in findings if finding.kind in SKIP_KINDS)
        return (
            f"{self.scanned} file(s) scanned, {self.parsed} parsed, {len(self.changed)} {verb}, "
            f"{len(self.skipped)} skipped{f' ({why})' if why else ''}; "
            f"call sites: {rewritten} rewritten, {self.needs_review} need review, "
            f"{skipped_sites} skipped; "
            f"{self.todos} TODO(s) {'added' if applied else 'to add'}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "report_version": REPORT_VERSION,
            "rules": self.origin,
            "files_scanned": self.scanned,
            "files_parsed": self.parsed,
            "files_changed": [f.path for f in self.changed],
            "files_skipped": [{"path": f.path, "reason": f.skipped} for f in self.skipped],
            "todos": self.todos,
            "needs_review": self.needs_review,
            "findings": [
                {"path": f.path, **finding._asdict()} for f in self.files for finding in f.findings
            ],
        }


class Options(NamedTuple):
    write: bool = False  # apply the changes in place
    diff: bool = False  # keep a unified diff of each change
    jobs: int | None = None  # worker processes (default: every core)


def find_files(roots: Sequence[str]) -> list[Path]:
    """Python files under ``roots``, in a stable order; symlinks and dot-folders are not entered."""
    found: dict[Path, None] = {}
    for root in roots:
        base = Path(root)
        if not base.exists():
            raise CodegenError("no such file or folder", path=root)
        if base.is_file():
            found[base] = None
            continue
        # os.walk does not descend into symlinked folders and symlinked files are
        # dropped, so nothing outside the root is reached.
        for folder, dirs, files in os.walk(base, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
            for name in sorted(files):
                path = os.path.join(folder, name)
                if name.endswith(SUFFIXES) and not os.path.islink(path):
                    found[Path(path)] = None
    return list(found)


def trigger_pattern(rules: RuleSet) -> re.Pattern[bytes]:
    """One regular expression for what a file the rules can change must contain.

    A method name after a dot (a call or reference, on one line or across) or
    a quote (``getattr(client, "name")``, a table of operation names), never a
    ``def`` of the same name; a stub module as a whole word; or a renamed
    service as a string literal (``"es"``: the word alone is a common variable
    name).
    """
    alternatives = []
    modules = {m for s in rules.services.values() for m in s.modules}
    words = [w.encode() for w in rules.trigger_words() if w not in modules]
    if words:
        alternatives.append(rb"(?:\.\s*|[\"'])" + _trie(words) + rb"\b")
    if modules:
        alternatives.append(rb"\b" + _trie([m.encode() for m in modules]) + rb"\b")
    services = sorted(rules.renamed_services())
    if services:
        names = b"|".join(re.escape(s.encode()) for s in services)
        alternatives.append(rb"[\"'](?:" + names + rb")[\"']")
    return re.compile(b"|".join(alternatives) if alternatives else rb"(?!)")


def _trie(words: Sequence[bytes]) -> bytes:
    """An alternation of ``words`` factored by common prefixes.

    Python's ``re`` tries every branch of a flat alternation at every position;
    factored, a position that starts no word fails on its first character,
    which makes scanning a large tree several times faster.
    """
    groups: dict[bytes, list[bytes]] = {}
    ends = False
    for word in sorted(set(words)):
        if word:
            groups.setdefault(word[:1], []).append(word[1:])
        else:
            ends = True
    branches = [re.escape(head) + _trie(rest) for head, rest in groups.items()]
    if not branches:
        return b""
    body = branches[0] if len(branches) == 1 and not ends else b"(?:" + b"|".join(branches) + b")"
    return body + b"?" if ends else body


def run(roots: Sequence[str], rules: RuleSet, config: ClientConfig, options: Options) -> RunResult:
    files = find_files(roots)
    pattern = trigger_pattern(rules)
    results: list[FileResult] = []
    candidates: dict[str, _Task] = {}
    others: list[Path] = []  # read, not parsed: what a candidate imports may be among them
    for path in track(files, "Scanning files", total=len(files)):
        try:
            data = path.read_bytes()
        except OSError as exc:
            results.append(FileResult(str(path), skipped=f"unreadable: {exc.strerror}"))
            continue
        if not pattern.search(data):
            if TODO_MARKER in data:  # a site an earlier run marked, still to review
                results.append(FileResult(str(path), pending=data.count(TODO_MARKER)))
            else:
                others.append(path)
            continue
        if GENERATED_MARKER in data:
            results.append(FileResult(str(path), skipped="generated: marked @" + "generated"))
            continue
        task = _Task(str(path), data, *module_name(path, roots))
        candidates[task.path] = task
    rewritten = {r.path: r for r in _rewrite_all(list(candidates.values()), rules, config, options)}
    imported = _imported_files(others, roots, [r.facts for r in rewritten.values()])
    _follow_across_files(rewritten, candidates, imported, rules, config, options)
    for result in rewritten.values():
        if result.code is not None and options.write:
            atomic.write_file(result.path, result.code)
        results.append(result._replace(code=None))
    results.sort(key=lambda r: r.path)
    return RunResult(rules.origin, len(files), len(rewritten), tuple(results))


def module_name(path: Path, roots: Sequence[str]) -> tuple[str, str]:
    """The dotted module a file is under its root, and the package its relative imports use."""
    for root in roots:
        base = Path(root)
        if base.is_dir() and path.is_relative_to(base):
            parts = list(path.relative_to(base).with_suffix("").parts)
            break
    else:
        parts = [path.stem]
    if not all(part.isidentifier() for part in parts):
        return "", ""
    if parts[-1] == "__init__":
        parts.pop()
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def _imported_files(
    others: Sequence[Path], roots: Sequence[str], facts: Sequence[ModuleFacts]
) -> list[_Task]:
    """The files the candidates import from (a client factory), to learn their facts."""
    names = {name for f in facts for name in f.wants}
    # The module itself, or the module a name is imported from: its last part names the file.
    lasts = {part for name in names for part in name.split(".")[-2:]}
    by_last: dict[str, list[tuple[str, str, Path]]] = {}
    for path in others:
        if (path.parent.name if path.stem == "__init__" else path.stem) in lasts:
            module, package = module_name(path, roots)
            if module:
                by_last.setdefault(module.rpartition(".")[2], []).append((module, package, path))
    wanted: dict[Path, tuple[str, str]] = {}
    for name in names:
        for last in name.split(".")[-2:]:
            for module, package, path in by_last.get(last, ()):
                if matches_dotted(module, name) or matches_dotted(module, name.rpartition(".")[0]):
                    wanted[path] = (module, package)
    tasks = []
    for path, (module, package) in sorted(wanted.items()):
        try:
            data = path.read_bytes()
        except OSError:
            continue  # a file that cannot be read tells nothing
        if GENERATED_MARKER not in data:
            tasks.append(_Task(str(path), data, module, package))
    return tasks


def _follow_across_files(
    results: dict[str, FileResult],
    tasks: dict[str, _Task],
    imported: list[_Task],
    rules: RuleSet,
    config: ClientConfig,
    options: Options,
) -> None:
    """Rewrite again, with what the other files told, each file that what they told concerns.

    The files the candidates import from are read first, for their facts alone.
    """
    if imported:
        # Nothing the rules change is in them (no trigger word): a finding
        # there (a service named at run time) is not the user's to act on.
        facts_only = _rewrite_all(imported, rules, config, options)
        results.update((r.path, r._replace(findings=())) for r in facts_only)
    known = ModuleFacts()
    for _ in range(MAX_ROUNDS - 1):
        learnt = _merge(r.facts for r in results.values())
        if learnt == known:
            return
        new = ModuleFacts(
            {k: v for k, v in learnt.returns.items() if known.returns.get(k) != v},
            {k: v for k, v in learnt.values.items() if known.values.get(k) != v},
            {k: v for k, v in learnt.arguments.items() if known.arguments.get(k) != v},
            {
                k: v
                for k, v in learnt.service_parameters.items()
                if known.service_parameters.get(k) != v
            },
        )
        known = learnt
        again = [t for t in tasks.values() if _concerns(new, t, results[t.path].facts)]
        if not again:
            return
        told = config._replace(
            returns=learnt.returns,
            values=learnt.values,
            arguments=learnt.arguments,
            service_parameters=learnt.service_parameters,
        )
        results.update((r.path, r) for r in _rewrite_all(again, rules, told, options))


def _merge(all_facts: Iterable[ModuleFacts]) -> ModuleFacts:
    returns: dict[str, str] = {}
    values: dict[str, str] = {}
    arguments: dict[str, frozenset[str]] = {}
    service_parameters: dict[str, tuple[int | None, str]] = {}
    for facts in all_facts:
        returns.update(facts.returns)
        values.update(facts.values)
        service_parameters.update(facts.service_parameters)
        for key, services in facts.arguments.items():
            arguments[key] = arguments.get(key, frozenset()) | services
    return ModuleFacts(returns, values, arguments, service_parameters)


def _concerns(new: ModuleFacts, task: _Task, facts: ModuleFacts) -> bool:
    """Whether what was learnt can change what ``task``'s file knows."""
    imported = [
        name
        for name in facts.imports
        for key in (*new.returns, *new.values, *new.service_parameters)
        if matches_dotted(key, name) or matches_dotted(key.rpartition(".")[0], name)
    ]
    own = bool(task.module) and any(
        key.partition("#")[0].rpartition(".")[0] == task.module for key in new.arguments
    )
    return bool(imported) or own


class _Rewrite(NamedTuple):
    """What every file is rewritten with."""

    rules: RuleSet
    config: ClientConfig
    options: Options


class _Task(NamedTuple):
    path: str
    data: bytes
    module: str  # dotted, under its root ("" when the path is no module name)
    package: str


def _rewrite_all(
    tasks: Sequence[_Task], rules: RuleSet, config: ClientConfig, options: Options
) -> list[FileResult]:
    jobs = options.jobs or os.cpu_count() or 1
    rewritten = workers.imap_unordered(_rewrite_one, tasks, jobs, _Rewrite(rules, config, options))
    return list(track(rewritten, "Rewriting files", total=len(tasks)))


def _rewrite_one(setup: _Rewrite, task: _Task) -> FileResult:
    rules, config, options = setup
    path, data = task.path, task.data
    try:
        rewrite = rewrite_source(
            data, rules, config._replace(module=task.module, package=task.package)
        )
    except cst.ParserSyntaxError as exc:
        return FileResult(path, skipped=_parse_error(data, exc))
    except (UnicodeDecodeError, SyntaxError, LookupError) as exc:
        return FileResult(path, skipped=f"does not parse: {exc}")
    except Exception as exc:  # a codemod bug on one file must not stop the others
        return FileResult(path, skipped=f"codemod error: {type(exc).__name__}: {exc}")
    changed = rewrite.code != data
    diff = unified_diff(path, data, rewrite.code) if changed and options.diff else ""
    added = rewrite.code.count(TODO_MARKER) - data.count(TODO_MARKER)
    code = rewrite.code if changed else None
    pending = rewrite.code.count(TODO_MARKER)
    return FileResult(
        path, changed, None, rewrite.findings, diff, added, code, rewrite.facts, pending
    )


def _parse_error(data: bytes, exc: cst.ParserSyntaxError) -> str:
    # Python's own parser places syntax errors more precisely than libcst's.
    try:
        ast.parse(data)
    except SyntaxError as syntax:
        return f"does not parse: line {syntax.lineno}: {syntax.msg}"
    except ValueError:
        pass
    # Python takes it: the file is fine, the codemod's parser is what falls short.
    reason = exc.message.splitlines()[0].removeprefix("parser error: ")
    return f"not analysed: Python parses it, libcst {version('libcst')} does not: {reason}"


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    encoding = _encoding(old)
    before = old.decode(encoding, errors="replace").splitlines(keepends=True)
    after = new.decode(encoding, errors="replace").splitlines(keepends=True)
    old_name, new_name = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(before, after, old_name, new_name)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _encoding(data: bytes) -> str:
    try:
        return tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        return "utf-8"


def write_report(path: str, result: RunResult) -> None:
    atomic.write_file(path, json.dumps(result.to_json(), indent=2, sort_keys=True) + "\n")
