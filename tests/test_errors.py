"""Bad models stop the run with one line naming the file and the place, exit 2, nothing written."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import release_folder

SERVICE = "license-manager"
API = "2018-08-01"


def _broken_copy(tmp_path: Path, edit) -> tuple[Path, Path]:
    """A copy of the real 1.29.105 license-manager model, changed by ``edit``."""
    data = tmp_path / "models"
    shutil.copytree(release_folder("1.29.105") / "data" / SERVICE, data / SERVICE)
    model = data / SERVICE / API / "service-2.json"
    edit(model)
    return data, model


def _edit_json(change):
    def edit(path: Path) -> None:
        model = json.loads(path.read_text())
        change(model)
        path.write_text(json.dumps(model, indent=1))

    return edit


def _ghost_operation(model):
    model["operations"]["Ghost"] = {
        "name": "Ghost", "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": "NoSuchShape"},
    }  # fmt: skip


CASES = {
    "unknown shape in an operation": (
        _edit_json(_ghost_operation),
        "service-2.json: operations.Ghost.input: unknown shape 'NoSuchShape'",
    ),
    "unknown shape in a member": (
        _edit_json(
            lambda m: m["shapes"]["Options"]["members"]["ActivationOverrideBehavior"].update(
                shape="Nope"
            )
        ),
        "service-2.json: shapes.Options.members.ActivationOverrideBehavior: unknown shape 'Nope'",
    ),
    "required member that does not exist": (
        _edit_json(lambda m: m["shapes"]["Options"].update(required=["Missing"])),
        "service-2.json: shapes.Options.required: unknown member 'Missing'",
    ),
    "unknown shape in an operation's errors": (
        _edit_json(lambda m: m["operations"]["CreateGrant"]["errors"].append({"shape": "Nope"})),
        "service-2.json: operations.CreateGrant.errors[7]: unknown shape 'Nope'",
    ),
    "member that is not an object": (
        _edit_json(
            lambda m: m["shapes"]["Options"]["members"].update(ActivationOverrideBehavior="Nope")
        ),
        "service-2.json: shapes.Options.members.ActivationOverrideBehavior:"
        " expected an object, found str",
    ),
    "list without a member": (
        _edit_json(lambda m: m["shapes"]["ArnList"].pop("member")),
        "service-2.json: shapes.ArnList.member: missing",
    ),
    "unknown shape type": (
        _edit_json(lambda m: m["shapes"]["Options"].update(type="struct")),
        "service-2.json: shapes.Options.type: unknown shape type 'struct'",
    ),
    "shapes is not an object": (
        _edit_json(lambda m: m.update(shapes=[])),
        "service-2.json: shapes: expected an object, found list",
    ),
    "missing operations": (
        _edit_json(lambda m: m.pop("operations")),
        "service-2.json: operations: missing",
    ),
    "enum that is a string": (
        _edit_json(lambda m: m["shapes"]["ActivationOverrideBehavior"].update(enum="ABC")),
        "service-2.json: shapes.ActivationOverrideBehavior.enum: expected a list, found str",
    ),
    "enum value that is not a string": (
        _edit_json(lambda m: m["shapes"]["ActivationOverrideBehavior"]["enum"].append(7)),
        "service-2.json: shapes.ActivationOverrideBehavior.enum[2]: expected a string, found int",
    ),
    "required that is a string": (
        _edit_json(lambda m: m["shapes"]["CreateGrantRequest"].update(required="ClientToken")),
        "service-2.json: shapes.CreateGrantRequest.required: expected a list, found str",
    ),
    "flag that is a string": (
        _edit_json(lambda m: m["shapes"]["Options"].update(sensitive="yes")),
        "service-2.json: shapes.Options.sensitive: expected true or false, found str",
    ),
    "bound that is a string": (
        _edit_json(lambda m: m["shapes"]["String"].update(max="10")),
        "service-2.json: shapes.String.max: expected a number, found str",
    ),
    "member documentation that is a list": (
        _edit_json(
            lambda m: m["shapes"]["Options"]["members"]["ActivationOverrideBehavior"].update(
                documentation=["<p>x</p>"]
            )
        ),
        "service-2.json: shapes.Options.members.ActivationOverrideBehavior.documentation:"
        " expected a string, found list",
    ),
    "operation http that is a string": (
        _edit_json(lambda m: m["operations"]["CreateGrant"].update(http="POST /")),
        "service-2.json: operations.CreateGrant.http: expected an object, found str",
    ),
    "operation errors that is an object": (
        _edit_json(lambda m: m["operations"]["CreateGrant"].update(errors={"shape": "X"})),
        "service-2.json: operations.CreateGrant.errors: expected a list, found dict",
    ),
    "broken JSON": (
        lambda p: p.write_text(p.read_text()[:5000]),
        "service-2.json: line ",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_model_gives_one_line_exit_2_and_writes_nothing(tmp_path, run_cli, case):
    edit, expected = CASES[case]
    data, model = _broken_copy(tmp_path, edit)
    out = tmp_path / "ir.json"
    out.write_text("previous output\n")
    result = run_cli("ir", "--models", str(data), "--service", SERVICE, "--out", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"boto-codegen: error: {model.parent}/")
    assert expected in lines[0]
    assert out.read_text() == "previous output\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ir.json")] == []


def test_broken_json_names_line_and_column(tmp_path, run_cli):
    data, model = _broken_copy(tmp_path, lambda p: p.write_text('{\n  "metadata": {,\n}'))
    result = run_cli("ir", "--models", str(data), "--service", SERVICE, "--out", "-")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"boto-codegen: error: {model}: line 2, column 16: invalid JSON: "
        "Expecting property name enclosed in double quotes"
    )


def test_truncated_gzip_is_reported(tmp_path, run_cli):
    def truncate(path: Path) -> None:
        packed = gzip.compress(path.read_bytes())
        path.unlink()
        path.with_suffix(".json.gz").write_bytes(packed[: len(packed) // 2])

    data, model = _broken_copy(tmp_path, truncate)
    result = run_cli("ir", "--models", str(data), "--service", SERVICE, "--out", "-")
    assert result.returncode == 2
    assert result.stderr.startswith(f"boto-codegen: error: {model}.gz: cannot read")
    assert "Traceback" not in result.stderr


def test_bad_paginator_reference_names_the_paginator_file(tmp_path, run_cli):
    data, model = _broken_copy(tmp_path, lambda p: None)
    paginators = model.parent / "paginators-1.json"
    config = json.loads(paginators.read_text())
    config["pagination"]["ListGhosts"] = {"input_token": "NextToken", "output_token": "NextToken"}
    paginators.write_text(json.dumps(config))
    result = run_cli("ir", "--models", str(data), "--service", SERVICE, "--out", "-")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"boto-codegen: error: {paginators}: pagination.ListGhosts: unknown operation 'ListGhosts'"
    )


def _nested(depth: int):
    """CreateGrant's input gains a member holding structures nested ``depth`` deep."""

    def change(model):
        for i in range(depth):
            model["shapes"][f"Nest{i}"] = {
                "type": "structure",
                "members": {"Inner": {"shape": f"Nest{i + 1}"}},
            }
        model["shapes"][f"Nest{depth}"] = {"type": "string"}
        model["shapes"]["CreateGrantRequest"]["members"]["Nested"] = {"shape": "Nest0"}

    return _edit_json(change)


