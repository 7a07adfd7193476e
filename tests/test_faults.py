"""Faults of the file system: one line naming the path and the cause, exit 2, nothing half-written.

A full disk and a read-only filesystem are real ones: a small tmpfs mounted in
a user and mount namespace (``unshare -rm``), which works unprivileged and as
root alike (as root, ``chmod`` would not stop a write). Where namespaces are
not allowed those cases are skipped; the translation of the error itself is
also tested in-process with a write that fails as a full disk fails.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from codegen import atomic
from codegen.errors import CodegenError
from tests.conftest import ROOT, release_folder

MODELS = release_folder("1.29.105") / "data"
OLD_MODELS = release_folder("1.29.104") / "data"
SERVICE = "license-manager"

# Each command with an output path OUT (a file or a folder, as the command takes).
COMMANDS = {
    "ir": ["ir", "--models", str(MODELS), "-s", SERVICE, "--out", "{out}"],
    "docs": ["docs", "--models", str(MODELS), "-s", SERVICE, "--out", "{out}"],
    "stubs": ["stubs", "--models", str(MODELS), "-s", SERVICE, "--out", "{out}"],
    "diff": ["diff", str(OLD_MODELS), str(MODELS), "-s", SERVICE, "--format", "json",
             "--out", "{out}"],
    "codemod --report": ["codemod", "--migration", "es-to-opensearch", "--check",
                         "--report", "{out}", "{src}"],
}  # fmt: skip
FILE_OUTPUTS = {"ir", "diff", "codemod --report"}


def _python_command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "codegen", *args]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "BOTO_CODEGEN_CACHE": str(tmp_path / "cache")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _sample_source(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "search.py").write_text(
        'import boto3\nes = boto3.client("es")\nes.delete_elasticsearch_domain(DomainName="x")\n'
    )
    return folder


def _args(command: str, out: Path, src: Path) -> list[str]:
    return [part.format(out=out, src=src) for part in COMMANDS[command]]


def _assert_one_line(result: subprocess.CompletedProcess[str], *parts: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("boto-codegen: error: "), lines[0]
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_output_under_a_regular_file_is_one_line(tmp_path: Path, command: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    out = blocker / ("out.json" if command in FILE_OUTPUTS else "out")
    src = _sample_source(tmp_path / "src")
    result = subprocess.run(
        _python_command(_args(command, out, src)),
        capture_output=True, text=True, env=_env(tmp_path), check=False,
    )  # fmt: skip
    _assert_one_line(result, str(out), f"{blocker} is a file, not a folder")
    assert blocker.read_text() == "not a folder\n"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_output_in_a_pseudo_filesystem_is_one_line(tmp_path: Path, command: str) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    out = Path("/proc") / ("boto-codegen.json" if command in FILE_OUTPUTS else "boto-codegen")
    src = _sample_source(tmp_path / "src")
    result = subprocess.run(
        _python_command(_args(command, out, src)),
        capture_output=True, text=True, env=_env(tmp_path), check=False,
    )  # fmt: skip
    _assert_one_line(result, str(out), "cannot create files in /proc")


@pytest.mark.parametrize("command", sorted(FILE_OUTPUTS))
def test_a_device_that_is_full_is_written_to_not_replaced(tmp_path: Path, command: str) -> None:
    full = Path("/dev/full")
    if not full.exists() or not stat.S_ISCHR(full.stat().st_mode):
        pytest.skip("no /dev/full here")
    src = _sample_source(tmp_path / "src")
    result = subprocess.run(
        _python_command(_args(command, full, src)),
        capture_output=True, text=True, env=_env(tmp_path), check=False,
    )  # fmt: skip
    _assert_one_line(result, "/dev/full: No space left on device")
    assert stat.S_ISCHR(full.stat().st_mode)


def test_writing_to_dev_null_keeps_the_device(tmp_path: Path) -> None:
    atomic.write_file("/dev/null", "thrown away\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# -- a real full disk and a real read-only filesystem, in a mount namespace ------------------


def _namespace_available() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt || exit 1"],
        capture_output=True, check=False,
    )  # fmt: skip
    return probe.returncode == 0


needs_namespace = pytest.mark.skipif(
    not _namespace_available(), reason="unshare -rm (user and mount namespaces) not allowed here"
)


def _in_small_tmpfs(tmp_path: Path, script: str, kib: int) -> subprocess.CompletedProcess[str]:
    """Run a shell ``script`` with ``$D`` a fresh ``kib`` KiB tmpfs (``$BC`` runs the tool)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir(exist_ok=True)
    prelude = (
        f"D={shlex.quote(str(mount_point))}\n"
        f"BC={shlex.quote(shlex.join(_python_command([])))}\n"
        f'mount -t tmpfs -o size={kib}k tmpfs "$D" || exit 99\n'
    )
    return subprocess.run(
        ["unshare", "-rm", "bash", "-c", prelude + textwrap.dedent(script)],
        capture_output=True, text=True, env=_env(tmp_path), check=False,
    )  # fmt: skip


