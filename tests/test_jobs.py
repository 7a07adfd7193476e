"""``--jobs`` means one thing on every command that runs workers; progress counts what users do."""

from __future__ import annotations

import pytest

from codegen.render.rst import _per_service
from tests.conftest import release_folder

WORKER_COMMANDS = ["generate", "docs", "diff", "codemod", "impact"]
MODELS = release_folder("1.29.105") / "data"


@pytest.mark.parametrize("command", WORKER_COMMANDS)
def test_every_worker_command_takes_jobs_and_j_with_one_meaning(run_cli, command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "-j, --jobs N Worker processes (0, the default: one per core)." in text
    bad = run_cli(command, "--jobs", "-1", *(["x"] if command in {"codemod", "impact"} else []))
    assert bad.returncode == 2
    assert "-1 is not in the range x>=0" in bad.stderr


@pytest.mark.parametrize("jobs", ["0", "1", "2"])
def test_docs_with_any_jobs_writes_the_same_pages(tmp_path, run_cli, jobs):
    out = tmp_path / f"docs-{jobs}"
    args = ["docs", "--models", str(MODELS), "-s", "license-manager", "-s", "amplifyuibuilder"]
    result = run_cli(*args, "-j", jobs, "--out", str(out))
    assert result.returncode == 0, result.stderr
    reference = tmp_path / "reference"
    if not reference.exists():
        assert run_cli(*args, "--jobs", "1", "--out", str(reference)).returncode == 0
    pages = sorted(p.relative_to(out) for p in out.rglob("*.rst"))
    assert pages == sorted(p.relative_to(reference) for p in reference.rglob("*.rst"))
    assert all((out / p).read_bytes() == (reference / p).read_bytes() for p in pages)


def test_docs_progress_advances_once_per_service_not_per_run():
    # Two services each shared out in three runs, finishing in any order.
    results = iter([("ec2", 10), ("s3", 4), ("ec2", 7), ("s3", 5), ("s3", 1), ("ec2", 3)])
    assert list(_per_service(results, 3)) == [10, 20]
