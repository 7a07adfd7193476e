"""awsapichanges pages as the site prints them: both renderings, every shape of change dict.

Real pages (their addresses in ``tests/fixtures/expected/notes/site/README.md``)
are stored as the search tool returned them: the start of the page. Our page
of the same botocore release pair must start with exactly that text.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from codegen.diff import diff_sources
from codegen.ir import changes as change_json
from codegen.notes import parse_notes
from codegen.render import notes
from codegen.render.plaintext import STYLES
from codegen.sources import open_models
from tests.conftest import FIXTURES, SWITCHED, release_folder, release_pairs
from tests.site_rules import site_changes, site_new_operations

SITE = FIXTURES / "expected" / "notes" / "site"


def _page(old: str, new: str, service: str, date: str, summary: str, style: str) -> str:
    found = diff_sources(
        open_models(str(release_folder(old))), open_models(str(release_folder(new))),
        services=[service],
    )  # fmt: skip
    found = found._replace(
        services=tuple(s._replace(date=date, summary=summary) for s in found.services)
    )
    source = open_models(str(release_folder(new)))
    return notes.awsapichanges(found, notes.method_text_from(source, style=style), style)


# (stored page, style, old release, new release, service, date, the page's summary)
REAL_PAGES = [
    (
        "license-manager-2020-11-23-d2b896.classic.txt", "classic", "1.19.23", "1.19.24",
        "license-manager", "2020/11/23",
        "AWS License Manager now provides the ability for license administrators to be able to"
        " associate license configurations to AMIs shared with their AWS account",
    ),
    (
        "license-manager-2020-11-23-a370aa.current.txt", "current", "1.19.23", "1.19.24",
        "license-manager", "2020/11/23", "Update license-manager client to latest version",
    ),
    # Values added to an existing enum: the set of them; (both) where request and response agree.
    (
        "glue-2022-02-02-755f1d.classic.txt", "classic", "1.23.46", "1.23.47", "glue",
        "2022/02/02", "Launch Protobuf support for AWS Glue Schema Registry",
    ),
    # Values added to an enum below a map, too many for one line: one a line, sorted by pprint.
    (
        "sagemaker-2024-11-14-15af35.current.txt", "current", "1.35.60", "1.35.61", "sagemaker",
        "2024/11/14",
        "Add support for Neuron instance types [ trn1/trn1n/inf2 ] on SageMaker Notebook Instances"
        " Platform.",
    ),
    # A new member whole: nested structures, a list of structures in brackets, new enums 'A | B'.
    (
        "sagemaker-2021-11-08-8af6be.txt", "classic", "1.22.12", "1.23.0", "sagemaker",
        "2021/11/08",
        "SageMaker CreateEndpoint and UpdateEndpoint APIs now support additional deployment"
        " configuration to manage traffic shifting options and automatic rollback monitoring."
        " DescribeEndpoint now shows new in-progress deployment details with stage status.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("stored", "style", "old", "new", "service", "date", "summary"),
    REAL_PAGES,
    ids=[p[0] for p in REAL_PAGES],
)
def test_a_real_page_is_where_ours_starts(stored, style, old, new, service, date, summary):
    real = (SITE / stored).read_text(encoding="utf-8")
    ours = _page(old, new, service, date, summary, style)
    assert ours[: len(real)] == real


def test_the_two_renderings_differ_only_in_field_names_and_inline_spacing():
    pages = {
        style: _page("1.19.23", "1.19.24", "license-manager", "2020/11/23", "S.", style)
        for style in STYLES
    }
    classic, current = pages["classic"], pages["current"]
    assert "\ntype LicenseConfigurationArn\n" in classic
    assert "\ntype LicenseConfigurationArn:\n" in current
    assert "\nrtype:\n\ndict\n\nreturns:\n" in current
    # Both parse back to the same operations, which are the differ's.
    parsed = [change_json.to_json(parse_notes(p), notes_only=True) for p in pages.values()]
    assert parsed[0] == parsed[1]
    assert [op["name"] for op in parsed[0]["services"][0]["operations"]] == [
        "ListAssociationsForLicenseConfiguration",
        "ListLicenseSpecificationsForResource",
        "UpdateLicenseSpecificationsForResource",
    ]


def test_the_seed_rendering_keeps_inline_markup_spaced_and_the_current_one_does_not():
    old, new = "1.29.104", "1.29.105"
    classic = _page(old, new, "license-manager", "2023/04/03", "S.", "classic")
    current = _page(old, new, "license-manager", "2023/04/03", "S.", "current")
    assert "in the License Manager User Guide .\n" in classic
    assert "in the License Manager User Guide.\n" in current
    assert classic.replace("User Guide .", "User Guide.").count("\n") == current.count("\n")


def test_the_migration_note_says_which_methods_and_what_their_callers_see():
    found = diff_sources(
        open_models(str(release_folder("1.29.104"))), open_models(str(release_folder("1.29.105"))),
        services=["license-manager"],
    )  # fmt: skip
    note = notes.markdown(found)
    value = (
        "{'ActivationOverrideBehavior': 'DISTRIBUTED_GRANTS_ONLY | ALL_GRANTS_PERMITTED_BY_ISSUER'}"
    )
    assert f"- `create_grant_version` takes a new optional `Options` (`{value}`).\n" in note
    assert (
        "- Responses of `get_grant`, `list_distributed_grants`, `list_received_grants` and"
        f" `list_received_grants_for_organization` gain `Grant.Options` (`{value}`).\n"
    ) in note
    assert "CreateGrantVersionRequest" not in note


def _raw_model(source, service: str) -> dict:
    path = next(p for p in source.model_files(service) if p.endswith(("service-2.json", ".gz")))
    data = Path(path).read_bytes()
    return json.loads(gzip.decompress(data) if path.endswith(".gz") else data)


def _as_site_prints(note) -> dict:
    found = {}
    if note.request is not None:
        found["request"] = note.request
    if note.response is not None:
        found["response"] = note.response
    if len(found) == 2 and found["request"] == found["response"]:
        found = {"both": found["request"]}
    return found


# Where our pages knowingly differ from the site's rules, and why.
KNOWN = {
    # A response member switches from a structure to a map: the site's generator
    # stops there (it reads a map's key off the old structure); ours prints the new type.
    ("1.33.0", "1.35.0", "workspaces-thin-client", "GetDevice"),
    ("1.33.0", "1.35.0", "workspaces-thin-client", "GetEnvironment"),
}


def test_every_release_pair_gives_the_change_dicts_of_the_sites_rules():
    """The differ's per-operation view against the site's rules (``site_rules``) on raw JSON."""
    differ = set()
    compared = 0
    for old, new, service, a, b in [*release_pairs(), *release_pairs(SWITCHED)]:
        site = site_changes(_raw_model(a, service), _raw_model(b, service))
        found = diff_sources(a, b, services=[service])
        notes_ = [op for s in found.services for op in s.operations]
        ours = {op.name: _as_site_prints(op) for op in notes_ if op.change == "updated"}
        assert {op.name for op in notes_ if op.change == "new"} == site_new_operations(
            _raw_model(a, service), _raw_model(b, service)
        )
        compared += 1
        for operation in ours.keys() | site.keys():
            if ours.get(operation) != site.get(operation):
                differ.add((old, new, service, operation))
    assert compared >= 40
    assert differ == KNOWN


# Release pairs whose pages hold every form of change dict: sets of enum values,
# new members with lists (of structures, of scalars), maps, request and response apart.
ROUND_TRIP = [
    ("1.23.46", "1.23.47", "glue"),
    ("1.22.12", "1.23.0", "sagemaker"),
    ("1.37.0", "1.39.0", "bedrock-data-automation"),
    ("1.33.0", "1.35.0", "workspaces-thin-client"),
]


@pytest.mark.parametrize(("old", "new", "service"), ROUND_TRIP)
@pytest.mark.parametrize("style", STYLES)
def test_pages_of_either_rendering_parse_back_to_the_same_change_set(old, new, service, style):
    found = diff_sources(
        open_models(str(release_folder(old))), open_models(str(release_folder(new))),
        services=[service],
    )  # fmt: skip
    found = found._replace(
        services=tuple(s._replace(date="2024/01/02", summary="S.") for s in found.services)
    )
    page = _page(old, new, service, "2024/01/02", "S.", style)
    parsed = parse_notes(page)
    (ours,) = found.services
    (theirs,) = parsed.services
    assert theirs.operations == ours.operations
    # The page without reference text, from what was parsed, is the page's own skeleton.
    assert notes.awsapichanges(parsed, style=style) == notes.awsapichanges(found, style=style)
    # JSON keeps sets apart from lists, and reads back to the same change dicts.
    data = json.loads(change_json.dumps(parsed, notes_only=True))
    assert change_json.from_json(data).services[0].operations == ours.operations


def test_the_current_rendering_prints_headline_counts_run_together():
    """As today's pages do: ``2 new3 updated`` (awsapichanges.com 48e8db-profile, 2021/04/30)."""
    found = diff_sources(
        open_models(str(release_folder("1.37.0"))), open_models(str(release_folder("1.39.0"))),
        services=["bedrock-data-automation-runtime"],
    )  # fmt: skip
    classic = notes.awsapichanges(found)
    current = notes.awsapichanges(found, style="current")
    assert " - 3 new 1 updated api methods\n" in classic
    assert " - 3 new1 updated api methods\n" in current
    assert parse_notes(current) == parse_notes(classic)


