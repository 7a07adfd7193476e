"""The one parallel layer: worker processes forked from this one, sharing what it loaded.

``imap_unordered(function, tasks, workers, context)`` runs ``function(context,
task)`` on each task in forked processes and yields the results as they
finish. Docs, diff, generate and the codemod all run their work through it.
The context (model sources, a staging folder, rules) is handed over as an
argument and reaches the workers by the fork itself: model sources hold open
loaders and do not pickle, and nothing is copied. Each result comes back
pickled, or packed by the caller's ``Codec``.

Why not ``multiprocessing`` or ``concurrent.futures``: their pools import
pickle, socket, threading and more, and start and stop handler threads:
45-55 ms to import one and run 30 trivial tasks over two workers, against 20
here, in a ``docs`` run of about a second (the codemod figures are in the
README). Here a worker is one ``fork``: it takes task numbers from a shared
pipe as it finishes a task (the tasks themselves are inherited, never
pickled), and sends each result back on a pipe of its own.

How work is cut into tasks (runs of one service's pages, largest services
first) is in ``codegen.workers.schedule``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

_TASK = struct.Struct("<I")  # a task's number, as a worker reads it from the shared pipe
_FRAME = struct.Struct("<Q")  # the length of a pickled result that follows
# A pipe holds 64 KiB before a write blocks: all task numbers are written
# before the workers start, so they must fit. Beyond this many tasks, each
# number stands for a batch of consecutive tasks.
MAX_TASKS = 65536 // _TASK.size


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its task (killed, out of memory)."""


class Codec(NamedTuple, Generic[R]):
    """How a worker's result travels back: ``pack`` in the worker, ``unpack`` here."""

    pack: Callable[[R], bytes]
    unpack: Callable[[bytes], R]


def imap_unordered(
    function: Callable[[C, T], R],
    tasks: Sequence[T],
    workers: int,
    context: C,
    *,
    parallel_from: int = 2,
    pause_gc: bool = False,
    codec: Codec[R] | None = None,
) -> Iterator[R]:
    """``function(context, task)`` for every task, over ``workers`` forked processes.

    Results are yielded as they finish. An exception raised in a worker is
    raised here (pickled back); the other workers are then stopped. Closing
    the iterator early stops them too. With one worker, fewer than
    ``parallel_from`` tasks (below which starting workers costs more than it
    saves), or where processes cannot fork, the tasks run here, in order.

    ``pause_gc``: the cyclic collector stays off for the whole run, here and in
    the workers, for work that builds many small objects and no cycles to
    speak of (docs pages: 5% of a run's instructions); what the workers
    inherit is frozen first, so that no collection copies it into them.
    """
    if not pause_gc:
        yield from _imap(function, tasks, workers, context, parallel_from, codec)
        return
    from codegen.sources.botocore_data import gc_paused

    with gc_paused():
        gc.freeze()
        yield from _imap(function, tasks, workers, context, parallel_from, codec)


def _imap(
    function: Callable[[C, T], R],
    tasks: Sequence[T],
    workers: int,
    context: C,
    parallel_from: int,
    codec: Codec[R] | None,
) -> Iterator[R]:
    workers = min(workers, len(tasks))
    if workers <= 1 or len(tasks) < parallel_from or not hasattr(os, "fork"):
        for task in tasks:
            yield function(context, task)
        return
    batch = -(-len(tasks) // MAX_TASKS)  # tasks per number: 1 up to MAX_TASKS tasks
    task_read, task_write = os.pipe()
    os.write(task_write, b"".join(_TASK.pack(i) for i in range(-(-len(tasks) // batch))))
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
                _work(function, context, tasks, batch, task_read, result_write, codec)
            os.close(result_write)
            running[result_read] = pid
        os.close(task_read)
        task_read = -1
        if codec is None:
            yield from _results(running, len(tasks))
        else:
            yield from map(codec.unpack, _results(running, len(tasks)))
        _reap(running, stop=False)  # every task is done: they are leaving
    finally:
        if task_read >= 0:
            os.close(task_read)
        _reap(running, stop=True)


def _work(
    function: Callable[[C, T], R],
    context: C,
    tasks: Sequence[T],
    batch: int,
    task_read: int,
    out: int,
    codec: Codec[R] | None,
) -> None:
    """A worker's life: take task numbers until none are left, send each result; exit."""
    code = 0
    try:
        while True:
            record = os.read(task_read, _TASK.size)
            if not record:
                break
            (index,) = _TASK.unpack(record)
            if not _run_batch(
                function, context, tasks[index * batch : (index + 1) * batch], out, codec
            ):
                break
    except BaseException:
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        # No interpreter teardown, no atexit handlers, no finally blocks of the
        # parent's that the fork copied (they would delete its staging folder).
        os._exit(code)


def _run_batch(
    function: Callable[[C, T], R],
    context: C,
    tasks: Sequence[T],
    out: int,
    codec: Codec[R] | None,
) -> bool:
    """Run and send each task's result; False once one has failed (its error is sent)."""
    import pickle

    for task in tasks:
        try:
            result: Any = function(context, task)
            if codec is not None:
                result = codec.pack(result)
            payload = pickle.dumps((True, result), pickle.HIGHEST_PROTOCOL)
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # sent to the parent, which raises it
            try:
                payload = pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
            except Exception:
                payload = pickle.dumps((False, RuntimeError(repr(error))))
            _send(out, payload)
            return False
        _send(out, payload)
    return True


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
