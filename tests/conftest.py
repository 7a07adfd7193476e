from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MODELS = FIXTURES / "models"
ROOT = Path(__file__).parent.parent


def release_folder(version: str) -> Path:
    """The fixture folder holding real model files cut from botocore ``version``."""
    return MODELS / f"botocore-{version}"


# sagemaker cut from botocore 1.29.105 and 1.43.11 (see models/README.md), kept apart
# from the release folders that whole-folder tests load.
SWITCHED = MODELS / "switched"


def release_pairs(root: Path = MODELS) -> Iterator[tuple[str, str, str, Any, Any]]:
    """(old, new, service, old source, new source): each fixture service against its later selves.

    Only services of the same API version on both sides: the pairs a
    release-notes page compares.
    """
    from codegen.sources import open_models

    versions = sorted(
        (p.name.removeprefix("botocore-") for p in root.glob("botocore-*")),
        key=lambda v: tuple(int(n) for n in v.split(".")),
    )
    sources = {v: open_models(str(root / f"botocore-{v}")) for v in versions}
    for i, old in enumerate(versions):
        for new in versions[i + 1 :]:
            a, b = sources[old], sources[new]
            for service in sorted(set(a.services()) & set(b.services())):
                if a.latest_api_version(service) == b.latest_api_version(service):
                    yield old, new, service, a, b


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run ``python -m codegen`` as a user would, returning the completed process."""

    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
        full_env = {**os.environ, "BOTO_CODEGEN_CACHE": str(tmp_path / "cache"), **(env or {})}
        full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
        return subprocess.run(
            [sys.executable, "-m", "codegen", *args],
            capture_output=True,
            text=True,
            env=full_env,
            cwd=cwd or tmp_path,
            check=False,
        )

    return run
