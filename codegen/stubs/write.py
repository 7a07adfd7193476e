"""Write stub packages for services of a model source into a folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from codegen import atomic
from codegen.progress import track
from codegen.sources import BotocoreData
from codegen.stubs.overlay import packages_in, render_overlay
from codegen.stubs.package import package_name, render_package
from codegen.stubs.product import BOTO3, Product


class StubsResult(NamedTuple):
    packages: list[Path]
    files_written: int


def write_stubs(
    source: BotocoreData,
    names: Iterable[str],
    out: Path,
    previous: BotocoreData | None = None,
    product: Product = BOTO3,
) -> StubsResult:
    """One package folder per service, plus the overlay typing the SDK's entry point
    (``boto3.client(...)``, or aiobotocore's ``AioSession.create_client(...)``).

    ``previous`` holds the models of the release users upgrade from: shapes
    renamed since then keep their old TypeDef and Literal names as aliases.
    Each folder is built aside and swapped in whole, so an error leaves the
    previous stubs of that service untouched.
    """
    names = list(names)
    earlier = set(previous.services()) if previous is not None else set()
    packages: list[Path] = []
    written = 0
    fresh = not out.exists()
    try:
        for name in track(names, "Writing stubs: services", total=len(names)):
            service = source.load(name)
            before = previous.load(name) if previous is not None and name in earlier else None
            folder = out / package_name(name, product)
            files = render_package(service, source.botocore_version, before, product=product)
            written += _write_folder(folder, files)
            packages.append(folder)
        overlay = out / product.overlay_folder
        packaged = packages_in(out, product)
        written += _write_folder(
            overlay, render_overlay(packaged, source.botocore_version, product)
        )
        packages.append(overlay)
    except BaseException:
        if fresh:  # a folder this run made holds only this run's half: none of it stays
            shutil.rmtree(out, ignore_errors=True)
        raise
    return StubsResult(packages, written)


def _write_folder(folder: Path, files: dict[str, str]) -> int:
    with atomic.directory(folder) as staging:
        for file_name, text in files.items():
            path = staging / file_name
            if path.parent != staging:  # the overlay's boto3/s3/
                path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_staged(path, text)
    return len(files)
