"""Benchmark: the generated Sphinx project built into HTML (`sphinx-build -W -j auto`).

Writes the reference pages of the default services (pyproject.toml's
[tool.boto-codegen] services) and of ec2 with ``boto-codegen docs``, then
builds each with ``sphinx-build -W -j auto -b html``, printing the wall time,
the peak memory of the largest process (Sphinx's parallel workers are forked:
each is counted on its own) and the warnings counted apart as boto3's own page
content. Fails (exit 1) if a build fails.

    python bench/sphinx.py [--services NAME ...] [--skip-ec2] [--jobs auto]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def build(label: str, services: list[str], jobs: str, work: Path) -> bool:
    out = work / label / "docs"
    args = [str(BIN / "boto-codegen"), "docs", "--out", str(out)]
    for name in services:
        args += ["-s", name]
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    written = time.perf_counter() - start
    pages = sum(1 for _ in out.rglob("*.rst"))
    before = _peak_kib()
    start = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "sphinx-build"), "-W", "-q", "-j", jobs, "-b", "html", str(out),
         str(work / label / "html")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak = _peak_kib()
    apart = [line for line in result.stderr.splitlines() if "counted apart" in line]
    print(
        f"{label}: {pages} pages; docs {written:.1f} s; sphinx-build -W -j {jobs}: "
        f"{seconds:.0f} s, exit {result.returncode}, peak "
        f"{'(no higher than before) ' if peak <= before else ''}{peak / 1024:.0f} MB"
    )
    for line in apart:
        print(f"  {line.strip()}")
    if result.returncode != 0:
        print(result.stderr[-3000:])
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["boto-codegen"]
    parser.add_argument("--services", nargs="*", default=config["services"])
    parser.add_argument("--skip-ec2", action="store_true")
    parser.add_argument("--jobs", default="auto")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        ok &= build("default services", args.services, args.jobs, Path(tmp))
        if not args.skip_ec2:
            ok &= build("ec2", ["ec2"], args.jobs, Path(tmp))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
