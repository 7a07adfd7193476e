"""Change kinds on real model pairs: old model, new model, expected change list.

Each triple is one service cut from two botocore releases (see
tests/fixtures/models/README.md). The expected files list every change the
differ must report, ``<severity> <change id>``, sorted by id. A downgrade
(new -> old) is a real pair too: it is how removals that history only shows
as additions (waiters, paginators, outputs) are covered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.diff import KINDS, diff_models
from codegen.ir.changes import ChangeSet
from codegen.ir.model import ModelSet
from codegen.sources import open_models
from tests.conftest import FIXTURES, release_folder

EXPECTED = FIXTURES / "expected" / "changes"

# (service, old release, new release): the kinds each is here for are in the README table.
TRIPLES = [
    ("bedrock-data-automation-runtime", "1.37.0", "1.39.0"),
    ("bedrock-data-automation", "1.37.0", "1.39.0"),
    ("marketplacecommerceanalytics", "1.31.0", "1.33.0"),
    ("marketplacecommerceanalytics", "1.33.0", "1.31.0"),
    ("sagemaker-featurestore-runtime", "1.31.0", "1.33.0"),
    ("signer-data", "1.41.0", "1.43.11"),
    ("iotfleethub", "1.39.0", "1.41.0"),
    ("sso-oidc", "1.31.0", "1.33.0"),
    ("workspaces-thin-client", "1.33.0", "1.35.0"),
    ("simspaceweaver", "1.31.0", "1.33.0"),
    ("artifact", "1.35.0", "1.37.0"),
    ("artifact", "1.37.0", "1.35.0"),
    ("pricing", "1.41.0", "1.43.11"),
    ("connectparticipant", "1.35.0", "1.37.0"),
    ("healthlake", "1.39.0", "1.41.0"),
    ("healthlake", "1.41.0", "1.39.0"),
    ("dsql", "1.37.0", "1.39.0"),
    ("cost-optimization-hub", "1.33.0", "1.35.0"),
    ("appintegrations", "1.33.0", "1.35.0"),
    ("pcs", "1.39.0", "1.41.0"),
    ("pcs", "1.41.0", "1.39.0"),
    ("acm", "1.37.0", "1.39.0"),
    # Pruned to the operations concerned (see the README): the only real cases are in big services.
    ("gamelift", "1.35.0", "1.37.0"),
    ("securityhub", "1.41.0", "1.43.11"),
    ("auditmanager", "1.33.0", "1.35.0"),
    ("datazone", "1.33.0", "1.35.0"),
    ("securitylake", "1.29.142", "1.29.143"),
    ("securitylake", "1.29.143", "1.29.142"),
]

# Kinds no release pair we could find shows in a small service; each is said in the README.
NOT_IN_HISTORY = {
    "service-api-version-changed",
    "operation-input-added",
    "operation-input-removed",
    "request-type-changed",
    "response-enum-added",
    "response-enum-removed",
    "request-member-renamed",
    "response-member-location-changed",
    "documentation-changed",
}


def _models(version: str, service: str) -> ModelSet:
    source = open_models(str(release_folder(version)))
    names = [service] if service in source.services() else []
    return source.load_set(names)


def diff(service: str, old: str, new: str) -> ChangeSet:
    return diff_models(_models(old, service), _models(new, service), services=[service])


def change_list(service: str, old: str, new: str) -> str:
    changes = sorted(diff(service, old, new).all_changes(), key=lambda c: c.id)
    return "".join(f"{c.severity} {c.id}\n" for c in changes)


def expected_path(service: str, old: str, new: str) -> Path:
    return EXPECTED / f"{service}@{old}..{new}.txt"


@pytest.mark.parametrize(("service", "old", "new"), TRIPLES, ids=lambda v: v)
def test_triple(service, old, new):
    assert change_list(service, old, new) == expected_path(service, old, new).read_text()


def test_every_kind_history_shows_is_covered_by_a_triple():
    covered = set()
    for service, old, new in TRIPLES:
        for line in expected_path(service, old, new).read_text().splitlines():
            covered.add(line.split()[1].split(":")[0])
    assert covered == set(KINDS) - NOT_IN_HISTORY
