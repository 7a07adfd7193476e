"""RST reference pages: byte for byte what boto3's own generator writes.

The reference pages are generated in the test, offline, by boto3 (a dev
dependency) from the same models: fixture folders or the installed botocore.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import docutils.core
import docutils.utils
import pytest

from codegen.docs import ServiceDoc, ShapeTree, rst_blocks
from codegen.render.rst import ServicePageRenderer
from codegen.sources import open_models
from tests import boto3_reference
from tests.conftest import FIXTURES, release_folder

EXPECTED = FIXTURES / "expected" / "docs"

# Whole services, every page: (release fixture or None for the installed botocore, service).
WHOLE_SERVICES = [
    ("1.29.105", "license-manager"),  # small; the seed page
    ("1.29.105", "dynamodb"),  # recursive AttributeValue, waiters, shared examples
    (None, "rds-data"),  # tagged unions, deprecated operations
    (None, "sagemaker-runtime"),  # streaming blob payloads, event-stream output
    (None, "lex-runtime"),  # JSON-value headers, streaming input and output
    (None, "polly"),  # event streams, a method botocore removes, shared examples
    (None, "cost-optimization-hub"),  # a response over boto3's size limit
    (None, "bedrock-runtime"),  # document types, event streams, size limits
]
# Services boto3 gives resources: their client page adds a Resources section we do not write.
RESOURCE_SERVICES = {"dynamodb", "ec2", "s3", "cloudformation", "glacier", "iam", "sns", "sqs"}

# Single pages of large services (boto3 takes minutes for the whole of ec2 or s3).
SINGLE_METHODS = {
    "s3": [
        "get_object",  # streaming output
        "put_object",  # streaming input; SSECustomerKeyMD5 auto-populated
        "copy_object",  # CopySource form
        "delete_objects",  # ContentMD5 hidden
        "head_object",  # Expires deprecated, ExpiresString added
        "upload_file",  # boto3's own methods
        "generate_presigned_url",
        "list_objects_v2",
    ],
    "ec2": [
        "run_instances",  # UserData base64 note, huge request
        "copy_snapshot",  # auto-populated parameters
        "describe_network_insights_analyses",  # over the size limit
        "describe_instances",
        "can_paginate",
    ],
    "glacier": ["upload_archive", "complete_multipart_upload"],
    "cloudformation": ["get_template"],
    "apigatewayv2": ["export_api"],  # enum on a member, not its shape
    "logs": ["create_export_task"],  # parameter alias
}
SINGLE_PAGINATORS = {"s3": ["ListObjectsV2"], "ec2": ["DescribeInstances"]}
SINGLE_WAITERS = {"s3": ["ObjectExists"], "ec2": ["InstanceRunning"]}


def _source(release: str | None):
    return open_models("installed" if release is None else str(release_folder(release)))


def _data(release: str | None):
    return None if release is None else release_folder(release) / "data"


@pytest.mark.parametrize(("release", "service"), WHOLE_SERVICES)
def test_every_page_of_a_service_is_byte_identical_to_boto3(release, service, tmp_path):
    boto3_session = boto3_reference.session(_data(release))
    ours = dict(ServicePageRenderer(_source(release).load(service)).pages())
    if service in RESOURCE_SERVICES:
        # boto3 would also document resources (slowly); compare the client's pages.
        expected = boto3_reference.MethodReference(boto3_session, service).pages()
        del ours[f"{service}.rst"]
    else:
        expected = boto3_reference.service_pages(boto3_session, service, tmp_path)
    assert sorted(ours) == sorted(expected)
    different = [path for path, text in ours.items() if text.encode() != expected[path]]
    assert different == []


def test_client_page_of_a_resource_service_is_boto3s_without_resources(tmp_path):
    boto3_session = boto3_reference.session(_data("1.29.105"))
    expected = boto3_reference.service_pages(boto3_session, "dynamodb", tmp_path)["dynamodb.rst"]
    ours = ServicePageRenderer(_source("1.29.105").load("dynamodb")).client_page().encode()
    assert expected.startswith(ours)
    assert expected[len(ours) :].startswith(b"\n\n=========\nResources\n=========\n")


@pytest.fixture(scope="module")
def installed():
    return open_models("installed")


@pytest.mark.parametrize("service", sorted(SINGLE_METHODS))
def test_single_pages_of_large_services_are_byte_identical_to_boto3(service, installed):
    reference = boto3_reference.MethodReference(boto3_reference.session(), service)
    pages = ServicePageRenderer(installed.load(service))
    for method in SINGLE_METHODS[service]:
        assert pages.method_page(method).encode() == reference.method(method), method
    for name in SINGLE_PAGINATORS.get(service, []):
        assert pages.paginator_page(name).encode() == reference.paginator(name), name
    for name in SINGLE_WAITERS.get(service, []):
        assert pages.waiter_page(name).encode() == reference.waiter(name), name


def test_seed_page_is_reproduced_byte_for_byte():
    expected = (EXPECTED / "license-manager" / "client" / "create_grant_version.rst").read_bytes()
    pages = ServicePageRenderer(_source("1.29.105").load("license-manager"))
    assert pages.method_page("create_grant_version").encode() == expected


def test_oversized_sections_point_to_the_api_documentation(installed):
    page = ServicePageRenderer(installed.load("cost-optimization-hub")).method_page(
        "get_recommendation"
    )
    assert "# This section is too large to render." in page
    assert "<https://docs.aws.amazon.com/goto/WebAPI/" in page.split("too large")[1]


@pytest.mark.parametrize(("release", "service"), WHOLE_SERVICES[:4])
def test_every_page_parses_as_restructuredtext(release, service):
    for path, text in ServicePageRenderer(_source(release).load(service)).pages():
        settings = {"report_level": 5, "halt_level": 5, "warning_stream": False}
        document = docutils.core.publish_doctree(text, settings_overrides=settings)
        errors = [
            node
            for node in document.findall(docutils.nodes.system_message)
            if node["level"] >= docutils.utils.Reporter.ERROR_LEVEL
            # Sphinx roles and directives (py:method, toctree, doc) are unknown to plain docutils.
            and "Unknown interpreted text role" not in node.astext()
            and "Unknown directive type" not in node.astext()
            and 'No role entry for "' not in node.astext()
            and 'No directive entry for "' not in node.astext()
        ]
        assert errors == [], path


def test_shared_model_gives_the_method_view_the_diff_helper_renders():
    service = _source("1.29.105").load("license-manager")
    doc = ServiceDoc(service).operation_doc("CreateGrantVersion")
    assert doc.name == "LicenseManager.Client.create_grant_version"
    assert doc.docs_link == (
        "https://docs.aws.amazon.com/goto/WebAPI/license-manager-2018-08-01/CreateGrantVersion"
    )
    assert isinstance(doc.request, ShapeTree)
    root = doc.request.root()
    assert root is not None
    names = [m.name for m in doc.request.children(root)]
    assert names[:3] == ["ClientToken", "GrantArn", "GrantName"]
    # Each block of the page, byte for byte as the page has it, in page order.
    blocks = rst_blocks(doc)
    seed = (EXPECTED / "license-manager" / "client" / "create_grant_version.rst").read_text()
    offsets = [seed.index(block) for block in blocks[:4]]
    assert offsets == sorted(offsets)
    assert blocks.request_syntax.startswith("\n\n  **Request Syntax**\n  ::\n\n")
    assert "    response = client.create_grant_version(\n        ClientToken='string'," in (
        blocks.request_syntax
    )
    assert blocks.response_structure is not None and blocks.response_structure in seed
    assert (
        blocks.exceptions is not None and "LicenseManager.Client.exceptions." in blocks.exceptions
    )


def test_history_marks_what_changed_since_the_older_release(tmp_path, run_cli):
    out = tmp_path / "docs"
    result = run_cli(
        "docs", "--models", str(release_folder("1.29.105")), "-s", "license-manager",
        "-o", "create_grant_version", "--history", str(release_folder("1.29.104")),
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (out / "license-manager" / "client" / "create_grant_version.rst").read_text()
    seed = (EXPECTED / "license-manager" / "client" / "create_grant_version.rst").read_text()
    assert page != seed
    intro, options = page.split(":param Options:")
    assert ".. versionchanged:: 1.29.105\n    CreateGrantVersionRequest.Options: optional" in intro
    assert ".. versionadded:: 1.29.105" in options.split(":rtype:")[0]
    assert (
        ".. versionadded::" not in page.split(":param Options:")[0].split(":type ClientToken:")[1]
    )
    # Only the named method's pages, plus the client page and the Sphinx project.
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.rst"))
    assert written == [
        "index.rst",
        "license-manager.rst",
        "license-manager/client/create_grant_version.rst",
    ]


def test_sphinx_builds_a_small_service_without_warnings(tmp_path, run_cli):
    out = tmp_path / "docs"
    result = run_cli(
        "docs", "--models", str(release_folder("1.29.105")), "-s", "license-manager",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-q",
            "-b",
            "html",
            str(out),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "html" / "license-manager" / "client" / "create_grant_version.html").exists()


def test_unknown_operation_is_a_one_line_error(tmp_path, run_cli):
    result = run_cli(
        "docs", "--models", str(release_folder("1.29.105")), "-s", "license-manager",
        "-o", "create_grant_versoin", "--out", str(tmp_path / "docs"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "no client method 'create_grant_versoin'" in result.stderr
    assert not (tmp_path / "docs").exists()


def _example_strings(installed_source) -> tuple[set[str], set[str]]:
    """Every string value of the installed release's examples, and those of timestamp shapes."""
    strings: set[str] = set()
    timestamps: set[str] = set()

    def walk(value, shape_name, service):
        shape = service.shapes.get(shape_name) if shape_name else None
        if isinstance(value, dict):
            for key, item in value.items():
                member = shape.get_member(key) if shape is not None else None
                walk(item, member.target if member is not None else None, service)
        elif isinstance(value, list):
            for item in value:
                walk(item, shape.member.target if shape and shape.member else None, service)
        elif isinstance(value, str):
            (timestamps if shape is not None and shape.type == "timestamp" else strings).add(value)

    for name in installed_source.services():
        service = installed_source.load(name)
        for operation_name, examples in (service.examples or {}).items():
            operation = service.operations.get(operation_name)
            for example in examples:
                for side, ref in (
                    ("input", operation and operation.input),
                    ("output", operation and operation.output),
                ):
                    walk(example.get(side, {}), ref.target if ref else None, service)
    return strings, timestamps


