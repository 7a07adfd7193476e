"""``boto-codegen diff`` and ``notes parse`` as a user runs them."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, release_folder

OLD, NEW = str(release_folder("1.29.104")), str(release_folder("1.29.105"))
SEED = FIXTURES / "expected" / "notes" / "license-manager-1.29.104-1.29.105.awsapichanges.txt"


def test_diff_json_lists_graded_changes_with_the_operations_they_reach(run_cli):
    result = run_cli("diff", OLD, NEW, "-s", "license-manager", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (service,) = data["services"]
    assert service["service"] == "license-manager"
    by_id = {c["id"]: c for c in service["changes"]}
    assert sorted(by_id) == [
        "request-member-added-optional:license-manager:CreateGrantVersionRequest.Options",
        "response-member-added:license-manager:Grant.Options",
    ]
    grant = by_id["response-member-added:license-manager:Grant.Options"]
    assert grant["severity"] == "info" and grant["side"] == "response"
    assert [(a["operation"], a["side"], a["paths"]) for a in grant["affects"]] == [
        ("GetGrant", "response", ["Grant"]),
        ("ListDistributedGrants", "response", ["Grants[]"]),
        ("ListReceivedGrants", "response", ["Grants[]"]),
        ("ListReceivedGrantsForOrganization", "response", ["Grants[]"]),
    ]


def test_documentation_changes_only_with_include_docs(run_cli):
    quiet = run_cli("diff", OLD, NEW, "-s", "license-manager", "--format", "json")
    loud = run_cli("diff", OLD, NEW, "-s", "license-manager", "--format", "json", "--include-docs")
    kinds = [c["kind"] for c in json.loads(loud.stdout)["services"][0]["changes"]]
    assert "documentation-changed" in kinds
    assert "documentation-changed" not in quiet.stdout
    # Documentation never makes an operation "updated".
    ops = json.loads(loud.stdout)["services"][0]["operations"]
    assert len(ops) == 5 and "CreateGrant" not in [op["name"] for op in ops]


def test_fail_on_gates_on_severity_and_the_ignore_file_accepts_changes(tmp_path, run_cli):
    # Going back from 1.29.105 to 1.29.104 removes a request parameter (error)
    # and a response member (warning).
    assert run_cli("diff", NEW, OLD, "-s", "license-manager").returncode == 0
    failed = run_cli("diff", NEW, OLD, "-s", "license-manager", "--fail-on", "error")
    assert failed.returncode == 1
    assert "request-member-removed:license-manager:CreateGrantVersionRequest.Options" in (
        failed.stderr
    )
    ignore = tmp_path / "accepted.txt"
    ignore.write_text("# accepted in review\nrequest-member-removed:license-manager:*\n")
    accepted = run_cli(
        "diff", NEW, OLD, "-s", "license-manager", "--fail-on", "error", "--ignore", str(ignore)
    )
    assert accepted.returncode == 0, accepted.stderr
    assert "1 change(s) accepted" in accepted.stderr
    warned = run_cli(
        "diff", NEW, OLD, "-s", "license-manager", "--fail-on", "warning", "--ignore", str(ignore)
    )
    assert warned.returncode == 1
    assert "response-member-removed" in warned.stdout


def test_bad_ignore_line_is_a_one_line_error(tmp_path, run_cli):
    ignore = tmp_path / "accepted.txt"
    ignore.write_text("\nnot-a-kind\n")
    result = run_cli("diff", OLD, NEW, "--ignore", str(ignore))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"boto-codegen: error: {ignore}: line 2: 'not-a-kind' is neither a change id,"
        " a kind id nor a pattern"
    )


def test_markdown_puts_breaking_changes_first_with_what_to_do(run_cli):
    result = run_cli("diff", NEW, OLD, "-s", "license-manager", "--format", "markdown")
    text = result.stdout
    assert text.index("### Breaking changes") < text.index("request-member-removed")
    assert "What to do: Stop passing the parameter" in text
    assert text.index("**error**") < text.index("**warning**")


def test_awsapichanges_to_a_file_then_parsed_back(tmp_path, run_cli):
    page = tmp_path / "page.txt"
    result = run_cli(
        "diff", OLD, NEW, "-s", "license-manager", "--format", "awsapichanges",
        "--date", "2023/04/03", "--summary", "Grant overrides.", "--out", str(page),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert page.read_text().startswith(
        "AWS License Manager\n\n2023/04/03 - AWS License Manager - 5 updated api methods\n\n"
        "Changes\u00a0 Grant overrides.\n\n"
    )
    parsed = run_cli("notes", "parse", str(page))
    assert parsed.returncode == 0, parsed.stderr
    seed = run_cli("notes", "parse", str(SEED))
    ours, theirs = json.loads(parsed.stdout), json.loads(seed.stdout)
    assert ours["services"][0]["operations"] == theirs["services"][0]["operations"]


def test_bad_date_and_truncated_page_exit_2(tmp_path, run_cli):
    assert run_cli("diff", OLD, NEW, "--date", "3 April").returncode == 2
    page = tmp_path / "page.txt"
    page.write_text("\n".join(SEED.read_text().split("\n")[:9]), encoding="utf-8")
    result = run_cli("notes", "parse", str(page))
    assert result.returncode == 2
    assert result.stderr.startswith(f"boto-codegen: error: {page}: line 9: malformed change dict")
    assert "Traceback" not in result.stderr


def test_the_seed_page_from_the_command_line(tmp_path, run_cli):
    summary = (
        "This release adds grant override options to the CreateGrantVersion API. These options"
        " can be used to specify grant replacement behavior during grant activation."
    )
    page = tmp_path / "page.txt"
    result = run_cli(
        "diff", OLD, NEW, "--service", "license-manager", "--format", "awsapichanges",
        "--date", "2023/04/03", "--summary", summary, "--out", str(page),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert page.read_bytes() == SEED.read_bytes()


def test_output_does_not_depend_on_hash_seeds(run_cli):
    # Paths into a shape reached from several roots once followed set order.
    args = ("diff", str(release_folder("1.33.0")), str(release_folder("1.35.0")), "--format")
    one = run_cli(*args, "json", env={"PYTHONHASHSEED": "1"})
    two = run_cli(*args, "json", env={"PYTHONHASHSEED": "2"})
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    assert '"paths": [\n' in one.stdout