def _out_in(command: str) -> str:
    return "$D/out.json" if command in FILE_OUTPUTS else "$D/out"


@needs_namespace
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path, command: str) -> None:
    src = _sample_source(tmp_path / "src")
    args = shlex.join(_args(command, Path("@OUT@"), src)).replace("@OUT@", _out_in(command))
    result = _in_small_tmpfs(
        tmp_path,
        f"""
        head -c 8M /dev/zero > "$D/filler" 2>/dev/null
        $BC {args}
        code=$?
        rm "$D/filler"
        ls -A "$D" >&2
        exit $code
        """,
        kib=64,
    )
    lines = result.stderr.strip().splitlines()
    # What is left on the disk is listed after the error line: nothing.
    assert len(lines) == 1, result.stderr
    result.stderr = lines[0]
    _assert_one_line(result, "/disk/out", "No space left on device")


@needs_namespace
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_read_only_filesystem_is_one_line(tmp_path: Path, command: str) -> None:
    src = _sample_source(tmp_path / "src")
    args = shlex.join(_args(command, Path("@OUT@"), src)).replace("@OUT@", _out_in(command))
    result = _in_small_tmpfs(tmp_path, f'mount -o remount,ro "$D"\n$BC {args}\n', kib=1024)
    _assert_one_line(result, "/disk/out", "Read-only file system")


@needs_namespace
def test_codemod_on_a_read_only_checkout_is_one_line(tmp_path: Path) -> None:
    sample = shlex.quote(str(_sample_source(tmp_path / "src") / "search.py"))
    result = _in_small_tmpfs(
        tmp_path,
        f"""
        mkdir "$D/src" && cp {sample} "$D/src/"
        mount -o remount,ro "$D"
        $BC codemod --migration es-to-opensearch "$D/src"
        """,
        kib=1024,
    )
    _assert_one_line(result, "/disk/src/search.py", "Read-only file system")


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@needs_namespace
def test_generate_on_a_full_disk_leaves_the_old_output_whole(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    config = textwrap.dedent(
        f"""
        [tool.boto-codegen]
        models = "{MODELS}"
        services = ["license-manager", "amplifyuibuilder"]
        out = "generated"
        outputs = ["ir", "stubs", "docs"]
        """
    )
    result = _in_small_tmpfs(
        tmp_path,
        f"""
        cd "$D"
        cat > pyproject.toml <<'TOML'
        {textwrap.indent(config, "        ").strip()}
        TOML
        $BC generate 2>/dev/null || exit 98
        cp -a generated {shlex.quote(str(project / "before"))}
        # Room for a few files more, not for a second copy of generated/.
        mount -o remount,size=$(( $(du -sk "$D" | cut -f1) + 200 ))k "$D"
        sed -i 's/"amplifyuibuilder"]/"amplifyuibuilder", "dynamodb"]/' pyproject.toml
        $BC generate
        code=$?
        cp -a generated {shlex.quote(str(project / "after"))}
        ls -A "$D" > {shlex.quote(str(project / "left.txt"))}
        exit $code
        """,
        kib=20 * 1024,
    )
    line = _assert_one_line(result, "No space left on device", "generated is left as it was")
    assert line.startswith("boto-codegen: error: generated/")
    assert len(result.stderr) < 300
    assert _tree_digest(project / "after") == _tree_digest(project / "before")
    left = (project / "left.txt").read_text().split()
    assert left == [".boto-codegen", "generated", "pyproject.toml"]


def test_a_failed_write_in_a_staged_folder_names_the_target_not_the_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "docs"
    target.mkdir()
    (target / "old.rst").write_text("old page\n")
    real_write = os.write

    def full(fd: int, data: bytes | memoryview) -> int:
        if len(data) > 100:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    with pytest.raises(CodegenError) as caught, atomic.directory(target) as staging:
        (staging / "ec2").mkdir()
        monkeypatch.setattr(os, "write", full)
        try:
            atomic.write_staged(staging / "ec2" / "page.rst", "x" * 1000)
        except OSError as exc:
            exc.filename = str(staging / "ec2" / "page.rst")
            raise
    assert str(caught.value) == (
        f"{target}/ec2/page.rst: No space left on device; {target} is left as it was"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]
    assert [p.name for p in target.iterdir()] == ["old.rst"]


# -- staging folders of runs that were killed -------------------------------------------------


def test_a_killed_run_leaves_a_staging_folder_the_next_run_removes(tmp_path: Path) -> None:
    target = tmp_path / "generated"
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(
            f"""
            import os, signal
            from codegen import atomic
            with atomic.directory({str(target)!r}) as staging:
                (staging / "half.json").write_text("half")
                os.kill(os.getpid(), signal.SIGKILL)
            """
        )],
        env=_env(tmp_path), check=False,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    (left,) = (p for p in tmp_path.iterdir() if p.name.startswith(".generated.new-"))
    with atomic.directory(target) as staging:
        (staging / "whole.json").write_text("whole")
    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_a_live_runs_staging_folder_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "generated"
    with atomic.directory(target) as first:
        # A second run while the first is still building: it must not take the first's folder.
        assert atomic.remove_stale_staging(target) == []
        assert first.is_dir()
    assert target.is_dir()


