"""The generated Sphinx project: boto3's page content is counted apart, ours fails the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from codegen.render.sphinx_warnings import BOTO3_CONTENT, cause
from tests.conftest import release_folder

# Warnings as Sphinx 8.1.3 reported them building 17 services' pages (botocore 1.43.11,
# byte-identical to boto3's; bench/sphinx.py), with the page each was on.
SEEN_ON_BOTO3_PAGES = [
    ("cloudfront/client/delete_public_key.rst:46",
     "Field list ends without a blank line; unexpected unindent."),
    ("dynamodb/client/list_imports.rst:40", "Inline literal start-string without end-string."),
    ("events/client/describe_rule.rst:100", "Inline emphasis start-string without end-string."),
    ("glue/client/create_connection.rst:196",
     "Inline interpreted text or phrase reference start-string without end-string."),
    ("ec2/client/get_spot_placement_scores.rst:1059",
     "Block quote ends without a blank line; unexpected unindent."),
    ("s3.rst:5", 'Duplicate explicit target name: "user guide".'),
    ("s3/client/upload_file.rst:20", "undefined label: 'ref_s3transfer_usage'"),
    # Resource pages (sqs, Sphinx 8.1.3).
    ("sqs/message/index.rst:11", "unknown document: '../../../../guide/resources' [ref.doc]"),
    ("sqs/message/index.rst:40", "undefined label: 'identifiers_attributes_intro' [ref.ref]"),
    ("sqs/queue/index.rst:120", "undefined label: 'guide_collections' [ref.ref]"),
    ("sqs/service-resource/queues.rst:31", "duplicate object description of filter, other "
     "instance in sqs/queue/dead_letter_source_queues, use :no-index: for one of them"),
]  # fmt: skip


@pytest.mark.parametrize(("location", "message"), SEEN_ON_BOTO3_PAGES)
def test_warnings_of_boto3s_page_content_are_recognised(location: str, message: str) -> None:
    assert cause(message, f"/tmp/docs/{location}", "/tmp/docs") in {
        label for label, _ in BOTO3_CONTENT
    }


def test_only_the_projects_own_index_is_ours() -> None:
    message = "undefined label: 'actions_intro'"
    assert cause(message, "/tmp/docs/index.rst:3", "/tmp/docs") is None
    assert cause(message, "/tmp/docs/sqs/queue/index.rst:3", "/tmp/docs") is not None


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("index.rst:3", "Inline literal start-string without end-string."),  # our own file
        ("s3.rst:5", 'Duplicate explicit target name: "s3".'),  # not boto3's repeated link
        ("s3/client/copy.rst:9", "undefined label: 'some_other_label'"),
        ("s3/client/copy.rst:9", "Title underline too short."),
        (("s3/client/copy", 9), "toctree contains reference to nonexisting document 'x'"),
        ("s3.rst:9", "duplicate object description of S3.Client.copy, other instance in s3"),
        ("sqs/queue/index.rst:40", "undefined label: 'some_intro' [ref.ref]"),
    ],
)
def test_other_warnings_are_not(location: object, message: str) -> None:
    assert cause(message, location) is None


def _write(tmp_path: Path, run_cli, *args: str) -> Path:
    out = tmp_path / "docs"
    result = run_cli("docs", *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _sphinx(out: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-j", "auto", "-b", "html", str(out),
         str(tmp_path / "html")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_boto3s_own_s3_pages_build_with_w_and_are_counted_apart(tmp_path: Path, run_cli) -> None:
    out = _write(tmp_path, run_cli, "-s", "s3", "-o", "upload_file", "-o", "download_file")
    build = _sphinx(out, tmp_path)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    assert (
        "boto-codegen: 4 warnings caused by boto3's own page content, counted apart:"
        # Paginators, waiters and resources each link to their "user guide".
        " 2 from the client page's repeated 'user guide' link,"
        " 2 from boto3's s3 transfer docstrings refer to its user guide"
    ) in build.stderr
    assert (tmp_path / "html" / "s3" / "client" / "upload_file.html").exists()


def test_a_warning_of_our_own_files_fails_the_build(tmp_path: Path, run_cli) -> None:
    out = _write(tmp_path, run_cli, "--models", str(release_folder("1.29.105")),
                 "-s", "license-manager", "-o", "create_grant")  # fmt: skip
    index = out / "index.rst"
    # The same warning boto3's pages cause, but in a file that is ours: not counted apart.
    index.write_text(index.read_text() + "\nAn ``unterminated literal.\n")
    build = _sphinx(out, tmp_path)
    assert build.returncode != 0
    assert "index.rst:" in build.stderr
    assert "Inline literal start-string without end-string." in build.stderr
