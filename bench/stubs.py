"""Benchmark: stub packages for ec2 and for every service, beside mypy-boto3-builder.

Times ``boto-codegen stubs`` (models loaded, rendered and written) for ec2 and
for all services of a model source. When mypy-boto3-builder is installed in its
own virtualenv (``make bench-setup`` makes ``bench/.venv-builder``), it times
``python -m mypy_boto3_builder OUT -s ec2 --product boto3-services
--no-smart-version`` in the same run and prints the ratio. ``--product
aiobotocore`` times that product, and the builder's ``aiobotocore-services``.
Targets: ec2 at least 30x faster than mypy-boto3-builder; all services under 30 s.

    python bench/stubs.py [--models SRC] [--builder PYTHON] [--repeat N] [--skip-all]
                          [--product boto3|aiobotocore]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.sources import open_models
from codegen.stubs.product import BOTO3, PRODUCTS, Product
from codegen.stubs.write import write_stubs

BENCH = Path(__file__).resolve().parent
DEFAULT_BUILDER = BENCH / ".venv-builder" / "bin" / "python"
EC2_TARGET_RATIO = 30.0
ALL_TARGET_SECONDS = 30.0


def ours(spec: str, services: list[str] | None, product: Product = BOTO3) -> tuple[float, int]:
    """Seconds to write the stubs of ``services`` (None: all), and how many were written."""
    source = open_models(spec)
    names = source.services() if services is None else services
    with tempfile.TemporaryDirectory(prefix="bench-stubs-") as out:
        start = time.perf_counter()
        write_stubs(source, names, Path(out), product=product)
        return time.perf_counter() - start, len(names)


def builder(python: Path, product: Product = BOTO3) -> float | None:
    """Seconds mypy-boto3-builder takes for ec2, or None when it fails."""
    with tempfile.TemporaryDirectory(prefix="bench-builder-") as out:
        command = [
            str(python), "-m", "mypy_boto3_builder", out, "-s", "ec2",
            "--product", f"{product.name}-services", "--no-smart-version",
        ]  # fmt: skip
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(f"mypy-boto3-builder failed ({result.returncode}): {result.stderr.strip()[-400:]}")
        return None
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="installed")
    parser.add_argument("--builder", type=Path, default=DEFAULT_BUILDER, help="its python")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for our runs")
    parser.add_argument("--skip-all", action="store_true", help="time ec2 only")
    parser.add_argument("--product", choices=sorted(PRODUCTS), default="boto3")
    args = parser.parse_args()
    product = PRODUCTS[args.product]

    print(f"product: {product.name}")
    ec2 = min(ours(args.models, ["ec2"], product)[0] for _ in range(args.repeat))
    print(f"boto-codegen stubs, ec2:            {ec2:8.2f} s (best of {args.repeat})")
    ok = True
    if not args.skip_all:
        runs = [ours(args.models, None, product) for _ in range(args.repeat)]
        seconds, count = min(runs)
        verdict = "ok" if seconds < ALL_TARGET_SECONDS else "over target"
        print(
            f"boto-codegen stubs, all {count} services: {seconds:8.2f} s"
            f" (target < {ALL_TARGET_SECONDS:.0f} s: {verdict})"
        )
        ok = ok and seconds < ALL_TARGET_SECONDS
    if args.builder.exists():
        theirs = builder(args.builder, product)
        if theirs is not None:
            ratio = theirs / ec2
            verdict = "ok" if ratio >= EC2_TARGET_RATIO else "under target"
            print(f"mypy-boto3-builder, ec2:            {theirs:8.2f} s")
            print(
                f"ratio (builder / ours), ec2:        {ratio:8.1f}x"
                f" (target >= {EC2_TARGET_RATIO:.0f}x: {verdict})"
            )
            ok = ok and ratio >= EC2_TARGET_RATIO
    else:
        print(f"mypy-boto3-builder not installed at {args.builder} (make bench-setup): no ratio")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
