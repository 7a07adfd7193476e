from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MODELS = FIXTURES / "models"
ROOT = Path(__file__).parent.parent


def release_folder(version: str) -> Path:
    """The fixture folder holding real model files cut from botocore ``version``."""
    return MODELS / f"botocore-{version}"


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
