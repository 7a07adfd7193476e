"""Whole model sources compared: which services to load, and the worker processes that do it.

A service whose model files are byte-identical on both sides is skipped
without building its IR; the rest are loaded and compared over the worker
layer (``codegen.workers``), each worker's result sent back packed with
``marshal``.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from codegen import workers
from codegen.diff.differ import diff_services
from codegen.ir.changes import (
    Affected,
    Change,
    ChangeSet,
    OperationNote,
    ResourceUse,
    ServiceChanges,
)
from codegen.sources.botocore_data import BotocoreData


def diff_sources(
    old: BotocoreData,
    new: BotocoreData,
    *,
    services: Iterable[str] | None = None,
    include_docs: bool = False,
    jobs: int = 1,
    progress: Callable[[Iterable[ServiceChanges], int], Iterable[ServiceChanges]] | None = None,
) -> ChangeSet:
    """The change set between two model sources, loading only what may have changed.

    A service whose model files are byte-identical on both sides (same
    fingerprint) is skipped without building its IR. ``jobs`` worker
    processes share the rest (0: one per core; loading dominates, and it
    parallelises). ``progress`` wraps the stream of results with their count.
    """
    old_names, new_names = set(old.services()), set(new.services())
    if services is None:
        names = sorted(old_names | new_names)
    else:
        names = sorted(set(services))
        for name in names:
            if name not in old_names and name not in new_names:
                # Let the newer source say "unknown service", with its did-you-mean.
                new.fingerprint(name)
    todo = [
        name
        for name in names
        if name not in old_names or name not in new_names or not _same_files(old, new, name)
    ]
    results: Iterable[ServiceChanges] = _diff_each(
        _Sources(old, new, include_docs), todo, jobs or os.cpu_count() or 1
    )
    if progress is not None:
        results = progress(results, len(todo))
    found = sorted((r for r in results if r.changes), key=lambda r: r.service or "")
    return ChangeSet(
        old=old.spec,
        new=new.spec,
        services=tuple(found),
        old_botocore_version=old.botocore_version,
        new_botocore_version=new.botocore_version,
    )


def _same_files(old: BotocoreData, new: BotocoreData, name: str) -> bool:
    """Whether the service's model files hold the same bytes on both sides.

    Files of different sizes cannot be equal, and a gzip file records its
    uncompressed size in its last four bytes, so most changed services are
    told apart without reading (or unpacking) a model; only same-sized files
    are hashed.
    """
    old_files, new_files = old.model_files(name), new.model_files(name)
    if [_plain_name(p) for p in old_files] != [_plain_name(p) for p in new_files]:
        return False
    if any(_plain_size(a) != _plain_size(b) for a, b in zip(old_files, new_files, strict=True)):
        return False
    return old.fingerprint(name) == new.fingerprint(name)


def _plain_name(path: str) -> str:
    return os.path.basename(path).removesuffix(".gz")


def _plain_size(path: str) -> int:
    if not path.endswith(".gz"):
        return os.path.getsize(path)
    with open(path, "rb") as fp:
        fp.seek(-4, os.SEEK_END)
        return int.from_bytes(fp.read(4), "little")  # ISIZE: the size mod 2**32


class _Sources(NamedTuple):
    """What every worker compares with: both model sources (inherited by the fork)."""

    old: BotocoreData
    new: BotocoreData
    include_docs: bool


def _diff_one(sources: _Sources, name: str) -> ServiceChanges:
    old, new = sources.old, sources.new
    a = old.load(name) if name in old.services() else None
    b = new.load(name) if name in new.services() else None
    return diff_services(a, b, include_docs=sources.include_docs)


def _pack(found: ServiceChanges) -> bytes:
    """A worker's result as marshal bytes: twice as fast to read back as a pickle of records."""
    changes = tuple(
        (
            *change[:-2],
            tuple(tuple(a) for a in change.affects),
            tuple(tuple(u) for u in change.resource_uses),
        )
        for change in found.changes
    )
    operations = tuple(tuple(op) for op in found.operations)
    data: Any = (tuple(found[:-2]), operations, changes)
    return marshal.dumps(data)


def _unpack(data: bytes) -> ServiceChanges:
    fields, operations, changes = marshal.loads(data)
    return ServiceChanges._make(
        (
            *fields,
            tuple(OperationNote._make(op) for op in operations),
            tuple(
                Change._make(
                    (
                        *c[:-2],
                        tuple(Affected._make(a) for a in c[-2]),
                        tuple(ResourceUse._make(u) for u in c[-1]),
                    )
                )
                for c in changes
            ),
        )
    )


_MARSHAL = workers.Codec(_pack, _unpack)

# Below this many services, starting workers costs more than it saves.
_PARALLEL_FROM = 16


def _diff_each(sources: _Sources, todo: list[str], jobs: int) -> Iterator[ServiceChanges]:
    if jobs > 1 and len(todo) >= _PARALLEL_FROM:
        # Biggest first, one at a time, so no worker is left with ec2 at the end.
        new = sources.new
        todo = sorted(
            todo, key=lambda n: -(new if n in new.services() else sources.old).model_size(n)
        )
    # The IR is built from many small objects and holds no cycles.
    yield from workers.imap_unordered(
        _diff_one,
        todo,
        jobs,
        sources,
        parallel_from=_PARALLEL_FROM,
        pause_gc=True,
        codec=_MARSHAL,
    )
