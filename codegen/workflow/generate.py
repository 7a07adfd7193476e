"""``make generate``: bring ``generated/`` up to date with the configured models.

A run compares the lock with the models it would read and regenerates only
the services whose model (or the generator itself) changed. After a botocore
bump it also writes the migration notes for the bump, and hands the locked
release to the stubs, so that shapes renamed since keep their old names as
aliases (recorded in the lock, so they accumulate over bumps). The new ``generated/``
is built in a temporary copy and swapped in whole, so an interrupted or
failed run leaves the previous one as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from codegen import atomic, workers
from codegen.progress import track
from codegen.sources import BotocoreData, open_models
from codegen.workflow.config import Config

if TYPE_CHECKING:
    from codegen.workflow.outputs import Output, RunInfo

from codegen.workflow.lock import (
    LOCK_NAME,
    Lock,
    ServiceEntry,
    dump_lock,
    file_hash,
    generator_hash,
    read_generator_state,
    read_lock,
    write_generator_state,
)

NOTES_DIR = "notes/"  # migration notes of each bump, kept as history

# Stub names kept from earlier releases, as the lock holds them (KeptNames.to_json).
JsonNames = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Plan:
    """What a run must do, and why."""

    services: list[str]  # all configured services, sorted
    regenerate: list[str]  # those whose outputs must be written again
    removed: list[str]  # in the lock, no longer configured
    reasons: list[str]  # for people: why anything is regenerated
    fingerprints: dict[str, tuple[str, str]]  # service -> (api version, model fingerprint)
    generator: str
    bump: tuple[str, str] | None = None  # (locked, current) botocore versions after an SDK bump

    @property
    def up_to_date(self) -> bool:
        return not self.regenerate and not self.removed and self.bump is None


@dataclass
class GenerateResult:
    plan: Plan
    files_written: int = 0
    notes: list[str] = field(default_factory=list)
    changes_by_severity: dict[str, int] = field(default_factory=dict)


def make_plan(config: Config, source: BotocoreData, lock: Lock | None) -> Plan:
    names = sorted(source.services() if config.services is None else set(config.services))
    fingerprints = {
        name: (source.latest_api_version(name), source.fingerprint(name)) for name in names
    }
    generator = generator_hash()
    reasons: list[str] = []
    if lock is None:
        reasons.append("no lock file: generating everything")
        regenerate = names
    elif lock.outputs != config.output_names:
        reasons.append("the configured outputs changed: regenerating everything")
        regenerate = names
    elif (last := read_generator_state(config.out)) != generator:
        # Unchanged outputs are not rewritten: on a fresh clone this ends with nothing written.
        why = "first run in this checkout" if last is None else "the generator changed"
        reasons.append(f"{why}: rendering everything again, rewriting only what differs")
        regenerate = names
    else:
        regenerate = []
        for name in names:
            entry = lock.services.get(name)
            if entry is None:
                reasons.append(f"{name}: new in the configuration")
                regenerate.append(name)
            elif (entry.api_version, entry.model) != fingerprints[name]:
                reasons.append(f"{name}: model changed")
                regenerate.append(name)
    removed = sorted(set(lock.services) - set(names)) if lock else []
    reasons.extend(f"{name}: no longer configured" for name in removed)
    bump = None
    if (
        lock is not None
        and lock.models == config.models
        and lock.botocore_version
        and source.botocore_version
        and lock.botocore_version != source.botocore_version
    ):
        bump = (lock.botocore_version, source.botocore_version)
        reasons.insert(0, f"botocore {bump[0]} -> {bump[1]}")
    return Plan(names, regenerate, removed, reasons, fingerprints, generator, bump)


class _Unchanged(Exception):
    """Every file came out as it was: drop the staging copy instead of swapping it in."""


def generate(
    config: Config, *, jobs: int | None = None, kept_names: Mapping[str, JsonNames] | None = None
) -> GenerateResult:
    """Bring ``config.out`` up to date; ``jobs`` worker processes (0 or None: every core).

    ``kept_names`` (service -> stub names kept from earlier releases) stands in
    for the lock's when ``config.out`` has none: ``check`` renders afresh with them.
    """
    source = open_models(config.models)
    lock = read_lock(config.out)
    plan = make_plan(config, source, lock)
    result = GenerateResult(plan)
    if plan.up_to_date:
        return result
    # The renderers are imported only when there is something to render.
    from codegen.workflow.outputs import NOTES, STUBS, RunInfo, outputs_named

    outputs = outputs_named(config.outputs, place="tool.boto-codegen.outputs")
    info = RunInfo(source=source.spec, botocore_version=source.botocore_version)
    stubs = STUBS in config.outputs
    # The locked release, on a bump: what the notes compare with and the stubs keep names of.
    wanted = stubs or NOTES in config.outputs
    previous = open_models(f"botocore=={plan.bump[0]}") if plan.bump and wanted else None
    if lock is not None:
        kept_names = {name: entry.aliases for name, entry in lock.services.items()}
    names = _Names(kept_names or {}, previous if stubs else None, stubs)
    try:
        with atomic.directory(config.out, from_old=True) as staging:
            notes: dict[str, str] = {}
            notes_written = 0
            if previous is not None and NOTES in config.outputs:
                notes, notes_written = _write_bump_notes(staging, plan, previous, source, result)
            result.files_written = notes_written + _render_into(
                staging, plan, lock, outputs, source, info, config, notes, jobs, names
            )
            if result.files_written == 0 and not _lock_changed(staging, config.out):
                raise _Unchanged
    except _Unchanged:
        pass
    write_generator_state(config.out, plan.generator)
    return result


def _render_into(
    staging: Path,
    plan: Plan,
    lock: Lock | None,
    outputs: Sequence[Output],
    source: BotocoreData,
    info: RunInfo,
    config: Config,
    notes: dict[str, str],
    jobs: int | None,
    names: _Names,
) -> int:
    """Render what the plan says into ``staging`` (a copy of generated/); return files changed."""
    stale = set(plan.regenerate) | set(plan.removed)
    previous: set[str] = set(lock.shared_files) if lock else set()
    # Notes of earlier bumps are history: carried over, never re-rendered.
    kept_notes = {
        rel: digest
        for rel, digest in (lock.shared_files.items() if lock else ())
        if rel.startswith(NOTES_DIR)
    }
    entries: dict[str, ServiceEntry] = {}
    for name, entry in lock.services.items() if lock else ():
        if name in stale:
            previous.update(entry.files)
        elif name in plan.services:
            entries[name] = entry
    changed = 0
    # Only a service whose model changed in the bump can have renamed a shape.
    renamed_in = frozenset(
        name
        for name in plan.regenerate
        if lock is not None
        and name in lock.services
        and (lock.services[name].api_version, lock.services[name].model) != plan.fingerprints[name]
    )
    if names.previous is not None:
        names = names._replace(renamed_in=renamed_in & set(names.previous.services()))
    cores = jobs or os.cpu_count() or 1
    job = _RenderJob(staging, outputs, source, info, plan.fingerprints, cores, names)
    for name, files, written, aliases in track(
        _render_services(job, plan.regenerate), "Rendering services", total=len(plan.regenerate)
    ):
        api_version, model = plan.fingerprints[name]
        entries[name] = ServiceEntry(api_version, model, files, aliases)
        changed += written
    shared, written = _write(staging, _shared_files(outputs, plan.services, source, info))
    changed += written
    shared.update(kept_notes)
    shared.update(notes)
    shared = dict(sorted(shared.items()))
    current = set(shared).union(*(e.files for e in entries.values()))
    for rel in previous - current:
        _remove(staging / rel)
        changed += 1
    _prune_empty_dirs(staging)
    new_lock = Lock(
        botocore_version=source.botocore_version,
        models=config.models,
        outputs=config.output_names,
        services=dict(sorted(entries.items())),
        shared_files=shared,
    )
    (staging / LOCK_NAME).write_text(dump_lock(new_lock), encoding="utf-8")
    return changed


def _write_bump_notes(
    staging: Path,
    plan: Plan,
    old_source: BotocoreData,
    source: BotocoreData,
    result: GenerateResult,
) -> tuple[dict[str, str], int]:
    """Diff the locked release against the new one; write the migration notes for the bump."""
    from codegen.diff import diff_sources
    from codegen.diff.select import select_changes
    from codegen.render import notes as render_notes

    assert plan.bump is not None
    old_version, new_version = plan.bump
    changes = diff_sources(
        old_source,
        source,
        services=plan.services,
        progress=lambda results, total: track(results, "Comparing services", total=total),
    )
    changes, _ignored = select_changes(changes, ignore=None, include_docs=False)
    for change in changes.all_changes():
        result.changes_by_severity[change.severity] = (
            result.changes_by_severity.get(change.severity, 0) + 1
        )
    stem = f"{NOTES_DIR}{old_version}_to_{new_version}"
    files = {f"{stem}.md": render_notes.markdown(changes)}
    page = render_notes.awsapichanges(changes, render_notes.method_text_from(source))
    if page:  # the awsapichanges format has no page for a release without API changes
        files[f"{stem}.txt"] = page
    result.notes.extend(files)
    return _write(staging, ((rel, text.encode("utf-8")) for rel, text in files.items()))


def _lock_changed(staging: Path, out: Path) -> bool:
    old = out / LOCK_NAME
    return not old.is_file() or old.read_bytes() != (staging / LOCK_NAME).read_bytes()


class _Names(NamedTuple):
    """What the stubs need to keep names across releases."""

    kept: Mapping[str, JsonNames]  # service -> names kept so far (the lock's)
    previous: BotocoreData | None  # the locked release, on a bump
    wanted: bool  # whether the stubs are an output at all
    renamed_in: frozenset[str] = frozenset()  # the services to compare with ``previous``


@dataclass(frozen=True)
class _RenderJob:
    staging: Path
    outputs: Sequence[Output]
    source: BotocoreData
    info: RunInfo
    fingerprints: dict[str, tuple[str, str]]
    jobs: int
    names: _Names


# Below this many services, starting workers costs more than it saves.
_PARALLEL_FROM = 8


def _render_one(job: _RenderJob, name: str) -> tuple[str, dict[str, str], int, JsonNames]:
    service = job.source.load(name, job.fingerprints[name][0])
    info = job.info
    kept = job.names.kept.get(name, {})
    previous = job.names.previous
    before = previous.load(name) if previous is not None and name in job.names.renamed_in else None
    # Nearly every service has no name to keep and no rename to look for: no work then.
    if job.names.wanted and (kept or before is not None):
        from codegen.stubs.aliases import KeptNames, carry_names
        from codegen.stubs.shapes import ShapeTypes

        carried = carry_names(KeptNames.from_json(kept), before, ShapeTypes(service))
        info = replace(info, kept_names=carried)
        kept = carried.to_json()
    files = (item for output in job.outputs for item in output.per_service(service, info))
    hashes, written = _write(job.staging, files)
    return name, hashes, written, kept


def _render_services(
    job: _RenderJob, names: Sequence[str]
) -> Iterator[tuple[str, dict[str, str], int, JsonNames]]:
    """Render each service's files into the staging folder, over all cores when it pays."""
    jobs = job.jobs
    if jobs > 1 and len(names) >= _PARALLEL_FROM:
        # Largest first, so that no big service (ec2, sagemaker) starts last and
        # leaves one core idle while the other finishes it.
        names = sorted(names, key=lambda name: -job.source.model_size(name))
    yield from workers.imap_unordered(_render_one, names, jobs, job, parallel_from=_PARALLEL_FROM)


