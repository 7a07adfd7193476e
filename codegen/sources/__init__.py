"""Where models come from: the installed botocore, a folder, or a release.

``open_models(spec)`` turns what the user typed into a model source:

- ``installed``: botocore's own search path (its data folder, ``~/.aws/models``);
- ``botocore==X.Y.Z``: that release from the package index, cached;
- ``boto3==X.Y.Z``: that boto3 release's resource models, with the botocore
  release it was built against, both from the package index, cached;
- a folder: botocore's data layout, a botocore package folder, or a folder holding one.

boto3's resource models come with the models: the installed boto3's with the
installed botocore, a release's with its paired botocore, and for a folder
those in it or in a boto3 package beside it (``codegen.sources.boto3_data``).
"""

from __future__ import annotations

import re
from pathlib import Path

from codegen.errors import CodegenError
from codegen.sources.boto3_data import beside_models, boto3_release, installed_boto3
from codegen.sources.botocore_data import BotocoreData

__all__ = ["BotocoreData", "open_models"]

INSTALLED = "installed"
_RELEASE = re.compile(r"^botocore==(?P<version>\S+)$")
_BOTO3_RELEASE = re.compile(r"^boto3==(?P<version>\S+)$")
_VERSION_LINE = re.compile(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def open_models(spec: str) -> BotocoreData:
    if spec == INSTALLED:
        import botocore

        return BotocoreData(spec, None, str(botocore.__version__), installed_boto3())
    boto3_match = _BOTO3_RELEASE.match(spec)
    if boto3_match:
        from codegen.sources.release import release_data

        resources, botocore_version = boto3_release(boto3_match.group("version"))
        return BotocoreData(spec, str(release_data(botocore_version)), botocore_version, resources)
    match = _RELEASE.match(spec)
    if match:
        # Imported here: downloading needs subprocess, zipfile and shutil, which
        # a run on installed or local models does not.
        from codegen.sources.release import release_data

        version = match.group("version")
        return BotocoreData(spec, str(release_data(version)), version)
    path = Path(spec)
    if not path.exists():
        raise CodegenError(
            "no such model source: expected 'installed', 'botocore==X.Y.Z' or a folder",
            path=spec,
        )
    if not path.is_dir():
        raise CodegenError("a model source must be a folder, not a file", path=spec)
    root = _data_root(path)
    if root is None:
        raise CodegenError(
            "no botocore models here: expected <service>/<api-version>/service-2.json",
            path=spec,
        )
    return BotocoreData(spec, str(root), _folder_version(root), beside_models(spec, root))


def _looks_like_data(folder: Path) -> bool:
    for service in _subdirs(folder):
        for version in _subdirs(service):
            if (version / "service-2.json").is_file() or (version / "service-2.json.gz").is_file():
                return True
    return False


def _subdirs(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


def _data_root(path: Path) -> Path | None:
    for candidate in (path, path / "data", path / "botocore" / "data"):
        if candidate.is_dir() and _looks_like_data(candidate):
            return candidate
    return None


def _folder_version(root: Path) -> str | None:
    """The botocore version of a data folder that sits in a botocore package, if it does."""
    init = root.parent / "__init__.py"
    if root.name == "data" and init.is_file():
        match = _VERSION_LINE.search(init.read_text(encoding="utf-8", errors="replace"))
        if match:
            return match.group(1)
    version_file = root.parent / "VERSION"
    if version_file.is_file():
        return version_file.read_text().strip() or None
    name = root.parent.name
    if root.name == "data" and name.startswith("botocore-"):
        return name.removeprefix("botocore-")
    return None
