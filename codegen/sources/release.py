"""botocore and boto3 releases from the package index, downloaded once into a user cache.

A release is fetched with ``pip download`` (never installed) and only its
model folders are kept, under ``$BOTO_CODEGEN_CACHE`` or ``~/.cache/boto-codegen/``:
``botocore-X.Y.Z/data``, and ``boto3-X.Y.Z/`` holding boto3's ``data``
(resource models) and ``examples`` folders and ``BOTOCORE``, the botocore
release the boto3 release was built against (the lower bound of its
``Requires-Dist: botocore``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from codegen.cache import cache_root
from codegen.errors import CodegenError

_VERSION = re.compile(r"^\d+(\.\d+)*$")


_BOTOCORE_REQUIREMENT = re.compile(
    r"^Requires-Dist: botocore\b.*?>=\s*(?P<version>\d+(\.\d+)*)", re.MULTILINE
)
BOTOCORE_FILE = "BOTOCORE"


def release_data(version: str) -> Path:
    """The data folder of botocore ``version``, downloading it on first use."""
    return _cached("botocore", version, ("data/",)) / "data"


def boto3_release(version: str) -> Path:
    """The cached folder of boto3 ``version`` (``data/``, ``examples/``, ``BOTOCORE``)."""
    return _cached("boto3", version, ("data/", "examples/"))


def _cached(package: str, version: str, folders: tuple[str, ...]) -> Path:
    if not _VERSION.match(version):
        raise CodegenError(f"not a release version: {version!r}", path=f"{package}=={version}")
    target = cache_root() / f"{package}-{version}"
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".download-") as tmp:
        wheel = _download(package, version, Path(tmp))
        staged = Path(tmp) / "release"
        _extract(wheel, package, folders, staged)
        try:
            os.replace(staged, target)
        except OSError:
            # Another process cached the same release first; theirs is as good as ours.
            if not target.is_dir():
                raise
    return target


def _download(package: str, version: str, into: Path) -> Path:
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "--quiet", "--dest", str(into), f"{package}=={version}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(into.glob(f"{package}-*.whl"))
    if result.returncode != 0 or not wheels:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else "pip download failed"
        raise CodegenError(
            f"release is not in the cache ({cache_root()}) and could not be downloaded"
            f" (offline?): {reason}",
            path=f"{package}=={version}",
        )
    return wheels[0]


def _extract(wheel: Path, package: str, folders: tuple[str, ...], staged: Path) -> None:
    prefixes = tuple(f"{package}/{folder}" for folder in folders)
    try:
        with zipfile.ZipFile(wheel) as archive:
            names = [
                n for n in archive.namelist() if n.startswith(prefixes) and not n.endswith("/")
            ]
            if not any(n.startswith(prefixes[0]) for n in names):
                raise CodegenError(f"the wheel holds no {prefixes[0]} folder", path=str(wheel))
            for name in names:
                dest = staged / name[len(package) + 1 :]
                dest.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(name) as src, open(dest, "wb") as out:
                    shutil.copyfileobj(src, out)
            if package == "boto3":
                (staged / BOTOCORE_FILE).write_text(_paired_botocore(archive, wheel) + "\n")
    except zipfile.BadZipFile as exc:
        raise CodegenError(f"not a wheel: {exc}", path=str(wheel)) from None


def _paired_botocore(archive: zipfile.ZipFile, wheel: Path) -> str:
    """The botocore release a boto3 wheel was built against: its requirement's lower bound."""
    for name in archive.namelist():
        if name.endswith(".dist-info/METADATA"):
            match = _BOTOCORE_REQUIREMENT.search(archive.read(name).decode("utf-8", "replace"))
            if match:
                return match.group("version")
    raise CodegenError("the wheel names no botocore release it requires", path=str(wheel))
