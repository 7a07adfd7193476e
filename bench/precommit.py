"""Benchmark (an install check): the pre-commit hooks of .pre-commit-hooks.yaml, through pre-commit.

Installs pre-commit from the package index into ``bench/.venv-precommit``, makes
a sample git repository (a pyproject.toml configuring license-manager from the
1.29.105 fixture models, its generated/ and a module calling the es client),
and runs ``pre-commit try-repo`` of this checkout for each hook: pre-commit
installs the tool from the checkout into its own environment, as for a user.
Prints each case and its exit code; fails (exit 1) when a hook does not pass on
a clean tree or does not fail on a stale one. Needs the package index.

    python bench/precommit.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / ".venv-precommit"
PRE_COMMIT = "pre-commit==4.7.0"
MODELS = ROOT / "tests" / "fixtures" / "models" / "botocore-1.29.105" / "data"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _sample(repo: Path) -> None:
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "bench@example.com")
    _git(repo, "config", "user.name", "bench")
    (repo / "pyproject.toml").write_text(
        f'[tool.boto-codegen]\nmodels = "{MODELS}"\nservices = ["license-manager"]\n'
        'out = "generated"\noutputs = ["ir", "stubs"]\n'
    )
    (repo / "search.py").write_text(
        'import boto3\n\nes = boto3.client("es")\nes.delete_elasticsearch_domain(DomainName="x")\n'
    )
    (repo / "clean.py").write_text("print('no boto3 here')\n")
    subprocess.run([str(ROOT / ".venv" / "bin" / "boto-codegen"), "generate"], cwd=repo,
                   check=True, capture_output=True)  # fmt: skip
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "sample")


def _try(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    command = [str(VENV / "bin" / "pre-commit"), "try-repo", str(ROOT), hook, "--verbose"]
    command += ["--files", *files] if files else ["--all-files"]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)


def main() -> int:
    if not (VENV / "bin" / "pre-commit").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", PRE_COMMIT], check=True)  # fmt: skip
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "sample"
        _sample(repo)
        os.environ["PRE_COMMIT_HOME"] = str(Path(tmp) / "pre-commit-home")
        cases = [
            ("generate --check, up to date", "boto-codegen-check", (), 0, None, "is up to date"),
            ("generate --check, hand-edited", "boto-codegen-check", (), 1, "edit",
             "is stale or edited by hand"),
            ("codemod --check, untouched file", "boto-codegen-codemod-check", ("clean.py",), 0,
             None, "Passed"),
            ("codemod --check, es call site", "boto-codegen-codemod-check", ("search.py",), 1,
             None, "1 would change"),
        ]  # fmt: skip
        for label, hook, files, expected, action, says in cases:
            if action == "edit":
                stub = next((repo / "generated").rglob("client.pyi"))
                stub.write_text(stub.read_text() + "# edited by hand\n")
            start = time.perf_counter()
            # try-repo takes hook args from no config: the codemod's come from a local config.
            if hook == "boto-codegen-codemod-check":
                result = _codemod(repo, files)
            else:
                result = _try(repo, hook, *files)
            code = 0 if result.returncode == 0 else 1
            ok = code == expected and says in result.stdout + result.stderr
            ok = ok and "Traceback" not in result.stdout + result.stderr
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {label}: exit {result.returncode} "
                  f"({time.perf_counter() - start:.1f} s)")  # fmt: skip
            if not ok:
                print(result.stdout[-2000:], result.stderr[-2000:])
    return 1 if failed else 0


def _codemod(repo: Path, files: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """The codemod hook with its args, from a config naming this checkout at its HEAD."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip
    config = repo / ".pre-commit-config.yaml"
    config.write_text(
        f"repos:\n- repo: {ROOT}\n  rev: {head}\n  hooks:\n"
        "  - id: boto-codegen-codemod-check\n    args: [--migration, es-to-opensearch]\n"
    )
    try:
        return subprocess.run(
            [str(VENV / "bin" / "pre-commit"), "run", "boto-codegen-codemod-check",
             "--verbose", "--files", *files],
            cwd=repo, capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        config.unlink()
        shutil.rmtree(repo / ".pre-commit-cache", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
