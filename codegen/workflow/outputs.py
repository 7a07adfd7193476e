"""The outputs ``make generate`` can write, each a small adapter over a renderer.

An output yields ``(path inside generated/, bytes)`` pairs: per service, and
once for files that belong to no one service (an index, an overlay).
The workflow decides what to regenerate and writes the files; outputs only render.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from codegen.errors import CodegenError
from codegen.ir import serialize
from codegen.ir.model import ModelSet, Service
from codegen.render.rst import render_service, sphinx_project
from codegen.stubs.aliases import NO_NAMES, KeptNames
from codegen.stubs.overlay import OVERLAY_FOLDER, OverlayService, render_overlay
from codegen.stubs.package import package_name, render_package

Files = Iterator[tuple[str, bytes]]


@dataclass(frozen=True)
class RunInfo:
    """What every output may need to know about the run."""

    source: str
    botocore_version: str | None
    # Of the service being rendered: stub names kept from earlier releases.
    kept_names: KeptNames = NO_NAMES


@dataclass(frozen=True)
class Output:
    name: str
    per_service: Callable[[Service, RunInfo], Files]
    # Given every configured service once, as an iterable loaded lazily.
    shared: Callable[[Iterable[Service], RunInfo], Files] | None = None


def _ir_files(service: Service, info: RunInfo) -> Files:
    single = ModelSet(
        source=info.source, botocore_version=info.botocore_version, services={service.name: service}
    )
    yield f"ir/{service.name}.json", serialize.dumps(single, lines=True).encode("utf-8")


STUBS = "stubs"
STUBS_DIR = f"{STUBS}/"


def _stub_files(service: Service, info: RunInfo) -> Files:
    folder = f"{STUBS_DIR}{package_name(service.name)}/"
    files = render_package(service, info.botocore_version, None, info.kept_names)
    for name, text in files.items():
        yield folder + name, text.encode("utf-8")


def _stub_overlay(services: Iterable[Service], info: RunInfo) -> Files:
    entries = {s.name: OverlayService.of(s, s.resources is not None) for s in services}
    for name, text in render_overlay(entries, info.botocore_version).items():
        yield f"{STUBS_DIR}{OVERLAY_FOLDER}/{name}", text.encode("utf-8")


DOCS_DIR = "docs/"


def _doc_pages(service: Service, info: RunInfo) -> Files:
    for path, text in render_service(service):
        yield DOCS_DIR + path, text.encode("utf-8")


def _sphinx_project(services: Iterable[Service], info: RunInfo) -> Files:
    for path, text in sphinx_project(info.source, [s.name for s in services]).items():
        yield DOCS_DIR + path, text.encode("utf-8")


OUTPUTS: dict[str, Output] = {
    "docs": Output("docs", _doc_pages, _sphinx_project),
    "ir": Output("ir", _ir_files),
    STUBS: Output(STUBS, _stub_files, _stub_overlay),
}


# Written by the workflow itself at a botocore bump, not rendered per service.
NOTES = "notes"


def outputs_named(names: Sequence[str], *, place: str) -> list[Output]:
    """The renderers for the configured output names (``notes`` needs none)."""
    known = sorted([*OUTPUTS, NOTES])
    unknown = [n for n in names if n not in known]
    if unknown:
        raise CodegenError(
            f"unknown output {unknown[0]!r} (known: {', '.join(known)})", place=place
        )
    return [OUTPUTS[n] for n in sorted(set(names)) if n != NOTES]
