"""The aiobotocore product: types_aiobotocore_<service> packages and the aiobotocore-stubs
overlay, checked by mypy --strict and pyright strict against the pinned aiobotocore (3.9.0,
the newest release whose botocore range holds the pinned botocore 1.43.11)."""

from __future__ import annotations

import importlib
import inspect
import re
import shutil
from pathlib import Path

import pytest

from codegen.sources import open_models
from codegen.stubs.injected import injected_methods
from codegen.stubs.names import package_names
from codegen.stubs.overlay import render_overlay
from codegen.stubs.package import package_name, render_package
from codegen.stubs.product import AIOBOTOCORE
from codegen.stubs.write import write_stubs
from tests.test_stubs import CALLS, _mypy, _pyright

# s3 (streamed bodies, event streams, presigned POST), dynamodb (recursive shapes),
# sqs, ec2 (the largest model), kinesis (an event stream to subscribe to).
SERVICES = ["dynamodb", "ec2", "kinesis", "s3", "sqs"]
PACKAGES = [AIOBOTOCORE.package_prefix + s for s in SERVICES]


@pytest.fixture(scope="module")
def aio_stubs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("aio-stubs")
    write_stubs(open_models("installed"), SERVICES, out, product=AIOBOTOCORE)
    return out


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache-aio")


def test_packages_and_overlay_are_written_under_the_published_names(aio_stubs):
    assert sorted(p.name for p in aio_stubs.iterdir()) == sorted([*PACKAGES, "aiobotocore-stubs"])
    package = aio_stubs / "types_aiobotocore_s3"
    assert sorted(p.name for p in package.iterdir()) == [
        "__init__.pyi", "client.pyi", "literals.pyi", "paginator.pyi", "py.typed",
        "pyproject.toml", "type_defs.pyi", "waiter.pyi",
    ]  # fmt: skip
    assert "class S3Client(AioBaseClient):" in (package / "client.pyi").read_text()


def test_nothing_generated_needs_boto3(aio_stubs):
    """Only aiobotocore, botocore-stubs and typing_extensions beside the packages: boto3's
    managed transfers (and their TransferConfig) are not there."""
    for path in aio_stubs.rglob("*.pyi"):
        assert not re.search(r"^(from|import) boto3\b", path.read_text(), re.MULTILINE), path


def test_mypy_strict_accepts_the_packages_and_the_overlay(aio_stubs, tmp_path, mypy_cache):
    targets = [arg for name in PACKAGES for arg in ("-p", name)]
    result = _mypy(tmp_path, aio_stubs, mypy_cache, *targets, "-p", "aiobotocore")
    assert (result.stdout, result.returncode) == ("", 0), result.stdout + result.stderr


def test_pyright_strict_accepts_the_packages_and_the_overlay(aio_stubs, tmp_path):
    # pyright will not check a folder named *-stubs: check the overlay as plain aiobotocore/.
    overlay = shutil.copytree(aio_stubs / "aiobotocore-stubs", tmp_path / "o" / "aiobotocore")
    targets = [str(aio_stubs / name) for name in PACKAGES] + [str(overlay)]
    assert _pyright(tmp_path, aio_stubs, *targets) == []


def test_an_overlay_without_packages_passes_both_checkers(tmp_path, mypy_cache):
    """One create_client signature, no overloads (and no Literal left unused)."""
    stubs = tmp_path / "stubs"
    for name, text in render_overlay({}, "1.43.11", AIOBOTOCORE).items():
        path = stubs / "aiobotocore-stubs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    assert "@overload" not in (stubs / "aiobotocore-stubs" / "session.pyi").read_text()
    result = _mypy(tmp_path, stubs, mypy_cache, "-p", "aiobotocore")
    assert (result.stdout, result.returncode) == ("", 0), result.stdout + result.stderr
    overlay = shutil.copytree(stubs / "aiobotocore-stubs", tmp_path / "o" / "aiobotocore")
    assert _pyright(tmp_path, stubs, str(overlay)) == []


