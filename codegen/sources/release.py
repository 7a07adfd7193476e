"""botocore releases from the package index, downloaded once into a user cache.

A release is fetched with ``pip download`` (never installed) and only its
``botocore/data`` folder is kept, under ``$BOTO_CODEGEN_CACHE`` or
``~/.cache/boto-codegen/botocore-X.Y.Z/data``.
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


def release_data(version: str) -> Path:
    """The data folder of botocore ``version``, downloading it on first use."""
    if not _VERSION.match(version):
        raise CodegenError(f"not a release version: {version!r}", path=f"botocore=={version}")
    target = cache_root() / f"botocore-{version}"
    data = target / "data"
    if data.is_dir():
        return data
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".download-") as tmp:
        wheel = _download(version, Path(tmp))
        staged = Path(tmp) / "release"
        _extract_data(wheel, staged)
        try:
            os.replace(staged, target)
        except OSError:
            # Another process cached the same release first; theirs is as good as ours.
            if not data.is_dir():
                raise
    return data


def _download(version: str, into: Path) -> Path:
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "--quiet", "--dest", str(into), f"botocore=={version}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(into.glob("botocore-*.whl"))
    if result.returncode != 0 or not wheels:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else "pip download failed"
        raise CodegenError(
            f"release is not in the cache ({cache_root()}) and could not be downloaded"
            f" (offline?): {reason}",
            path=f"botocore=={version}",
        )
    return wheels[0]


def _extract_data(wheel: Path, staged: Path) -> None:
    prefix = "botocore/data/"
    try:
        with zipfile.ZipFile(wheel) as archive:
            names = [n for n in archive.namelist() if n.startswith(prefix) and not n.endswith("/")]
            if not names:
                raise CodegenError("the wheel holds no botocore/data folder", path=str(wheel))
            for name in names:
                dest = staged / "data" / name[len(prefix) :]
                dest.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(name) as src, open(dest, "wb") as out:
                    shutil.copyfileobj(src, out)
    except zipfile.BadZipFile as exc:
        raise CodegenError(f"not a wheel: {exc}", path=str(wheel)) from None
