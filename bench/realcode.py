"""Benchmark: real code calling boto3, type-checked with our stubs and with the published ones.

Downloads pinned releases of packages that call boto3 (never installing them)
and checks the files of each that mention boto3 three times: with boto3
untyped (the baseline), with our stubs (``boto-codegen stubs`` for the
services the code names) and with the published boto3-stubs / mypy-boto3
packages of the same botocore release. An error counts as coming from the
stubs when the baseline lacks it (same file, line and error code); the table
gives those counts per checker: mypy (default and ``--strict``), pyright
(standard and strict). The checkers see only botocore-stubs and
typing_extensions beside the stubs (``bench/.venv-check``, from ``make
bench-setup``); the packages' other dependencies are missing alike in all
three runs, so they cancel out.

    python bench/realcode.py [--models SRC] [--package NAME==VERSION ...] [--keep DIR] [--show N]
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
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.sources import open_models
from codegen.stubs.write import write_stubs

BENCH = Path(__file__).resolve().parent
CHECK_PYTHON = BENCH / ".venv-check" / "bin" / "python"
TOOLS = Path(sys.executable).parent
CACHE = Path(os.environ.get("BOTO_CODEGEN_CACHE", Path.home() / ".cache" / "boto-codegen"))

# Open-source packages whose code calls boto3 clients, pinned. The services are
# the names passed to a ``*client*(``/``*resource*(`` call (chalice's
# ``self._client("lambda")`` too) or imported as ``mypy_boto3_<service>``.
PACKAGES = [
    "chalice==1.34.0",  # chalice/awsclient.py: iam, lambda, apigateway, s3, sqs, ...
    "smart-open==9.0.4",  # smart_open/s3.py: multipart uploads, ranged get_object
    "dagster-aws==0.29.27",  # s3, ecs, emr, secretsmanager, ssm, cloudwatch logs
    "aws-lambda-powertools==3.37.0",  # ssm, secretsmanager, appconfig, dynamodb; mypy_boto3 names
    "awswrangler==3.17.1",  # athena, glue, s3, dynamodb, ...; annotated with mypy_boto3 names
    "s3path==0.6.5",  # pathlib for s3 over boto3 resources and clients
]
CHECKS = ("mypy", "mypy --strict", "pyright standard", "pyright strict")
_SERVICE_CALL = re.compile(
    r"""(?:client|resource)\w*\(\s*(?:service_name\s*=\s*)?["']([a-z0-9-]+)["']"""
)
_STUB_IMPORT = re.compile(r"\b(?:mypy_boto3|types_aiobotocore)_([a-z0-9_]+)")
_MYPY_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: .*?(?:\[(?P<code>[a-z-]+)\])?$")


def download(spec: str, into: Path) -> Path:
    """The unpacked wheel of ``spec`` (pip download, cached)."""
    folder = CACHE / "realcode"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--only-binary", ":all:", "-d", str(folder), spec],
        check=True, capture_output=True,
    )  # fmt: skip
    name, version = spec.split("==")
    stem = re.sub(r"[-_.]+", "_", name).lower()
    wheel = next(w for w in folder.glob("*.whl") if w.name.lower().startswith(f"{stem}-{version}-"))
    target = into / stem
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def boto3_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*.py")
        if ".dist-info" not in str(p) and re.search(r"\bboto3\b|mypy_boto3", p.read_text("utf-8"))
    )


def services_named(files: list[Path], known: set[str]) -> set[str]:
    found: set[str] = set()
    for path in files:
        text = path.read_text("utf-8")
        found.update(_SERVICE_CALL.findall(text))
        for package in _STUB_IMPORT.findall(text):
            found.update(s for s in known if s.replace("-", "_") == package)
    return found & known


def published_site(services: set[str], release: str, site: Path) -> None:
    """boto3-stubs and mypy-boto3-<service> as of ``release``, installed into ``site``."""
    specs = [f"boto3-stubs=={release}", "types-s3transfer"]
    specs += [f"mypy-boto3-{s}<={release}" for s in sorted(services)]
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--target", str(site), *specs],
        check=True, capture_output=True,
    )  # fmt: skip


