"""Stub packages: what they contain, that mypy --strict and pyright accept them, and that
they catch the mistakes a typed client should catch."""

from __future__ import annotations

import ast
import filecmp
import importlib
import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from boto3.ec2 import deletetags
from boto3.resources.base import ServiceResource as ServiceResourceBase
from boto3.utils import ServiceContext

from codegen.ir.build import RawService, build_service
from codegen.ir.model import ResourceParam, ResourceRequest
from codegen.sources import open_models
from codegen.stubs.docstrings import docstring, plain_text
from codegen.stubs.injected import INJECTED, RESOURCE_INJECTED, InjectedAction
from codegen.stubs.names import Comparison, package_names
from codegen.stubs.overlay import OverlayService, render_overlay
from codegen.stubs.package import package_name, render_package
from codegen.stubs.shapes import ShapeTypes
from codegen.stubs.write import write_stubs
from tests.conftest import FIXTURES, release_folder

BIN = Path(sys.executable).parent
CALLS = FIXTURES / "stubs" / "calls"
EXPECTED = FIXTURES / "expected" / "stubs"

# The services the type checkers see, per fixture release: plain JSON, recursion
# (dynamodb AttributeValue), members named by keywords (amplifyuibuilder Predicate
# ``and``/``or``), blob payloads, event streams and documents (bedrock-runtime,
# kinesis), a streaming blob (kinesis-video-media), a deprecated operation (rds-data),
# a parameter named by a keyword (cloudsearchdomain Search ``return``).
SERVICES = {
    "1.29.105": ["license-manager", "dynamodb", "amplifyuibuilder"],
    "1.43.11": [
        "bedrock-runtime",
        "cloudsearchdomain",
        "kinesis",
        "kinesis-video-media",
        "rds-data",
    ],
}


def _stubs(out: Path, version: str, services: list[str]) -> Path:
    write_stubs(open_models(str(release_folder(version))), services, out)
    return out


@pytest.fixture(scope="module")
def stub_dirs(tmp_path_factory) -> dict[str, Path]:
    return {
        version: _stubs(tmp_path_factory.mktemp(f"stubs-{version}"), version, services)
        for version, services in SERVICES.items()
    }


def _read(folder: Path, package: str, module: str) -> str:
    return (folder / package / module).read_text(encoding="utf-8")


