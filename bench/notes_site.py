"""Fidelity: our awsapichanges change dicts against the site's rules, over two whole releases.

    python bench/notes_site.py [--old botocore==1.29.105] [--new installed] [--show N]

The site's rules are ``tests/site_rules.py`` (the generator of awsapichanges.info,
restated over raw JSON). Every updated method of every service whose API version
is the same on both sides is compared; methods new in NEW are left out (the site
also lists one as updated when its input or output is an older shape that changed,
which our pages do not). Prints how many agree, and the first N that do not.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.diff import diff_sources
from codegen.ir.changes import OperationNote
from codegen.sources import BotocoreData, open_models
from tests.site_rules import site_changes, site_new_operations


def _raw(source: BotocoreData, service: str) -> Any:
    path = next(p for p in source.model_files(service) if p.endswith(("-2.json", "-2.json.gz")))
    data = Path(path).read_bytes()
    return json.loads(gzip.decompress(data) if path.endswith(".gz") else data)


def _printed(note: OperationNote) -> dict[str, Any]:
    found = {}
    if note.request is not None:
        found["request"] = note.request
    if note.response is not None:
        found["response"] = note.response
    if len(found) == 2 and found["request"] == found["response"]:
        found = {"both": found["request"]}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", default="botocore==1.29.105")
    parser.add_argument("--new", default="installed")
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    old, new = open_models(args.old), open_models(args.new)
    found = diff_sources(old, new)
    compared, differ = 0, []
    for service in found.services:
        if service.status != "updated" or service.old_api_version != service.new_api_version:
            continue
        name = service.service or ""
        a, b = _raw(old, name), _raw(new, name)
        added = site_new_operations(a, b)
        site = {op: d for op, d in site_changes(a, b).items() if op not in added}
        ours = {op.name: _printed(op) for op in service.operations if op.change == "updated"}
        for operation in sorted(ours.keys() | site.keys()):
            compared += 1
            if ours.get(operation) != site.get(operation):
                differ.append((name, operation))
    print(f"{args.old} -> {args.new}: {compared - len(differ)} of {compared} updated methods agree")
    for name, operation in differ[: args.show]:
        print(f"  differs: {name} {operation}")


if __name__ == "__main__":
    main()
