"""Check the stubs of every service with mypy --strict and pyright (strict).

Writes the stub packages of all services of a model source (and the boto3
overlay) into a temporary folder, then runs both type checkers over them,
with a Python environment holding only botocore-stubs and typing_extensions
beside them (``bench/.venv-check``, made by ``make bench-setup``; without it
the project's own virtualenv). Prints the number of services and the errors of
each checker; exits 1 when there is any.

    python bench/check_stubs.py [--models SRC] [--service NAME ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.sources import open_models
from codegen.stubs.overlay import OVERLAY_FOLDER
from codegen.stubs.write import write_stubs

BENCH = Path(__file__).resolve().parent
CLEAN_ENV = BENCH / ".venv-check" / "bin" / "python"
TOOLS = Path(sys.executable).parent
_MYPY_ERROR = re.compile(r"^[^:]+:\d+: error: ", re.MULTILINE)


def run_mypy(folder: Path, python: Path) -> tuple[int, float, str]:
    packages = sorted(p.name for p in folder.iterdir() if p.name.startswith("mypy_boto3_"))
    targets = [arg for name in packages for arg in ("-p", name)]
    command = [
        str(TOOLS / "mypy"), "--strict", "--python-executable", str(python),
        "--cache-dir", str(folder / ".mypy_cache"), *targets, "-p", "boto3",
    ]  # fmt: skip
    env = {**os.environ, "MYPYPATH": str(folder), "PYTHONPATH": str(folder)}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    errors = len(_MYPY_ERROR.findall(result.stdout))
    if result.returncode != 0 and errors == 0:
        errors = 1  # mypy itself failed
    return errors, elapsed, result.stdout + result.stderr


def run_pyright(folder: Path, python: Path) -> tuple[int, float, str]:
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11"}
    (folder / "pyrightconfig.json").write_text(json.dumps(config))
    targets = [str(p) for p in sorted(folder.iterdir()) if p.name.startswith("mypy_boto3_")]
    # pyright will not check a folder named *-stubs: check the overlay as plain boto3/.
    overlay = folder / ".overlay" / "boto3"
    shutil.rmtree(overlay, ignore_errors=True)
    shutil.copytree(folder / OVERLAY_FOLDER, overlay)
    targets.append(str(overlay))
    command = [str(TOOLS / "pyright"), "--outputjson", "--pythonpath", str(python), *targets]
    env = {**os.environ, "PYTHONPATH": str(folder), "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    try:
        diagnostics = json.loads(result.stdout)["generalDiagnostics"]
    except (ValueError, KeyError):
        return 1, elapsed, result.stdout + result.stderr
    errors = [d for d in diagnostics if d["severity"] == "error"]
    lines = [f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}" for d in errors]
    return len(errors), elapsed, "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="installed")
    parser.add_argument("--service", "-s", action="append", help="default: every service")
    parser.add_argument("--keep", type=Path, help="write the stubs here and keep them")
    args = parser.parse_args()

    python = CLEAN_ENV if CLEAN_ENV.exists() else Path(sys.executable)
    print(f"type checkers see the packages installed for {python}")
    source = open_models(args.models)
    names = args.service or source.services()
    with tempfile.TemporaryDirectory(prefix="check-stubs-") as tmp:
        folder = args.keep or Path(tmp)
        start = time.perf_counter()
        write_stubs(source, names, folder)
        print(f"stubs: {len(names)} services in {time.perf_counter() - start:.1f} s")
        failed = False
        for checker, run in (("mypy --strict", run_mypy), ("pyright strict", run_pyright)):
            errors, elapsed, output = run(folder, python)
            print(f"{checker}: {errors} error(s) in {len(names)} services ({elapsed:.0f} s)")
            if errors:
                print(output[-4000:])
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
