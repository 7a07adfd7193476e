"""boto3 resource model changes: resources and what each offers, added, removed or changed.

boto3 builds ``boto3.resource(...)`` classes from ``resources-1.json``: a
service resource and named resources, each with identifiers (the
constructor's arguments), a shape (its attributes), a load action
(``load()``/``reload()``), actions, batch actions (on collections), waiters
(``wait_until_*``), ``has`` entries (sub-resources, made from identifiers
alone, and references, which need the resource's data: boto3's own rule) and
collections (``hasMany``). Each of those is compared by its model name and
reported at its Python name as boto3 spells it (``Object.restore_object``,
``Table.wait_until_exists``, ``Vault.multipart_uploads``; sub-resources keep
their model spelling, ``Bucket.LifecycleConfiguration``), the resource as the
change's ``resource`` and that name as its ``member``.

What changed inside an action is split where callers feel it differently:
the request boto3 sends (another operation, other parameters filled in from
the resource) and what it returns (a resource or a list of them where it
returned the response, or the other way round).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from codegen.diff.evaluators.base import Context, Evaluator, Event
from codegen.ir.model import Resource, ResourceAction
from codegen.ir.serialize import to_json

# What the change places call the service resource (``ServiceResource.create_bucket``).
SERVICE_RESOURCE = "ServiceResource"


class _Family(NamedTuple):
    """One kind of thing a resource offers: the field holding it, and its events."""

    field: str
    what: str  # as messages say it
    events: tuple[str, str, str | None]  # on one added, removed, changed


# An action's change is two events (see ``_action``), so it has no one "changed" event.
_FAMILIES = (
    _Family("actions", "action", ("resource-action-added", "resource-action-removed", None)),
    _Family(
        "batch_actions",
        "batch action",
        ("resource-batch-action-added", "resource-batch-action-removed",
         "resource-batch-action-changed"),
    ),
    _Family(
        "waiters",
        "waiter",
        ("resource-waiter-added", "resource-waiter-removed", "resource-waiter-changed"),
    ),
    _Family(
        "subresources",
        "subresource",
        ("resource-subresource-added", "resource-subresource-removed",
         "resource-subresource-changed"),
    ),
    _Family(
        "references",
        "reference",
        ("resource-reference-added", "resource-reference-removed", "resource-reference-changed"),
    ),
    _Family(
        "collections",
        "collection",
        ("resource-collection-added", "resource-collection-removed",
         "resource-collection-changed"),
    ),
)  # fmt: skip


def _resources(ctx: Context) -> Iterator[Event]:
    old, new = ctx.old.resources, ctx.new.resources
    if old == new:
        return
    name = ctx.new.name
    if old is None:
        yield Event("resources-added", f"{name}: boto3 resources added (boto3.resource)")
        return
    if new is None:
        yield Event("resources-removed", f"{name}: boto3 resources removed (boto3.resource)")
        return
    yield from _resource(old.service, new.service, SERVICE_RESOURCE)
    for resource in sorted(old.resources.keys() | new.resources.keys()):
        a, b = old.resources.get(resource), new.resources.get(resource)
        if a is None:
            yield Event("resource-added", f"{resource}: resource added", resource=resource)
        elif b is None:
            yield Event("resource-removed", f"{resource}: resource removed", resource=resource)
        elif a != b:
            yield from _resource(a, b, resource)


def _resource(old: Resource, new: Resource, resource: str) -> Iterator[Event]:
    if old.identifiers != new.identifiers:
        yield Event(
            "resource-identifiers-changed",
            f"{resource}: identifiers {_names(old)} -> {_names(new)}",
            resource=resource,
            old=_names(old),
            new=_names(new),
        )
    if old.shape != new.shape:
        yield Event(
            "resource-shape-changed",
            f"{resource}: attributes from shape {old.shape} -> {new.shape}",
            resource=resource,
            old=old.shape,
            new=new.shape,
        )
    yield from _load(old, new, resource)
    for family in _FAMILIES:
        yield from _family(getattr(old, family.field), getattr(new, family.field), family, resource)
    yield from _attributes(old, new, resource)


def _names(resource: Resource) -> list[str]:
    return [identifier.name for identifier in resource.identifiers]


def _load(old: Resource, new: Resource, resource: str) -> Iterator[Event]:
    a, b = old.load, new.load
    if a == b:
        return
    place: dict[str, Any] = {"resource": resource, "member": "load"}
    if a is None:
        yield Event("resource-load-added", f"{resource}: load() added", **place, new=_json(b))
    elif b is None:
        yield Event("resource-load-removed", f"{resource}: load() removed", **place, old=_json(a))
    else:
        yield Event(
            "resource-load-changed",
            f"{resource}: load() changed",
            **place,
            old=_json(a),
            new=_json(b),
        )


def _family(
    old: tuple[Any, ...], new: tuple[Any, ...], family: _Family, resource: str
) -> Iterator[Event]:
    """Actions, waiters, collections ... of one resource, matched by their model names."""
    added, removed, changed = family.events
    before = {item.name: item for item in old}
    after = {item.name: item for item in new}
    for name in sorted(before.keys() | after.keys()):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        python_name = after[name].python_name if b is not None else before[name].python_name
        place = {"resource": resource, "member": python_name, "old": _json(a), "new": _json(b)}
        subject = f"{resource}.{python_name}: {family.what}"
        if a is None:
            yield Event(added, f"{subject} added", **place)
        elif b is None:
            yield Event(removed, f"{subject} removed", **place)
        elif changed is None:
            yield from _action(a, b, subject, place)
        else:
            yield Event(changed, f"{subject} changed", **place)


def _attributes(old: Resource, new: Resource, resource: str) -> Iterator[Event]:
    """Attributes boto3 renames because a new action, collection ... took their name.

    Attributes added or removed with the shape are shape changes, reported on
    the shape and reaching the resource from there (``codegen.diff.resource_reach``).
    """
    before = {a.name: a.python_name for a in old.attributes}
    for attribute in new.attributes:
        was = before.get(attribute.name)
        if was is not None and was != attribute.python_name:
            yield Event(
                "resource-attribute-renamed",
                f"{resource}.{attribute.python_name}: attribute renamed from {was}"
                " (its name is taken)",
                resource=resource,
                member=attribute.python_name,
                old=was,
                new=attribute.python_name,
            )


def _action(
    old: ResourceAction, new: ResourceAction, subject: str, place: dict[str, Any]
) -> Iterator[Event]:
    """An action's request and what it returns, as two changes: they break callers differently."""
    if old.request != new.request:
        yield Event("resource-action-request-changed", f"{subject}: request changed", **place)
    if (old.resource, old.path) != (new.resource, new.path):
        before, after = _returns(old), _returns(new)
        yield Event(
            "resource-action-returns-changed",
            f"{subject}: returns {after} (was {before})",
            **place,
        )


def _returns(action: ResourceAction) -> str:
    """What calling an action gives, as a caller sees it."""
    if action.resource is None:
        return "the response" if action.path is None else f"the response at {action.path}"
    many = action.resource.path is not None and "[]" in action.resource.path
    return f"a list of {action.resource.type}" if many else f"a {action.resource.type}"


def _json(value: Any) -> Any:
    return None if value is None else to_json(value)


RESOURCES = Evaluator(
    _resources,
    frozenset(
        {
            "resources-added",
            "resources-removed",
            "resource-added",
            "resource-removed",
            "resource-identifiers-changed",
            "resource-shape-changed",
            "resource-load-added",
            "resource-load-removed",
            "resource-load-changed",
            "resource-action-request-changed",
            "resource-action-returns-changed",
            "resource-attribute-renamed",
        }
        | {event for family in _FAMILIES for event in family.events if event}
    ),
)

__all__ = ["RESOURCES", "SERVICE_RESOURCE"]
