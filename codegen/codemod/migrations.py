"""Built-in migrations: the reviewed tables, and rule sets derived from the real models.

Each migration is two service models plus a ``MatchTable`` of what a human
decided where the models cannot tell. The rules themselves are derived
(match.py) from the models the user's ``--models`` source holds, so a new
botocore release with new operations needs no change here.
"""

from __future__ import annotations

from typing import NamedTuple

from codegen.codemod.match import MatchTable, MemberRename, match_services
from codegen.codemod.rules import RuleSet, ValueRewrite
from codegen.errors import CodegenError
from codegen.sources import BotocoreData


class Migration(NamedTuple):
    old_service: str
    new_service: str
    summary: str
    table: MatchTable


# -- es -> opensearch: reviewed against botocore 1.43.11 ------------------------------------

_ES_INSTANCE_TYPE = ValueRewrite(
    match=r"(.+)\.elasticsearch",
    replace=r"\1.search",
    note="OpenSearch instance types end in .search (m5.large.elasticsearch -> m5.large.search)",
)

ES_TO_OPENSEARCH = Migration(
    old_service="es",
    new_service="opensearch",
    summary="Amazon Elasticsearch Service (es) -> Amazon OpenSearch Service (opensearch)",
    table=MatchTable(
        # OpenSearch drops the engine's name from operation and member names.
        substitutions=(
            ("ElasticsearchService", "Service"),
            ("Elasticsearch", ""),
            ("CrossClusterSearchConnection", "Connection"),
            ("CrossClusterSearch", ""),
        ),
        operations={
            # es deletes its service-linked role itself; OpenSearch leaves that to IAM.
            "DeleteElasticsearchServiceRole": None,
        },
        operation_notes={
            "DeleteElasticsearchServiceRole": (
                "opensearch has no equivalent; delete the service-linked role with "
                "iam.delete_service_linked_role(RoleName='AWSServiceRoleForAmazonOpenSearchService')"
            ),
        },
        members={
            "ElasticsearchVersion": MemberRename("EngineVersion"),
            "SourceDomainInfo": MemberRename(
                "LocalDomainInfo",
                "the domain is now wrapped: {'AWSDomainInformation': {...the old value...}}",
            ),
            "DestinationDomainInfo": MemberRename(
                "RemoteDomainInfo",
                "the domain is now wrapped: {'AWSDomainInformation': {...the old value...}}",
            ),
        },
        values={
            "ElasticsearchVersionString": ValueRewrite(
                match=r"(\d+\.\d+)",
                replace=r"Elasticsearch_\1",
                note=(
                    "OpenSearch versions are 'Elasticsearch_X.Y' or 'OpenSearch_X.Y', "
                    "never a bare 'X.Y'"
                ),
            ),
            "ESPartitionInstanceType": _ES_INSTANCE_TYPE,
            "ESWarmPartitionInstanceType": _ES_INSTANCE_TYPE,
        },
        stub_modules=True,
    ),
)

MIGRATIONS = {"es-to-opensearch": ES_TO_OPENSEARCH}


def migration_rules(name: str, source: BotocoreData) -> RuleSet:
    """The rules of a built-in migration, derived from the models in ``source``."""
    migration = MIGRATIONS.get(name)
    if migration is None:
        known = ", ".join(sorted(MIGRATIONS))
        raise CodegenError(f"unknown migration {name!r} (known: {known})")
    old = source.load(migration.old_service)
    new = source.load(migration.new_service)
    rules = match_services(old, new, migration.table)
    models = f"botocore {source.botocore_version}" if source.botocore_version else source.spec
    return RuleSet(f"migration {name} ({models})", {rules.service: rules})