def run_mypy(files: list[Path], root: Path, stubs: Path | None, strict: bool, cache: Path):
    env = {**os.environ, "MYPYPATH": str(stubs or ""), "PYTHONPATH": str(stubs or "")}
    command = [
        str(TOOLS / "mypy"), "--python-executable", str(CHECK_PYTHON), "--ignore-missing-imports",
        "--follow-imports", "silent", "--no-error-summary", "--cache-dir", str(cache),
        "--show-error-codes", "--no-pretty", *(["--strict"] if strict else []),
        *[str(f.relative_to(root)) for f in files],
    ]  # fmt: skip
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    found: Counter[tuple[str, int, str]] = Counter()
    for line in result.stdout.splitlines():
        match = _MYPY_LINE.match(line)
        if match:
            found[(match["file"], int(match["line"]), match["code"] or "")] += 1
    return found


def run_pyright(files: list[Path], root: Path, stubs: Path | None, strict: bool):
    config = {
        "typeCheckingMode": "strict" if strict else "standard",
        "pythonVersion": "3.11",
        "reportMissingImports": False,
        "reportMissingModuleSource": False,
    }
    (root / "pyrightconfig.json").write_text(json.dumps(config))
    env = {
        **os.environ,
        "PYTHONPATH": str(stubs or ""),
        "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1",
    }
    command = [str(TOOLS / "pyright"), "--outputjson", "--pythonpath", str(CHECK_PYTHON)]
    command += [str(f) for f in files]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    found: Counter[tuple[str, int, str]] = Counter()
    for d in json.loads(result.stdout)["generalDiagnostics"]:
        if d["severity"] == "error":
            key = (d["file"], d["range"]["start"]["line"], d.get("rule", ""))
            found[key] += 1
    return found


def check(check_name: str, files: list[Path], root: Path, stubs: Path | None, cache: Path):
    if check_name.startswith("mypy"):
        return run_mypy(files, root, stubs, check_name.endswith("strict"), cache)
    return run_pyright(files, root, stubs, check_name.endswith("strict"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="installed")
    parser.add_argument("--package", action="append", dest="packages")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    parser.add_argument("--show", type=int, default=0, help="list N stub errors per run")
    args = parser.parse_args()
    if not CHECK_PYTHON.exists():
        raise SystemExit("bench/realcode.py: run `make bench-setup` first (bench/.venv-check)")
    source = open_models(args.models)
    release = source.botocore_version or "unknown"
    known = set(source.services())
    work = Path(tempfile.mkdtemp(prefix="bench-realcode-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    totals = {(c, side): 0 for c in CHECKS for side in ("ours", "published")}
    print(f"botocore {release}: errors the stubs add to real code (absent with boto3 untyped)")
    print(f"{'package':36} {'files':>5} {'svcs':>4}  " + "  ".join(f"{c:>20}" for c in CHECKS))
    print(f"{'':36} {'':>5} {'':>4}  " + "  ".join(f"{'ours / published':>20}" for _ in CHECKS))
    try:
        for spec in args.packages or PACKAGES:
            root = download(spec, work / "code")
            files = boto3_files(root)
            services = services_named(files, known)
            ours = work / "ours" / root.name
            shutil.rmtree(ours, ignore_errors=True)
            write_stubs(source, sorted(services), ours)
            published = work / "published" / root.name
            if not published.exists():
                published_site(services, release, published)
            cells = []
            for name in CHECKS:
                cache = work / "cache" / root.name / name.replace(" ", "-")
                base = check(name, files, root, None, cache / "base")
                counts = []
                for side, stubs in (("ours", ours), ("published", published)):
                    added = check(name, files, root, stubs, cache / side) - base
                    totals[(name, side)] += sum(added.values())
                    counts.append(sum(added.values()))
                    for key in sorted(added)[: args.show]:
                        print(f"    {name} {side}: {key[0]}:{key[1]} {key[2]}")
                cells.append(f"{counts[0]:>9} / {counts[1]:<8}")
            print(f"{spec:36} {len(files):>5} {len(services):>4}  " + "  ".join(cells))
        line = "  ".join(
            f"{totals[(c, 'ours')]:>9} / {totals[(c, 'published')]:<8}" for c in CHECKS
        )
        print(f"{'total':36} {'':>5} {'':>4}  {line}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
