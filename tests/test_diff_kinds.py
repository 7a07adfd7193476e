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
from tests.conftest import FIXTURES, MODELS, SWITCHED, release_folder, release_pairs

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

# boto3 releases (resources-1.json with the botocore release each requires: 1.2.0 with
# botocore 1.3.0, 1.4.4 with 1.5.0, 1.43.11 with 1.43.11), in tests/fixtures/models/boto3-X.
# Their expected lists also give, per change, the resource parts it reaches.
RESOURCE_TRIPLES = [
    ("dynamodb", "1.2.0", "1.4.4"),  # Table waiters added
    ("dynamodb", "1.4.4", "1.2.0"),  # ... and removed
    ("sqs", "1.2.0", "1.4.4"),  # a collection's path changed; shape changes reach Queue, Message
    ("glacier", "1.4.4", "1.43.11"),  # Vault.multipart_uploads added; Job attributes added
    ("glacier", "1.43.11", "1.4.4"),  # ... and removed
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
    # boto3's resource models changed little after 1.4.4: these kinds have no real pair
    # among boto3 1.2.0, 1.4.4, 1.9.0, 1.17.0, 1.26.0 and 1.43.11 in a small service.
    "resources-added",
    "resources-removed",
    "resource-added",
    "resource-removed",
    "resource-identifiers-changed",
    "resource-shape-changed",
    "resource-load-added",
    "resource-load-removed",
    "resource-load-changed",
    "resource-action-added",
    "resource-action-removed",
    "resource-action-request-changed",
    "resource-action-returns-changed",
    "resource-attribute-renamed",
    "resource-batch-action-added",
    "resource-batch-action-removed",
    "resource-batch-action-changed",
    "resource-waiter-changed",
    "resource-subresource-added",
    "resource-subresource-removed",
    "resource-subresource-changed",
    "resource-reference-added",
    "resource-reference-removed",
    "resource-reference-changed",
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


def resource_change_list(service: str, old: str, new: str) -> str:
    def load(version: str) -> ModelSet:
        return open_models(str(MODELS / f"boto3-{version}")).load_set([service])

    found = diff_models(load(old), load(new), services=[service]).all_changes()
    lines = []
    for c in sorted(found, key=lambda c: c.id):
        uses = " ".join(f"{u.resource}.{u.name}({u.kind},{u.side})" for u in c.resource_uses)
        lines.append(f"{c.severity} {c.id}" + (f" -> {uses}" if uses else "") + "\n")
    return "".join(lines)


def resource_expected_path(service: str, old: str, new: str) -> Path:
    return EXPECTED / f"{service}@boto3-{old}..boto3-{new}.txt"


@pytest.mark.parametrize(("service", "old", "new"), RESOURCE_TRIPLES, ids=lambda v: v)
def test_resource_triple(service, old, new):
    expected = resource_expected_path(service, old, new).read_text()
    assert resource_change_list(service, old, new) == expected


def test_every_kind_history_shows_is_covered_by_a_triple():
    covered = set()
    paths = [expected_path(*t) for t in TRIPLES]
    paths += [resource_expected_path(*t) for t in RESOURCE_TRIPLES]
    for path in paths:
        for line in path.read_text().splitlines():
            covered.add(line.split()[1].split(":")[0])
    assert covered == set(KINDS) - NOT_IN_HISTORY


def test_a_member_switched_to_another_enum_is_graded_at_the_member():
    """sagemaker 1.29.105 -> 1.43.11: RealTimeInferenceConfig.InstanceType moved from InstanceType
    to ProductionVariantInstanceType, an enum other members held already.

    What the member's callers see is the new enum against the old one: values
    it lost break requests, values it gained warn readers of responses. The
    shape it moved to keeps only its own changes, which reach its own users.
    """
    a, b = (open_models(str(SWITCHED / f"botocore-{v}")) for v in ("1.29.105", "1.43.11"))
    changes = diff_models(a.load_set(), b.load_set()).all_changes()
    old, new = a.load("sagemaker"), b.load("sagemaker")
    was, now = (
        old.shapes["InstanceType"].enum or (),
        new.shapes["ProductionVariantInstanceType"].enum or (),
    )
    at_member = [
        c for c in changes if (c.shape, c.member) == ("RealTimeInferenceConfig", "InstanceType")
    ]
    by_kind: dict[str, set[str]] = {}
    for c in at_member:
        by_kind.setdefault(c.kind, set()).add(c.old if "removed" in c.kind else c.new)
    assert by_kind.pop("shape-replaced") == {"ProductionVariantInstanceType"}
    assert by_kind == {
        "request-enum-value-added": set(now) - set(was),
        "response-enum-value-added": set(now) - set(was),
        "request-enum-value-removed": set(was) - set(now),
        "response-enum-value-removed": set(was) - set(now),
    }
    assert {"ml.c4.large", "ml.t3.medium"} <= set(now) ^ set(was)  # both ways, for real
    removed = [c for c in at_member if c.kind == "request-enum-value-removed"]
    assert {c.severity for c in removed} == {"error"}
    assert {a.operation for c in removed for a in c.affects} == {"CreateInferenceExperiment"}
    # The shape it moved to: only the values new to it, reaching its own users.
    own = {
        c.new
        for c in changes
        if c.shape == "ProductionVariantInstanceType" and c.kind == "request-enum-value-added"
    }
    before = old.shapes["ProductionVariantInstanceType"].enum or ()
    assert own == set(now) - set(before)
    assert "ml.c4.large" not in own


def _fixture_pairs() -> list[tuple[str, ModelSet, ModelSet, str]]:
    pairs = [(f"{s} {o}..{n}", _models(o, s), _models(n, s), s) for s, o, n in TRIPLES]
    for s, o, n in RESOURCE_TRIPLES:
        a, b = (open_models(str(MODELS / f"boto3-{v}")).load_set([s]) for v in (o, n))
        pairs.append((f"{s} boto3 {o}..{n}", a, b, s))
    for root in (MODELS, SWITCHED):
        for o, n, s, a, b in release_pairs(root):
            pairs.append((f"{s} {o}..{n}", a.load_set([s]), b.load_set([s]), s))
    return pairs


def test_no_change_set_of_the_fixtures_holds_an_id_twice():
    """An id is what ``--ignore`` files and codemods name: one change each, in every real pair."""
    seen = 0
    for label, a, b, service in _fixture_pairs():
        ids = [c.id for c in diff_models(a, b, services=[service]).all_changes()]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        assert not doubled, f"{label}: {doubled[:5]}"
        seen += len(ids)
    assert seen > 3000
