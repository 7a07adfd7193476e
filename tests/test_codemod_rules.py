"""The TOML rule language: what it reads, what it refuses, and that it writes itself back."""

from __future__ import annotations

import tomllib

import pytest

from codegen.codemod.rules import (
    LIST_ITEMS,
    ParameterRule,
    RuleSet,
    ValueRewrite,
    dump_rules,
    load_rules,
    parse_rules,
)
from codegen.errors import CodegenError
from tests.codemod_cases import CODEMOD, migration


def test_the_fixture_rules_read_as_written():
    rules = load_rules(CODEMOD / "rules.toml")
    es = rules.services["es"]
    assert es.rename == "opensearch"
    assert es.waiters == {"domain_gone": None, "domain_ready": "domain_available"}
    create = es.operations["create_elasticsearch_domain"]
    assert create.rename == "create_domain"
    assert ParameterRule(("TagList", LIST_ITEMS, "Key"), rename="TagKey") in create.parameters
    assert ParameterRule(("DomainName",), required=True) in create.parameters
    assert es.operations["delete_elasticsearch_service_role"].removed


@pytest.mark.parametrize("rules", ["fixture", "migration"])
def test_dump_then_parse_gives_the_same_rules(rules):
    original = (
        load_rules(CODEMOD / "rules.toml") if rules == "fixture" else migration("es-to-opensearch")
    )
    text = dump_rules(original)
    assert parse_rules(tomllib.loads(text), origin=original.origin) == original


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        ("version = 2", "version", "unsupported rules version 2"),
        ("[services.es]\nrenam = 'x'", "services.es.renam", "unknown key"),
        ("[services.es.operations.a]\nrename = 'b'\nremoved = true", "services.es.operations.a",
         "either renamed or removed"),
        ("[services.es.operations.a.parameters]\nX = {}", "services.es.operations.a.parameters.X",
         "needs rename, removed, required, check or value"),
        ("[services.es.operations.a.parameters]\n'X..Y' = { removed = true }",
         "services.es.operations.a.parameters.X..Y", "invalid parameter path"),
        ("[services.es.operations.a.parameters]\nX = { value = { match = '(', replace = '' } }",
         "services.es.operations.a.parameters.X.value.match", "invalid regular expression"),
        ("[services.es.operations.a]\nremoved = 'yes'", "services.es.operations.a.removed",
         "expected true or false"),
    ],
)  # fmt: skip
def test_bad_rules_name_the_file_and_the_place(tmp_path, text, place, message):
    path = tmp_path / "rules.toml"
    path.write_text(text if text.startswith("version") else f"version = 1\n{text}")
    with pytest.raises(CodegenError) as caught:
        load_rules(path)
    assert caught.value.path == str(path)
    assert caught.value.place == place
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        ("", "version", "missing (the first line of a rules file: version = 1)"),
        ("[services.es.operations.a]\nrename = 'b'", "version", "missing"),
        ("version = 1", "services", "missing: the file holds no rules"),
    ],
)
def test_a_rules_file_without_version_or_rules_is_an_error(tmp_path, text, place, message):
    path = tmp_path / "rules.toml"
    path.write_text(text)
    with pytest.raises(CodegenError) as caught:
        load_rules(path)
    assert caught.value.path == str(path)
    assert caught.value.place == place
    assert message in caught.value.message


def test_invalid_toml_is_one_line_with_the_position(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text("[services.es\n")
    with pytest.raises(CodegenError, match=r"invalid TOML: .*line 1"):
        load_rules(path)


def test_value_rewrites_match_the_whole_value_only():
    rewrite = ValueRewrite(match=r"(\d+\.\d+)", replace=r"Elasticsearch_\1")
    assert rewrite.apply("7.10") == "Elasticsearch_7.10"
    assert rewrite.apply("Elasticsearch_7.10") is None
    assert rewrite.apply("OpenSearch_2.11") is None


def test_change_set_records_become_rules_on_the_request_side_only():
    from codegen.codemod.changes import rules_from_changes
    from codegen.diff import Affected, Change, ChangeSet, ServiceChanges

    def change(kind, **fields):
        return Change(id=kind, kind=kind, severity="error", axes=(), service="svc", message="",
                      **fields)  # fmt: skip

    changes = ChangeSet(
        old="a",
        new="b",
        services=(
            ServiceChanges(
                name="Svc",
                service="svc",
                changes=(
                    change("request-enum-value-removed", shape="Mode", old="FAST", affects=(
                        Affected("RunJob", "request", ("Options.Mode", "Steps[].Mode")),
                        Affected("GetJob", "response", ("Mode",)),
                    )),
                    change("request-member-removed", shape="Opts", member="Legacy", affects=(
                        Affected("RunJob", "both", ("Options", "Tags{}")),
                    )),
                    change("waiter-removed", old={"name": "JobDone"}),
                    change("paginator-removed", operation="ListJobs"),
                    change("request-type-changed", shape="Opts", member="Size", affects=(
                        Affected("RunJob", "request", ("Options",)),
                    )),
                    change("operation-removed", operation="StopJob"),
                ),
            ),
        ),
    )  # fmt: skip
    svc = rules_from_changes(changes).services["svc"]
    assert svc.waiters == {"job_done": None}
    assert svc.paginators == {"list_jobs": None}
    assert svc.operations["stop_job"].removed
    assert "get_job" not in svc.operations  # response side only
    run_job = {p.dotted: p for p in svc.operations["run_job"].parameters}
    assert sorted(run_job) == [
        "Options.Legacy",
        "Options.Mode",
        "Options.Size",
        "Steps[].Mode",
    ]  # not via a map
    assert run_job["Options.Legacy"].removed
    assert run_job["Options.Size"].check
    mode = run_job["Steps[].Mode"].value
    assert mode is not None and mode.replace is None and mode.matches("FAST")


def test_an_empty_rule_set_is_written_so_that_it_reads_back():
    empty = RuleSet("nothing changed", {})
    assert parse_rules(tomllib.loads(dump_rules(empty)), origin="nothing changed") == empty


def test_values_a_switched_member_no_longer_takes_are_flagged_at_the_member():
    """sagemaker 1.29.105 -> 1.43.11: RealTimeInferenceConfig.InstanceType, moved to another enum,
    no longer takes ml.t3.medium; a call passing it is flagged there, not at its parent."""
    from codegen.codemod.changes import rules_from_changes
    from codegen.diff import diff_sources
    from codegen.sources import open_models
    from tests.conftest import SWITCHED

    old, new = (open_models(str(SWITCHED / f"botocore-{v}")) for v in ("1.29.105", "1.43.11"))
    rules = rules_from_changes(diff_sources(old, new)).services["sagemaker"]
    create = {p.dotted: p for p in rules.operations["create_inference_experiment"].parameters}
    at = "ModelVariants[].InfrastructureConfig.RealTimeInferenceConfig"
    value = create[f"{at}.InstanceType"].value
    assert value is not None and value.matches("ml.t3.medium") and not value.matches("ml.c4.large")
    assert at not in create
