"""``generated/boto-codegen.lock``: what ``generated/`` was made from, and what it holds.

The lock is committed with ``generated/`` and holds only what follows from
the inputs and outputs: the botocore version, each service's model
fingerprint and a hash of every file written. ``make generate`` compares it
with the models it would read to find what to regenerate. It also holds the
stub names each service keeps from earlier releases (``codegen.stubs.aliases``):
the one thing a run cannot work out from the current models alone, handed on
from bump to bump.

Which generator (code and templates) last ran is local state, kept out of
the lock in ``.boto-codegen/state.json`` beside ``generated/``: a code change
that alters no output must not make a committed file differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.errors import CodegenError
from codegen.render.jinja import TEMPLATES

LOCK_NAME = "boto-codegen.lock"
LOCK_SCHEMA = 1
STATE_PATH = Path(".boto-codegen") / "state.json"
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ServiceEntry:
    api_version: str
    model: str  # BotocoreData.fingerprint of the model files
    files: Mapping[str, str] = field(default_factory=dict)  # path in generated/ -> sha256
    # Stub names kept from earlier releases: module -> old name -> name now (KeptNames.to_json).
    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Lock:
    botocore_version: str | None
    models: str
    outputs: tuple[str, ...]
    services: Mapping[str, ServiceEntry]
    shared_files: Mapping[str, str] = field(default_factory=dict)  # files of no one service


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def generator_hash() -> str:
    """A hash of the code and templates that write ``generated/``: change either, regenerate."""
    digest = hashlib.sha256()
    for root, pattern in ((_PACKAGE, "*.py"), (TEMPLATES, "*")):
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(root.parent)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_lock(out: Path) -> Lock | None:
    path = out / LOCK_NAME
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != LOCK_SCHEMA:
            return None  # an older layout: regenerate everything
        return Lock(
            botocore_version=data["botocore_version"],
            models=data["models"],
            outputs=tuple(data["outputs"]),
            services={
                name: ServiceEntry(
                    entry["api_version"], entry["model"], entry["files"], entry.get("aliases", {})
                )
                for name, entry in data["services"].items()
            },
            shared_files=data.get("shared_files", {}),
        )
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise CodegenError(
            f"unreadable lock file ({exc}); delete it to regenerate everything", path=str(path)
        ) from None


def dump_lock(lock: Lock) -> str:
    data: dict[str, Any] = {
        "schema": LOCK_SCHEMA,
        "botocore_version": lock.botocore_version,
        "models": lock.models,
        "outputs": list(lock.outputs),
        "services": {name: _entry(e) for name, e in lock.services.items()},
        "shared_files": dict(lock.shared_files),
    }
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _entry(entry: ServiceEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "api_version": entry.api_version,
        "model": entry.model,
        "files": dict(entry.files),
    }
    if entry.aliases:  # most services never had a shape renamed
        data["aliases"] = {module: dict(names) for module, names in entry.aliases.items()}
    return data


def state_file(out: Path) -> Path:
    return out.parent / STATE_PATH


def read_generator_state(out: Path) -> str | None:
    """The generator hash of the last run that wrote ``out`` on this machine, if known."""
    try:
        data = json.loads(state_file(out).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    value = data.get(str(out.name)) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def write_generator_state(out: Path, generator: str) -> None:
    path = state_file(out)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[str(out.name)] = generator
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
