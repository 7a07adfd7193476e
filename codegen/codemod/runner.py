"""Run a codemod over files: find them, pre-filter, rewrite in parallel, diff, write, report.

The only module here that touches the file system. Files are found under the
given roots without following symlinks or leaving the roots; a cheap byte
search drops every file that does not contain one of the rules' trigger words
(an old method name, a renamed service or stub module), so most files are read
once and never parsed. What is left is parsed and rewritten on all cores.
Changed files are written whole (``codegen.atomic.write_file``) unless the run
only diffs or checks.
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import libcst as cst

from codegen import atomic, workers
from codegen.codemod.clients import ClientConfig
from codegen.codemod.rules import RuleSet
from codegen.codemod.transform import TODO_PREFIX, Finding, rewrite_source
from codegen.errors import CodegenError
from codegen.progress import track

SUFFIXES = (".py", ".pyi")
GENERATED_MARKER = b"@" + b"generated"  # spelled apart so this file is not itself "generated"
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})  # and every dot-folder (.git, .venv)
REPORT_VERSION = 1
TODO_MARKER = TODO_PREFIX.encode()


class FileResult(NamedTuple):
    path: str
    changed: bool = False
    skipped: str | None = None  # why the file was left alone
    findings: tuple[Finding, ...] = ()
    diff: str = ""
    todos: int = 0


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

    def summary(self, *, applied: bool) -> str:
        verb = "changed" if applied else "would change"
        reasons = Counter((f.skipped or "").split(":", 1)[0] for f in self.skipped)
        why = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
        return (
            f"{self.scanned} file(s) scanned, {self.parsed} parsed, {len(self.changed)} {verb}, "
            f"{len(self.skipped)} skipped{f' ({why})' if why else ''}, "
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

    A trigger word as a whole word, or a renamed service as a string literal
    (``"es"``: the word alone is a common variable name).
    """
    alternatives = []
    words = [w.encode() for w in rules.trigger_words()]
    if words:
        alternatives.append(rb"\b" + _trie(words) + rb"\b")
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
    candidates: list[tuple[str, bytes]] = []
    for path in track(files, "Scanning", total=len(files)):
        try:
            data = path.read_bytes()
        except OSError as exc:
            results.append(FileResult(str(path), skipped=f"unreadable: {exc.strerror}"))
            continue
        if not pattern.search(data):
            continue
        if GENERATED_MARKER in data:
            results.append(FileResult(str(path), skipped="generated: marked @" + "generated"))
            continue
        candidates.append((str(path), data))
    jobs = options.jobs or os.cpu_count() or 1
    rewritten = workers.imap_unordered(
        _rewrite_one, candidates, jobs, _Rewrite(rules, config, options)
    )
    results.extend(track(rewritten, "Rewriting", total=len(candidates)))
    results.sort(key=lambda r: r.path)
    return RunResult(rules.origin, len(files), len(candidates), tuple(results))


class _Rewrite(NamedTuple):
    """What every file is rewritten with."""

    rules: RuleSet
    config: ClientConfig
    options: Options


def _rewrite_one(setup: _Rewrite, candidate: tuple[str, bytes]) -> FileResult:
    rules, config, options = setup
    path, data = candidate
    try:
        rewrite = rewrite_source(data, rules, config)
    except cst.ParserSyntaxError as exc:
        return FileResult(path, skipped=_parse_error(data, exc))
    except (UnicodeDecodeError, SyntaxError, LookupError) as exc:
        return FileResult(path, skipped=f"does not parse: {exc}")
    except Exception as exc:  # a codemod bug on one file must not stop the others
        return FileResult(path, skipped=f"codemod error: {type(exc).__name__}: {exc}")
    changed = rewrite.code != data
    diff = unified_diff(path, data, rewrite.code) if changed and options.diff else ""
    if changed and options.write:
        atomic.write_file(path, rewrite.code)
    added = rewrite.code.count(TODO_MARKER) - data.count(TODO_MARKER)
    return FileResult(path, changed, None, rewrite.findings, diff, added)


def _parse_error(data: bytes, exc: cst.ParserSyntaxError) -> str:
    # Python's own parser places syntax errors more precisely than libcst's.
    try:
        ast.parse(data)
    except SyntaxError as syntax:
        return f"does not parse: line {syntax.lineno}: {syntax.msg}"
    except ValueError:
        pass
    return f"does not parse (libcst): line {exc.raw_line}: {exc.message.splitlines()[0]}"


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
