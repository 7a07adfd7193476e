"""Progress for long work: a bar with counts on a terminal, nothing in logs and pipes."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T")


def track(items: Iterable[T], label: str, *, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, drawing a bar on standard error when it is a terminal."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    if not sys.stderr.isatty() or (total is not None and total < 2):
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)