def test_example_values_are_written_as_botocores_helpers_write_them(installed):
    """Strings escaped and timestamps parsed as botocore does, on every example of the release."""
    import warnings

    from botocore.docs.utils import escape_controls
    from botocore.utils import parse_timestamp

    from codegen.docs.examples import CONTROL_ESCAPES, timestamp_parts

    strings, timestamps = _example_strings(installed)
    assert len(timestamps) > 20
    strings.add("tab\there\nnew line\r\x08\x0c and \\n kept")
    for value in strings:
        assert value.translate(CONTROL_ESCAPES) == escape_controls(value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for value in [*timestamps, "1500000000", "1500000000.5", "Tue, 01 Aug 2017 10:00:00 GMT"]:
            assert timestamp_parts(value) == parse_timestamp(value).timetuple(), value


def test_hand_written_methods_read_from_source_as_inspect_reads_them():
    """Where a signature is read from the source, it is what inspect gives on the import."""
    from codegen.docs.customisations import CUSTOM_METHODS
    from codegen.docs.service import custom_method_from_source, custom_method_imported

    from_source = set()
    for specs in CUSTOM_METHODS.values():
        for name, spec in specs.items():
            module_name, _, attribute = spec.partition(":")
            found = custom_method_from_source(module_name, attribute)
            if found is not None:
                from_source.add(name)
                assert found == custom_method_imported(module_name, attribute), spec
    assert {"can_paginate", "close", "get_paginator", "get_waiter"} <= from_source


@pytest.mark.parametrize("service", ["emr-serverless", "guardduty"])
def test_texts_shifted_a_level_deeper_read_as_if_built_there(service, installed, monkeypatch):
    """Every page is the same whether deeper copies of shiftable texts are shifted or built."""
    from codegen.docs import html
    from codegen.docs.model import SubtreeMemo

    model = installed.load(service)
    shifted = []
    real = SubtreeMemo._shifted

    def counting(self, key):
        text = real(self, key)
        if text is not None:
            shifted.append(key)
        return text

    monkeypatch.setattr(SubtreeMemo, "_shifted", counting)
    with_shifts = dict(ServicePageRenderer(model).pages())
    html.clear_cache()
    monkeypatch.setattr(SubtreeMemo, "_shifted", lambda self, key: None)
    built = dict(ServicePageRenderer(model).pages())
    assert len(shifted) > 10
    assert with_shifts == built


@pytest.mark.parametrize("service", ["emr-serverless", "guardduty"])
def test_a_method_written_flat_reads_as_its_section_tree(service, installed):
    """TextSection (pages nothing edits) and Section (the tree customisations edit) write
    every method, paginator and waiter of a service alike, size limits included."""
    from codegen.docs.method import write_method
    from codegen.docs.sections import DuplicateSection, Section, TextSection

    docs = ServiceDoc(installed.load(service))
    methods = [docs.operation_doc(op.name) for op in docs.service.operations.values()]
    methods += [docs.paginator_doc(name) for name in docs.service.paginators]
    methods += [docs.waiter_doc(name) for name in docs.service.waiters]
    flat_pages = 0
    for doc in methods:
        tree = Section(doc.name, 1)
        write_method(tree, doc)
        flat = TextSection(doc.name, 1)
        try:
            write_method(flat, doc)
        except DuplicateSection:
            continue  # such a page is built as a tree (render.rst.text_under_signature)
        assert flat.flush() == tree.flush(), doc.name
        flat_pages += 1
    assert flat_pages > len(methods) / 2


@pytest.mark.parametrize("workers", [2, 3, 8])
def test_runs_of_pages_for_workers_cover_every_page_once(workers, installed):
    """A service shared out in runs: together they are its pages, each once, in order."""
    from codegen.workers.schedule import PARTS, guided_runs

    runs = guided_runs(workers)
    assert runs[0].start == 0 and runs[-1].stop == PARTS
    assert all(a[1] == b[0] for a, b in itertools.pairwise(runs))
    assert [stop - start for start, stop in runs] == sorted(
        (stop - start for start, stop in runs), reverse=True
    )
    pages = ServicePageRenderer(installed.load("license-manager"))
    whole = list(pages.pages())
    assert [page for run in runs for page in pages.pages(None, run)] == whole
    assert len({path for path, _ in whole}) == len(whole) > 40


@pytest.mark.parametrize(
    "text", ["", "a", "\n", "a\n", "a\nb", "a\r\nb", "a\r", "\r\r\n\n", "x\u2028y\x0bz", "é\nü\n"]
)
def test_lines_are_counted_as_boto3_counts_them(text):
    """boto3 measures a section by the lines of its UTF-8 bytes."""
    from codegen.docs.sections import line_count

    assert line_count(text) == len(text.encode("utf-8").splitlines())


def test_a_services_pages_are_freed_with_the_cycle_collector_paused(installed):
    """Workers render with the collector paused: a service's pages must need no cycle collection."""
    import gc
    import weakref

    gc.disable()
    try:
        pages = ServicePageRenderer(installed.load("license-manager"))
        assert len(list(pages.pages())) > 40
        freed = weakref.ref(pages)
        del pages
        assert freed() is None
    finally:
        gc.enable()
