"""Benchmark: RST reference pages for ec2 and for every service, beside boto3's generator.

    python bench/docs.py                 # ec2 and all services; boto3 on ec2 when installed
    python bench/docs.py --boto3-all     # also boto3 on all services (about 15 minutes)
    python bench/docs.py --compare DIR   # also count pages byte-identical to boto3's tree in DIR

Ours runs on ec2 five times (--repeat), around boto3's one run, and the
median is compared. Each run is a fresh subprocess writing the same tree to a
temporary folder, so wall time and peak memory (resident memory of the job and
its worker processes, sampled) are those of the whole job. CPU time is printed
too: on a busy machine wall time says more about the neighbours than about the
code. Targets: ec2 (resource pages included, as boto3 writes them) at least
30x faster than boto3; the 9 services with resources under 30 s; all services
under 45 s and under 1 GB.

boto-codegen's modules are compiled to bytecode first, as installing a package
does (boto3's are, in the virtual environment), and one small service is
written before timing, which fills the user cache of compiled page templates
as any earlier run would: no timed run pays for compiling.
Both tools write ec2's 984 files; the time to create a file is printed, from
a probe in the same folder: on ext4 without a journal, creating files where
many were deleted in the last few minutes (a previous run's trees) can take
a millisecond each instead of tens of microseconds. Rerun after a pause if
it is high.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
RESOURCE_SERVICES = [
    "cloudformation", "cloudwatch", "dynamodb", "ec2", "glacier", "iam", "s3", "sns", "sqs",
]  # fmt: skip

OURS = """
import sys
from codegen.cli.main import main
sys.argv = ["boto-codegen", "docs", *sys.argv[1:]]
main()
"""
BOTO3 = """
import os, sys
import boto3
from boto3.docs.service import ServiceDocumenter
from botocore.docs import DEPRECATED_SERVICE_NAMES
out, names = sys.argv[1], sys.argv[2:]
session = boto3.Session(region_name="us-east-1")
if names == ["--all"]:
    names = [s for s in session.get_available_services() if s not in DEPRECATED_SERVICE_NAMES]
root = os.path.join(out, "reference", "services")
os.makedirs(root, exist_ok=True)
for name in names:
    page = ServiceDocumenter(name, session, root).document_service()
    with open(os.path.join(root, name + ".rst"), "wb") as f:
        f.write(page)
"""


def _tree_rss(pid: int) -> int:
    """Resident memory (kB) of a process and all its descendants (worker processes)."""
    total = 0
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            for child in children.read().split():
                total += _tree_rss(int(child))
    except (OSError, ValueError):
        pass
    return total


class Result(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds, user + system, worker processes included
    peak_mb: float

    def __str__(self) -> str:
        return f"{self.wall:7.2f} s wall {self.cpu:7.2f} s CPU {self.peak_mb:6.0f} MB peak"


def run(code: str, args: list[str]) -> Result:
    """Wall time, CPU time and peak memory (workers included) of ``python -c code args``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], env=env, cwd=ROOT)
    # Memory is sampled beside the wait, so that the end is seen when it comes
    # (polling between samples read it up to a sampling period late).
    peaks = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peaks[0] = max(peaks[0], _tree_rss(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    child.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    peak = peaks[0]
    if child.returncode != 0:
        raise SystemExit(f"benchmark job failed: {args}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Result(seconds, cpu, peak / 1024)


def have_boto3() -> bool:
    try:
        import boto3  # noqa: F401
    except ImportError:
        return False
    return True


def count_identical(ours: Path, reference: Path) -> tuple[int, int]:
    same = total = 0
    for path in reference.rglob("*.rst"):
        total += 1
        mine = ours / path.relative_to(reference)
        if mine.exists() and mine.read_bytes() == path.read_bytes():
            same += 1
    return same, total


def file_creation_us(folder: Path, count: int = 200) -> float:
    """Microseconds to create (and write a line to) one file in ``folder``; the files stay."""
    folder.mkdir(parents=True)
    start = time.perf_counter()
    for i in range(count):
        (folder / f"{i}.rst").write_text("probe\n")
    return (time.perf_counter() - start) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boto3-all", action="store_true", help="also time boto3 on all services")
    parser.add_argument("--compare", type=Path, help="boto3's reference/services folder")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of ours on ec2; the median is compared"
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    compileall.compile_dir(ROOT / "codegen", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(f"creating a file in {tmp}: {file_creation_us(out / 'probe'):.0f} us")
        run(OURS, ["-s", "sts", "--out", str(out / "warm-up")])

        # A one-second run feels this machine's slow minutes far more than boto3's
        # long one, which averages over them: ours is run several times, half
        # before boto3's run and half after, and the median is compared.
        def ours_ec2(i: int) -> Result:
            return run(OURS, ["-s", "ec2", "--out", str(out / f"ec2-{i}")])

        runs = [ours_ec2(i) for i in range(args.repeat // 2)]
        ref = run(BOTO3, [str(out / "boto3-ec2"), "ec2"]) if have_boto3() else None
        runs += [ours_ec2(i) for i in range(args.repeat // 2, args.repeat)]
        ec2 = statistics.median_low(runs)  # by wall time
        walls = sorted(r.wall for r in runs)
        print(
            f"boto-codegen ec2:          {ec2}  "
            f"(median of {len(runs)}: {walls[0]:.2f}-{walls[-1]:.2f} s)"
        )
        if ref is not None:
            print(f"boto3 ec2:                 {ref}")
            print(
                f"  boto3 / boto-codegen: x{ref.wall / ec2.wall:.1f} wall, "
                f"x{ref.cpu / ec2.cpu:.1f} CPU (target x30)"
            )
        # Every service boto3 has resources for (boto3 1.43.11), resource pages included.
        services = [arg for name in RESOURCE_SERVICES for arg in ("-s", name)]
        resources = run(OURS, [*services, "--out", str(out / "resources")])
        pages = sum(1 for _ in (out / "resources").rglob("*.rst"))
        print(
            f"boto-codegen {len(RESOURCE_SERVICES)} resource services: {resources}  "
            f"{pages} pages (target: < 30 s)"
        )
        every = run(OURS, ["--all", "--out", str(out / "all")])
        pages = sum(1 for _ in (out / "all").rglob("*.rst"))
        print(f"boto-codegen all services: {every}  {pages} pages (targets: < 45 s, < 1024 MB)")
        if args.boto3_all and have_boto3():
            ref = run(BOTO3, [str(out / "boto3-all"), "--all"])
            print(f"boto3 all services:        {ref}  (x{ref.wall / every.wall:.1f} wall)")
        if args.compare:
            same, total = count_identical(out / "all", args.compare)
            print(f"byte-identical to {args.compare}: {same} / {total} pages")


if __name__ == "__main__":
    main()
