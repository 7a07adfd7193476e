"""Each rewrite and each way of recognising a client, as before/after fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.codemod.transform import TODO_PREFIX, rewrite_source
from tests.codemod_cases import after_file, before_files, case_setup

CASES = before_files("cases") + before_files("migration")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix('.before.py')}"


@pytest.mark.parametrize("before", CASES, ids=_id)
def test_rewrites_before_into_after(before: Path):
    source = before.read_bytes()
    rules, config = case_setup(source)
    assert rewrite_source(source, rules, config).code == after_file(before).read_bytes()


@pytest.mark.parametrize("before", CASES, ids=_id)
def test_a_second_run_changes_nothing(before: Path):
    expected = after_file(before).read_bytes()
    rules, config = case_setup(expected)
    assert rewrite_source(expected, rules, config).code == expected


@pytest.mark.parametrize("before", CASES, ids=_id)
def test_crlf_line_endings_stay_crlf(before: Path):
    source = before.read_bytes().replace(b"\n", b"\r\n")
    rules, config = case_setup(source)
    result = rewrite_source(source, rules, config).code
    assert result == after_file(before).read_bytes().replace(b"\n", b"\r\n")
    assert b"\n" not in result.replace(b"\r\n", b"")


def _run(name: str):
    before = next(p for p in CASES if p.name == f"{name}.before.py")
    source = before.read_bytes()
    return rewrite_source(source, *case_setup(source))


def test_encoding_declaration_and_bytes_are_kept(tmp_path):
    source = (
        "# -*- coding: latin-1 -*-\n"
        "import boto3\n"
        "# Café: the domain the team calls «search»\n"
        "es = boto3.client('es')\n"
        "es.describe_elasticsearch_domains(DomainNames=['café'])\n"
    ).encode("latin-1")
    rules, config = case_setup(b"# codemod-test: --rules rules.toml\n")
    result = rewrite_source(source, rules, config).code
    assert result == source.replace(b"'es'", b"'opensearch'").replace(
        b"describe_elasticsearch_domains", b"describe_domains"
    )


def test_unparsable_source_raises_the_parser_error():
    import libcst

    rules, config = case_setup(b"# codemod-test: --rules rules.toml\n")
    with pytest.raises(libcst.ParserSyntaxError):
        rewrite_source(b"def broken(:\n    es.describe_elasticsearch_domains()\n", rules, config)


def test_what_may_be_a_client_is_marked_and_what_is_not_is_left_alone():
    result = _run("detect_not_clients")
    kinds = [(f.line, f.kind) for f in result.findings]
    assert kinds == [
        (6, "skipped-service-name"),  # boto3.client(name)
        (7, "skipped-service-name"),  # boto3.client(**settings)
        (17, "review-receiver"),  # an unannotated parameter no call passes
        (23, "review-receiver"),  # a client whose service is computed
    ]
    # Line 21: an instance of the file's own class, line 22: an s3 client.
    assert result.todos == 2
    assert result.code.count(TODO_PREFIX.encode()) == 2


def test_todos_name_the_change_and_kwargs_are_marked_not_guessed():
    result = _run("todos")
    todos = sorted((f.line, f.kind) for f in result.findings if f.is_todo)
    assert todos == [
        (8, "removed-operation"),
        (9, "removed-parameter"),
        (11, "changed-value"),
        (11, "required-parameter"),
        (12, "changed-parameter"),
        (13, "required-parameter"),
        (19, "review-kwargs"),
    ]
    assert result.todos == 7
    assert result.code.count(TODO_PREFIX.encode()) == 7


def test_a_value_built_elsewhere_is_marked():
    result = _run("keyword_and_nested_keys")
    assert [(f.line, f.kind) for f in result.findings if f.kind.startswith("review")] == [
        (23, "review-value")
    ]


def test_real_c7n_helpers_are_followed_and_only_what_cannot_be_is_marked():
    # c7n 0.9.53: clients reach helpers as parameters (one annotated BaseClient) and
    # through a closure; **self.params and an operation-name table cannot be followed.
    result = _run("c7n_0_9_53_elasticsearch")
    assert [f.kind for f in result.findings if f.is_todo] == ["review-kwargs", "review-name"]
    renamed = [f.operation for f in result.findings if f.kind == "renamed-operation"]
    assert renamed == [
        "describe_elasticsearch_domains",
        "get_compatible_elasticsearch_versions",
        "update_elasticsearch_domain_config",
        "update_elasticsearch_domain_config",
    ]
