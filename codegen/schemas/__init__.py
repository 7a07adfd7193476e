"""JSON Schemas (draft 2020-12) of every JSON file the tool writes, shipped with the package.

Each file carries its version (the IR's ``schema_version``, the change set's
``changes_version``, the codemod report's ``report_version``, the lock's
``schema``), which its schema pins with ``const``: a change to a JSON form
that a reader of the old version would misread (a field removed, renamed or
retyped, a new required field, a new form of value) bumps the version in the
code and in the schema together; tests/test_schemas.py checks they agree and
validates real outputs against each schema.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

# Schema name -> what writes it.
SCHEMAS = {
    "ir": "boto-codegen ir --out FILE; generated/ir/<service>.json",
    "changes": "boto-codegen diff --format json; boto-codegen notes parse --format json",
    "codemod-report": "boto-codegen codemod --report FILE",
    "lock": "generated/boto-codegen.lock",
}


def load_schema(name: str) -> dict[str, Any]:
    """The schema ``name`` (one of ``SCHEMAS``) as JSON data."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
