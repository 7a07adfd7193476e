"""boto3 resource pages and the service page around them: byte for byte what boto3 writes.

boto3's own ``ServiceDocumenter.document_service()`` runs in the test, offline,
on the installed boto3 1.43.11 / botocore 1.43.11 (the versions pinned in
constraints.txt), for every service boto3 has resource models for, and for
cloudfront (whose service page has boto3's hand-written Examples section).
Our pages are rendered from the IR (``--models installed`` reads the
installed boto3's ``resources-1.json`` and ``examples/``).
"""

from __future__ import annotations

import pytest

from codegen.docs.resources import ignored_params
from codegen.ir.model import ResourceParam
from codegen.render.rst import ServicePageRenderer
from codegen.sources import open_models
from tests import boto3_reference
from tests.conftest import release_folder

# Every service with resources in boto3 1.43.11, whole (boto3 takes 1-12 s for each).
WHOLE = ["cloudformation", "cloudwatch", "dynamodb", "glacier", "iam", "sns", "sqs"]
# boto3 spends a minute on ec2's 769 client method pages alone (and s3's take it 10 s):
# its generator runs with the client method pages left out, and so are ours from the
# comparison (test_docs.py compares single client pages of both).
WITHOUT_CLIENT_METHODS = ["ec2", "s3", "cloudfront"]


@pytest.fixture(scope="module")
def installed():
    return open_models("installed")


def _ours(installed, service: str) -> dict[str, str]:
    return dict(ServicePageRenderer(installed.load(service)).pages())


def _different(ours: dict[str, str], expected: dict[str, bytes]) -> list[str]:
    return sorted(path for path, text in ours.items() if text.encode() != expected[path])


@pytest.mark.parametrize("service", WHOLE)
def test_every_page_of_a_resource_service_is_byte_identical_to_boto3(service, installed, tmp_path):
    expected = boto3_reference.service_pages(boto3_reference.session(), service, tmp_path)
    ours = _ours(installed, service)
    assert sorted(ours) == sorted(expected)
    assert _different(ours, expected) == []
    assert any(path.startswith(f"{service}/service-resource/") for path in ours)


@pytest.mark.parametrize("service", WITHOUT_CLIENT_METHODS)
def test_resource_and_service_pages_of_large_services_are_byte_identical_to_boto3(
    service, installed, tmp_path
):
    boto3_session = boto3_reference.session()
    expected = boto3_reference.service_pages_without_client_methods(
        boto3_session, service, tmp_path
    )
    ours = _ours(installed, service)
    client_pages = {path for path in ours if path.startswith(f"{service}/client/")}
    # The client method pages left out are exactly the methods boto3 documents.
    methods = boto3_reference.MethodReference(boto3_session, service).documenter
    assert client_pages == {f"{service}/client/{m}.rst" for m in methods._get_client_methods()}
    rest = {path: text for path, text in ours.items() if path not in client_pages}
    assert sorted(rest) == sorted(expected)
    assert _different(rest, expected) == []


def test_a_source_without_resource_models_writes_no_resource_pages():
    # botocore 1.29.105's models alone: no boto3 beside them, so no resources.
    service = open_models(str(release_folder("1.29.105"))).load("dynamodb")
    assert service.resources is None
    pages = dict(ServicePageRenderer(service).pages())
    assert all(path.count("/") < 2 or "/client/" in path or "/waiter/" in path or
               "/paginator/" in path for path in pages)  # fmt: skip
    assert "Resources\n=========" not in pages["dynamodb.rst"]


@pytest.mark.parametrize(
    ("target", "ignored"),
    [
        ("QueueUrl", ["QueueUrl"]),
        ("Filters[0].Values[0]", ["Filters"]),
        ("InstanceIds[]", ["InstanceIds"]),
        ("Resources[0]", ["Resources"]),
        ('"Quoted"', ["Quoted"]),  # a quoted field is a field too
        ("[0]", []),  # no field: boto3 leaves nothing out
    ],
)
def test_parameters_boto3_fills_in_are_the_leftmost_field_of_their_target(target, ignored):
    # boto3.docs.utils.get_resource_ignore_params, on the same targets.
    from boto3.docs.utils import get_resource_ignore_params

    class Param:
        def __init__(self, target: str):
            self.target = target

    assert get_resource_ignore_params([Param(target)]) == ignored
    assert list(ignored_params((ResourceParam(target, "identifier", name="Id"),))) == ignored


@pytest.mark.parametrize("workers", [2, 3])
def test_runs_of_a_resource_services_pages_cover_every_page_once(workers, installed):
    # Resource pages on an operation are scheduled beside the client method's page.
    from codegen.workers.schedule import guided_runs

    pages = ServicePageRenderer(installed.load("sqs"))
    whole = list(pages.pages())
    runs = guided_runs(workers)
    assert [page for run in runs for page in pages.pages(None, run)] == whole
    paths = [path for path, _ in whole]
    assert len(set(paths)) == len(paths) == 68
    send = paths.index("sqs/client/send_message.rst")
    assert paths[send + 1] == "sqs/queue/send_message.rst"
