"""Where boto-codegen keeps what it can make again: downloaded releases, compiled templates.

``$BOTO_CODEGEN_CACHE``, else ``$XDG_CACHE_HOME/boto-codegen``, else
``~/.cache/boto-codegen``. Deleting it only costs time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    configured = os.environ.get("BOTO_CODEGEN_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "boto-codegen"
