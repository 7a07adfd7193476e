"""Python names for model names, exactly as botocore makes them (``xform_name``).

botocore's ``xform_name`` replaces with templates (``\\1_\\2``), which Python
parses and expands at every match: about 20 us a name, so 15 ms of each
worker of an ec2 docs run goes on its 765 method names. ``snake_case`` uses
the same expressions with a replacement function. botocore's table of
exceptions (names whose boto3 spelling its rules would not give, such as
``send_whatsapp_message``) is botocore's own, read from it; tests compare
every installed name with ``xform_name``.
"""

from __future__ import annotations

import re

import botocore

# (name, separator) -> spelling, filled in by botocore with its exceptions.
_EXCEPTIONS: dict[tuple[str, str], str] = getattr(botocore, "_xform_cache", {})
_FIRST_CAP = re.compile("(.)([A-Z][a-z]+)")
_END_CAP = re.compile("([a-z0-9])([A-Z])")
_PLURAL_ACRONYM = re.compile("[A-Z]{2,}s$")  # ARNs, ACLs -> _arns, _acls


def snake_case(name: str, sep: str = "_") -> str:
    """CreateGrantVersion -> create_grant_version, as botocore's ``xform_name``."""
    if sep in name:
        return name  # taken as already transformed
    known = _EXCEPTIONS.get((name, sep))
    if known is not None:
        return known
    plural = _PLURAL_ACRONYM.search(name)
    if plural is not None:
        matched = plural.group()
        name = f"{name[: -len(matched)]}{sep}{matched.lower()}"

    def join(match: re.Match[str]) -> str:
        return f"{match[1]}{sep}{match[2]}"

    return _END_CAP.sub(join, _FIRST_CAP.sub(join, name)).lower()
