"""awsapichanges pages as the site prints them: both renderings, every shape of change dict.

Real pages (their addresses in ``tests/fixtures/expected/notes/site/README.md``)
are stored as the search tool returned them: the start of the page. Our page
of the same botocore release pair must start with exactly that text.
"""

from __future__ import annotations

import pytest

from codegen.diff import diff_sources
from codegen.ir import changes as change_json
from codegen.notes import parse_notes
from codegen.render import notes
from codegen.render.plaintext import STYLES
from codegen.sources import open_models
from tests.conftest import FIXTURES, release_folder

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
    return notes.awsapichanges(found, notes.method_text_from(source, style=style))


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
