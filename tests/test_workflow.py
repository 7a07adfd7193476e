"""`make generate`: incremental runs, the lock, `make check`, and atomic swaps."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from codegen.errors import CodegenError
from codegen.workflow.config import Config, load_config
from codegen.workflow.generate import check, generate
from codegen.workflow.lock import LOCK_NAME, read_lock
from tests.conftest import release_folder
from tests.test_schemas import _validate
from tests.test_stubs import USES_SECURITYLAKE_1_29_105_NAMES, _mypy_lines

SERVICES = ("dynamodb", "license-manager")


def _botocore_folder(root: Path, version: str) -> Path:
    """A botocore package folder holding the fixture models of ``version``."""
    package = root / "site" / "botocore"
    if package.exists():
        shutil.rmtree(package)
    shutil.copytree(release_folder(version) / "data", package / "data")
    (package / "__init__.py").write_text(f"__version__ = '{version}'\n")
    return package


def _config(tmp_path: Path, models: Path, services: tuple[str, ...] = SERVICES) -> Config:
    return Config(
        models=str(models), services=services, out=tmp_path / "generated", outputs=("ir",)
    )


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def test_first_run_writes_outputs_and_lock(tmp_path):
    config = _config(tmp_path, _botocore_folder(tmp_path, "1.29.105"))
    result = generate(config)
    assert result.plan.regenerate == list(SERVICES)
    assert sorted(p.name for p in (config.out / "ir").iterdir()) == [
        "dynamodb.json",
        "license-manager.json",
    ]
    lock = read_lock(config.out)
    assert lock is not None and lock.botocore_version == "1.29.105"
    assert sorted(lock.services) == list(SERVICES)
    assert lock.services["license-manager"].files.keys() == {"ir/license-manager.json"}


def test_second_run_with_nothing_changed_rewrites_nothing(tmp_path):
    config = _config(tmp_path, _botocore_folder(tmp_path, "1.29.105"))
    generate(config)
    before = _snapshot(config.out)
    result = generate(config)
    assert result.plan.up_to_date and result.files_written == 0
    assert _snapshot(config.out) == before


def test_a_changed_model_regenerates_only_its_service(tmp_path):
    package = _botocore_folder(tmp_path, "1.29.105")
    config = _config(tmp_path, package)
    generate(config)
    before = _snapshot(config.out)
    model = package / "data" / "license-manager" / "2018-08-01" / "service-2.json"
    data = json.loads(model.read_text())
    data["shapes"]["CreateGrantVersionRequest"]["members"]["GrantName"]["documentation"] = (
        "<p>x</p>"
    )
    model.write_text(json.dumps(data))
    result = generate(config)
    assert result.plan.regenerate == ["license-manager"]
    after = _snapshot(config.out)
    assert after["ir/dynamodb.json"] == before["ir/dynamodb.json"]  # same bytes, same mtime
    assert after["ir/license-manager.json"][0] != before["ir/license-manager.json"][0]


def test_check_finds_hand_edits_missing_and_extra_files(tmp_path):
    config = _config(tmp_path, _botocore_folder(tmp_path, "1.29.105"))
    generate(config)
    assert check(config) == []
    (config.out / "ir" / "dynamodb.json").write_text("{}\n")
    (config.out / "ir" / "license-manager.json").unlink()
    (config.out / "ir" / "mine.json").write_text("{}\n")
    assert check(config) == [
        "ir/dynamodb.json: differs from a fresh run (stale, or edited by hand)",
        "ir/license-manager.json: missing",
        "ir/mine.json: not written by make generate",
    ]


def test_check_finds_a_botocore_bump(tmp_path):
    config = _config(tmp_path, _botocore_folder(tmp_path, "1.29.105"), ("license-manager",))
    generate(config)
    _botocore_folder(tmp_path, "1.29.104")
    problems = check(config)
    assert problems[0] == "generated from botocore 1.29.105, installed is 1.29.104"


def test_a_failed_run_leaves_the_previous_output_whole(tmp_path):
    package = _botocore_folder(tmp_path, "1.29.105")
    config = _config(tmp_path, package)
    generate(config)
    before = _snapshot(config.out)
    model = package / "data" / "license-manager" / "2018-08-01" / "service-2.json"
    model.write_text(model.read_text()[:1000])
    with pytest.raises(CodegenError, match="invalid JSON"):
        generate(config)
    assert _snapshot(config.out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".generated")] == []


def test_make_check_exit_codes(tmp_path, run_cli):
    package = _botocore_folder(tmp_path, "1.29.105")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.boto-codegen]\nmodels = "{package}"\nservices = ["license-manager"]\n'
        'outputs = ["ir"]\n'
    )
    assert run_cli("generate", "--check", cwd=tmp_path).returncode == 1
    first = run_cli("generate", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "services regenerated" in first.stderr
    again = run_cli("generate", cwd=tmp_path)
    assert "is up to date" in again.stderr
    ok = run_cli("generate", "--check", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "generated" / LOCK_NAME).unlink()
    stale = run_cli("generate", "--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert "run `make generate`" in stale.stderr


def test_config_defaults_and_errors(tmp_path):
    assert load_config(tmp_path / "missing.toml") == Config(out=Path("generated"))
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[tool.boto-codegen]\nservices = "some"\n')
    with pytest.raises(CodegenError, match="tool.boto-codegen.services: services must be"):
        load_config(bad)
    bad.write_text("[tool.boto-codegen\n")
    with pytest.raises(CodegenError, match="invalid TOML"):
        load_config(bad)


def test_a_fresh_clone_renders_again_but_rewrites_nothing(tmp_path):
    config = _config(tmp_path, _botocore_folder(tmp_path, "1.29.105"))
    generate(config)
    shutil.rmtree(tmp_path / ".boto-codegen")  # what a clone lacks: the local generator state
    before = _snapshot(config.out)
    result = generate(config)
    assert result.plan.regenerate == list(SERVICES)
    assert result.files_written == 0
    assert _snapshot(config.out) == before
    assert generate(config).plan.up_to_date


def test_a_botocore_bump_writes_migration_notes_and_regenerates_what_changed(tmp_path, monkeypatch):
    # The locked release comes from the cache, as `botocore==1.29.104` would.
    cache = tmp_path / "cache"
    shutil.copytree(release_folder("1.29.104") / "data", cache / "botocore-1.29.104" / "data")
    monkeypatch.setenv("BOTO_CODEGEN_CACHE", str(cache))
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    config = _config(tmp_path, _botocore_folder(tmp_path, "1.29.104"), ("license-manager",))
    config = replace(config, outputs=("ir", "notes"))
    generate(config)
    _botocore_folder(tmp_path, "1.29.105")
    result = generate(config)
    assert result.plan.bump == ("1.29.104", "1.29.105")
    assert result.plan.regenerate == ["license-manager"]
    assert result.notes == [
        "notes/1.29.104_to_1.29.105.md",
        "notes/1.29.104_to_1.29.105.txt",
    ]
    page = (config.out / "notes" / "1.29.104_to_1.29.105.txt").read_text()
    assert page.startswith("AWS License Manager\n\n")
    assert "CreateGrantVersion\xa0(updated)" in page
    # Method sections come from the docs model, as on the awsapichanges site.
    assert "client.create_grant_version(" in page
    markdown = (config.out / "notes" / "1.29.104_to_1.29.105.md").read_text()
    assert "`create_grant_version` takes a new optional `Options`" in markdown
    assert result.changes_by_severity.get("info", 0) > 0
    lock = read_lock(config.out)
    assert lock is not None and lock.botocore_version == "1.29.105"
    assert "notes/1.29.104_to_1.29.105.md" in lock.shared_files
    # The notes are history: later runs keep them, and check accepts them.
    assert generate(config).plan.up_to_date
    assert check(config) == []


def test_rendering_over_a_process_pool_writes_the_same_files(tmp_path, monkeypatch):
    from codegen.workflow import generate as workflow

    models = _botocore_folder(tmp_path, "1.29.105")
    serial = Config(
        models=str(models), services=SERVICES, out=tmp_path / "serial", outputs=("ir", "stubs")
    )
    generate(serial)
    monkeypatch.setattr(workflow, "_PARALLEL_FROM", 1)
    pooled = Config(
        models=str(models), services=SERVICES, out=tmp_path / "pooled", outputs=("ir", "stubs")
    )
    generate(pooled)
    assert {k: v[0] for k, v in _snapshot(pooled.out).items()} == {
        k: v[0] for k, v in _snapshot(serial.out).items()
    }


def test_without_the_notes_output_a_bump_writes_no_notes(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(release_folder("1.29.104") / "data", cache / "botocore-1.29.104" / "data")
    monkeypatch.setenv("BOTO_CODEGEN_CACHE", str(cache))
    config = _config(tmp_path, _botocore_folder(tmp_path, "1.29.104"), ("license-manager",))
    generate(config)
    _botocore_folder(tmp_path, "1.29.105")
    result = generate(config)
    assert result.plan.bump == ("1.29.104", "1.29.105") and result.notes == []
    assert not (config.out / "notes").exists()
    assert read_lock(config.out).botocore_version == "1.29.105"


# -- stub names kept across bumps ---------------------------------------------------


def _bump_to(tmp_path: Path, version: str) -> None:
    """The installed botocore becomes ``version``; the release it replaces stays fetchable."""
    cache = tmp_path / "cache"
    package = tmp_path / "site" / "botocore"
    if package.exists():
        locked = (package / "__init__.py").read_text().split("'")[1]
        if not (cache / f"botocore-{locked}").exists():
            shutil.copytree(package / "data", cache / f"botocore-{locked}" / "data")
    _botocore_folder(tmp_path, version)


def _securitylake_from_1_29_105(tmp_path: Path, monkeypatch) -> Config:
    """Stubs of securitylake generated from 1.29.105, offline, ready for bumps."""
    monkeypatch.setenv("BOTO_CODEGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    _bump_to(tmp_path, "1.29.105")
    config = replace(
        _config(tmp_path, tmp_path / "site" / "botocore", ("securitylake",)), outputs=("stubs",)
    )
    generate(config)
    return config


def _securitylake(config: Config, module: str) -> str:
    return (config.out / "stubs" / "mypy_boto3_securitylake" / module).read_text()


def test_renamed_shapes_keep_their_old_names_over_two_bumps(tmp_path, monkeypatch):
    """securitylake 1.31.0 renamed LastUpdateFailure and the enum HttpsMethod (unchanged);
    1.35.44 changed the service again, renaming nothing. Code importing the 1.29.105
    names still type-checks against the stubs make generate writes for 1.35.44."""
    config = _securitylake_from_1_29_105(tmp_path, monkeypatch)
    assert "class LastUpdateFailureTypeDef(TypedDict):" in _securitylake(config, "type_defs.pyi")
    assert read_lock(config.out).services["securitylake"].aliases == {}

    _bump_to(tmp_path, "1.31.0")
    assert generate(config).plan.bump == ("1.29.105", "1.31.0")
    kept = read_lock(config.out).services["securitylake"].aliases
    assert kept["type_defs"]["LastUpdateFailureTypeDef"] == "DataLakeUpdateExceptionTypeDef"
    assert kept["literals"]["HttpsMethodType"] == "HttpMethodType"
    assert "\nLastUpdateFailureTypeDef = DataLakeUpdateExceptionTypeDef\n" in _securitylake(
        config, "type_defs.pyi"
    )

    _bump_to(tmp_path, "1.35.44")
    result = generate(config)
    assert result.plan.bump == ("1.31.0", "1.35.44")
    assert result.plan.regenerate == ["securitylake"]  # its model changed
    assert read_lock(config.out).services["securitylake"].aliases == kept
    _validate("lock", json.loads((config.out / LOCK_NAME).read_text()))
    type_defs = _securitylake(config, "type_defs.pyi")
    assert "\nLastUpdateFailureTypeDef = DataLakeUpdateExceptionTypeDef\n" in type_defs
    assert "\nHttpsMethodType = HttpMethodType\n" in _securitylake(config, "literals.pyi")
    # check renders afresh with the lock's names: no difference.
    assert check(config) == []
    reported = _mypy_lines(
        tmp_path,
        config.out / "stubs",
        tmp_path / "mypy-cache",
        "uses_old_names.py",
        USES_SECURITYLAKE_1_29_105_NAMES,
    )
    assert reported == []


def test_a_kept_name_the_models_define_again_is_no_alias(tmp_path, monkeypatch):
    """Back from 1.31.0 to 1.29.105 (a real pair run backwards): LastUpdateFailure is a
    shape again, so its name is its own TypedDict, and the 1.31.0 name is the alias."""
    config = _securitylake_from_1_29_105(tmp_path, monkeypatch)
    _bump_to(tmp_path, "1.31.0")
    generate(config)
    _bump_to(tmp_path, "1.29.105")
    assert generate(config).plan.bump == ("1.31.0", "1.29.105")
    kept = read_lock(config.out).services["securitylake"].aliases["type_defs"]
    assert "LastUpdateFailureTypeDef" not in kept
    assert kept["DataLakeUpdateExceptionTypeDef"] == "LastUpdateFailureTypeDef"
    type_defs = _securitylake(config, "type_defs.pyi")
    assert "class LastUpdateFailureTypeDef(TypedDict):" in type_defs
    assert "\nDataLakeUpdateExceptionTypeDef = LastUpdateFailureTypeDef\n" in type_defs