def test_a_set_in_json_is_marked_apart_from_a_list():
    found = diff_sources(
        open_models(str(release_folder("1.23.46"))), open_models(str(release_folder("1.23.47"))),
        services=["glue"],
    )  # fmt: skip
    data = change_json.to_json(found)
    operation = data["services"][0]["operations"][0]
    assert operation["name"] == "CheckSchemaVersionValidity"
    assert operation["request"] == {"DataFormat": {"$set": ["PROTOBUF"]}}
    changes = data["services"][0]["changes"]
    (added,) = [c for c in changes if c["kind"] == "request-enum-value-added"]
    assert added["new"] == "PROTOBUF"


def test_a_new_member_holding_a_list_of_lists():
    """customer-profiles 1.23.12 -> 1.23.13: Matching, with MatchingAttributesList [['string']].

    No stored page of that release was found; the expected page is written from the site's
    rules (and ``site_rules`` agrees, in the test above).
    """
    found = diff_sources(
        open_models(str(release_folder("1.23.12"))), open_models(str(release_folder("1.23.13"))),
        services=["customer-profiles"],
    )  # fmt: skip
    expected = FIXTURES / "expected" / "notes" / "customer-profiles@1.23.12..1.23.13.changes.txt"
    page = notes.awsapichanges(found)
    assert page == expected.read_text(encoding="utf-8")
    assert "'Consolidation': {'MatchingAttributesList': [['string']]}," in page
    assert parse_notes(page).services[0].operations == found.services[0].operations


