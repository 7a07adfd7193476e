"""The wheel: built offline from the checkout, installed into a fresh virtualenv, run from there.

A checkout finds ``templates/`` beside ``codegen/``; an installed package only
has what the wheel carries. The outputs of the installed entry point are held
against the committed ``generated/`` tree, the real awsapichanges.info page and
the same commands run from the checkout.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, release_folder

SEED = FIXTURES / "expected" / "notes" / "license-manager-1.29.104-1.29.105.awsapichanges.txt"
SEED_SUMMARY = (
    "This release adds grant override options to the CreateGrantVersion API. These options"
    " can be used to specify grant replacement behavior during grant activation."
)
CODEMOD_BEFORE = FIXTURES / "codemod" / "migration" / "search_service.before.py"


def test_the_wheel_lists_every_package_folder():
    # Packages are listed, not found (the templates are mapped in from another
    # folder), so a new package folder must be added to pyproject.toml by hand.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "codegen").rglob("__init__.py")
    }
    assert listed == folders | {"codegen.templates"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv holding the wheel of this checkout; its dependencies are the test run's."""
    tmp = tmp_path_factory.mktemp("wheel")
    # Built from a copy: an in-tree build leaves build/ and *.egg-info in the checkout.
    source = tmp / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("codegen", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _check([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, source])
    (wheel,) = wheels.glob("boto_codegen-*.whl")
    venv = tmp / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    _check([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel])
    # The dependencies, from the environment running the tests: a path line in
    # a .pth file adds the folder only, so its editable codegen finder stays out.
    site = Path(_check([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]))
    (site / "test-run-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


def _check(command: list[str | Path], cwd: Path | None = None) -> str:
    result = _run(command, cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _run(command: list[str | Path], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def _same_tree(ours: Path, theirs: Path) -> None:
    found = sorted(str(p.relative_to(ours)) for p in ours.rglob("*") if p.is_file())
    expected = sorted(str(p.relative_to(theirs)) for p in theirs.rglob("*") if p.is_file())
    assert found == expected
    _, mismatch, errors = filecmp.cmpfiles(ours, theirs, found, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_the_installed_package_runs_from_itself(installed, tmp_path):
    code = "import codegen.render.jinja as j; print(j.__file__); print(j.TEMPLATES)"
    module, templates = _check([installed / "bin" / "python", "-c", code], tmp_path).splitlines()
    site = str(installed / "lib")
    assert module.startswith(site) and templates.startswith(site)
    assert Path(templates, "rst", "page.rst.j2").is_file()


def test_installed_stubs_and_docs_equal_the_committed_tree(installed, tmp_path):
    tool = installed / "bin" / "boto-codegen"
    _check([tool, "stubs", "-s", "license-manager", "--out", tmp_path / "stubs"], tmp_path)
    package = "mypy_boto3_license_manager"
    _same_tree(tmp_path / "stubs" / package, ROOT / "generated" / "stubs" / package)
    _check([tool, "docs", "-s", "license-manager", "-j", "1", "--out", tmp_path / "docs"], tmp_path)
    _same_tree(
        tmp_path / "docs" / "license-manager", ROOT / "generated" / "docs" / "license-manager"
    )
    assert filecmp.cmp(
        tmp_path / "docs" / "license-manager.rst",
        ROOT / "generated" / "docs" / "license-manager.rst",
        shallow=False,
    )


def test_installed_stubs_and_docs_equal_the_checkouts(installed, tmp_path, run_cli):
    # Between them, every page template: cloudwatch has paginators and waiters, sts neither.
    for command in ("stubs", "docs"):
        ours, checkout = tmp_path / f"{command}-installed", tmp_path / f"{command}-checkout"
        args = [command, "-s", "sts", "-s", "cloudwatch", "--out"]
        _check([installed / "bin" / "boto-codegen", *args, ours], tmp_path)
        result = run_cli(*args, str(checkout))
        assert result.returncode == 0, result.stderr
        _same_tree(ours, checkout)


def test_installed_diff_writes_the_real_awsapichanges_page(installed, tmp_path):
    page = tmp_path / "page.txt"
    old, new = release_folder("1.29.104"), release_folder("1.29.105")
    _check(
        [
            installed / "bin" / "boto-codegen", "diff", old, new, "-s", "license-manager",
            "--format", "awsapichanges", "--date", "2023/04/03", "--summary", SEED_SUMMARY,
            "--out", page,
        ],
        tmp_path,
    )  # fmt: skip
    assert page.read_bytes() == SEED.read_bytes()


def test_installed_codemod_check_finds_the_call_sites(installed, tmp_path, run_cli):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(CODEMOD_BEFORE, project / "search.py")
    args = ["codemod", str(project), "--check", "--migration", "es-to-opensearch"]
    args += ["--models", str(release_folder("1.43.11"))]
    ours = _run([installed / "bin" / "boto-codegen", *args], tmp_path)
    checkout = run_cli(*args)
    assert ours.returncode == 1, ours.stderr
    assert (ours.stdout, ours.stderr) == (checkout.stdout, checkout.stderr)
    assert ours.stderr.splitlines()[-1] == (
        "codemod: 1 file(s) scanned, 1 parsed, 1 would change, 0 skipped; "
        "call sites: 26 rewritten, 6 need review, 0 skipped; 6 TODO(s) to add"
    )
    assert (project / "search.py").read_bytes() == CODEMOD_BEFORE.read_bytes()