def _shared_files(
    outputs: Sequence[Output],
    names: Sequence[str],
    source: BotocoreData,
    info: RunInfo,
) -> Iterable[tuple[str, bytes]]:
    """Files of no one service (an index, an overlay), from every configured service.

    Services are loaded one at a time as each output walks them, so memory
    stays at one service even for the whole of botocore.
    """
    for output in outputs:
        if output.shared is not None:
            yield from output.shared((source.load(name) for name in names), info)


def _write(root: Path, files: Iterable[tuple[str, bytes]]) -> tuple[dict[str, str], int]:
    """Write the files that differ from what is there; return all hashes and the count written."""
    hashes: dict[str, str] = {}
    written = 0
    for rel, data in files:
        path = root / rel
        hashes[rel] = file_hash(data)
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    return hashes, written


def _remove(path: Path) -> None:
    if path.is_file() or path.is_symlink():
        path.unlink()


def _prune_empty_dirs(root: Path) -> None:
    for dirpath, _dirnames, _filenames in sorted(os.walk(root), reverse=True):
        folder = Path(dirpath)
        if folder != root and not any(folder.iterdir()):
            folder.rmdir()


def check(config: Config, *, jobs: int | None = None) -> list[str]:
    """Why ``generated/`` does not match what ``make generate`` would write (empty: it does).

    Renders everything afresh into a temporary folder and compares bytes, so a
    hand edit, a template change that was not regenerated and a botocore bump
    are all caught, while a code change that alters no output is not.
    """
    source = open_models(config.models)
    lock = read_lock(config.out)
    if lock is None:
        return [f"{config.out}: no {LOCK_NAME}: never generated"]
    problems = []
    if lock.botocore_version != source.botocore_version:
        problems.append(
            f"generated from botocore {lock.botocore_version},"
            f" installed is {source.botocore_version}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        kept = {name: entry.aliases for name, entry in lock.services.items()}
        generate(replace(config, out=fresh), jobs=jobs, kept_names=kept)
        expected = _tree(fresh)
        actual = _tree(config.out)
    # Migration notes are history written at each bump, not re-derivable:
    # check them against the lock instead.
    for rel, digest in lock.shared_files.items():
        if rel.startswith(NOTES_DIR) and actual.get(rel) == digest:
            expected[rel] = digest
    for rel in sorted(expected.keys() | actual.keys()):
        if rel == LOCK_NAME:
            continue
        if rel not in actual:
            problems.append(f"{rel}: missing")
        elif rel not in expected:
            problems.append(f"{rel}: not written by make generate")
        elif expected[rel] != actual[rel]:
            problems.append(f"{rel}: differs from a fresh run (stale, or edited by hand)")
    return problems


def _tree(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): file_hash(path.read_bytes())
        for path in root.rglob("*")
        if path.is_file()
    }
