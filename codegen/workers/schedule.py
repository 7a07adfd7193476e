"""How work is cut into tasks for the worker layer: runs of one large job's items.

A docs run with fewer services than workers shares each service out in runs
of its pages. A run is a ``Run(start, stop)`` in ``PARTS``-ths of the item
list, so that it is fixed before the list exists (each worker builds the list
itself, from the service it loads).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, TypeVar

T = TypeVar("T")

# The bounds of a run count 1024ths of the item list: fine enough for 2 x 64 runs.
PARTS = 1024


class Run(NamedTuple):
    """The share of an item list from ``start`` to ``stop`` ``PARTS``-ths of the way through."""

    start: int
    stop: int

    def of(self, items: Sequence[T]) -> Sequence[T]:
        return items[len(items) * self.start // PARTS : len(items) * self.stop // PARTS]


WHOLE = Run(0, PARTS)


def guided_runs(workers: int) -> list[Run]:
    """Runs of items, long ones first, each a share of what is left (guided scheduling).

    Workers take the next run as they finish one. Long runs keep the texts
    a worker makes for its own later pages (a worker that writes every other
    page makes twice the texts); the short ones at the end let both finish together.
    """
    runs: list[Run] = []
    start = 0
    while start < PARTS:
        length = max((PARTS - start) // (2 * workers), PARTS // 64)
        runs.append(Run(start, min(start + length, PARTS)))
        start += length
    return runs
