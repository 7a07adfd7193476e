"""The codemod fixture cases: before/after files whose first line says how to run them."""

from __future__ import annotations

import shlex
from functools import cache
from pathlib import Path

from codegen.codemod.changes import rules_between
from codegen.codemod.clients import ClientConfig
from codegen.codemod.migrations import migration_rules
from codegen.codemod.rules import RuleSet, load_rules
from codegen.sources import open_models
from tests.conftest import FIXTURES, release_folder

CODEMOD = FIXTURES / "codemod"
HEADER = "# codemod-test:"


def before_files(folder: str) -> list[Path]:
    return sorted((CODEMOD / folder).glob("*.before.py"))


def after_file(before: Path) -> Path:
    return before.with_name(before.name.replace(".before.py", ".after.py"))


@cache
def migration(name: str) -> RuleSet:
    return migration_rules(name, open_models(str(release_folder("1.43.11"))))


@cache
def between(old: str, new: str) -> RuleSet:
    """Rules from the change set between two fixture releases (``1.39.0``)."""
    return rules_between(str(release_folder(old)), str(release_folder(new)))


def case_setup(source: bytes) -> tuple[RuleSet, ClientConfig]:
    """Rules and client factories from a case's first line (default: es-to-opensearch)."""
    first = source.decode().splitlines()[0]
    args = shlex.split(first.removeprefix(HEADER)) if first.startswith(HEADER) else []
    rules = migration("es-to-opensearch")
    factories: dict[str, str] = {}
    old = None
    for flag, value in zip(args[::2], args[1::2], strict=True):
        if flag == "--from":
            old = value
        elif flag == "--to":
            assert old is not None, "--from comes first"
            rules = between(old, value)
        elif flag == "--rules":
            rules = load_rules(CODEMOD / value)
        elif flag == "--migration":
            rules = migration(value)
        elif flag == "--client-factory":
            name, _, service = value.partition("=")
            factories[name] = service
        else:
            raise ValueError(f"unknown case flag {flag}")
    return rules, ClientConfig(factories=factories)