def test_good_async_code_passes_both_checkers_in_strict_mode(aio_stubs, tmp_path, mypy_cache):
    """``async with session.create_client(...)``, awaited calls and bodies, ``async for``
    over pages and event streams, awaited waiters: the typed client comes through."""
    shutil.copy(CALLS / "aio_ok.py", tmp_path)
    result = _mypy(tmp_path, aio_stubs, mypy_cache, "aio_ok.py")
    assert (result.stdout, result.returncode) == ("", 0), result.stdout + result.stderr
    assert _pyright(tmp_path, aio_stubs, "aio_ok.py") == []


_MARK = re.compile(r"# wrong: (\S+) (\S+): ")
_MYPY_LINE = re.compile(r"^aio_bad\.py:(\d+): error: .*\[([a-z-]+)\]$")


def test_each_wrong_call_draws_the_expected_error_under_both_checkers(
    aio_stubs, tmp_path, mypy_cache
):
    lines = (CALLS / "aio_bad.py").read_text().splitlines()
    marks = {n: m.groups() for n, line in enumerate(lines, 1) if (m := _MARK.search(line))}
    assert len(marks) == 13
    shutil.copy(CALLS / "aio_bad.py", tmp_path)
    result = _mypy(tmp_path, aio_stubs, mypy_cache, "aio_bad.py")
    found: dict[int, set[str]] = {}
    for line in result.stdout.splitlines():
        if match := _MYPY_LINE.match(line):
            found.setdefault(int(match[1]), set()).add(match[2])
    assert found == {n: {code} for n, (code, _) in marks.items()}, result.stdout
    rules: dict[int, set[str]] = {}
    for error in _pyright(tmp_path, aio_stubs, "aio_bad.py", strict=False):
        line = int(error["range"]["start"]["line"]) + 1  # type: ignore[index]
        rules.setdefault(line, set()).add(str(error["rule"]))
    assert rules == {n: {rule} for n, (_, rule) in marks.items()}


def test_streamed_results_are_aiobotocores_bodies_and_event_streams(aio_stubs):
    type_defs = (aio_stubs / "types_aiobotocore_s3" / "type_defs.pyi").read_text()
    assert "from aiobotocore.response import AioStreamingBodyBase" in type_defs
    assert re.search(
        r"class GetObjectOutputTypeDef\(TypedDict\):\n    Body: AioStreamingBodyBase", type_defs
    )
    assert "Payload: AioEventStream[SelectObjectContentEventStreamTypeDef]" in type_defs


def test_every_call_is_a_coroutine_but_the_selectors():
    """Operations, waits and the signer methods are ``async def``; ``get_paginator``,
    ``get_waiter``, ``can_paginate`` and ``paginate`` are not (aiobotocore's are plain)."""
    files = render_package(open_models("installed").load("sqs"), "1.43.11", product=AIOBOTOCORE)
    client = files["client.pyi"]
    assert "    async def send_message(\n" in client
    assert "    async def generate_presigned_url(\n" in client
    assert "    def get_paginator(" in client and "async def get_paginator" not in client
    assert "    async def __aenter__(self) -> Self: ..." in client
    assert "    def paginate(  # type: ignore[override]" in files["paginator.pyi"]
    assert "async def wait(" not in files["waiter.pyi"]  # sqs has no waiters
    assert "aiobotocore" in files["pyproject.toml"] and "boto3" not in files["pyproject.toml"]


