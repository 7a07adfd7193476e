"""Benchmark (an install check): the tool beside the oldest botocore and boto3 it supports.

Makes ``bench/.venv-oldest``, installs this checkout there beside
``botocore==OLDEST`` and ``boto3==OLDEST_BOTO3`` (the lower bounds in
pyproject.toml), so pip must resolve the tool's ranges against them, then runs
the commands that use the installed SDK at run time: ``ir``, ``stubs`` and
``docs`` of license-manager, and ``docs`` of s3's boto3-added methods (their
pages are boto3's docstrings), each from ``--models installed``. Prints each
command's result and fails (exit 1) if one fails. Needs the package index.

    python bench/oldest.py [--botocore 1.29.104] [--boto3 1.26.104]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / ".venv-oldest"
OLDEST_BOTOCORE = "1.29.104"
OLDEST_BOTO3 = "1.26.104"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--botocore", default=OLDEST_BOTOCORE)
    parser.add_argument("--boto3", default=OLDEST_BOTO3)
    args = parser.parse_args()
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    start = time.perf_counter()
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(ROOT), f"botocore=={args.botocore}", f"boto3=={args.boto3}"],
        check=True,
    )  # fmt: skip
    print(f"installed beside botocore {args.botocore}, boto3 {args.boto3} "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    tool = VENV / "bin" / "boto-codegen"
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        commands = [
            ["ir", "-s", "license-manager", "--out", str(out / "ir.json")],
            ["stubs", "-s", "license-manager", "--out", str(out / "stubs")],
            ["docs", "-s", "license-manager", "--out", str(out / "docs")],
            ["docs", "-s", "s3", "-o", "upload_file", "-o", "copy", "--out", str(out / "s3")],
        ]
        for command in commands:
            result = subprocess.run(
                [str(tool), *command, "--models", "installed"],
                capture_output=True, text=True, check=False, cwd=tmp,
            )  # fmt: skip
            last = (result.stderr.strip().splitlines() or [""])[-1]
            print(f"{'ok  ' if result.returncode == 0 else 'FAIL'} {' '.join(command[:3])}: {last}")
            failed += result.returncode != 0
        shipped = subprocess.run(
            [str(python), "-c", "from codegen.schemas import SCHEMAS, load_schema\n"
             "print(len([load_schema(n) for n in SCHEMAS]))"],
            capture_output=True, text=True, check=False, cwd=tmp,
        )  # fmt: skip
        print(f"{'ok  ' if shipped.returncode == 0 else 'FAIL'} schemas shipped: "
              f"{shipped.stdout.strip() or shipped.stderr.strip()[-200:]}")  # fmt: skip
        failed += shipped.returncode != 0
        page = out / "s3" / "s3" / "client" / "upload_file.rst"
        if page.exists() and "Upload a file to an S3 object" not in page.read_text():
            print("FAIL s3 upload_file page lacks boto3's docstring")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
