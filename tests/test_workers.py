"""Forked worker processes: results, errors and cleanup, as docs, diff and generate need."""

from __future__ import annotations

import os
import signal

import pytest

from codegen import workers
from codegen.errors import CodegenError


def _square(n: int) -> int:
    return n * n


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise CodegenError("bad model", path=f"service-{n}.json", place="shapes.Foo")
    return n


def _dies_on_two(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _big(n: int) -> bytes:
    return bytes([n]) * (3 << 20)  # larger than a pipe holds: read while it is written


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_every_task_has_its_result():
    results = list(workers.imap_unordered(_square, list(range(50)), 3))
    assert sorted(results) == [n * n for n in range(50)]
    assert _no_children_left()


def test_large_results_come_back_whole():
    results = sorted(workers.imap_unordered(_big, [1, 2, 3], 2))
    assert results == [bytes([n]) * (3 << 20) for n in (1, 2, 3)]


def test_a_workers_error_is_raised_with_its_type_and_message():
    with pytest.raises(CodegenError) as raised:
        list(workers.imap_unordered(_fails_on_three, list(range(8)), 2))
    assert str(raised.value) == "service-3.json: shapes.Foo: bad model"
    assert _no_children_left()


def test_a_worker_killed_mid_task_ends_the_run():
    with pytest.raises(workers.WorkerDied, match="killed by SIGKILL"):
        list(workers.imap_unordered(_dies_on_two, list(range(6)), 2))
    assert _no_children_left()


def test_stopping_early_stops_the_workers():
    results = workers.imap_unordered(_square, list(range(1000)), 2)
    assert next(results) in {n * n for n in range(1000)}
    results.close()
    assert _no_children_left()


def test_more_tasks_than_the_pipe_holds_are_refused():
    with pytest.raises(ValueError, match="at most"):
        list(workers.imap_unordered(_square, range(workers.MAX_TASKS + 1), 2))


def test_one_worker_runs_the_tasks_here_in_order():
    assert list(workers.imap_unordered(_pid_and, [3, 1, 2], 1)) == [
        (os.getpid(), 3),
        (os.getpid(), 1),
        (os.getpid(), 2),
    ]


def test_workers_are_other_processes():
    pids = {pid for pid, _ in workers.imap_unordered(_pid_and, list(range(20)), 2)}
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2


def _pid_and(n: int) -> tuple[int, int]:
    return os.getpid(), n


def test_without_fork_the_tasks_run_here(monkeypatch):
    monkeypatch.delattr(os, "fork")
    assert list(workers.imap_unordered(_pid_and, [1, 2], 2)) == [(os.getpid(), 1), (os.getpid(), 2)]
