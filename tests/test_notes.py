"""Release notes: seed 001 (the awsapichanges page of license-manager 1.29.104 -> 1.29.105)."""

from __future__ import annotations

import json
import re

import pytest

from codegen.diff import diff_models, diff_sources
from codegen.errors import CodegenError
from codegen.ir import changes as change_json
from codegen.notes import parse_notes, read_changelog
from codegen.render import notes
from codegen.sources import open_models
from tests.conftest import FIXTURES, release_folder

SEED = FIXTURES / "expected" / "notes" / "license-manager-1.29.104-1.29.105.awsapichanges.txt"
SUMMARY = (
    "This release adds grant override options to the CreateGrantVersion API. These options can"
    " be used to specify grant replacement behavior during grant activation."
)
_METHOD_HEADER = re.compile(r"^\w+\u00a0\((?:new|updated|removed)\) Link ¶$", re.MULTILINE)


OLD, NEW = release_folder("1.29.104"), release_folder("1.29.105")


def _license_manager_changes():
    old = open_models(str(OLD)).load_set(["license-manager"])
    new = open_models(str(NEW)).load_set(["license-manager"])
    found = diff_models(old, new)
    services = tuple(s._replace(date="2023/04/03", summary=SUMMARY) for s in found.services)
    return found._replace(services=services)


def test_seed_001_is_reproduced_exactly():
    page = notes.awsapichanges(
        _license_manager_changes(), notes.method_text_from(open_models(str(NEW)))
    )
    assert page == SEED.read_text(encoding="utf-8")


def test_without_reference_text_the_page_is_the_seed_minus_method_bodies():
    page = notes.awsapichanges(_license_manager_changes())
    seed = SEED.read_text(encoding="utf-8")
    # Every block printed (headline, summary, method header with its change dict) is in the
    # seed, in the same order, byte for byte.
    blocks = page.split("\n\n")
    assert blocks[:3] == seed.split("\n\n")[:3]
    position = 0
    for block in blocks[3:]:
        found = seed.find(block + "\n\n", position)
        assert found > position, block
        position = found
    assert len(_METHOD_HEADER.findall(page)) == len(_METHOD_HEADER.findall(seed)) == 5


def test_the_seed_parses_to_the_operations_the_differ_finds():
    parsed = parse_notes(SEED.read_text(encoding="utf-8"), path=str(SEED))
    ours = _license_manager_changes()
    assert change_json.to_json(parsed, notes_only=True) == change_json.to_json(
        ours, notes_only=True
    )
    (service,) = parsed.services
    assert service.name == "AWS License Manager"
    assert service.date == "2023/04/03"
    assert service.summary == SUMMARY
    assert [op.name for op in service.operations] == [
        "CreateGrantVersion",
        "GetGrant",
        "ListDistributedGrants",
        "ListReceivedGrants",
        "ListReceivedGrantsForOrganization",
    ]
    get_grant = service.operations[1]
    assert get_grant.request is None
    behaviours = "DISTRIBUTED_GRANTS_ONLY | ALL_GRANTS_PERMITTED_BY_ISSUER"
    assert get_grant.response == {"Grant": {"Options": {"ActivationOverrideBehavior": behaviours}}}


def test_a_rendered_page_parses_back_to_the_same_operations():
    ours = _license_manager_changes()
    page = notes.awsapichanges(ours)
    again = parse_notes(page)
    assert again.services[0].operations == ours.services[0].operations
    assert notes.awsapichanges(again) == page


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize(
    ("cut", "line", "message"),
    [
        (9, 9, "malformed change dict"),  # inside CreateGrantVersion's dict
        (100, 3, "headline announces 5 updated api method(s), the page has 1"),
        (2, 2, "page ends where"),
    ],
)
def test_a_truncated_page_is_an_error_with_its_line(cut, line, message):
    text = "\n".join(_seed_lines()[:cut])
    with pytest.raises(CodegenError) as error:
        parse_notes(text, path="page.txt")
    assert error.value.place == f"line {line}"
    assert message in error.value.message


def test_a_malformed_method_header_is_an_error_with_its_line():
    lines = _seed_lines()
    lines[7] = "Changes (sideways)"
    with pytest.raises(CodegenError) as error:
        parse_notes("\n".join(lines), path="page.txt")
    assert str(error.value) == (
        "page.txt: line 8: expected 'Changes (request|response|both)' for CreateGrantVersion"
    )


def test_changelog_summaries_come_from_the_release_entry(tmp_path):
    changelog = tmp_path / "CHANGELOG.rst"
    changelog.write_text(
        "=========\nCHANGELOG\n=========\n\n1.26.105\n========\n\n"
        f"* api-change:``license-manager``: [``botocore``] {SUMMARY}\n"
        "* api-change:``ec2``: [``botocore``] Other.\n\n\n"
        "1.26.104\n========\n\n* api-change:``license-manager``: [``botocore``] Older.\n"
    )
    # boto3 1.26.105 is the release that shipped botocore 1.29.105.
    assert read_changelog(changelog, "1.29.105") == {"license-manager": SUMMARY, "ec2": "Other."}
    with pytest.raises(CodegenError, match="no entry for release 1.29.200 or 1.26.200"):
        read_changelog(changelog, "1.29.200")


def test_migration_note_and_page_of_a_release_with_breaking_changes():
    """bedrock-data-automation-runtime 1.37.0 -> 1.39.0: new methods, a new required parameter."""
    old = open_models(str(release_folder("1.37.0")))
    new = open_models(str(release_folder("1.39.0")))
    found = diff_sources(old, new, services=["bedrock-data-automation-runtime"])
    expected = FIXTURES / "expected" / "notes"
    stem = "bedrock-data-automation-runtime@1.37.0..1.39.0"
    assert notes.markdown(found) == (expected / f"{stem}.md").read_text(encoding="utf-8")
    page = (expected / f"{stem}.changes.txt").read_text(encoding="utf-8")
    assert notes.awsapichanges(found) == page
    parsed = parse_notes(page)
    assert [(op.name, op.change) for op in parsed.services[0].operations] == [
        ("ListTagsForResource", "new"),
        ("TagResource", "new"),
        ("UntagResource", "new"),
        ("InvokeDataAutomationAsync", "updated"),
    ]


def test_changes_json_entries_and_a_missing_service_said_plainly(tmp_path, run_cli):
    changes = tmp_path / "1.29.105.json"
    entries = [
        {"category": "``license-manager``", "description": SUMMARY, "type": "api-change"},
        {"category": "Endpoints", "description": "Updated.", "type": "enhancement"},
    ]
    changes.write_text(json.dumps(entries))
    assert read_changelog(changes, "1.29.105") == {"license-manager": SUMMARY}
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    result = run_cli(
        "diff", str(OLD), str(NEW), "-s", "license-manager", "--format", "awsapichanges",
        "--changelog", str(empty), "--summary", "Fallback.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{empty} has no entry for license-manager in 1.29.105; using --summary" in (
        result.stderr
    )
    assert "Changes\u00a0 Fallback." in result.stdout
    used = run_cli(
        "diff", str(OLD), str(NEW), "-s", "license-manager", "--format", "awsapichanges",
        "--changelog", str(changes), "--date", "2023/04/03",
    )  # fmt: skip
    assert used.stdout.startswith(SEED.read_text(encoding="utf-8").split("\n\nCreateGrant")[0])
