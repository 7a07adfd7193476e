"""Release notes: seed 001 (the awsapichanges page of license-manager 1.29.104 -> 1.29.105)."""

from __future__ import annotations

import json
import re
import shutil

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


# -- boto3 resource changes in the migration note ----------------------------------------

BOTO3_MODELS = FIXTURES / "models"


def _resource_markdown(service: str, old: str, new: str) -> str:
    def load(version: str):
        return open_models(str(BOTO3_MODELS / f"boto3-{version}")).load_set([service])

    return notes.markdown(diff_models(load(old), load(new), services=[service]))


@pytest.mark.parametrize(
    ("service", "old", "new", "lines"),
    [
        ("dynamodb", "1.2.0", "1.4.4", [
            "- `Table` gains waiter `wait_until_exists()`.",
            "- `Table` gains waiter `wait_until_not_exists()`.",
        ]),
        ("dynamodb", "1.4.4", "1.2.0", [
            "- **error** Waiter `Table.wait_until_exists()` is gone.",
            "- **error** Waiter `Table.wait_until_not_exists()` is gone.",
        ]),
        ("sqs", "1.2.0", "1.4.4", [
            "- **warning** Collection `Queue.dead_letter_source_queues` changed: the `url` of each"
            " `Queue` comes from response `queueUrls[]` (was response `QueueUrls[]`).",
        ]),
        ("glacier", "1.4.4", "1.43.11", ["- `Vault` gains collection `multipart_uploads`."]),
        ("glacier", "1.43.11", "1.4.4", [
            "- **error** Collection `Vault.multipart_uploads` is gone.",
        ]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)  # fmt: skip
def test_resource_changes_read_as_python_names_in_the_migration_note(service, old, new, lines):
    """The real resource changes of boto3 1.2.0 -> 1.4.4 -> 1.43.11 (each with its botocore):
    one readable line each, naming the class and part as callers write them."""
    found = _resource_markdown(service, old, new).splitlines()
    for line in lines:
        assert line in found
    resource_lines = [line for line in found if "Table." in line or "Vault." in line]
    assert not [line for line in resource_lines if f"`{service}`: " in line]  # no generic line


def _edit(model: dict, path: str, value: object = None) -> None:
    """Set (or, with value None, remove) ``path`` (dotted keys) in a resource model."""
    *parents, last = path.split(".")
    for key in parents:
        model = model[int(key)] if isinstance(model, list) else model[key]
    if value is None:
        model.pop(last)
    elif isinstance(model, list):
        model[int(last)] = value
    else:
        model[last] = value


_DATA_QUEUE = {"target": "Url", "source": "data", "path": "QueueUrl"}
_THING = {"identifiers": [{"name": "Id"}]}
# (service, side edited, path, value, the line the change gives). On the real sqs and
# dynamodb resource models of boto3 1.4.4 (with botocore 1.5.0), one edit each.
RESOURCE_EDITS = [
    ("sqs", "old", "resources.Queue.actions.Purge", None, "- `Queue` gains action `purge()`."),
    ("sqs", "new", "resources.Queue.actions.Purge", None,
     "- **error** Action `Queue.purge()` is gone."),
    ("sqs", "new", "resources.Queue.actions.Purge.request.operation", "DeleteQueue",
     "- **warning** Action `Queue.purge()` request changed: calls `delete_queue`"
     " (was `purge_queue`)."),
    ("sqs", "new", "service.actions.GetQueueByName.resource", None,
     '- **error** Action `boto3.resource("sqs").get_queue_by_name()` now returns the response'
     " (was a Queue)."),
    ("sqs", "new", "resources.Queue.identifiers", [{"name": "Url"}, {"name": "Region"}],
     "- **error** `Queue(...)` takes `url`, `region` (was `url`)."),
    ("sqs", "new", "resources.Message.shape", "MessageAttributeValue",
     "- **warning** Attributes of `Message` come from `MessageAttributeValue` (was `Message`)."),
    ("sqs", "new", "resources.Queue.load", None,
     "- **error** `Queue` no longer has `load()` and `reload()`."),
    ("sqs", "new", "resources.Queue.load.path", "Attributes",
     "- **warning** `Queue.load()` changed: data from `Attributes` (was `@`)."),
    ("sqs", "new", "resources.Message.actions.Body", {"request": {"operation": "DeleteMessage"}},
     "- **error** Attribute `body` of `Message` is now `body_attribute` (its name is taken)."),
    ("sqs", "new", "resources.Message.batchActions", None,
     "- **error** Batch action `delete()` is gone from collections of `Message`."),
    ("sqs", "new", "resources.Message.batchActions.Delete.request.operation",
     "ChangeMessageVisibilityBatch",
     "- **warning** Batch action `delete()` on collections of `Message` changed: calls"
     " `change_message_visibility_batch` (was `delete_message_batch`)."),
    ("sqs", "new", "resources.Message.has.Queue.resource.identifiers.0", _DATA_QUEUE,
     "- **error** Sub-resource `Message.Queue()` is gone."),
    ("sqs", "new", "resources.Message.has.Queue.resource.identifiers.0", _DATA_QUEUE,
     "- `Message` gains reference `queue`."),
    ("sqs", "new", "service.hasMany.Queues.request.params",
     [{"target": "QueueNamePrefix", "source": "string", "value": "x"}],
     '- **warning** Collection `boto3.resource("sqs").queues` changed: boto3 fills'
     " `QueueNamePrefix` (was nothing)."),
    ("sqs", "new", "resources.Thing", _THING, "- New resource `Thing`."),
    ("sqs", "new", "resources.Thing", _THING,
     '- `boto3.resource("sqs")` gains sub-resource `Thing()`.'),
    ("dynamodb", "new", "resources.Table.waiters.Exists.waiterName", "TableNotExists",
     "- **warning** Waiter `Table.wait_until_exists()` changed: waits with `TableNotExists`"
     " (was `TableExists`)."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("service", "side", "path", "value", "expected"),
    RESOURCE_EDITS,
    ids=[f"{e[0]}-{e[1]}-{e[2]}-{i}" for i, e in enumerate(RESOURCE_EDITS)],
)
def test_each_resource_change_kind_reads_as_python_names(
    tmp_path, service, side, path, value, expected
):
    """A change of each kind made by one edit of a real model: its line names the class and
    the part as callers write them, and what changed inside it."""
    folders = {}
    for name in ("old", "new"):
        folder = shutil.copytree(BOTO3_MODELS / "boto3-1.4.4", tmp_path / name)
        resources = next((folder / "boto3" / "data" / service).glob("*/resources-1.json"))
        if name == side:
            model = json.loads(resources.read_text())
            _edit(model, path, value)
            resources.write_text(json.dumps(model))
        folders[name] = open_models(str(folder)).load_set([service])
    found = notes.markdown(diff_models(folders["old"], folders["new"], services=[service]))
    assert expected in found.splitlines(), found