def test_docs_of_a_model_nested_past_the_limit_is_one_line_with_depth_and_place(tmp_path, run_cli):
    data, _model = _broken_copy(tmp_path, _nested(150))
    out = tmp_path / "docs"
    result = run_cli("docs", "--models", str(data), "-s", SERVICE, "--out", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "boto-codegen: error: license-manager/client/create_grant.rst: shapes nest too deep to"
        " document (deepest: CreateGrant.CreateGrantRequest.Nested.Inner... (151 levels));"
        " documentation is written to about 125 levels"
    ]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "models"]


def test_docs_of_a_model_nested_100_deep_are_written(tmp_path, run_cli):
    data, _model = _broken_copy(tmp_path, _nested(100))
    out = tmp_path / "docs"
    result = run_cli(
        "docs", "--models", str(data), "-s", SERVICE, "-o", "create_grant", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    page = (out / SERVICE / "client" / "create_grant.rst").read_text()
    assert page.count("'Inner':") == 100


@pytest.mark.parametrize("command", ["ir", "stubs"])
def test_ir_and_stubs_walk_a_model_nested_3000_deep(tmp_path, run_cli, command):
    data, _model = _broken_copy(tmp_path, _nested(3000))
    out = tmp_path / ("ir.json" if command == "ir" else "stubs")
    result = run_cli(command, "--models", str(data), "-s", SERVICE, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_diff_of_a_model_nested_3000_deep_is_one_line(tmp_path, run_cli):
    data, _model = _broken_copy(tmp_path, _nested(3000))
    old = release_folder("1.29.105") / "data"
    result = run_cli("diff", str(old), str(data), "-s", SERVICE)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "boto-codegen: error: diff: the models nest too deep to walk"
        " (past Python's recursion limit of 1000)"
    ]