def test_diff_and_notes_parse_from_the_command_line_in_the_current_rendering(tmp_path, run_cli):
    old, new = release_folder("1.23.46"), release_folder("1.23.47")
    page = tmp_path / "page.txt"
    made = run_cli(
        "diff", str(old), str(new), "-s", "glue", "--format", "awsapichanges",
        "--style", "current", "--date", "2022/02/02", "--summary", "S.", "--out", str(page),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = page.read_text(encoding="utf-8")
    assert "\ntype DataFormat:\n" in text
    parsed = run_cli("notes", "parse", str(page))
    assert parsed.returncode == 0, parsed.stderr
    operations = json.loads(parsed.stdout)["services"][0]["operations"]
    assert operations[0] == {
        "name": "CheckSchemaVersionValidity",
        "change": "updated",
        "request": {"DataFormat": {"$set": ["PROTOBUF"]}},
        "response": None,
    }
    bad = run_cli("diff", str(old), str(new), "--format", "awsapichanges", "--style", "newest")
    assert bad.returncode == 2
    assert "'newest' is not one of 'classic', 'current'" in bad.stderr


def test_a_shape_sent_and_received_prints_each_sides_paths_apart():
    """bedrock-data-automation 1.37.0 -> 1.39.0: the enum ``Type`` gains AUDIO and VIDEO.

    CreateBlueprint takes ``type`` and returns ``blueprint.type``: by the site's rules
    the request dict holds the one and the response dict the other (and the request a new
    ``tags`` list of structures), so they differ and print apart.
    """
    found = diff_sources(
        open_models(str(release_folder("1.37.0"))), open_models(str(release_folder("1.39.0"))),
        services=["bedrock-data-automation"],
    )  # fmt: skip
    expected = (
        "CreateBlueprint\u00a0(updated) Link ¶\n"
        "Changes (request, response)\n"
        "Request\n"
        "{'tags': [{'key': 'string', 'value': 'string'}], 'type': {'AUDIO', 'VIDEO'}}\n"
        "Response\n"
        "{'blueprint': {'type': {'AUDIO', 'VIDEO'}}}\n"
    )
    assert expected in notes.awsapichanges(found)


def test_a_shape_recurring_inside_a_new_member_prints_as_the_site_prints_it():
    """budgets 1.37.37 -> 1.37.38: FilterExpression, an Expression of Expressions.

    The site prints the recurring shape as ``()``: ``{'FilterExpression': {'And': [()], ...
    'Not': (), 'Or': [()], ...`` on https://awsapichanges.info/archive/changes/b9ed58-budgets.html
    (2026/01/22, a later release adding the same shape to another method).
    """
    found = diff_sources(
        open_models(str(release_folder("1.37.37"))), open_models(str(release_folder("1.37.38"))),
        services=["budgets"],
    )  # fmt: skip
    page = notes.awsapichanges(found)
    assert "'FilterExpression': {'And': [()]," in page
    assert "'Not': ()," in page
    assert parse_notes(page).services[0].operations == found.services[0].operations
    # In JSON the () is [], and it reads back as (), in the change dicts and in the changes.
    data = json.loads(change_json.dumps(found))
    assert change_json.from_json(data) == found
