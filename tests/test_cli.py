"""The command line as a user meets it."""

from __future__ import annotations

import json

from codegen.ir import serialize
from tests.conftest import release_folder


def test_help_lists_every_command_with_one_line(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    commands = result.stdout.split("Commands:")[1].strip().splitlines()
    names = [line.split()[0] for line in commands]
    assert "ir" in names and "generate" in names
    assert all(len(line.split()) > 1 for line in commands)


def test_ir_command_writes_the_ir_of_the_named_services(tmp_path, run_cli):
    out = tmp_path / "out" / "ir.json"
    models = release_folder("1.29.105")
    result = run_cli(
        "ir", "--models", str(models), "-s", "license-manager", "-s", "dynamodb", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    loaded = serialize.loads(out.read_text())
    assert sorted(loaded.services) == ["dynamodb", "license-manager"]
    assert loaded.botocore_version == "1.29.105"
    assert json.loads(out.read_text())["source"] == str(models)


def test_ir_command_needs_services_or_all(run_cli):
    result = run_cli("ir", "--out", "-")
    assert result.returncode == 2
    assert "name at least one --service, or pass --all" in result.stderr


def test_generate_writes_ir_for_the_configured_services(tmp_path, run_cli):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.boto-codegen]\n"
        f'models = "{release_folder("1.29.105")}"\n'
        'services = ["license-manager"]\n'
        'out = "gen"\n'
    )
    result = run_cli("generate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "gen" / "ir").iterdir())
    assert written == ["license-manager.json"]
