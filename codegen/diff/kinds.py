# ruff: noqa: E501  (a table reads best one kind to a row)
"""The change taxonomy: a table of kinds, each with a stable id, a severity and the axes it breaks.

The differ's evaluators only report *events* ("member-removed at shape X");
this table decides what each event means. Events on shapes are graded per
side, because the same edit means different things in a request and in a
response (a removed enum value breaks callers that send it, and nobody who
only reads it), so those events have one row per side.

Ids are stable: they are what users write in ``--ignore`` files and what CI
logs show. Add rows; never rename one.

Axes (what a change can break): ``runtime`` (botocore's own checks and
parsing: unknown or missing parameters, ``min``, types), ``typing`` (code
checked against stubs), ``server`` (what the service accepts or returns),
``docs`` (text only).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from codegen.ir.changes import AXES, REQUEST, RESPONSE


class Kind(NamedTuple):
    id: str
    event: str  # what the differ reports
    side: str | None  # request or response for events graded per side
    severity: str  # error, warning, info
    axes: tuple[str, ...]  # what it breaks; () when nothing
    title: str
    advice: str  # what a user should do, for migration notes
    docs_only: bool = False


# The axes a change can break, as the rows below name them (see above).
RUNTIME, TYPING, SERVER, DOCS = AXES
_NOTHING = "Nothing to do."

# fmt: off
_TABLE: tuple[tuple[str, str, str | None, str, tuple[str, ...], str, str], ...] = (
    # id, event, side, severity, axes, title, advice
    ("service-added", "service-added", None, "info", (), "Service added", _NOTHING),
    ("service-removed", "service-removed", None, "error", (RUNTIME, TYPING),
     "Service removed", "Stop creating clients for this service; it is gone from botocore."),
    ("service-api-version-changed", "api-version-changed", None, "warning", (SERVER,),
     "API version changed", "Check the service's changelog: a new API version may change behaviour."),
    ("operation-added", "operation-added", None, "info", (), "Operation added", _NOTHING),
    ("operation-removed", "operation-removed", None, "error", (RUNTIME, TYPING),
     "Operation removed", "Remove calls to this method or move to its replacement."),
    ("operation-renamed", "operation-renamed", None, "error", (RUNTIME, TYPING),
     "Operation renamed", "Call the method by its new name; it takes and returns the same data."),
    ("operation-deprecated", "operation-deprecated", None, "warning", (SERVER,),
     "Operation deprecated", "Plan to move off this method; it may be removed."),
    ("operation-undeprecated", "operation-undeprecated", None, "info", (),
     "Operation no longer deprecated", _NOTHING),
    ("operation-input-removed", "input-removed", None, "error", (RUNTIME, TYPING),
     "Operation takes no input any more", "Call the method without arguments."),
    ("operation-input-added", "input-added", None, "info", (), "Operation takes input", _NOTHING),
    ("operation-output-removed", "output-removed", None, "warning", (TYPING,),
     "Operation returns nothing any more", "Stop reading the method's result."),
    ("operation-output-added", "output-added", None, "info", (), "Operation returns output", _NOTHING),
    ("operation-http-changed", "http-changed", None, "info", (),
     "HTTP binding changed", "Nothing to do: botocore follows the model."),
    ("error-added", "error-added", None, "info", (),
     "Error added", "Consider handling the new exception."),
    ("error-removed", "error-removed", None, "warning", (SERVER,),
     "Error removed", "Handlers for this exception on this method are now dead code."),
    ("paginator-added", "paginator-added", None, "info", (), "Paginator added", _NOTHING),
    ("paginator-removed", "paginator-removed", None, "error", (RUNTIME, TYPING),
     "Paginator removed", "Replace get_paginator() with manual NextToken loops."),
    ("paginator-changed", "paginator-changed", None, "warning", (RUNTIME,),
     "Paginator changed", "Check paginated loops: tokens or result keys changed."),
    ("waiter-added", "waiter-added", None, "info", (), "Waiter added", _NOTHING),
    ("waiter-removed", "waiter-removed", None, "error", (RUNTIME, TYPING),
     "Waiter removed", "Replace get_waiter() with your own polling."),
    ("waiter-changed", "waiter-changed", None, "warning", (SERVER,),
     "Waiter changed", "Check code that relies on the waiter's timing or states."),
    ("shape-renamed", "shape-renamed", None, "warning", (TYPING,),
     "Shape renamed (structurally equal)",
     "Nothing changes at runtime; update imports of the TypeDef to its new name."),
    ("shape-replaced", "shape-replaced", None, "info", (TYPING,),
     "Member now targets another shape", "Update imports of the TypeDef to its new name."),
    ("documentation-changed", "documentation-changed", None, "info", (DOCS,),
     "Documentation changed", _NOTHING),

    # boto3 resources (resources-1.json): the place is the resource and boto3's name for the part.
    ("resources-added", "resources-added", None, "info", (), "boto3 resources added", _NOTHING),
    ("resources-removed", "resources-removed", None, "error", (RUNTIME, TYPING),
     "boto3 resources removed", "Replace boto3.resource() for this service with client calls."),
    ("resource-added", "resource-added", None, "info", (), "Resource added", _NOTHING),
    ("resource-removed", "resource-removed", None, "error", (RUNTIME, TYPING),
     "Resource removed", "Replace the resource with client calls."),
    ("resource-identifiers-changed", "resource-identifiers-changed", None, "error", (RUNTIME, TYPING),
     "Resource identifiers changed", "Create the resource with its new identifiers, in their order."),
    ("resource-shape-changed", "resource-shape-changed", None, "warning", (TYPING,),
     "Resource attributes come from another shape", "Check the attributes you read."),
    ("resource-load-added", "resource-load-added", None, "info", (), "Resource load() added", _NOTHING),
    ("resource-load-removed", "resource-load-removed", None, "error", (RUNTIME, TYPING),
     "Resource load() removed",
     "Stop calling load()/reload(); attributes no longer load themselves."),
    ("resource-load-changed", "resource-load-changed", None, "warning", (RUNTIME,),
     "Resource load() changed", "Check the attributes you read: they are loaded another way."),
    ("resource-action-added", "resource-action-added", None, "info", (), "Resource action added", _NOTHING),
    ("resource-action-removed", "resource-action-removed", None, "error", (RUNTIME, TYPING),
     "Resource action removed", "Call the client method the action called instead."),
    ("resource-action-request-changed", "resource-action-request-changed", None, "warning", (RUNTIME,),
     "Resource action request changed",
     "Check the arguments you pass: the parameters filled in from the resource changed."),
    ("resource-action-returns-changed", "resource-action-returns-changed", None, "error", (RUNTIME, TYPING),
     "Resource action returns something else", "Read the action's result as its new type."),
    ("resource-attribute-renamed", "resource-attribute-renamed", None, "error", (RUNTIME, TYPING),
     "Resource attribute renamed (its name is taken)",
     "Read the attribute under its new name: a new action or collection took the old one."),
    ("resource-batch-action-added", "resource-batch-action-added", None, "info", (),
     "Collection batch action added", _NOTHING),
    ("resource-batch-action-removed", "resource-batch-action-removed", None, "error", (RUNTIME, TYPING),
     "Collection batch action removed", "Loop over the collection and act on each item."),
    ("resource-batch-action-changed", "resource-batch-action-changed", None, "warning", (RUNTIME,),
     "Collection batch action changed", "Check the arguments you pass to the batch action."),
    ("resource-waiter-added", "resource-waiter-added", None, "info", (), "Resource waiter added", _NOTHING),
    ("resource-waiter-removed", "resource-waiter-removed", None, "error", (RUNTIME, TYPING),
     "Resource waiter removed", "Use the client's waiter (get_waiter) or your own polling."),
    ("resource-waiter-changed", "resource-waiter-changed", None, "warning", (SERVER,),
     "Resource waiter changed", "Check code that relies on what the waiter waits for."),
    ("resource-subresource-added", "resource-subresource-added", None, "info", (),
     "Sub-resource added", _NOTHING),
    ("resource-subresource-removed", "resource-subresource-removed", None, "error", (RUNTIME, TYPING),
     "Sub-resource removed", "Create the resource from the service resource with its identifiers."),
    ("resource-subresource-changed", "resource-subresource-changed", None, "warning", (RUNTIME, TYPING),
     "Sub-resource changed", "Check the arguments you pass and the resource you get."),
    ("resource-reference-added", "resource-reference-added", None, "info", (),
     "Resource reference added", _NOTHING),
    ("resource-reference-removed", "resource-reference-removed", None, "error", (RUNTIME, TYPING),
     "Resource reference removed", "Build the referenced resource from the attributes yourself."),
    ("resource-reference-changed", "resource-reference-changed", None, "warning", (RUNTIME, TYPING),
     "Resource reference changed", "Check the resource the reference gives."),
    ("resource-collection-added", "resource-collection-added", None, "info", (),
     "Resource collection added", _NOTHING),
    ("resource-collection-removed", "resource-collection-removed", None, "error", (RUNTIME, TYPING),
     "Resource collection removed", "Page through the client operation the collection used."),
    ("resource-collection-changed", "resource-collection-changed", None, "warning", (RUNTIME,),
     "Resource collection changed", "Check filter() arguments and the items the collection gives."),

    # Events on shapes, graded per side.
    ("request-member-added-optional", "member-added-optional", REQUEST, "info", (),
     "Optional request parameter added", _NOTHING),
    ("request-member-added-required", "member-added-required", REQUEST, "error", (RUNTIME, TYPING),
     "Required request parameter added", "Pass the new required parameter."),
    ("response-member-added", "member-added-optional", RESPONSE, "info", (),
     "Response member added", _NOTHING),
    ("response-member-added-required", "member-added-required", RESPONSE, "info", (),
     "Response member added (always present)", _NOTHING),
    ("request-member-removed", "member-removed", REQUEST, "error", (RUNTIME, TYPING),
     "Request parameter removed", "Stop passing the parameter; botocore rejects unknown parameters."),
    ("response-member-removed", "member-removed", RESPONSE, "warning", (TYPING,),
     "Response member removed", "Stop reading the member from responses."),
    ("request-member-renamed", "member-renamed", REQUEST, "error", (RUNTIME, TYPING),
     "Request parameter renamed", "Pass the parameter under its new name; its type is unchanged."),
    ("response-member-renamed", "member-renamed", RESPONSE, "warning", (TYPING,),
     "Response member renamed", "Read the member under its new name; its type is unchanged."),
    ("request-member-became-required", "member-became-required", REQUEST, "error", (RUNTIME, TYPING),
     "Request parameter became required", "Pass the parameter on every call."),
    ("response-member-became-required", "member-became-required", RESPONSE, "info", (),
     "Response member always present", _NOTHING),
    ("request-member-no-longer-required", "member-no-longer-required", REQUEST, "info", (),
     "Request parameter no longer required", _NOTHING),
    ("response-member-no-longer-required", "member-no-longer-required", RESPONSE, "warning", (TYPING,),
     "Response member no longer always present", "Read the member with .get() and handle its absence."),
    ("request-member-deprecated", "member-deprecated", REQUEST, "warning", (SERVER,),
     "Request parameter deprecated", "Plan to stop passing the parameter."),
    ("response-member-deprecated", "member-deprecated", RESPONSE, "warning", (SERVER,),
     "Response member deprecated", "Plan to stop reading the member."),
    ("request-member-location-changed", "member-location-changed", REQUEST, "info", (),
     "Request parameter moved in the HTTP request", "Nothing to do: botocore follows the model."),
    ("response-member-location-changed", "member-location-changed", RESPONSE, "info", (),
     "Response member moved in the HTTP response", "Nothing to do: botocore follows the model."),
    ("request-type-changed", "type-changed", REQUEST, "error", (RUNTIME, TYPING),
     "Request parameter type changed", "Pass a value of the new type."),
    ("response-type-changed", "type-changed", RESPONSE, "error", (TYPING,),
     "Response member type changed", "Read the member as its new type."),
    ("request-enum-added", "enum-added", REQUEST, "warning", (TYPING, SERVER),
     "Request string restricted to an enum", "Pass only the listed values."),
    ("response-enum-added", "enum-added", RESPONSE, "info", (), "Response string now an enum", _NOTHING),
    ("request-enum-removed", "enum-removed", REQUEST, "info", (),
     "Request enum now a plain string", _NOTHING),
    ("response-enum-removed", "enum-removed", RESPONSE, "warning", (TYPING,),
     "Response enum now a plain string", "Handle values beyond the old enum."),
    ("request-enum-value-added", "enum-value-added", REQUEST, "info", (),
     "Request enum value added", _NOTHING),
    ("response-enum-value-added", "enum-value-added", RESPONSE, "warning", (TYPING,),
     "Response enum value added", "Handle the new value where you match on this enum."),
    ("request-enum-value-removed", "enum-value-removed", REQUEST, "error", (TYPING, SERVER),
     "Request enum value removed", "Stop sending the removed value."),
    ("response-enum-value-removed", "enum-value-removed", RESPONSE, "info", (),
     "Response enum value removed", "Branches for the removed value are now dead code."),
    ("request-min-tightened", "min-tightened", REQUEST, "error", (RUNTIME,),
     "Request minimum raised", "Check values against the new minimum; botocore rejects smaller ones."),
    ("response-min-tightened", "min-tightened", RESPONSE, "info", (), "Response minimum raised", _NOTHING),
    ("request-min-loosened", "min-loosened", REQUEST, "info", (), "Request minimum lowered", _NOTHING),
    ("response-min-loosened", "min-loosened", RESPONSE, "info", (), "Response minimum lowered", _NOTHING),
    ("request-max-tightened", "max-tightened", REQUEST, "warning", (SERVER,),
     "Request maximum lowered", "Check values against the new maximum; the service rejects larger ones."),
    ("response-max-tightened", "max-tightened", RESPONSE, "info", (), "Response maximum lowered", _NOTHING),
    ("request-max-loosened", "max-loosened", REQUEST, "info", (), "Request maximum raised", _NOTHING),
    ("response-max-loosened", "max-loosened", RESPONSE, "info", (),
     "Response maximum raised", "Check buffers or columns sized to the old maximum."),
    ("request-pattern-added", "pattern-added", REQUEST, "warning", (SERVER,),
     "Request pattern added", "Check values against the new pattern."),
    ("response-pattern-added", "pattern-added", RESPONSE, "info", (), "Response pattern added", _NOTHING),
    ("request-pattern-removed", "pattern-removed", REQUEST, "info", (),
     "Request pattern removed", _NOTHING),
    ("response-pattern-removed", "pattern-removed", RESPONSE, "info", (),
     "Response pattern removed", _NOTHING),
    ("request-pattern-changed", "pattern-changed", REQUEST, "warning", (SERVER,),
     "Request pattern changed", "Check values against the new pattern."),
    ("response-pattern-changed", "pattern-changed", RESPONSE, "info", (),
     "Response pattern changed", _NOTHING),
    ("request-shape-traits-changed", "traits-changed", REQUEST, "info", (),
     "Request shape traits changed", "Review: a trait botocore keeps verbatim changed."),
    ("response-shape-traits-changed", "traits-changed", RESPONSE, "info", (),
     "Response shape traits changed", "Review: a trait botocore keeps verbatim changed."),
)
# fmt: on

KINDS: Mapping[str, Kind] = {
    row[0]: Kind(*row, docs_only=row[1] == "documentation-changed") for row in _TABLE
}

# Lookup used by the differ: (event, side) -> kind; side None for side-less events.
_BY_EVENT: Mapping[tuple[str, str | None], Kind] = {(k.event, k.side): k for k in KINDS.values()}

# Events whose kinds are graded per side.
SIDED_EVENTS = frozenset(k.event for k in KINDS.values() if k.side is not None)


def kind_for(event: str, side: str | None = None) -> Kind:
    """The kind for an evaluator's event, on one side for shape events."""
    try:
        return _BY_EVENT[(event, side)]
    except KeyError:
        raise KeyError(f"no kind for event {event!r} on side {side!r}") from None
