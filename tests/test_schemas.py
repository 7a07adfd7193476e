"""Every JSON the tool writes validates against its shipped schema; versions and fields agree."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from codegen.codemod.runner import REPORT_VERSION
from codegen.diff import diff_sources
from codegen.errors import CodegenError
from codegen.ir import changes as change_json
from codegen.ir.changes import CHANGES_VERSION, ChangeSet
from codegen.ir.model import (
    SCHEMA_VERSION,
    Acceptor,
    Member,
    ModelSet,
    Operation,
    Paginator,
    Resource,
    ResourceAction,
    ResourceAttribute,
    ResourceIdentifier,
    ResourceParam,
    ResourceRequest,
    ResourceTarget,
    ResourceWaiter,
    Service,
    ServiceResources,
    Shape,
    Waiter,
)
from codegen.schemas import SCHEMAS, load_schema
from codegen.sources import open_models
from codegen.workflow.lock import LOCK_SCHEMA
from tests.conftest import FIXTURES, ROOT, release_folder

OLD = release_folder("1.29.104") / "data"
NEW = release_folder("1.29.105") / "data"


def _validate(name: str, data: object) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema(name))


def test_each_schema_pins_the_version_its_writer_writes() -> None:
    assert load_schema("ir")["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
    assert load_schema("changes")["properties"]["changes_version"]["const"] == CHANGES_VERSION
    assert load_schema("codemod-report")["properties"]["report_version"] == {
        "const": REPORT_VERSION
    }
    assert load_schema("lock")["properties"]["schema"] == {"const": LOCK_SCHEMA}


def test_the_ir_schema_names_every_field_of_every_record() -> None:
    """A field added to a record without its schema (or the reverse) fails here."""
    definitions = load_schema("ir")["$defs"]
    records = {
        "member": Member, "shape": Shape, "operation": Operation, "paginator": Paginator,
        "acceptor": Acceptor, "waiter": Waiter, "service": Service,
        "resource_param": ResourceParam, "resource_request": ResourceRequest,
        "resource_target": ResourceTarget, "resource_action": ResourceAction,
        "resource_waiter": ResourceWaiter, "resource_identifier": ResourceIdentifier,
        "resource_attribute": ResourceAttribute, "resource": Resource,
        "service_resources": ServiceResources,
    }  # fmt: skip
    for definition, record in records.items():
        derived = {"method_name"} if record is Operation else set()
        assert set(definitions[definition]["properties"]) == set(record._fields) | derived
    top = set(load_schema("ir")["properties"])
    assert top == set(ModelSet._fields)


@pytest.mark.parametrize("release", ["1.29.104", "1.29.105", "1.43.11"])
def test_the_ir_of_real_models_validates(tmp_path: Path, run_cli, release: str) -> None:
    out = tmp_path / "ir.json"
    data = release_folder(release) / "data"
    result = run_cli("ir", "--models", str(data), "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    _validate("ir", json.loads(out.read_text()))


def test_the_committed_generated_files_validate() -> None:
    generated = ROOT / "generated"
    _validate("lock", json.loads((generated / "boto-codegen.lock").read_text()))
    files = sorted((generated / "ir").glob("*.json"))
    assert files
    for path in files:
        _validate("ir", json.loads(path.read_text()))


def test_an_ir_that_breaks_its_schema_is_caught(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "ir.json"
    assert (
        run_cli("ir", "--models", str(NEW), "-s", "license-manager", "--out", str(out)).returncode
        == 0
    )
    data = json.loads(out.read_text())
    shape = data["services"]["license-manager"]["shapes"]["ActivationOverrideBehavior"]
    shape["enum"] = "ABC"
    with pytest.raises(jsonschema.ValidationError, match="is not of type 'array'"):
        _validate("ir", data)


def test_a_change_set_validates(tmp_path: Path, run_cli) -> None:
    result = run_cli("diff", str(OLD), str(NEW), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert any(service["changes"] for service in data["services"])
    assert data["changes_version"] == CHANGES_VERSION
    assert "schema_version" not in data  # the IR's version says nothing of a change set
    _validate("changes", data)


def test_a_change_set_parsed_from_a_notes_page_validates(run_cli) -> None:
    page = FIXTURES / "expected" / "notes" / "license-manager-1.29.104-1.29.105.awsapichanges.txt"
    result = run_cli("notes", "parse", str(page))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["services"][0]["operations"]
    assert data["changes_version"] == CHANGES_VERSION
    _validate("changes", data)


def _glue_change_set() -> ChangeSet:
    """glue 1.23.46 -> 1.23.47: enum values added, which JSON writes as ``{"$set": [...]}``."""
    old, new = (open_models(str(release_folder(v))) for v in ("1.23.46", "1.23.47"))
    return diff_sources(old, new, services=["glue"])


def test_a_change_set_of_the_previous_form_is_still_read():
    """Written before change sets had a version of their own: the IR's schema_version instead.

    The tool wrote that form, with ``{"$set": [...]}`` values from commit
    580379f on; readers take it as they take the current one.
    """
    found = _glue_change_set()
    current = change_json.to_json(found)
    assert '{"$set": [' in json.dumps(current)
    for form in (change_json.to_json(found), change_json.to_json(found, notes_only=True)):
        previous = {k: v for k, v in form.items() if k != "changes_version"}
        if "old" in form:
            previous = {"schema_version": 2, **previous}
        _validate("changes", previous)
        read = change_json.from_json(previous, path="old.json")
        assert read == change_json.from_json(form)
    assert change_json.from_json(current) == found


@pytest.mark.parametrize(
    ("versions", "says"),
    [
        (
            {"changes_version": CHANGES_VERSION + 1},
            "change set version 3, this tool reads version 2",
        ),
        ({"schema_version": 7}, "change set schema version 7: the previous form was written with"),
    ],
)
def test_a_change_set_of_another_version_is_refused_in_one_line(versions, says):
    data = {**versions, "services": []}
    with pytest.raises(CodegenError, match=says) as caught:
        change_json.from_json(data, path="later.json")
    assert "later.json" in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(jsonschema.ValidationError):
        _validate("changes", data)


def test_a_codemod_report_validates(tmp_path: Path, run_cli) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "search.py").write_text(
        'import boto3\nes = boto3.client("es")\n'
        'es.create_elasticsearch_domain(DomainName="x", ElasticsearchVersion="7.10")\n'
        "es.delete_elasticsearch_service_role()\n"
    )
    (src / "broken.py").write_text('import boto3\nboto3.client("es")\ndef (\n')
    report = tmp_path / "report.json"
    result = run_cli(
        "codemod", "--migration", "es-to-opensearch", "--check", "--report", str(report), str(src)
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(report.read_text())
    assert data["findings"] and data["files_skipped"]
    _validate("codemod-report", data)


def test_a_lock_written_by_generate_validates(tmp_path: Path, run_cli) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.boto-codegen]\nmodels = "{NEW}"\nservices = ["license-manager"]\n'
        'out = "generated"\noutputs = ["ir", "stubs"]\n'
    )
    result = run_cli("generate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "generated" / "boto-codegen.lock").read_text())
    assert data["services"]["license-manager"]["files"]
    _validate("lock", data)
