"""Benchmark: diff two whole botocore releases, beside the time of just loading both.

    python bench/diff.py [--old botocore==1.29.105] [--new installed] [--repeat N]

Services whose model files are byte-identical are skipped by the differ
without building their IR; the load figure loads every service of both sides
that the differ compares, so the two numbers count the same models.
Target: the diff under 5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.diff import diff_sources
from codegen.sources import open_models
from codegen.sources.botocore_data import gc_paused


def load_both(old_spec: str, new_spec: str) -> tuple[float, int]:
    old, new = open_models(old_spec), open_models(new_spec)
    start = time.perf_counter()
    count = 0
    with gc_paused():
        for source in (old, new):
            for name in source.services():
                source.load(name)
                count += 1
    return time.perf_counter() - start, count


def diff_both(old_spec: str, new_spec: str, jobs: int) -> tuple[float, int, int]:
    old, new = open_models(old_spec), open_models(new_spec)
    start = time.perf_counter()
    found = diff_sources(old, new, jobs=jobs)
    elapsed = time.perf_counter() - start
    return elapsed, len(found.services), len(found.all_changes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="botocore==1.29.105")
    parser.add_argument("--new", default="installed")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    args = parser.parse_args()

    old, new = open_models(args.old), open_models(args.new)
    names = set(old.services()) | set(new.services())
    print(f"old: {args.old} (botocore {old.botocore_version}, {len(old.services())} services)")
    print(f"new: {args.new} (botocore {new.botocore_version}, {len(new.services())} services)")
    load_times, diff_times = [], []
    services = changes = loaded = 0
    for _ in range(args.repeat):
        elapsed, loaded = load_both(args.old, args.new)
        load_times.append(elapsed)
        elapsed, services, changes = diff_both(args.old, args.new, args.jobs)
        diff_times.append(elapsed)
    best_load, best_diff = min(load_times), min(diff_times)
    print(f"load both, serial ({loaded} service models): {best_load:.2f} s")
    print(
        f"diff ({len(names)} services, {services} changed, {changes} changes):"
        f" {best_diff:.2f} s ({best_diff / best_load:.2f}x loading)"
    )
    print("target: diff under 5 s on 2 cores:", "met" if best_diff < 5 else "NOT met")


if __name__ == "__main__":
    main()
