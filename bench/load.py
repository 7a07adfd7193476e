"""Benchmark: load every service of a model source into the IR.

Prints the IR load time beside the time of plain JSON loading of the same
files (read, gunzip, json.loads) in the same run. Target: IR under 2x JSON.

    python bench/load.py [--models SRC] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.sources import open_models


def plain_json(files: list[str]) -> float:
    start = time.perf_counter()
    for path in files:
        with open(path, "rb") as fp:
            data = fp.read()
        if path.endswith(".gz"):
            data = gzip.decompress(data)
        json.loads(data)
    return time.perf_counter() - start


def into_ir(spec: str) -> tuple[float, int]:
    source = open_models(spec)  # a fresh source: nothing cached from an earlier round
    start = time.perf_counter()
    models = source.load_set()
    elapsed = time.perf_counter() - start
    return elapsed, len(models.services)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="installed")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--memory", action="store_true", help="also report peak memory (slower)")
    args = parser.parse_args()

    source = open_models(args.models)
    files = [f for name in source.services() for f in source.model_files(name)]
    size = sum(Path(f).stat().st_size for f in files)
    load = os.getloadavg()[0]
    json_times, ir_times, ratios = [], [], []
    count = 0
    # Rounds alternate, and each round's ratio is taken on its own: on a shared
    # machine the speed drifts from one minute to the next.
    for _ in range(args.repeat):
        json_times.append(plain_json(files))
        elapsed, count = into_ir(args.models)
        ir_times.append(elapsed)
        ratios.append(elapsed / json_times[-1])
    best_json, best_ir = min(json_times), min(ir_times)
    print(f"models: {args.models} (botocore {source.botocore_version})")
    print(f"services: {count}, files: {len(files)}, {size / 1e6:.1f} MB on disk")
    print(f"load average    : {load:6.2f} on {os.cpu_count()} cores", end="")
    print(" (busy: expect noisy figures)" if load > 0.5 else "")
    print(f"plain JSON load : {best_json:6.2f} s (best of {args.repeat})")
    print(f"IR load         : {best_ir:6.2f} s (best of {args.repeat})")
    print(f"ratio IR/JSON   : {best_ir / best_json:6.2f}x best/best, ", end="")
    print(f"{statistics.median(ratios):.2f}x median of rounds (target < 2x)")
    if args.memory:
        tracemalloc.start()
        into_ir(args.models)
        peak = tracemalloc.get_traced_memory()[1]
        print(f"IR peak memory  : {peak / 1e6:6.0f} MB (tracemalloc)")


if __name__ == "__main__":
    main()
