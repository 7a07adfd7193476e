"""es-to-opensearch, derived from the real es and opensearch models of botocore 1.43.11."""

from __future__ import annotations

import re

from codegen.codemod.migrations import ES_TO_OPENSEARCH
from codegen.sources import open_models
from tests.codemod_cases import migration
from tests.conftest import release_folder


def _models():
    source = open_models(str(release_folder("1.43.11")))
    return source.load("es"), source.load("opensearch")


def test_every_es_operation_is_renamed_kept_or_removed_with_a_reason():
    es, opensearch = _models()
    rules = migration("es-to-opensearch").services["es"]
    assert rules.rename == "opensearch"
    new_methods = {op.method_name for op in opensearch.operations.values()}
    for operation in es.operations.values():
        rule = rules.operations.get(operation.method_name)
        if rule is None:  # same name, same parameters
            assert operation.method_name in new_methods
        elif rule.removed:
            assert rule.note, operation.name
        else:
            assert (rule.rename or rule.method) in new_methods
    removed = sorted(m for m, r in rules.operations.items() if r.removed)
    assert removed == ["delete_elasticsearch_service_role"]


def test_operations_match_by_name_and_by_structure():
    rules = migration("es-to-opensearch").services["es"].operations
    renames = {m: r.rename for m, r in rules.items() if r.rename}
    assert renames["create_elasticsearch_domain"] == "create_domain"
    assert renames["accept_inbound_cross_cluster_search_connection"] == "accept_inbound_connection"
    assert renames["start_elasticsearch_service_software_update"] == "start_service_software_update"
    # No name rule gives this one; its input members do.
    assert renames["list_elasticsearch_instance_types"] == "list_instance_type_details"
    assert len(renames) == 23


def test_members_are_matched_through_nested_structures():
    rules = migration("es-to-opensearch").services["es"].operations
    create = {p.dotted: p for p in rules["create_elasticsearch_domain"].parameters}
    assert create["ElasticsearchClusterConfig"].rename == "ClusterConfig"
    assert create["ElasticsearchVersion"].rename == "EngineVersion"
    assert create["ElasticsearchClusterConfig.InstanceType"].value is not None
    assert create["ElasticsearchClusterConfig.WarmType"].value is not None
    connection = {
        p.dotted: p for p in rules["delete_outbound_cross_cluster_search_connection"].parameters
    }
    assert connection["CrossClusterSearchConnectionId"].rename == "ConnectionId"


def test_value_rewrites_turn_every_old_value_into_a_valid_new_one():
    es, opensearch = _models()
    values = ES_TO_OPENSEARCH.table.values
    for old_enum, new_enum in [
        ("ESPartitionInstanceType", "OpenSearchPartitionInstanceType"),
        ("ESWarmPartitionInstanceType", "OpenSearchWarmPartitionInstanceType"),
    ]:
        allowed = set(opensearch.shapes[new_enum].enum or ())
        for value in es.shapes[old_enum].enum or ():
            assert values[old_enum].apply(value) in allowed, value
    pattern = opensearch.shapes["VersionString"].pattern
    assert pattern is not None
    for version in ("1.5", "6.8", "7.10"):
        new = values["ElasticsearchVersionString"].apply(version)
        assert new is not None and re.search(pattern, new)


def test_every_enum_whose_values_changed_has_a_reviewed_rewrite():
    # Derived rules flag removed enum values with a TODO; for this migration every one
    # of them must instead have a reviewed rewrite in the table.
    rules = migration("es-to-opensearch").services["es"].operations
    values = [p.value for r in rules.values() for p in r.parameters if p.value is not None]
    assert values
    assert all(v in ES_TO_OPENSEARCH.table.values.values() for v in values)


def test_type_names_follow_the_stub_packages():
    names = migration("es-to-opensearch").services["es"].names
    assert names["ElasticsearchServiceClient"] == "OpenSearchServiceClient"
    assert names["ElasticsearchClusterConfigTypeDef"] == "ClusterConfigTypeDef"
    assert names["ElasticsearchDomainStatusTypeDef"] == "DomainStatusTypeDef"
    assert names["ESPartitionInstanceTypeType"] == "OpenSearchPartitionInstanceTypeType"
    assert names["ListElasticsearchVersionsPaginator"] == "ListVersionsPaginator"
    assert migration("es-to-opensearch").services["es"].modules == {
        "mypy_boto3_es": "mypy_boto3_opensearch"
    }