@pytest.mark.parametrize(
    "service, name",
    [
        ("sts", "generate_presigned_url"),
        ("s3", "generate_presigned_post"),
        ("rds", "generate_db_auth_token"),
        ("dsql", "generate_db_connect_auth_token"),
        ("dsql", "generate_db_connect_admin_auth_token"),
    ],
)
def test_signer_methods_follow_aiobotocores_own_async_functions(service, name):
    """aiobotocore swaps botocore's signer methods for its own coroutines of the same
    signature (installed aiobotocore 3.9.0); boto3's transfers are not added."""
    rows = {row.name: row for row in injected_methods(service, AIOBOTOCORE)}
    assert "upload_file" not in rows
    module, _, attribute = rows[name].function.partition(":")
    assert module == "aiobotocore.signers"
    real = getattr(importlib.import_module(module), attribute)
    assert inspect.iscoroutinefunction(real)
    expected = [
        (p.name, p.default is inspect.Parameter.empty)
        for p in inspect.signature(real).parameters.values()
    ]
    assert [("self", True)] + [(f.name, f.required) for f in rows[name].params] == expected


def test_cli_writes_the_aiobotocore_product_and_refuses_an_unknown_one(tmp_path, run_cli):
    helped = run_cli("stubs", "--help")
    assert "--product [aiobotocore|boto3]" in helped.stdout and "[default: boto3]" in helped.stdout
    done = run_cli("stubs", "-s", "sqs", "--product", "aiobotocore", "--out", str(tmp_path / "o"))
    assert done.returncode == 0, done.stderr
    assert "the aiobotocore overlay" in done.stderr
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "aiobotocore-stubs",
        "types_aiobotocore_sqs",
    ]
    refused = run_cli("stubs", "-s", "sqs", "--product", "aioboto3", "--out", str(tmp_path / "x"))
    assert refused.returncode == 2 and "'aioboto3' is not one of" in refused.stderr
    assert not (tmp_path / "x").exists()


def test_the_same_names_as_the_boto3_product_but_the_transfers(aio_stubs):
    """Every name of the boto3 packages, which match the published mypy-boto3 names
    (``tests/test_stubs.py``), exists here with the same kind, but those of boto3's
    resource layer, which aiobotocore has not; the published types-aiobotocore packages
    export the same (bench/names.py --product aiobotocore --models boto3==1.43.56: 9,690
    of 9,775 names over 18 services, the gaps those of boto3's). Only the request
    TypedDicts of boto3's managed transfers, which aiobotocore lacks, go."""
    source = open_models("installed")
    missing: dict[str, set[str]] = {}
    for service in SERVICES:
        plain = source.load(service)._replace(resources=None)  # boto3 without its resources
        files = render_package(plain, source.botocore_version)
        boto3_names = package_names({n[:-4]: t for n, t in files.items() if n.endswith(".pyi")})
        aio_names = package_names(_modules(aio_stubs / package_name(service, AIOBOTOCORE)))
        assert set(aio_names) == set(boto3_names)
        for module, names in boto3_names.items():
            ours = aio_names[module]
            assert {n: k for n, k in names.items() if n in ours} == {
                n: k for n, k in ours.items() if n in names
            }
            assert set(ours) <= set(names)
            if gone := set(names) - set(ours):
                missing[f"{service}.{module}"] = gone
    transfers = ("Copy", "DownloadFile", "DownloadFileobj", "UploadFile", "UploadFileobj")
    assert missing == {"s3.type_defs": {f"Client{m}RequestTypeDef" for m in transfers}}


def _modules(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.pyi")}


def test_both_products_share_an_output_folder_each_with_its_own_overlay(tmp_path):
    source = open_models("installed")
    write_stubs(source, ["sqs"], tmp_path, product=AIOBOTOCORE)
    write_stubs(source, ["sts"], tmp_path)
    session = (tmp_path / "aiobotocore-stubs" / "session.pyi").read_text()
    boto3 = (tmp_path / "boto3-stubs" / "__init__.pyi").read_text()
    assert "from types_aiobotocore_sqs.client import SQSClient" in session
    assert "sts" not in session and "mypy_boto3" not in session
    assert "from mypy_boto3_sts.client import STSClient" in boto3
    assert "sqs" not in boto3 and "types_aiobotocore" not in boto3
