"""SDK changelogs: the summary of each service's entry for one release.

Reads boto3's or botocore's ``CHANGELOG.rst`` (``* api-change:``service``:
[``botocore``] text`` under a version heading) and botocore's
``.changes/<version>.json`` (a list of ``{"type", "category", "description"}``).
Neither format carries dates.

boto3 numbered its releases three minor versions behind botocore's until the
two were aligned at 1.34 (botocore 1.29.105 shipped as boto3 1.26.105), so a
boto3 changelog is also searched under that number.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from codegen.errors import CodegenError

_HEADING = re.compile(r"^(\d+\.\d+\.\d+)\n=+$", re.MULTILINE)
_ENTRY = re.compile(r"^\* api-change:``(?P<service>[^`]+)``: (?P<text>.*)$", re.MULTILINE)
_BOTOCORE_TAG = "[``botocore``] "
# boto3 minor versions ran this far behind botocore's before they were aligned.
_BOTO3_OFFSET, _ALIGNED_AT = 3, 34


def release_names(version: str) -> list[str]:
    """The version numbers a release may go by in a changelog: botocore's, then boto3's."""
    names = [version]
    parts = version.split(".")
    if len(parts) == 3 and parts[0] == "1" and parts[1].isdigit():
        minor = int(parts[1])
        if minor < _ALIGNED_AT + _BOTO3_OFFSET and minor - _BOTO3_OFFSET >= 0:
            names.append(f"1.{minor - _BOTO3_OFFSET}.{parts[2]}")
    return names


def _rst_entries(text: str, version: str) -> dict[str, str] | None:
    headings = list(_HEADING.finditer(text))
    for wanted in release_names(version):
        for i, heading in enumerate(headings):
            if heading.group(1) != wanted:
                continue
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            entries: dict[str, str] = {}
            for entry in _ENTRY.finditer(text, heading.end(), end):
                summary = entry.group("text").removeprefix(_BOTOCORE_TAG).strip()
                service = entry.group("service")
                entries[service] = (
                    f"{entries[service]} {summary}" if service in entries else summary
                )
            return entries
    return None


def _json_entries(data: object, path: str) -> dict[str, str]:
    if not isinstance(data, list):
        raise CodegenError("expected a list of changes", path=path)
    entries: dict[str, str] = {}
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("description"), str):
            raise CodegenError("expected an object with a description", path=path, place=f"[{i}]")
        if item.get("type") != "api-change":
            continue
        service = str(item.get("category", "")).strip("`")
        text = item["description"].strip()
        entries[service] = f"{entries[service]} {text}" if service in entries else text
    return entries


def read_changelog(path: str | Path, version: str) -> dict[str, str]:
    """Service name -> summary of its api-change entries for ``version``.

    A changelog without that release is an error; a service without an entry
    is simply absent from the answer.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodegenError(f"cannot read changelog: {exc}", path=str(path)) from None
    if str(path).endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CodegenError(
                f"invalid JSON: {exc.msg}", path=str(path), place=f"line {exc.lineno}"
            ) from None
        return _json_entries(data, str(path))
    entries = _rst_entries(text, version)
    if entries is None:
        raise CodegenError(
            f"no entry for release {' or '.join(release_names(version))}", path=str(path)
        )
    return entries
