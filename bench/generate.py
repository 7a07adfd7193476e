"""Benchmark: `make generate` end to end, beside the reference tools.

    python bench/generate.py                     # all services; references when installed
    python bench/generate.py --services ec2,s3   # a few services
    python bench/generate.py --no-reference      # ours only

Prints, in one run:
- the full regeneration (IR, stubs and docs) of the services into an empty folder;
- the incremental no-op run that follows (nothing changed);
- boto3's docs generator and mypy-boto3-builder on the same services, when
  installed (boto3 in this environment; the builder in bench/.venv-builder, made
  by `make bench-setup`).

Each job runs in a fresh process: wall time and peak memory (max RSS) are the job's.
Targets: all services, stubs and docs together, under 60 s; the no-op run under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDER_PYTHON = ROOT / "bench" / ".venv-builder" / "bin" / "python"
FULL_TARGET, NOOP_TARGET = 60.0, 1.0

BOTO3_DOCS = """
import os, sys
import boto3
from boto3.docs.service import ServiceDocumenter
out, names = sys.argv[1], sys.argv[2:]
session = boto3.Session(region_name="us-east-1")
root = os.path.join(out, "reference", "services")
os.makedirs(root, exist_ok=True)
for name in names:
    page = ServiceDocumenter(name, session, root).document_service()
    with open(os.path.join(root, name + ".rst"), "wb") as f:
        f.write(page)
"""


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``command`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark job failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def all_services() -> list[str]:
    from codegen.sources import open_models

    return open_models("installed").services()


def have_boto3() -> bool:
    try:
        import boto3  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", default="all", help="comma-separated names, or 'all'")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference tools")
    args = parser.parse_args()
    services = all_services() if args.services == "all" else args.services.split(",")
    toml_services = '"all"' if args.services == "all" else json.dumps(services)

    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as tmp:
        work = Path(tmp)
        (work / "pyproject.toml").write_text(
            "[tool.boto-codegen]\n"
            'models = "installed"\n'
            f"services = {toml_services}\n"
            'outputs = ["ir", "stubs", "docs"]\n'
            'out = "generated"\n'
        )
        command = [sys.executable, "-m", "codegen", "generate"]
        full = timed(command, work)
        files = sum(1 for p in (work / "generated").rglob("*") if p.is_file())
        rows.append(("boto-codegen: full (IR, stubs, docs)", *full, f"{files} files"))
        noop = timed(command, work)
        rows.append(("boto-codegen: no-op run", *noop, ""))

        if not args.no_reference and have_boto3():
            reference = timed(
                [sys.executable, "-c", BOTO3_DOCS, str(work / "boto3-docs"), *services], work
            )
            rows.append(("boto3 docs generator (docs only)", *reference, ""))
        if not args.no_reference and BUILDER_PYTHON.exists():
            builder = [
                str(BUILDER_PYTHON), "-m", "mypy_boto3_builder", str(work / "builder"),
                "--product", "boto3-services", "--no-smart-version", "-s", *services,
            ]  # fmt: skip
            rows.append(("mypy-boto3-builder (stubs only)", *timed(builder, work), ""))

    print(f"services: {len(services)} ({'all' if args.services == 'all' else args.services})")
    print(f"{'job':40} {'wall s':>9} {'peak MB':>9}  ratio to ours")
    ours = rows[0][1]
    for label, seconds, peak, extra in rows:
        ratio = "" if label.startswith("boto-codegen") else f"{seconds / ours:8.1f}x slower"
        print(f"{label:40} {seconds:9.2f} {peak:9.0f}  {ratio or extra}")
    verdicts = [
        f"full run {'meets' if ours < FULL_TARGET else 'misses'} the {FULL_TARGET:.0f} s target",
        f"no-op run {'meets' if rows[1][1] < NOOP_TARGET else 'misses'} the"
        f" {NOOP_TARGET:.0f} s target",
    ]
    print("; ".join(verdicts))


if __name__ == "__main__":
    main()
