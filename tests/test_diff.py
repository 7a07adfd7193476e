"""The differ's public API on real model pairs."""

from __future__ import annotations

from codegen.diff import KINDS, diff_models, diff_services, diff_sources, renamed_shapes
from codegen.ir import changes as change_json
from codegen.sources import open_models
from tests.conftest import release_folder


def _load(version: str, service: str = "license-manager"):
    return open_models(str(release_folder(version))).load_set([service])


def test_every_kind_has_a_stable_id_a_severity_and_known_axes():
    assert len({(k.event, k.side) for k in KINDS.values()}) == len(KINDS)
    for kind in KINDS.values():
        assert kind.severity in change_json.SEVERITIES
        assert set(kind.axes) <= set(change_json.AXES)
        assert kind.side in (None, "request", "response")
        # Anything graded above info breaks something and says what to do.
        if kind.severity != "info":
            assert kind.axes and kind.advice != "Nothing to do."


def test_change_set_round_trips_through_json():
    found = diff_models(_load("1.29.104"), _load("1.29.105"), include_docs=True)
    data = change_json.to_json(found)
    assert change_json.from_json(data) == found


def test_diff_sources_skips_identical_services_without_loading_them():
    source = open_models(str(release_folder("1.29.105")))
    loaded = []
    original = source.load

    def counting_load(name, api_version=None):
        loaded.append(name)
        return original(name, api_version)

    source.load = counting_load  # type: ignore[method-assign]
    found = diff_sources(source, source)
    assert found.services == () and loaded == []


def test_a_service_only_on_one_side_is_added_or_removed():
    new = _load("1.29.105").services["license-manager"]
    added = diff_services(None, new)
    removed = diff_services(new, None)
    assert [c.kind for c in added.changes] == ["service-added"]
    assert [c.kind for c in removed.changes] == ["service-removed"]
    assert removed.changes[0].severity == "error"
    assert len(added.operations) == len(new.operations)
    assert {op.change for op in added.operations} == {"new"}


def test_worker_processes_give_the_same_change_set(monkeypatch):
    from codegen.diff import transport

    old = open_models(str(release_folder("1.33.0")))
    new = open_models(str(release_folder("1.35.0")))
    serial = diff_sources(old, new, jobs=1)
    monkeypatch.setattr(transport, "_PARALLEL_FROM", 1)  # a dozen services: force the pool
    assert diff_sources(old, new, jobs=2) == serial
    assert len(serial.services) > 2


def test_the_readme_lists_every_kind_with_its_severity():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        assert f"| `{kind.id}` | {kind.severity} |" in readme, kind.id


def test_renamed_shapes_pairs_equal_shapes_but_never_empty_structures():
    """securitylake 1.29.105 -> 1.31.0: real renames, and empty requests that only look alike."""
    old = open_models(str(release_folder("1.29.105"))).load("securitylake")
    new = open_models(str(release_folder("1.31.0"))).load("securitylake")
    renames = renamed_shapes(old, new)
    assert renames["LastUpdateFailure"] == "DataLakeUpdateException"
    assert renames["HttpsMethod"] == "HttpMethod"
    gone_empty = [
        name
        for name, shape in old.shapes.items()
        if name not in new.shapes and shape.type == "structure" and not shape.members
    ]
    assert "GetDatalakeExceptionsSubscriptionRequest" in gone_empty
    assert not set(gone_empty) & renames.keys()
