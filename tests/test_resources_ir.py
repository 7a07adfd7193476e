"""boto3 resource models in the IR, checked against boto3's own ResourceModel on the real
models of the installed boto3 (1.43.11: the 9 services with resources)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import boto3
import botocore.session
import pytest
from boto3.resources.model import ResourceModel

from codegen.errors import CodegenError
from codegen.ir import serialize
from codegen.ir.model import Resource, ResourceAction, ResourceParam
from codegen.sources import open_models
from codegen.sources import release as release_module

RESOURCE_SERVICES = [
    "cloudformation", "cloudwatch", "dynamodb", "ec2", "glacier", "iam", "s3", "sns", "sqs",
]  # fmt: skip
BOTO3_DATA = Path(boto3.__file__).parent / "data"


@pytest.fixture(scope="module")
def source():
    return open_models("installed")


def test_the_installed_boto3_has_exactly_these_resource_services(source):
    assert source.resources is not None
    assert source.resources.services() == RESOURCE_SERVICES
    assert source.resources.boto3_version == boto3.__version__


def _params(params) -> list[tuple]:
    return [(p.target, p.source, p.name, p.path, p.value) for p in params]


def _boto3_action(action) -> tuple:
    request = action.request
    target = action.resource
    return (
        action.name,
        request and (request.operation, _params(request.params)),
        target and (target.type, _params(target.identifiers), target.path),
        action.path,
    )


def _ours(action: ResourceAction) -> tuple:
    def params(items: tuple[ResourceParam, ...]) -> list[tuple]:
        return [(p.target, p.source, p.name, p.path, p.value) for p in items]

    request, target = action.request, action.resource
    return (
        action.python_name,
        request and (request.operation, params(request.params)),
        target and (target.type, params(target.identifiers), target.path),
        action.path,
    )


def _compare(ours: Resource, theirs: ResourceModel, shape, definition) -> None:
    theirs.load_rename_map(shape)
    assert [i.python_name for i in ours.identifiers] == [i.name for i in theirs.identifiers]
    assert [i.member_name for i in ours.identifiers] == [
        i.get("memberName") for i in definition.get("identifiers", [])
    ]
    assert ours.shape == theirs.shape
    if shape is not None:
        assert [(a.python_name, a.name) for a in ours.attributes] == [
            (name, member[0]) for name, member in theirs.get_attributes(shape).items()
        ]
    else:
        assert ours.attributes == ()
    assert (ours.load and _ours(ours.load)) == (theirs.load and _boto3_action(theirs.load))
    for mine, boto3s in [
        (ours.actions, theirs.actions),
        (ours.batch_actions, theirs.batch_actions),
        (ours.subresources, theirs.subresources),
        (ours.references, theirs.references),
        (ours.collections, theirs.collections),
    ]:
        assert [_ours(a) for a in mine] == [_boto3_action(a) for a in boto3s]
    assert [(w.python_name, w.waiter_name, _params(w.params), w.path) for w in ours.waiters] == [
        (w.name, w.waiter_name, _params(w.params), w._definition.get("path"))
        for w in theirs.waiters
    ]


@pytest.mark.parametrize("name", RESOURCE_SERVICES)
def test_resources_match_boto3s_resource_model(source, name):
    service = source.load(name)
    assert service.resources is not None
    core = botocore.session.get_session()
    model = core.get_service_model(name)
    definition = json.loads(
        (BOTO3_DATA / name / service.api_version / "resources-1.json").read_text()
    )
    resources = definition["resources"]
    assert list(service.resources.resources) == list(resources)
    top = definition["service"]
    _compare(service.resources.service, ResourceModel(name, top, resources), None, top)
    for resource_name, resource in service.resources.resources.items():
        shape = model.shape_for(resource.shape) if resource.shape else None
        raw = resources[resource_name]
        _compare(resource, ResourceModel(resource_name, raw, resources), shape, raw)


def test_resource_ir_round_trips_through_json(source):
    models = source.load_set([*RESOURCE_SERVICES, "cloudfront"])
    text = serialize.dumps(models)
    assert serialize.loads(text) == models
    assert serialize.dumps(serialize.loads(text)) == text
    assert (
        models.services["s3"].boto3_examples
        == (Path(boto3.__file__).parent / "examples" / "s3.rst").read_text()
    )
    assert models.services["cloudfront"].resources is None
    assert models.services["cloudfront"].boto3_examples is not None


def _sqs_folder(tmp_path: Path, edit=None, api_version: str | None = None) -> tuple[Path, Path]:
    """botocore's installed sqs model with boto3's resource model beside it, changed by ``edit``."""
    data = tmp_path / "models"
    core = Path(botocore.__file__).parent / "data" / "sqs"
    shutil.copytree(core, data / "sqs")
    version = api_version or "2012-11-05"
    resources = data / "sqs" / version / "resources-1.json"
    resources.parent.mkdir(parents=True, exist_ok=True)
    model = json.loads((BOTO3_DATA / "sqs" / "2012-11-05" / "resources-1.json").read_text())
    if edit is not None:
        edit(model)
    resources.write_text(json.dumps(model))
    return data, resources


def test_a_folder_with_resource_models_beside_its_models_is_read(tmp_path):
    data, _ = _sqs_folder(tmp_path)
    service = open_models(str(data)).load("sqs")
    assert service.resources is not None
    assert [r.python_name for r in service.resources.service.collections] == ["queues"]


def test_resource_model_of_another_api_version_is_a_one_line_error(tmp_path, run_cli):
    data, _ = _sqs_folder(tmp_path, api_version="2099-01-01")
    result = run_cli("ir", "--models", str(data), "--service", "sqs", "--out", "-")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"boto-codegen: error: {data / 'sqs'}: the models give sqs API version 2012-11-05,"
        " its resource models are for 2099-01-01"
    )


BROKEN = {
    "unknown operation": (
        lambda m: m["resources"]["Queue"]["actions"]["Delete"]["request"].update(operation="Ghost"),
        "resources.Queue.actions.Delete.request.operation: no operation 'Ghost' in the service"
        " model",
    ),
    "unknown resource type": (
        lambda m: m["service"]["hasMany"]["Queues"]["resource"].update(type="Nope"),
        "service.hasMany.Queues.resource.type: no resource 'Nope' in the model",
    ),
    "unknown shape": (
        lambda m: m["resources"]["Message"].update(shape="Nope"),
        "resources.Message.shape: no shape 'Nope' in the service model",
    ),
    "action without a request": (
        lambda m: m["resources"]["Queue"]["actions"]["Delete"].pop("request"),
        "resources.Queue.actions.Delete.request: expected a request, found nothing",
    ),
    "collection without a resource": (
        lambda m: m["service"]["hasMany"]["Queues"].pop("resource"),
        "service.hasMany.Queues.resource: expected a resource, found nothing",
    ),
    "params not a list": (
        lambda m: m["resources"]["Queue"]["load"]["request"].update(params={}),
        "resources.Queue.load.request.params: expected a list, found dict",
    ),
    "param without a source": (
        lambda m: m["resources"]["Message"]["batchActions"]["Delete"]["request"]["params"][1].pop(
            "source"
        ),
        "resources.Message.batchActions.Delete.request.params[1].source: expected a string,"
        " found nothing",
    ),
    "resource not an object": (
        lambda m: m["resources"].update(Message=[]),
        "resources.Message: expected an object, found list",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_resource_model_gives_one_line_naming_file_and_place(tmp_path, run_cli, case):
    edit, message = BROKEN[case]
    data, resources = _sqs_folder(tmp_path, edit)
    out = tmp_path / "ir.json"
    result = run_cli("ir", "--models", str(data), "--service", "sqs", "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.strip() == f"boto-codegen: error: {resources}: {message}"
    assert not out.exists()


def test_boto3_release_is_fetched_once_and_paired_with_its_botocore(tmp_path, monkeypatch):
    """A boto3 wheel (built here from the installed boto3's files, with boto3's own
    METADATA naming the botocore it needs) is cached with its resource models and
    examples; its models come from the botocore release it names."""
    monkeypatch.setenv("BOTO_CODEGEN_CACHE", str(tmp_path / "cache"))
    root = Path(boto3.__file__).parent
    metadata = next(root.parent.glob("boto3-*.dist-info")) / "METADATA"
    wheel = tmp_path / f"boto3-{boto3.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path in [*(root / "data").rglob("*.json"), *(root / "examples").glob("*.rst")]:
            archive.write(path, f"boto3/{path.relative_to(root)}")
        archive.write(metadata, f"boto3-{boto3.__version__}.dist-info/METADATA")
    downloads = []

    def download(package, version, into):
        downloads.append((package, version))
        if package != "boto3":
            raise CodegenError("offline")
        return wheel

    monkeypatch.setattr(release_module, "_download", download)
    # The paired botocore release: the installed one, already "cached".
    (tmp_path / "cache" / f"botocore-{botocore.__version__}").mkdir(parents=True)
    shutil.copytree(
        Path(botocore.__file__).parent / "data" / "sqs",
        tmp_path / "cache" / f"botocore-{botocore.__version__}" / "data" / "sqs",
    )
    for _ in range(2):
        source = open_models(f"boto3=={boto3.__version__}")
        assert source.botocore_version == botocore.__version__
        service = source.load("sqs")
        assert service.resources is not None
        assert service.resources.boto3_version == boto3.__version__
    assert downloads == [("boto3", boto3.__version__)]
    assert source.resources is not None
    assert source.resources.examples_file("s3") is not None
