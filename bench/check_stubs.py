"""Check the stubs of every service with mypy --strict and pyright (strict).

Writes the stub packages of all services of a model source (and the boto3
overlay) into a temporary folder, then runs both type checkers over them,
with a Python environment holding only botocore-stubs and typing_extensions
beside them (``bench/.venv-check``, made by ``make bench-setup``; without it
the project's own virtualenv). With ``--product aiobotocore``, the
types_aiobotocore packages and the aiobotocore overlay, with aiobotocore
(pinned) added to that environment (``bench/.venv-check-aio``). Prints the
number of services and the errors of each checker; exits 1 when there is any.

    python bench/check_stubs.py [--models SRC] [--service NAME ...] [--keep DIR]
                                [--product boto3|aiobotocore]
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
from codegen.stubs.product import BOTO3, PRODUCTS, Product
from codegen.stubs.write import write_stubs

BENCH = Path(__file__).resolve().parent
CLEAN_ENV = {
    "boto3": BENCH / ".venv-check" / "bin" / "python",
    "aiobotocore": BENCH / ".venv-check-aio" / "bin" / "python",
}
TOOLS = Path(sys.executable).parent
_MYPY_ERROR = re.compile(r"^[^:]+:\d+: error: ", re.MULTILINE)


def run_mypy(folder: Path, python: Path, product: Product = BOTO3) -> tuple[int, float, str]:
    packages = sorted(p.name for p in folder.iterdir() if p.name.startswith(product.package_prefix))
    targets = [arg for name in packages for arg in ("-p", name)]
    command = [
        str(TOOLS / "mypy"), "--strict", "--python-executable", str(python),
        "--cache-dir", str(folder / ".mypy_cache"), *targets, "-p", product.sdk,
    ]  # fmt: skip
    env = {**os.environ, "MYPYPATH": str(folder), "PYTHONPATH": str(folder)}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    errors = len(_MYPY_ERROR.findall(result.stdout))
    if result.returncode != 0 and errors == 0:
        errors = 1  # mypy itself failed
    return errors, elapsed, result.stdout + result.stderr


def run_pyright(folder: Path, python: Path, product: Product = BOTO3) -> tuple[int, float, str]:
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11"}
    (folder / "pyrightconfig.json").write_text(json.dumps(config))
    prefix = product.package_prefix
    targets = [str(p) for p in sorted(folder.iterdir()) if p.name.startswith(prefix)]
    # pyright will not check a folder named *-stubs: check the overlay as plain boto3/.
    overlay = folder / ".overlay" / product.sdk
    shutil.rmtree(overlay, ignore_errors=True)
    shutil.copytree(folder / product.overlay_folder, overlay)
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
    parser.add_argument("--product", choices=sorted(PRODUCTS), default="boto3")
    args = parser.parse_args()
    product = PRODUCTS[args.product]

    clean = CLEAN_ENV[product.name]
    python = clean if clean.exists() else Path(sys.executable)
    print(f"type checkers see the packages installed for {python}")
    source = open_models(args.models)
    names = args.service or source.services()
    with tempfile.TemporaryDirectory(prefix="check-stubs-") as tmp:
        folder = args.keep or Path(tmp)
        start = time.perf_counter()
        write_stubs(source, names, folder, product=product)
        print(f"stubs: {len(names)} services in {time.perf_counter() - start:.1f} s")
        failed = False
        for checker, run in (("mypy --strict", run_mypy), ("pyright strict", run_pyright)):
            errors, elapsed, output = run(folder, python, product)
            print(f"{checker}: {errors} error(s) in {len(names)} services ({elapsed:.0f} s)")
            if errors:
                print(output[-4000:])
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
