"""The TOML rule language: what it reads, what it refuses, and that it writes itself back."""

from __future__ import annotations

import tomllib

import pytest

from codegen.codemod.rules import (
    LIST_ITEMS,
    ParameterRule,
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
         "needs rename, removed, required or value"),
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
