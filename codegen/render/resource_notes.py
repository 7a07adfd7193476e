"""What a boto3 resource change means to its callers, for the Markdown migration note.

Each line names the Python side: the resource class (``Table``), or
``boto3.resource("sqs")`` for the service resource, and the part as callers
spell it (``Table.wait_until_exists()``, ``Vault.multipart_uploads``). What
changed inside an action, waiter, collection or load is said from the model
records the change carries (``old``/``new``): the operation it calls, the
parameters boto3 fills, the resources it gives and where their identifiers
come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from codegen.diff.evaluators.resources import SERVICE_RESOURCE
from codegen.ir.changes import Change
from codegen.ir.names import snake_case

# Per resource event: the line, with {resource} the class (or the service
# resource), {name}/{call}/{part} the part (bare, as `Owner.part()`, as
# `Owner.part`), {old}/{new} the values and {difference} what changed inside.
SAYS: Mapping[str, str] = {
    "resources-added": "{service} gains boto3 resources: {resource}",
    "resources-removed": "{resource} is gone: {service} has no boto3 resources any more",
    "resource-added": "New resource `{name}`",
    "resource-removed": "Resource `{name}` is gone",
    "resource-identifiers-changed": "`{name}(...)` takes {new} (was {old})",
    "resource-shape-changed": "Attributes of {resource} come from `{new}` (was `{old}`)",
    "resource-load-added": "{resource} gains `load()` and `reload()`",
    "resource-load-removed": "{resource} no longer has `load()` and `reload()`",
    "resource-load-changed": "{call} changed: {difference}",
    "resource-action-added": "{resource} gains action `{name}()`",
    "resource-action-removed": "Action {call} is gone",
    "resource-action-request-changed": "Action {call} request changed: {difference}",
    "resource-action-returns-changed": "Action {call} now {returns}",
    "resource-attribute-renamed": "Attribute {old} of {resource} is now {new} (its name is taken)",
    "resource-batch-action-added": "Collections of {resource} gain batch action `{name}()`",
    "resource-batch-action-removed": (
        "Batch action `{name}()` is gone from collections of {resource}"
    ),
    "resource-batch-action-changed": (
        "Batch action `{name}()` on collections of {resource} changed: {difference}"
    ),
    "resource-waiter-added": "{resource} gains waiter `{name}()`",
    "resource-waiter-removed": "Waiter {call} is gone",
    "resource-waiter-changed": "Waiter {call} changed: {difference}",
    "resource-subresource-added": "{resource} gains sub-resource `{name}()`",
    "resource-subresource-removed": "Sub-resource {call} is gone",
    "resource-subresource-changed": "Sub-resource {call} changed: {difference}",
    "resource-reference-added": "{resource} gains reference `{name}`",
    "resource-reference-removed": "Reference {part} is gone",
    "resource-reference-changed": "Reference {part} changed: {difference}",
    "resource-collection-added": "{resource} gains collection `{name}`",
    "resource-collection-removed": "Collection {part} is gone",
    "resource-collection-changed": "Collection {part} changed: {difference}",
}


def resource_fields(change: Change) -> dict[str, str]:
    """The fields ``SAYS`` lines use, for a change to a boto3 resource model."""
    owner = change.resource or SERVICE_RESOURCE  # resources-added/removed name none
    python_owner = f'boto3.resource("{change.service}")' if owner == SERVICE_RESOURCE else owner
    name = change.member or owner
    old, new = change.old, change.new
    if change.kind in ("resource-identifiers-changed", "resource-attribute-renamed"):
        shown_old, shown_new = _names(old), _names(new)
    else:
        shown_old, shown_new = str(old), str(new)
    return {
        "service": f"`{change.service}`",
        "resource": f"`{python_owner}`",
        "name": name,
        "call": f"`{python_owner}.{name}()`",
        "part": f"`{python_owner}.{name}`",
        "old": shown_old,
        "new": shown_new,
        "returns": change.message.rsplit(": ", 1)[-1],
        "difference": difference(old, new),
    }


def _names(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    return ", ".join(f"`{snake_case(str(n))}`" for n in names) if names else "nothing"


def difference(old: Any, new: Any) -> str:
    """What differs between two records of one action, waiter, collection or load."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return "changed"
    parts: list[str] = []
    before, after = old.get("request") or {}, new.get("request") or {}
    if before.get("operation") != after.get("operation"):
        parts.append(
            f"calls `{_method(after.get('operation'))}` (was `{_method(before.get('operation'))}`)"
        )
    if before.get("params") != after.get("params"):
        parts.append(_filled(before.get("params"), after.get("params")))
    if old.get("waiter_name") != new.get("waiter_name"):
        parts.append(f"waits with `{new.get('waiter_name')}` (was `{old.get('waiter_name')}`)")
    if old.get("params") != new.get("params"):
        parts.append(_filled(old.get("params"), new.get("params")))
    parts.extend(_gives(old.get("resource"), new.get("resource")))
    if old.get("path") != new.get("path"):
        parts.append(f"data from `{new.get('path')}` (was `{old.get('path')}`)")
    return "; ".join(parts) or "changed"


def _method(operation: Any) -> str:
    return snake_case(str(operation)) if operation else "nothing"


def _filled(old: Any, new: Any) -> str:
    """The request parameters boto3 fills from the resource, before and after."""

    def targets(params: Any) -> str:
        found = [p.get("target") for p in params or () if isinstance(p, dict)]
        return ", ".join(f"`{t}`" for t in found) if found else "nothing"

    return f"boto3 fills {targets(new)} (was {targets(old)})"


def _gives(old: Any, new: Any) -> list[str]:
    """What differs in the resources an action or collection gives."""
    if old == new:
        return []
    if not isinstance(old, dict) or not isinstance(new, dict):
        return [f"gives {_resource(new)} (was {_resource(old)})"]
    if old.get("type") != new.get("type"):
        return [f"gives {_resource(new)} (was {_resource(old)})"]
    parts = []
    kind = new.get("type")
    before = {i.get("target"): i for i in old.get("identifiers") or ()}
    for identifier in new.get("identifiers") or ():
        target = identifier.get("target")
        was = before.get(target)
        if was != identifier:
            parts.append(
                f"the `{snake_case(str(target))}` of each `{kind}` comes from"
                f" {_source(identifier)} (was {_source(was)})"
            )
    if old.get("path") != new.get("path"):
        parts.append(f"`{kind}` data from `{new.get('path')}` (was `{old.get('path')}`)")
    return parts or [f"gives {_resource(new)} differently"]


def _resource(target: Any) -> str:
    return f"`{target.get('type')}`" if isinstance(target, dict) else "nothing"


def _source(param: Any) -> str:
    if not isinstance(param, dict):
        return "nothing"
    where = param.get("path") or param.get("name") or param.get("value")
    return f"{param.get('source')} `{where}`" if where is not None else str(param.get("source"))
