"""The IR: what it holds, its JSON round trip, and recursion-safe walks."""

from __future__ import annotations

import json
import keyword
from typing import NamedTuple

import pytest

from codegen.ir import serialize, walk
from codegen.ir.build import RawService, build_service
from codegen.ir.model import SCHEMA_VERSION
from codegen.sources import open_models
from tests.conftest import release_folder


@pytest.fixture(scope="module")
def models_105():
    return open_models(str(release_folder("1.29.105"))).load_set()


def test_client_class_names_follow_botocores_rule_for_every_installed_service():
    from botocore.utils import get_service_module_name

    from codegen.sources import open_models

    class View(NamedTuple):  # the two attributes botocore's helper reads from a ServiceModel
        service_name: str
        metadata: dict[str, str]

    source = open_models("installed")
    names = {}
    for name in source.services():
        service = source.load(name)
        names[name] = service.client_class_name
        assert names[name] == get_service_module_name(View(name, dict(service.metadata)))
    assert names["license-manager"] == "LicenseManager" and names["s3"] == "S3"


def test_service_operation_and_shape_fields(models_105):
    service = models_105.services["license-manager"]
    assert (service.name, service.api_version, service.protocol) == (
        "license-manager",
        "2018-08-01",
        "json",
    )
    assert service.full_name == "AWS License Manager"
    assert service.client_class_name == "LicenseManager"
    op = service.operations["CreateGrantVersion"]
    assert op.input.target == "CreateGrantVersionRequest"
    assert op.output.target == "CreateGrantVersionResponse"
    assert op.http == {"method": "POST", "requestUri": "/"}
    assert "ValidationException" in op.errors
    assert op.documentation.startswith("<p>Creates a new version")  # HTML kept as given
    request = service.shapes["CreateGrantVersionRequest"]
    assert request.required_members == ("ClientToken", "GrantArn")
    status = service.shapes["GrantStatus"]
    assert status.kind == "string" and status.enum[0] == "PENDING_WORKFLOW"
    error = service.shapes["ValidationException"]
    assert error.exception and error.error is None and not error.fault
    assert service.paginators["ListLicenseConfigurations"].result_key == ("LicenseConfigurations",)


def test_waiters_and_paginators(models_105):
    dynamodb = models_105.services["dynamodb"]
    waiter = dynamodb.waiters["TableExists"]
    assert (waiter.operation, waiter.delay, waiter.max_attempts) == ("DescribeTable", 20, 25)
    assert waiter.acceptors[0].matcher == "path"
    scan = dynamodb.paginators["Scan"]
    assert scan.input_token == ("ExclusiveStartKey",)
    assert scan.non_aggregate_keys == ("ConsumedCapacity",)


def test_python_keyword_members_are_kept(models_105):
    predicate = models_105.services["amplifyuibuilder"].shapes["Predicate"]
    names = [m.name for m in predicate.members]
    assert "and" in names and "or" in names
    assert all(keyword.iskeyword(n) for n in ("and", "or"))


def test_round_trip_is_equal_and_byte_identical(models_105):
    text = serialize.dumps(models_105)
    loaded = serialize.loads(text)
    assert loaded == models_105
    assert serialize.dumps(loaded) == text
    assert f'"schema_version":{SCHEMA_VERSION}' in text


def test_dump_is_sorted_and_stable_across_loads():
    first = serialize.dumps(open_models(str(release_folder("1.29.104"))).load_set(), lines=True)
    second = serialize.dumps(open_models(str(release_folder("1.29.104"))).load_set(), lines=True)
    assert first == second
    assert first.index('"botocore_version"') < first.index('"services"')
    # One line per shape: a change to one shape is a one-line diff.
    shape_line = next(
        line for line in first.splitlines() if '"CreateGrantVersionRequest": {' in line
    )
    assert shape_line.startswith('    "CreateGrantVersionRequest": {"') and shape_line.endswith(
        "},"
    )
    assert json.loads(first) == json.loads(serialize.dumps(serialize.loads(first)))


def test_wrong_schema_version_is_refused():
    with pytest.raises(Exception, match="IR schema version 99"):
        serialize.loads('{"schema_version": 99, "source": "x", "services": {}}', path="old.json")


def test_reachable_terminates_on_recursive_shapes(models_105):
    dynamodb = models_105.services["dynamodb"]
    shapes = walk.reachable(dynamodb, ["AttributeValue"])
    assert shapes[0] == "AttributeValue"
    assert {"MapAttributeValue", "ListAttributeValue"} <= set(shapes)
    assert len(shapes) == len(set(shapes))
    put = walk.operation_shapes(dynamodb, dynamodb.operations["PutItem"], walk.INPUT)
    assert "AttributeValue" in put and put[0] == "PutItemInput"


def test_recursive_shapes_are_found(models_105):
    assert walk.recursive_shapes(models_105.services["dynamodb"]) == {
        "AttributeValue",
        "ListAttributeValue",
        "MapAttributeValue",
    }
    assert walk.recursive_shapes(models_105.services["license-manager"]) == frozenset()


def test_operations_reaching_marks_request_and_response(models_105):
    reach = walk.operations_reaching(models_105.services["license-manager"])
    assert reach["GrantStatus"] >= {
        ("CreateGrantVersion", "input"),
        ("CreateGrantVersion", "output"),
    }
    assert ("CreateGrantVersion", "output") not in reach["Options"]


def test_walks_survive_a_chain_deeper_than_the_recursion_limit():
    depth = 5000
    shapes = {
        f"S{i}": {"type": "structure", "members": {"next": {"shape": f"S{(i + 1) % depth}"}}}
        for i in range(depth)
    }
    raw = RawService(
        name="deep",
        api_version="2020-01-01",
        service={"metadata": {}, "operations": {}, "shapes": shapes},
        service_path="deep.json",
    )
    service = build_service(raw)
    assert len(walk.reachable(service, ["S0"])) == depth
    assert len(walk.recursive_shapes(service)) == depth


def test_shared_examples_are_kept_per_operation_and_round_trip(models_105):
    dynamodb = models_105.services["dynamodb"]
    examples = dynamodb.examples["BatchGetItem"]
    assert examples[0]["id"] == "to-retrieve-multiple-items-from-a-table-1476118438992"
    assert "Responses" in examples[0]["output"]
    # license-manager's examples file is empty: nothing is kept.
    assert models_105.services["license-manager"].examples == {}
    assert serialize.loads(serialize.dumps(models_105)).services["dynamodb"].examples == (
        dynamodb.examples
    )


def test_snake_case_spells_every_installed_name_as_botocore(monkeypatch):
    """Method, paginator, waiter and parameter names, with both separators, against a
    pristine copy of botocore's xform_name (the imported one caches what it has done,
    which would let snake_case read its answers instead of deriving them)."""
    import importlib.util

    import botocore

    from codegen.ir import names

    spec = importlib.util.spec_from_file_location("pristine_botocore", botocore.__file__)
    assert spec is not None and spec.loader is not None
    pristine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pristine)
    monkeypatch.setattr(names, "_EXCEPTIONS", dict(pristine._xform_cache))
    source = open_models("installed")
    words: set[str] = set()
    for name in source.services():
        service = source.load(name)
        words.update(service.operations)
        words.update(service.paginators)
        words.update(service.waiters)
        for shape in service.shapes.values():
            words.update(member.name for member in shape.members)
    assert len(words) > 50_000
    derived = {(w, sep): names.snake_case(w, sep) for w in sorted(words) for sep in "_-"}
    assert derived == {(w, sep): pristine.xform_name(w, sep) for w, sep in derived}
