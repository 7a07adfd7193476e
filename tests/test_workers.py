"""Forked worker processes: results, errors and cleanup, as docs, diff, generate, codemod need."""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable

import pytest

from codegen import workers
from codegen.errors import CodegenError


def _square(_: object, n: int) -> int:
    return n * n


def _fails_on_three(_: object, n: int) -> int:
    if n == 3:
        raise CodegenError("bad model", path=f"service-{n}.json", place="shapes.Foo")
    return n


def _dies_on_two(_: object, n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _big(_: object, n: int) -> bytes:
    return bytes([n]) * (3 << 20)  # larger than a pipe holds: read while it is written


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_every_task_has_its_result():
    results = list(workers.imap_unordered(_square, list(range(50)), 3, None))
    assert sorted(results) == [n * n for n in range(50)]
    assert _no_children_left()


def test_large_results_come_back_whole():
    results = sorted(workers.imap_unordered(_big, [1, 2, 3], 2, None))
    assert results == [bytes([n]) * (3 << 20) for n in (1, 2, 3)]


def test_a_workers_error_is_raised_with_its_type_and_message():
    with pytest.raises(CodegenError) as raised:
        list(workers.imap_unordered(_fails_on_three, list(range(8)), 2, None))
    assert str(raised.value) == "service-3.json: shapes.Foo: bad model"
    assert _no_children_left()


def test_a_worker_killed_mid_task_ends_the_run():
    with pytest.raises(workers.WorkerDied, match="killed by SIGKILL"):
        list(workers.imap_unordered(_dies_on_two, list(range(6)), 2, None))
    assert _no_children_left()


def test_stopping_early_stops_the_workers():
    results = workers.imap_unordered(_square, list(range(1000)), 2, None)
    assert next(results) in {n * n for n in range(1000)}
    results.close()
    assert _no_children_left()


def test_more_tasks_than_the_pipe_holds_go_in_batches():
    tasks = range(2 * workers.MAX_TASKS + 3)
    assert sorted(workers.imap_unordered(_square, tasks, 2, None)) == [n * n for n in tasks]
    assert _no_children_left()


def _call(context: Callable[[int], int], n: int) -> int:
    return context(n)


def test_the_context_reaches_the_workers_unpickled():
    """Model sources do not pickle: the context is inherited by the fork, never sent."""
    offset = os.getpid()
    add = lambda n: n + offset  # noqa: E731 - a lambda does not pickle
    assert sorted(workers.imap_unordered(_call, list(range(10)), 2, add)) == [
        n + offset for n in range(10)
    ]


def _gc_and_pid(_: object, n: int) -> tuple[bool, int]:
    return gc.isenabled(), os.getpid()


def test_the_collector_is_paused_in_the_workers_and_here_while_they_run():
    assert gc.isenabled()
    run = workers.imap_unordered(_gc_and_pid, list(range(6)), 2, None, pause_gc=True)
    first = next(run)
    assert not gc.isenabled()
    results = [first, *run]
    assert gc.isenabled()
    assert {enabled for enabled, _ in results} == {False}
    assert os.getpid() not in {pid for _, pid in results}


_TAGGED = workers.Codec(lambda n: b"packed:%d" % n, lambda data: int(data.split(b":")[1]) * 10)


def test_a_codec_packs_each_result_in_the_worker_and_unpacks_it_here():
    assert sorted(workers.imap_unordered(_square, [1, 2, 3], 2, None, codec=_TAGGED)) == [
        10,
        40,
        90,
    ]
    # Run here, a result is not packed at all.
    assert list(workers.imap_unordered(_square, [3], 2, None, codec=_TAGGED)) == [9]


def test_below_parallel_from_the_tasks_run_here():
    pids = {pid for pid, _ in workers.imap_unordered(_pid_and, [1, 2, 3], 2, None, parallel_from=4)}
    assert pids == {os.getpid()}


def test_one_worker_runs_the_tasks_here_in_order():
    assert list(workers.imap_unordered(_pid_and, [3, 1, 2], 1, None)) == [
        (os.getpid(), 3),
        (os.getpid(), 1),
        (os.getpid(), 2),
    ]


def test_workers_are_other_processes():
    pids = {pid for pid, _ in workers.imap_unordered(_pid_and, list(range(20)), 2, None)}
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2


def _pid_and(_: object, n: int) -> tuple[int, int]:
    return os.getpid(), n


def test_without_fork_the_tasks_run_here(monkeypatch):
    monkeypatch.delattr(os, "fork")
    assert list(workers.imap_unordered(_pid_and, [1, 2], 2, None)) == [
        (os.getpid(), 1),
        (os.getpid(), 2),
    ]
