"""Worker processes forked from this one, sharing what it loaded without copying it.

``imap_unordered(function, tasks, workers)`` runs ``function`` on each task in
forked processes and yields the results as they finish, as
``multiprocessing``'s fork pool does, for a fraction of its fixed cost: the
pool imports pickle, socket, threading and more, and starts and stops three
handler threads: 45-55 ms to import it and run 30 trivial tasks over two
workers, against 20 here, in a ``docs`` run of about a second. Here a worker
is one ``fork``: it takes task numbers from a shared pipe as it finishes a
task (the tasks themselves are inherited, never pickled), and sends each
result back pickled on a pipe of its own.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK = struct.Struct("<I")  # a task's number, as a worker reads it from the shared pipe
_FRAME = struct.Struct("<Q")  # the length of a pickled result that follows
# A pipe holds 64 KiB before a write blocks: all task numbers are written
# before the workers start, so they must fit.
MAX_TASKS = 65536 // _TASK.size


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its task (killed, out of memory)."""


def imap_unordered(function: Callable[[T], R], tasks: Sequence[T], workers: int) -> Iterator[R]:
    """``function(task)`` for every task, over ``workers`` forked processes, as they finish.

    An exception raised in a worker is raised here (pickled back); the other
    workers are then stopped. Closing the iterator early stops them too. With
    one worker (or one task), or where processes cannot fork, the tasks run
    here, in order.
    """
    if len(tasks) > MAX_TASKS:
        raise ValueError(f"at most {MAX_TASKS} tasks, not {len(tasks)}")
    workers = min(workers, len(tasks))
    if workers <= 1 or not hasattr(os, "fork"):
        yield from map(function, tasks)
        return
    task_read, task_write = os.pipe()
    os.write(task_write, b"".join(_TASK.pack(i) for i in range(len(tasks))))
    os.close(task_write)  # workers see the end of the pipe once every task is taken
    # Buffered output written before the fork would be written again by each worker.
    sys.stdout.flush()
    sys.stderr.flush()
    running: dict[int, int] = {}  # result pipe -> worker pid
    try:
        for _ in range(workers):
            result_read, result_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the worker; its coverage is not collected
                os.close(result_read)
                for fd in running:
                    os.close(fd)
                _work(function, tasks, task_read, result_write)
            os.close(result_write)
            running[result_read] = pid
        os.close(task_read)
        task_read = -1
        yield from _results(running, len(tasks))
        _reap(running, stop=False)  # every task is done: they are leaving
    finally:
        if task_read >= 0:
            os.close(task_read)
        _reap(running, stop=True)


def _work(function: Callable[[T], Any], tasks: Sequence[T], task_read: int, out: int) -> None:
    """A worker's life: take task numbers until none are left, send each result; exit."""
    code = 0
    try:
        import pickle

        while True:
            record = os.read(task_read, _TASK.size)
            if not record:
                break
            (index,) = _TASK.unpack(record)
            try:
                payload = pickle.dumps((True, function(tasks[index])), pickle.HIGHEST_PROTOCOL)
            except KeyboardInterrupt:
                raise
            except BaseException as error:  # sent to the parent, which raises it
                try:
                    payload = pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
                except Exception:
                    payload = pickle.dumps((False, RuntimeError(repr(error))))
                _send(out, payload)
                break
            _send(out, payload)
    except BaseException:
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        # No interpreter teardown, no atexit handlers, no finally blocks of the
        # parent's that the fork copied (they would delete its staging folder).
        os._exit(code)


def _send(fd: int, payload: bytes) -> None:
    data = memoryview(_FRAME.pack(len(payload)) + payload)
    while data:
        data = data[os.write(fd, data) :]


def _results(running: dict[int, int], expected: int) -> Iterator[Any]:
    """Results read from the workers' pipes as they come, until every task has one.

    A worker that exited is reaped here; one that died (a signal, an exit
    status) ends the run: its task has no result and never will.
    """
    import pickle

    buffers = {fd: bytearray() for fd in running}
    received = 0
    while received < expected:
        if not buffers:
            raise WorkerDied(f"workers ended with {expected - received} task(s) unfinished")
        ready, _, _ = select.select(list(buffers), [], [])
        for fd in ready:
            chunk = os.read(fd, 1 << 20)
            buffer = buffers[fd]
            if not chunk:  # the worker has exited
                del buffers[fd]
                pid = running.pop(fd)
                os.close(fd)
                _, status = os.waitpid(pid, 0)
                if status != 0 or buffer:
                    raise WorkerDied(f"a worker process ended abnormally ({_describe(status)})")
                continue
            buffer += chunk
            while len(buffer) >= _FRAME.size:
                (size,) = _FRAME.unpack_from(buffer)
                if len(buffer) < _FRAME.size + size:
                    break
                ok, value = pickle.loads(buffer[_FRAME.size : _FRAME.size + size])
                del buffer[: _FRAME.size + size]
                if not ok:
                    raise value
                received += 1
                yield value


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _reap(running: dict[int, int], *, stop: bool) -> None:
    """Close the result pipes and wait for every worker, stopping it first if ``stop``."""
    for fd, pid in running.items():
        os.close(fd)
        if stop:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    running.clear()