def test_staging_folders_are_ignored_by_git(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("no git")
    for name in (".generated.new-abc123/", ".generated.old-abc123/", ".ir.json.x1y2.tmp"):
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", "--no-index", name], cwd=ROOT, check=False
        )
        assert ignored.returncode == 0, name


def test_standard_output_on_a_full_disk_is_one_line(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            _python_command(["ir", "--models", str(MODELS), "-s", SERVICE, "--out", "-"]),
            stdout=full, stderr=subprocess.PIPE, text=True, env=_env(tmp_path), check=False,
        )  # fmt: skip
    _assert_one_line(result, "standard output: No space left on device")


# -- installing beside the user's SDK ---------------------------------------------------------


def _lower_bound(requirement: str) -> str:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    (spec,) = (d for d in dependencies if d.split(">=")[0] == requirement)
    assert spec.startswith(f"{requirement}>=") and ",<" in spec, spec  # a range, not a pin
    return spec.split(">=")[1].split(",")[0]


def test_the_oldest_supported_botocore_release_is_a_fixture_that_loads() -> None:
    from codegen.sources import open_models

    oldest = _lower_bound("botocore")
    source = open_models(str(release_folder(oldest) / "data"))
    for name in source.services():
        assert source.load(name).operations
    # The same release as in the install check, which runs the tool beside it.
    bench = (ROOT / "bench" / "oldest.py").read_text()
    assert f'OLDEST_BOTOCORE = "{oldest}"' in bench
    assert f'OLDEST_BOTO3 = "{_lower_bound("boto3")}"' in bench


def test_runtime_dependencies_are_ranges_and_constraints_pin_them(tmp_path: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {
        line.split("==")[0].lower()
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    for dependency in project["dependencies"]:
        name = re.split(r"[<>=\[]", dependency)[0].lower()
        if name == "libcst":  # bumped on its own branch; pinned there
            continue
        assert "==" not in dependency, dependency
        assert name in pins, name
    for dependency in project["optional-dependencies"]["dev"]:
        assert re.split(r"[<>=\[]", dependency)[0].lower() in pins, dependency


def test_docs_of_boto3s_own_methods_without_boto3_is_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "site" / "boto3"
    fake.mkdir(parents=True)
    # What importing boto3 raises where it is not installed, ahead of the real one on the path.
    (fake / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'boto3'\", name='boto3')\n"
    )
    env = _env(tmp_path)
    env["PYTHONPATH"] = f"{fake.parent}{os.pathsep}{env['PYTHONPATH']}"
    result = subprocess.run(
        _python_command(["docs", "-s", "s3", "-o", "upload_file", "--out", str(tmp_path / "s3")]),
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    _assert_one_line(
        result,
        "the page of upload_file is boto3.s3.inject's docstring, and boto3 is not installed:"
        " pip install boto3",
    )
    assert not (tmp_path / "s3").exists()


# -- pre-commit hooks (pre-commit itself runs them in bench/precommit.py) ---------------------


def test_the_pre_commit_hooks_run_as_pre_commit_runs_them(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"boto-codegen-check", "boto-codegen-codemod-check"}
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "pyproject.toml").write_text(
        f'[tool.boto-codegen]\nmodels = "{MODELS}"\nservices = ["{SERVICE}"]\n'
        'out = "generated"\noutputs = ["ir"]\n'
    )
    _sample_source(repo)
    (repo / "clean.py").write_text("print('no boto3 here')\n")

    def hook(name: str, *args: str, files: tuple[str, ...] = ()) -> int:
        entry = hooks[name]["entry"].split()
        assert entry[0] == "boto-codegen"
        # pre-commit runs: entry, then the hook's args, then the staged files (if it passes them).
        passed = files if hooks[name].get("pass_filenames", True) else ()
        command = _python_command([*entry[1:], *args, *passed])
        env = _env(tmp_path)
        return subprocess.run(
            command, cwd=repo, env=env, capture_output=True, check=False
        ).returncode

    assert subprocess.run(_python_command(["generate"]), cwd=repo, env=_env(tmp_path),
                          capture_output=True, check=False).returncode == 0  # fmt: skip
    assert hook("boto-codegen-check", files=("search.py",)) == 0
    (repo / "generated" / "ir" / f"{SERVICE}.json").write_text("{}\n")
    assert hook("boto-codegen-check") == 1
    migration = ("--migration", "es-to-opensearch")
    assert hook("boto-codegen-codemod-check", *migration, files=("clean.py",)) == 0
    assert hook("boto-codegen-codemod-check", *migration, files=("search.py",)) == 1
    assert 'boto3.client("es")' in (repo / "search.py").read_text()  # --check changes nothing