# -- running the type checkers ----------------------------------------------------


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory) -> Path:
    """One mypy cache for the module: typeshed and botocore-stubs are analysed once."""
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy(cwd: Path, stubs: Path, cache: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """mypy --strict as a user runs it, with the stub folder on the import path."""
    env = {**os.environ, "PYTHONPATH": str(stubs), "MYPYPATH": str(stubs)}
    return subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-error-summary", "--cache-dir", str(cache), *targets],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _mypy_lines(cwd: Path, stubs: Path, cache: Path, name: str, code: str) -> list[str]:
    """What mypy --strict says about a small program ``code`` saved as ``name``."""
    (cwd / name).write_text(code)
    result = _mypy(cwd, stubs, cache, name)
    assert result.returncode in (0, 1) and not result.stderr, result.stderr  # mypy itself ran
    return result.stdout.splitlines()


def _pyright(cwd: Path, stubs: Path, *targets: str, strict: bool = True) -> list[dict[str, object]]:
    """pyright's diagnostics (errors and warnings) for ``targets``, run offline."""
    config = {"typeCheckingMode": "strict" if strict else "standard", "pythonVersion": "3.11"}
    (cwd / "pyrightconfig.json").write_text(json.dumps(config))
    env = {
        **os.environ,
        "PYTHONPATH": str(stubs),
        "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1",  # no version check over the network
    }
    result = subprocess.run(
        [str(BIN / "pyright"), "--outputjson", "--pythonpath", sys.executable, *targets],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    return [d for d in report["generalDiagnostics"] if d["severity"] == "error"]


def _packages(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("mypy_boto3_"))


@pytest.mark.parametrize("version", sorted(SERVICES))
def test_mypy_strict_accepts_the_packages(stub_dirs, version, tmp_path, mypy_cache):
    folder = stub_dirs[version]
    targets = [arg for name in _packages(folder) for arg in ("-p", name)]
    result = _mypy(tmp_path, folder, mypy_cache, *targets, "-p", "boto3")
    assert result.stdout == "" and result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("version", sorted(SERVICES))
def test_pyright_strict_accepts_the_packages(stub_dirs, version, tmp_path):
    folder = stub_dirs[version]
    # pyright will not check a folder named *-stubs: check the overlay as plain boto3/.
    overlay = shutil.copytree(folder / "boto3-stubs", tmp_path / "overlay" / "boto3")
    targets = [str(folder / name) for name in _packages(folder)] + [str(overlay)]
    assert _pyright(tmp_path, folder, *targets) == []


# -- the call corpus ----------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.29.104", "1.29.105"])
def test_call_corpus_under_mypy(version, tmp_path, mypy_cache):
    """Good calls pass; each wrong call fails with the error a user should see.

    ``Options=`` came with 1.29.105: the same good call is an error against 1.29.104.
    """
    stubs = _stubs(tmp_path / "stubs", version, ["license-manager"])
    for name in ("license_manager_ok.py", "license_manager_bad.py"):
        shutil.copy(CALLS / name, tmp_path / name)
    result = _mypy(tmp_path, stubs, mypy_cache, "license_manager_ok.py", "license_manager_bad.py")
    # Notes pointing into the stubs ("defined here") carry line numbers of generated code.
    reported = [line for line in result.stdout.splitlines() if line.startswith("license_manager_")]
    expected = (EXPECTED / f"calls-license-manager-{version}.mypy.txt").read_text().splitlines()
    assert reported == expected, result.stderr


def test_call_corpus_under_pyright(tmp_path):
    stubs = _stubs(tmp_path / "stubs", "1.29.105", ["license-manager"])
    for name in ("license_manager_ok.py", "license_manager_bad.py"):
        shutil.copy(CALLS / name, tmp_path / name)
    assert _pyright(tmp_path, stubs, "license_manager_ok.py") == []
    errors = _pyright(tmp_path, stubs, "license_manager_bad.py", strict=False)
    flagged = sorted({int(e["range"]["start"]["line"]) + 1 for e in errors})  # type: ignore[index]
    # Every wrong call of the corpus, and nothing else.
    assert flagged == [8, 9, 10, 13, 16, 19, 22, 25, 28]


# -- drop-in: code written against the published mypy-boto3 stubs -------------------

# The services the drop-in corpus calls, from the installed botocore (the pinned
# 1.43.11, the release the corpus was checked against the published stubs of).
DROPIN_SERVICES = ["athena", "dynamodb", "s3", "sqs", "ssm", "sts"]


@pytest.fixture(scope="module")
def dropin_stubs(tmp_path_factory) -> Path:
    return _stubs_installed(tmp_path_factory.mktemp("dropin"), DROPIN_SERVICES)


def _stubs_installed(out: Path, services: list[str]) -> Path:
    write_stubs(open_models("installed"), services, out)
    return out


def _marked(name: str, marker: str) -> list[int]:
    lines = (CALLS / name).read_text().splitlines()
    return [number for number, line in enumerate(lines, 1) if marker in line]


def test_dropin_corpus_passes_both_checkers(dropin_stubs, tmp_path, mypy_cache):
    """Real-code patterns the published stubs accept (result keys read with ``[]``, empty
    results as ``dict[str, Any]``, ``boto3.session``): accepted here too, in strict mode."""
    shutil.copy(CALLS / "dropin_ok.py", tmp_path)
    result = _mypy(tmp_path, dropin_stubs, mypy_cache, "dropin_ok.py")
    assert (result.stdout, result.returncode) == ("", 0), result.stdout + result.stderr
    assert _pyright(tmp_path, dropin_stubs, "dropin_ok.py") == []


def test_dropin_corpus_of_wrong_code_fails_where_the_published_stubs_fail(
    dropin_stubs, tmp_path, mypy_cache
):
    shutil.copy(CALLS / "dropin_bad.py", tmp_path)
    errors = _pyright(tmp_path, dropin_stubs, "dropin_bad.py", strict=False)
    flagged = sorted({int(e["range"]["start"]["line"]) + 1 for e in errors})  # type: ignore[index]
    assert flagged == _marked("dropin_bad.py", "  # wrong")
    result = _mypy(tmp_path, dropin_stubs, mypy_cache, "dropin_bad.py")
    reported = sorted({int(line.split(":")[1]) for line in result.stdout.splitlines()})
    assert reported == _marked("dropin_bad.py", "  # wrong:")


@pytest.mark.parametrize(
    "service, injected",
    [(service, i) for service, rows in INJECTED.items() for i in rows],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_injected_methods_follow_the_real_signatures(service, injected):
    """Each method botocore or boto3 adds to clients: the parameters of the real function
    (installed botocore 1.43.11 and boto3 1.43.11), in order, optional where it has a default."""
    module, _, attribute = injected.function.partition(":")
    real = inspect.signature(getattr(importlib.import_module(module), attribute))
    expected = [(p.name, p.default is inspect.Parameter.empty) for p in real.parameters.values()]
    assert [("self", True)] + [(f.name, f.required) for f in injected.params] == expected


@pytest.mark.parametrize("module", ["s3/transfer.pyi", "dynamodb/types.pyi"])
def test_overlay_classes_follow_the_real_signatures(module):
    """Every method the overlay stubs on a class of boto3.s3.transfer or
    boto3.dynamodb.types takes the parameters of the installed boto3's (and
    s3transfer's), in order."""
    text = render_overlay({}, "1.43.11")[module]
    real = importlib.import_module("boto3." + module.removesuffix(".pyi").replace("/", "."))
    checked = 0
    for node in ast.parse(text).body:
        if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
            continue  # a private class is the overlay's own (a TypedDict)
        cls = getattr(real, node.name)
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name in vars(cls):
                attribute = vars(cls)[item.name]
                function = attribute.fget if isinstance(attribute, property) else attribute
                if item.name.startswith("__") and item.name != "__init__":
                    continue  # dunders: Python's protocol, not boto3's names
                args = item.args
                every = [*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg]
                ours = [a.arg for a in every if a is not None]
                assert ours == list(inspect.signature(function).parameters), (node.name, item.name)
                checked += 1
            elif isinstance(item, ast.FunctionDef):
                assert item.name.startswith("__"), (node.name, item.name)  # not boto3's
    assert checked >= 3


def test_injected_methods_are_on_the_clients_botocore_adds_them_to():
    """botocore's ``creating-client-class`` handlers: presigned URLs everywhere, presigned
    POST and the managed transfers on s3 only."""
    source = open_models("installed")
    s3 = render_package(source.load("s3"), "1.43.11")
    sts = render_package(source.load("sts"), "1.43.11")
    for name in ("upload_file", "download_file", "upload_fileobj", "download_fileobj", "copy"):
        assert f"    def {name}(\n        self,\n" in s3["client.pyi"]
        assert f"def {name}(" not in sts["client.pyi"]
    assert "def generate_presigned_post(" in s3["client.pyi"]
    assert "def generate_presigned_post(" not in sts["client.pyi"]
    assert (
        "    def generate_presigned_url(\n        self,\n        ClientMethod: str,\n"
        in (sts["client.pyi"])
    )
    assert "from boto3.s3.transfer import TransferConfig" in s3["client.pyi"]
    assert "class CopySourceTypeDef(TypedDict):" in s3["type_defs.pyi"]


# Published names (mypy-boto3 for botocore 1.43.11) ours does not define yet, and why.
# Cut with: python bench/names.py --service athena --service cloudformation
# --service cloudwatch --service dynamodb --service ec2 --service glacier --service iam
# --service s3 --service sns --service sqs --service ssm --service sts
# --cut tests/fixtures/stubs/published-names-1.43.11.json
PUBLISHED_NAMES = FIXTURES / "stubs" / "published-names-1.43.11.json"
NAMED_SERVICES = ("athena", "cloudformation", "cloudwatch", "dynamodb", "ec2", "glacier", "iam",
                  "s3", "sns", "sqs", "ssm", "sts")  # fmt: skip
NAME_GAPS = {
    # Literals of every botocore service, of the regions in botocore's endpoints and of
    # the services with boto3 resources: data beyond one service's models.
    **{(s, "literals", n): "cross-service data" for s in NAMED_SERVICES
       for n in ("ServiceName", "RegionName", "ResourceServiceName")},
    ("dynamodb", "type_defs", "KinesisStreamingDestinationInputRequestTypeDef"): "hand-named",
    **{("dynamodb", "type_defs", f"{n}ServiceResourceUnionTypeDef"): "plain-value unions"
       for n in ("DeleteRequest", "KeysAndAttributes", "PutRequest", "WriteRequest")},
    ("ec2", "type_defs", "ClientCreateTagsRequestTypeDef"): "resource-layer helper",
    ("ec2", "type_defs", "ClientDeleteTagsRequestTypeDef"): "resource-layer helper",
    ("iam", "type_defs", "PolicyDocumentDictTypeDef"): "hand-written (decoded policies)",
    ("iam", "type_defs", "PolicyDocumentStatementTypeDef"): "hand-written (decoded policies)",
    ("iam", "type_defs", "PolicyDocumentTypeDef"): "hand-written (decoded policies)",
    ("s3", "type_defs", "GetBucketNotificationConfigurationRequestRequestTypeDef"): "hand-named",
    ("sqs", "literals", "QueueAttributeFilterType"): "hand-written there (not an enum here)",
    **{("s3", "type_defs", n): "ours needs no output variant (input and output types equal)"
       for n in ("InventoryDestinationOutputTypeDef", "InventoryEncryptionOutputTypeDef",
                 "InventoryS3BucketDestinationOutputTypeDef", "TargetObjectKeyFormatOutputTypeDef",
                 "TargetObjectKeyFormatUnionTypeDef")},
    **{("ssm", "type_defs", n): "paginator-specific variants of recursive shapes"
       for n in ("InventoryAggregatorPaginatorTypeDef", "NodeAggregatorPaginatorTypeDef",
                 "OpsAggregatorPaginatorTypeDef")},
    # EventBridge event payloads the published generator writes by hand.
    **{("cloudwatch", "type_defs", f"CloudwatchEvent{n}TypeDef"): "hand-written event types"
       for n in ("", "DetailConfiguration", "Detail", "MetricStatsMetric", "MetricStats",
                 "Metric", "State")},
    # Alarm.metrics typed with an Alarm-only variant there; MetricDataQueryOutputTypeDef here.
    ("cloudwatch", "type_defs", "MetricDataQueryAlarmTypeDef"): "resource attribute variant",
    ("cloudwatch", "type_defs", "MetricStatAlarmTypeDef"): "resource attribute variant",
    # describe_vault's response: DescribeVaultOutputResponseTypeDef here (the shape is
    # also a list item of ListVaults, so its response form gets the Response suffix).
    ("glacier", "type_defs", "DescribeVaultResponseTypeDef"): "response named apart",
}  # fmt: skip


def test_published_names_exist_here_with_the_same_kind(tmp_path):
    """Every name the published packages of the same release export (client, type_defs,
    literals, paginator, waiter, __init__, service_resource and the members of its
    classes) is defined here as the same kind of thing, but the listed gaps."""
    published = json.loads(PUBLISHED_NAMES.read_text())
    source = open_models("installed")
    if source.botocore_version != published["botocore"]:
        pytest.skip(
            f"the fixture lists botocore {published['botocore']}; re-cut it (bench/names.py)"
        )
    services = sorted(published["services"])
    assert services == sorted(NAMED_SERVICES)
    write_stubs(source, services, tmp_path)
    missing, other_kind = [], []
    for service in services:
        entry = published["services"][service]
        # The resource services' lists hold service_resource's classes and their members.
        assert bool(entry["modules"].get("service_resource")) is (service in RESOURCE_SERVICES)
        folder = tmp_path / package_name(service)
        ours = package_names({p.stem: p.read_text() for p in folder.glob("*.pyi")})
        result = Comparison(entry["modules"], ours)
        missing += [
            (service, module, name)
            for module, names in result.missing.items()
            for name in names
            if (service, module, name) not in NAME_GAPS
        ]
        other_kind += [(service, module, kinds) for module, kinds in result.other_kind.items()]
    assert (missing, other_kind) == ([], [])


# -- what the packages hold ----------------------------------------------------------


def test_license_manager_package_matches_the_expected_files(tmp_path):
    """The whole package and overlay, byte for byte.

    After a deliberate change, regenerate with: boto-codegen stubs --models
    tests/fixtures/models/botocore-1.29.105 -s license-manager
    --out tests/fixtures/expected/stubs/botocore-1.29.105
    """
    out = _stubs(tmp_path, "1.29.105", ["license-manager"])
    expected = EXPECTED / "botocore-1.29.105"
    for package in ("mypy_boto3_license_manager", "boto3-stubs"):
        names = sorted(
            str(p.relative_to(expected / package))
            for p in (expected / package).rglob("*")
            if p.is_file()
        )
        assert (
            sorted(
                str(p.relative_to(out / package)) for p in (out / package).rglob("*") if p.is_file()
            )
            == names
        )
        match, mismatch, errors = filecmp.cmpfiles(
            expected / package, out / package, names, shallow=False
        )
        assert (mismatch, errors) == ([], []), f"{package}: {mismatch or errors} differ"


def test_package_layout_and_names(stub_dirs):
    folder = stub_dirs["1.29.105"] / "mypy_boto3_license_manager"
    assert sorted(p.name for p in folder.iterdir()) == [
        "__init__.pyi",
        "client.pyi",
        "literals.pyi",
        "paginator.pyi",
        "py.typed",
        "pyproject.toml",
        "type_defs.pyi",
        "waiter.pyi",
    ]
    client = (folder / "client.pyi").read_text()
    assert "class LicenseManagerClient(BaseClient):" in client
    assert "    def exceptions(self) -> LicenseManagerExceptions: ..." in client
    assert "    ResourceNotFoundException: type[ClientError]" in client
    literals = (folder / "literals.pyi").read_text()
    assert 'ActivationOverrideBehaviorType = Literal["DISTRIBUTED_GRANTS_ONLY", ' in literals
    assert 'LicenseManagerServiceName = Literal["license-manager"]' in literals


def test_inputs_and_outputs_are_typed_as_botocore_takes_and_returns_them(stub_dirs):
    type_defs = _read(stub_dirs["1.29.105"], "mypy_boto3_license_manager", "type_defs.pyi")
    # Sequence in, list out; datetime | str in, datetime out.
    assert "    Filters: NotRequired[Sequence[FilterTypeDef]]" in type_defs
    assert "    Licenses: list[LicenseTypeDef]\n    NextToken: NotRequired[str]\n" in type_defs
    assert "    ResponseMetadata: ResponseMetadataTypeDef" in type_defs
    # Blobs: anything botocore reads bytes from in, bytes out.
    kinesis = _read(stub_dirs["1.43.11"], "mypy_boto3_kinesis", "type_defs.pyi")
    assert "    Data: str | bytes | IO[bytes] | StreamingBody\n" in kinesis
    assert "    Data: bytes\n" in kinesis
    dynamodb = _read(stub_dirs["1.29.105"], "mypy_boto3_dynamodb", "type_defs.pyi")
    assert "    RestoreDateTime: NotRequired[datetime | str]" in dynamodb
    assert "    ArchivalDateTime: NotRequired[datetime]" in dynamodb


def test_results_follow_the_published_stubs_rule_for_required_keys(stub_dirs):
    """A result's keys are all required but NextToken, Contents, Item and CommonPrefixes
    (mypy-boto3-builder's rule); the structures nested in it keep the model's."""
    type_defs = _read(stub_dirs["1.29.105"], "mypy_boto3_license_manager", "type_defs.pyi")
    assert (
        "class ListLicensesResponseTypeDef(TypedDict):\n"
        "    Licenses: list[LicenseTypeDef]\n"
        "    NextToken: NotRequired[str]\n"
        "    ResponseMetadata: ResponseMetadataTypeDef\n"
    ) in type_defs
    assert "class LicenseTypeDef(TypedDict):\n    LicenseArn: NotRequired[str]\n" in type_defs
    dynamodb = _read(stub_dirs["1.29.105"], "mypy_boto3_dynamodb", "type_defs.pyi")
    get_item = dynamodb[dynamodb.index("class GetItemOutputTypeDef(TypedDict):") :]
    assert get_item.startswith(
        "class GetItemOutputTypeDef(TypedDict):\n"
        "    Item: NotRequired[dict[str, AttributeValueTypeDef]]\n"
        "    ConsumedCapacity: ConsumedCapacityTypeDef\n"
    )
    # A result with no members is a plain dict, as the published stubs type it.
    client = _read(stub_dirs["1.29.105"], "mypy_boto3_license_manager", "client.pyi")
    assert "def delete_token(self, *, TokenId: str) -> dict[str, Any]:" in client
    assert "DeleteTokenResponseTypeDef" not in type_defs


def test_recursive_shapes_refer_to_themselves_with_input_and_output_variants(stub_dirs):
    type_defs = _read(stub_dirs["1.29.105"], "mypy_boto3_amplifyuibuilder", "type_defs.pyi")
    assert '        "and": NotRequired[Sequence[PredicateUnionTypeDef]],\n' in type_defs
    assert '        "and": NotRequired[list[PredicateOutputTypeDef]],\n' in type_defs


def test_dynamodb_attribute_values_are_the_published_hand_written_types(stub_dirs):
    """Responses hold one loose ``AttributeValueTypeDef`` (what boto3's TypeSerializer
    returns, key for key); requests take ``UniversalAttributeValueTypeDef``, as published
    (mypy-boto3-dynamodb 1.43.0, built by mypy-boto3-builder 8.12.0)."""
    type_defs = _read(stub_dirs["1.29.105"], "mypy_boto3_dynamodb", "type_defs.pyi")
    published = (
        "class AttributeValueTypeDef(TypedDict):\n"
        "    S: NotRequired[str]\n"
        "    N: NotRequired[str]\n"
        "    B: NotRequired[bytes]\n"
        "    SS: NotRequired[Sequence[str]]\n"
        "    NS: NotRequired[Sequence[str]]\n"
        "    BS: NotRequired[Sequence[bytes]]\n"
        "    M: NotRequired[Mapping[str, Any]]\n"
        "    L: NotRequired[Sequence[Any]]\n"
        "    NULL: NotRequired[bool]\n"
        "    BOOL: NotRequired[bool]\n"
    )
    assert published in type_defs
    assert "AttributeValueOutputTypeDef" not in type_defs
    assert "\nUniversalAttributeValueTypeDef = AttributeValueTypeDef | Mapping[str, Any]\n" in (
        type_defs
    )
    assert "    Items: list[dict[str, AttributeValueTypeDef]]\n" in type_defs
    assert "    Item: Mapping[str, UniversalAttributeValueTypeDef]\n" in type_defs
    # Structures holding attribute values still differ by side.
    assert "class PutRequestOutputTypeDef(TypedDict):\n" in type_defs
    types = (stub_dirs["1.29.105"] / "boto3-stubs" / "dynamodb" / "types.pyi").read_text()
    assert published.replace("class Attr", "class _Attr") in types
    assert "def serialize(self, value: Any) -> _AttributeValueTypeDef: ..." in types


def test_a_response_can_be_passed_back_as_input(stub_dirs, tmp_path, mypy_cache):
    """Inputs take ``<Shape>UnionTypeDef``: either variant, so get_item's Item fits put_item;
    dynamodb's attribute values also take a plain mapping (a dict typed ``dict[str, Any]``)."""
    folder = stub_dirs["1.29.105"]
    type_defs = _read(folder, "mypy_boto3_dynamodb", "type_defs.pyi")
    assert "\nWriteRequestUnionTypeDef = WriteRequestTypeDef | WriteRequestOutputTypeDef\n" in (
        type_defs
    )
    reported = _mypy_lines(
        tmp_path,
        folder,
        mypy_cache,
        "round_trip.py",
        "from typing import Any\n"
        "import boto3\n"
        'client = boto3.client("dynamodb")\n'
        'item = client.get_item(TableName="t", Key={"pk": {"S": "1"}}).get("Item")\n'
        "if item is not None:\n"
        '    client.put_item(TableName="t", Item=item)\n'
        'serialized: dict[str, dict[str, Any]] = {"pk": {"S": "1"}}\n'
        'client.put_item(TableName="t", Item=serialized)\n'
        'client.put_item(TableName="t", Item={"pk": 1})\n',
    )
    assert reported == [
        'round_trip.py:9: error: Dict entry 0 has incompatible type "str": "int"; expected "str":'
        ' "AttributeValueTypeDef | Mapping[str, Any]"  [dict-item]',
    ]


def test_keyword_members_use_the_functional_typeddict_syntax(stub_dirs):
    type_defs = _read(stub_dirs["1.29.105"], "mypy_boto3_amplifyuibuilder", "type_defs.pyi")
    assert (
        "PredicateTypeDef = TypedDict(\n"
        '    "PredicateTypeDef",\n'
        "    {\n"
        '        "and": NotRequired[Sequence[PredicateUnionTypeDef]],\n'
        '        "field": NotRequired[str],\n'
    ) in type_defs
    assert '        "or": NotRequired[list[PredicateOutputTypeDef]],\n' in type_defs


def test_keyword_parameters_are_passed_through_unpack(stub_dirs, tmp_path, mypy_cache):
    """cloudsearchdomain's Search takes ``return``: a signature cannot name it, Unpack can."""
    folder = stub_dirs["1.43.11"]
    client = _read(folder, "mypy_boto3_cloudsearchdomain", "client.pyi")
    assert "def search(self, **kwargs: Unpack[SearchRequestTypeDef]) -> SearchResponseTypeDef:" in (
        client
    )
    reported = _mypy_lines(
        tmp_path,
        folder,
        mypy_cache,
        "search.py",
        "import boto3\n"
        "from mypy_boto3_cloudsearchdomain.type_defs import SearchRequestTypeDef\n"
        'client = boto3.client("cloudsearchdomain")\n'
        'params: SearchRequestTypeDef = {"query": "q", "return": "title", "size": 10}\n'
        "client.search(**params)\n"
        'client.search(query="q", size=10)\n'
        'client.search(query="q", size="ten")\n'
        "client.search(size=10)\n",
    )
    assert reported == [
        'search.py:7: error: Argument "size" to "search" of "CloudSearchDomainClient" has'
        ' incompatible type "str"; expected "int"  [arg-type]',
        'search.py:8: error: Missing named argument "query" for "search" of'
        ' "CloudSearchDomainClient"  [call-arg]',
    ]


def test_streams_are_typed_as_botocore_returns_them(stub_dirs):
    folder = stub_dirs["1.43.11"]
    media = _read(folder, "mypy_boto3_kinesis_video_media", "type_defs.pyi")
    assert "    Payload: StreamingBody\n" in media  # a streaming blob payload
    bedrock = _read(folder, "mypy_boto3_bedrock_runtime", "type_defs.pyi")
    assert "    body: StreamingBody\n" in bedrock  # a blob payload without the streaming trait
    assert "    stream: EventStream[ConverseStreamOutputTypeDef]\n" in bedrock
    kinesis = _read(folder, "mypy_boto3_kinesis", "type_defs.pyi")
    # The key is named like the EventStream class, so it cannot be a class attribute.
    assert '        "EventStream": EventStream[SubscribeToShardEventStreamTypeDef],\n' in kinesis


def test_deprecated_operations_are_marked_for_editors(stub_dirs):
    client = _read(stub_dirs["1.43.11"], "mypy_boto3_rds_data", "client.pyi")
    assert '    @deprecated("The ExecuteSql API is deprecated' in client
    assert "from typing_extensions import deprecated" in client


def test_paginators_and_waiters_have_one_overload_per_name(stub_dirs):
    client = _read(stub_dirs["1.29.105"], "mypy_boto3_dynamodb", "client.pyi")
    scan = 'def get_paginator(self, operation_name: Literal["scan"]) -> ScanPaginator:'
    assert f"    @overload\n    {scan}" in client
    assert 'def get_waiter(self, waiter_name: Literal["table_exists"]) -> TableExistsWaiter:' in (
        client
    )
    waiter = _read(stub_dirs["1.29.105"], "mypy_boto3_dynamodb", "waiter.pyi")
    assert "WaiterConfig: WaiterConfigTypeDef = ..." in waiter


def test_same_models_give_byte_identical_packages():
    service = open_models(str(release_folder("1.29.105"))).load("dynamodb")
    assert render_package(service, "1.29.105") == render_package(service, "1.29.105")


def test_generated_packages_install_with_pip(stub_dirs, tmp_path):
    folder = stub_dirs["1.29.105"]
    target = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(folder / "mypy_boto3_license_manager"),
         str(folder / "boto3-stubs")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    installed = target / "mypy_boto3_license_manager"
    assert (installed / "client.pyi").is_file() and (installed / "py.typed").is_file()
    overlay = target / "boto3-stubs"
    listed = sorted(p.name for p in overlay.iterdir())
    assert listed == ["__init__.pyi", "dynamodb", "py.typed", "resources", "s3", "session.pyi"]
    assert (overlay / "s3" / "transfer.pyi").is_file()


# -- names and docstrings -----------------------------------------------------------


# Code written against securitylake 1.29.105's stubs, using names 1.31.0 renamed.
USES_SECURITYLAKE_1_29_105_NAMES = (
    "from mypy_boto3_securitylake.literals import HttpMethodType, HttpsMethodType\n"
    "from mypy_boto3_securitylake.type_defs import LastUpdateFailureTypeDef\n"
    'method: HttpsMethodType = "POST"\n'
    "same: HttpMethodType = method\n"
    'failure: LastUpdateFailureTypeDef = {"code": "E1", "reason": "why"}\n'
)


def test_renamed_shapes_keep_their_old_names_as_aliases(tmp_path, mypy_cache):
    """securitylake 1.31.0 renamed LastUpdateFailure and the enum HttpsMethod, unchanged.

    Code importing the 1.29.105 names still type-checks against the 1.31.0 stubs.
    """
    old = _stubs(tmp_path / "old", "1.29.105", ["securitylake"])
    assert "class LastUpdateFailureTypeDef(TypedDict):" in _read(
        old, "mypy_boto3_securitylake", "type_defs.pyi"
    )
    new = tmp_path / "new"
    write_stubs(
        open_models(str(release_folder("1.31.0"))),
        ["securitylake"],
        new,
        previous=open_models(str(release_folder("1.29.105"))),
    )
    type_defs = _read(new, "mypy_boto3_securitylake", "type_defs.pyi")
    assert "\nLastUpdateFailureTypeDef = DataLakeUpdateExceptionTypeDef\n" in type_defs
    assert "class LastUpdateFailureTypeDef" not in type_defs
    literals = _read(new, "mypy_boto3_securitylake", "literals.pyi")
    assert "\nHttpsMethodType = HttpMethodType\n" in literals
    # Empty structures all look alike: no alias pairs one with an arbitrary other.
    assert "GetDatalakeExceptionsSubscriptionRequestTypeDef" not in type_defs
    reported = _mypy_lines(
        tmp_path,
        new,
        mypy_cache,
        "uses_old_names.py",
        USES_SECURITYLAKE_1_29_105_NAMES,
    )
    assert reported == []


def test_variant_names_never_collide_with_shape_names():
    """``Foo``'s output variant would be FooOutputTypeDef, which shape FooOutput owns."""
    shapes = {
        "Foo": {"type": "structure", "members": {"Items": {"shape": "Strings"}}},
        "FooOutput": {"type": "structure", "members": {"Name": {"shape": "String"}}},
        "Strings": {"type": "list", "member": {"shape": "String"}},
        "String": {"type": "string"},
        "PutRequest": {"type": "structure", "members": {"Foo": {"shape": "Foo"}}},
        "PutResponse": {
            "type": "structure",
            "members": {"Foo": {"shape": "Foo"}, "Other": {"shape": "FooOutput"}},
        },
    }
    model = {
        "metadata": {"apiVersion": "2020-01-01", "protocol": "json", "serviceId": "X"},
        "operations": {
            "Put": {
                "name": "Put",
                "input": {"shape": "PutRequest"},
                "output": {"shape": "PutResponse"},
            }
        },
        "shapes": shapes,
    }
    types = ShapeTypes(build_service(RawService("x", "2020-01-01", model, "service-2.json")))
    assert types.input_name["Foo"] == "FooTypeDef"
    assert types.output_name["FooOutput"] == "FooOutputTypeDef"
    assert types.output_name["Foo"] == "FooOutputOutputTypeDef"


@pytest.mark.parametrize(
    "html",
    [
        '<p>Ends with a quote: "</p>',
        '<p>Three quotes """ and four """" and a backslash \\ and \\n</p>',
        "<p>Backslash at the end \\</p>",
        "<p>first</p><ul><li>one</li><li>two &amp; three</li></ul><p>last</p>",
        '"""',
    ],
)
def test_docstrings_survive_any_model_text(html):
    text = docstring(html, "    ")
    tree = ast.parse(f"def f():\n{text}\n")
    value = ast.get_docstring(tree.body[0], clean=False)  # type: ignore[arg-type]
    assert value is not None
    # What Python reads back is exactly the plain text, whatever the model held.
    assert value.strip().replace("\n    ", "\n") == plain_text(html)


def test_docstring_is_plain_text_in_paragraphs():
    html = "<p>Creates a grant.</p> <ul><li><p>One</p></li><li>Two</li></ul><note>Careful</note>"
    assert docstring(html, "") == '"""\nCreates a grant.\n\n- One\n\n- Two\n\nCareful\n"""'


def test_overlay_keeps_clients_that_share_a_class_name_apart():
    """botocore's sms-voice and pinpoint-sms-voice both name their client PinpointSMSVoice."""
    services = {
        name: OverlayService(name, package_name(name), "PinpointSMSVoiceClient")
        for name in ("sms-voice", "pinpoint-sms-voice")
    }
    overlay = render_overlay(services, "1.43.11")["__init__.pyi"]
    for package in ("mypy_boto3_pinpoint_sms_voice", "mypy_boto3_sms_voice"):
        local = f"{package}_PinpointSMSVoiceClient"
        assert f"from {package}.client import PinpointSMSVoiceClient as {local}\n" in overlay
        assert f") -> {local}: ..." in overlay


# -- the command ------------------------------------------------------------------------


def test_stubs_command_writes_packages_and_overlay(tmp_path, run_cli):
    result = run_cli(
        "stubs", "--models", str(release_folder("1.29.104")), "-s", "license-manager",
        "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "boto3-stubs",
        "mypy_boto3_license_manager",
    ]
    overlay = (tmp_path / "out" / "boto3-stubs" / "__init__.pyi").read_text()
    assert 'service_name: Literal["license-manager"],' in overlay


def test_stubs_command_rejects_an_unknown_service_without_writing(tmp_path, run_cli):
    result = run_cli(
        "stubs", "--models", str(release_folder("1.29.104")), "-s", "no-such-service",
        "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "no-such-service" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "mypy_boto3_no_such_service").exists()


# -- boto3 resources ------------------------------------------------------------------

# Every service boto3 1.43.11 has resources for (boto3/data/*/resources-1.json).
RESOURCE_SERVICES = [
    "cloudformation",
    "cloudwatch",
    "dynamodb",
    "ec2",
    "glacier",
    "iam",
    "s3",
    "sns",
    "sqs",
]


@pytest.fixture(scope="module")
def resource_stubs(tmp_path_factory) -> Path:
    """Installed botocore 1.43.11 with the installed boto3 1.43.11's resource models."""
    return _stubs_installed(tmp_path_factory.mktemp("resources"), RESOURCE_SERVICES)


def test_resource_services_get_a_service_resource_module(resource_stubs):
    """The published names: mypy_boto3_s3.service_resource's S3ServiceResource, Bucket,
    Object, ObjectSummary, BucketObjectsCollection, ServiceResourceBucketsCollection, and
    the package exporting the service resource as the published __init__ does."""
    for service in RESOURCE_SERVICES:
        assert (resource_stubs / package_name(service) / "service_resource.pyi").is_file()
    s3 = _read(resource_stubs, "mypy_boto3_s3", "service_resource.pyi")
    for name in (
        "S3ServiceResource(ServiceResource)",
        "Bucket(ServiceResource)",
        "Object(ServiceResource)",
        "ObjectSummary(ServiceResource)",
        "BucketObjectsCollection(ResourceCollection)",
        "ServiceResourceBucketsCollection(ResourceCollection)",
        "S3ResourceMeta(ResourceMeta)",
    ):
        assert f"\nclass {name}:" in s3
    init = _read(resource_stubs, "mypy_boto3_dynamodb", "__init__.pyi")
    assert "from .service_resource import DynamoDBServiceResource" in init
    assert "ServiceResource = DynamoDBServiceResource" in init
    # The published request TypedDicts of actions, <Input><Owner><Action>TypeDef.
    type_defs = _read(resource_stubs, "mypy_boto3_s3", "type_defs.pyi")
    assert "class PutObjectRequestBucketPutObjectTypeDef(TypedDict):" in type_defs
    assert "class CreateBucketRequestServiceResourceCreateBucketTypeDef(TypedDict):" in type_defs
    # Services without resources keep no such module.
    assert not (resource_stubs / "mypy_boto3_sts").exists()


def test_resource_packages_pass_mypy_and_pyright_strict(resource_stubs, tmp_path, mypy_cache):
    targets = [arg for name in _packages(resource_stubs) for arg in ("-p", name)]
    result = _mypy(tmp_path, resource_stubs, mypy_cache, *targets, "-p", "boto3")
    assert result.stdout == "" and result.returncode == 0, result.stdout + result.stderr
    overlay = shutil.copytree(resource_stubs / "boto3-stubs", tmp_path / "overlay" / "boto3")
    paths = [str(resource_stubs / name) for name in _packages(resource_stubs)] + [str(overlay)]
    assert _pyright(tmp_path, resource_stubs, *paths) == []


def test_resource_corpus_passes_both_checkers(resource_stubs, tmp_path, mypy_cache):
    """boto3.resource("s3") / Session().resource("dynamodb") typed by the overloads; the
    published annotations (S3ServiceResource, Bucket, Table, ...) accept what they return."""
    shutil.copy(CALLS / "resources_ok.py", tmp_path)
    result = _mypy(tmp_path, resource_stubs, mypy_cache, "resources_ok.py")
    assert (result.stdout, result.returncode) == ("", 0), result.stdout + result.stderr
    assert _pyright(tmp_path, resource_stubs, "resources_ok.py") == []


def test_resource_corpus_of_wrong_code_is_flagged_line_by_line(
    resource_stubs, tmp_path, mypy_cache
):
    """Each wrong call draws an error on its line, from both checkers, and no other line does:
    missing identifiers, parameters boto3 fills from identifiers, wrong attribute types."""
    shutil.copy(CALLS / "resources_bad.py", tmp_path)
    marked = _marked("resources_bad.py", "  # wrong")
    errors = _pyright(tmp_path, resource_stubs, "resources_bad.py", strict=False)
    assert sorted({int(e["range"]["start"]["line"]) + 1 for e in errors}) == marked  # type: ignore[index]
    result = _mypy(tmp_path, resource_stubs, mypy_cache, "resources_bad.py")
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert sorted({int(line.split(":")[1]) for line in lines}) == marked


def _class_body(module: str, name: str) -> str:
    """The text of class ``name`` in stub ``module``, up to the next top-level statement."""
    start = module.index(f"\nclass {name}(")
    end = module.find("\n_", start + 1)
    return module[start : end if end != -1 else None]


@pytest.mark.parametrize(("version", "waiters"), [("1.2.0", False), ("1.4.4", True)])
def test_resource_stubs_follow_the_resource_models_of_the_source(tmp_path, version, waiters):
    """The resource models are the source's, not the installed boto3's: a folder with
    boto3 X's resources-1.json beside its botocore (tests/fixtures/models/boto3-X) gives
    boto3 X's Table, which gained its waiters in boto3 1.4.4."""
    source = open_models(str(FIXTURES / "models" / f"boto3-{version}"))
    write_stubs(source, ["dynamodb", "sqs"], tmp_path)
    table = _class_body(_read(tmp_path, "mypy_boto3_dynamodb", "service_resource.pyi"), "Table")
    assert ("def wait_until_exists(" in table) is waiters
    assert "def batch_writer(" in table
    queue = _read(tmp_path, "mypy_boto3_sqs", "service_resource.pyi")
    assert "\nclass Queue(ServiceResource):" in queue


def _boto3_resource_classes(service: str) -> dict[str, type]:
    """boto3's own resource classes of ``service`` (installed boto3 1.43.11), built offline by
    its ResourceFactory as ``Session.resource`` builds them, injected methods included."""
    session = boto3.Session(region_name="us-east-1")
    model = session._loader.load_service_model(service, "resources-1")
    context = ServiceContext(
        service_name=service,
        resource_json_definitions=model["resources"],
        service_model=session._session.get_service_model(service),
        service_waiter_model=None,
    )
    build = session.resource_factory.load_from_definition
    classes = {"ServiceResource": build(service, model["service"], context)}
    for name, definition in model["resources"].items():
        classes[name] = build(name, definition, context)
    return classes


def _stub_members(module: str) -> dict[str, dict[str, ast.stmt]]:
    """Resource class (the service resource as ServiceResource) -> public member -> node."""
    found: dict[str, dict[str, ast.stmt]] = {}
    for node in ast.parse(module).body:
        if (
            isinstance(node, ast.ClassDef)
            and node.bases
            and ast.unparse(node.bases[0]) == ("ServiceResource")
        ):
            name = "ServiceResource" if node.name.endswith("ServiceResource") else node.name
            members = {}
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    members[item.name] = item
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members[item.target.id] = item
            found[name] = {k: v for k, v in members.items() if not k.startswith("_")}
    return found


@pytest.mark.parametrize("service", RESOURCE_SERVICES)
def test_resource_classes_have_the_names_boto3_builds(resource_stubs, service):
    """Every public name of every resource class boto3 builds at run time (identifiers,
    attributes, references, actions, sub-resources, collections, waiters, load, and what
    boto3.s3.inject / boto3.ec2 / boto3.dynamodb add), and no other: no attribute repeated
    for an identifier, ec2's ``KeyPair()`` returning a KeyPairInfo and no ``KeyPairInfo()``."""
    stubs = _stub_members(_read(resource_stubs, package_name(service), "service_resource.pyi"))
    classes = _boto3_resource_classes(service)
    assert sorted(stubs) == sorted(classes)
    for name, cls in classes.items():
        real = {
            member
            for klass in cls.__mro__
            if klass not in (object, ServiceResourceBase)
            for member in vars(klass)
            if not member.startswith("_")
        }
        assert sorted(stubs[name]) == sorted(real), name
    # The service resource's sub-resources return the class boto3 gives back.
    resource = boto3.resource(service, region_name="us-east-1")
    for sub in resource.get_available_subresources():
        node = stubs["ServiceResource"][sub]
        assert isinstance(node, ast.FunctionDef) and node.returns is not None
        made = getattr(resource, sub)(*["x"] * (len(node.args.args) - 1))
        assert ast.unparse(node.returns) == f"_{type(made).__name__.split('.')[-1]}"


@pytest.mark.parametrize(
    "injected",
    [
        pytest.param(row, id=f"{service}-{resource}-{row.name}")
        for (service, resource), rows in RESOURCE_INJECTED.items()
        for row in rows
    ],
)
def test_resource_injected_methods_follow_the_real_functions(injected):
    """Each method boto3 adds to a resource class: a table row follows the real function's
    parameters (names, order, defaults; s3's loads take and ignore ``*args, **kwargs``); a
    modeled row takes ``**kwargs`` as the function does, and ec2's delete_tags carries the
    action model boto3.ec2.deletetags injects."""
    module_name, _, attribute = injected.function.partition(":")
    function = importlib.import_module(module_name)
    for part in attribute.split("."):
        function = getattr(function, part)
    real = list(inspect.signature(function).parameters.values())
    if isinstance(injected, InjectedAction):
        assert [p.kind for p in real] == [
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            inspect.Parameter.VAR_KEYWORD,
        ]
        return
    named = [p for p in real if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    expected = [(p.name, p.default is inspect.Parameter.empty) for p in named]
    assert [("self", True)] + [(f.name, f.required) for f in injected.params] == expected


def test_ec2_delete_tags_is_the_action_model_boto3_injects(monkeypatch):
    recorded = {}

    class Recorder:
        def __init__(self, name, model, function, emitter):
            recorded[name] = model

        def inject(self, **kwargs):
            pass

    monkeypatch.setattr(deletetags, "CustomModeledAction", Recorder)
    deletetags.inject_delete_tags(None)
    row = next(r for r in RESOURCE_INJECTED["ec2", "Instance"] if r.name == "delete_tags")
    request = recorded["delete_tags"]["request"]
    assert isinstance(row, InjectedAction)
    assert row.action.request == ResourceRequest(
        request["operation"], tuple(ResourceParam(**p) for p in request["params"])
    )


def test_a_modeled_injection_needs_its_resource_in_the_models():
    """boto3.ec2's create_tags returns Tag resources: in models without a Tag resource the
    service resource keeps the model's own create_tags (the response)."""
    ec2 = open_models("installed").load("ec2")
    assert ec2.resources is not None
    create_tags = next(a for a in ec2.resources.service.actions if a.name == "CreateTags")
    bare = ec2.resources._replace(
        service=ec2.resources.service._replace(
            actions=(create_tags,), subresources=(), collections=()
        ),
        resources={},
    )
    module = render_package(ec2._replace(resources=bare), "1.43.11")["service_resource.pyi"]
    assert "-> EmptyResponseMetadataTypeDef: ..." in _class_body(module, "EC2ServiceResource")
    assert "_Tag" not in module
