"""boto3's resource model (``resources-1.json``) -> IR, checked against the service it rides on.

Names follow boto3's own rules (``boto3.resources.model.ResourceModel``): the
collision renames of ``load_rename_map``, the split of ``has`` into
sub-resources and references, and the service resource's implicit
sub-resource for every resource. Anything that does not hold together (an
unknown operation, shape, waiter or resource type, a value of the wrong kind)
is a ``ModelError`` naming the file and the dotted place in it
(``resources.Queue.actions.Delete.request.operation``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from codegen.errors import ModelError
from codegen.ir.model import (
    EMPTY,
    Resource,
    ResourceAction,
    ResourceAttribute,
    ResourceIdentifier,
    ResourceParam,
    ResourceRequest,
    ResourceTarget,
    ResourceWaiter,
    Service,
    ServiceResources,
)
from codegen.ir.names import snake_case

SERVICE_RESOURCE = "ServiceResource"
WAITER_PREFIX = "WaitUntil"
_PARAM_KEYS = ("target", "source", "name", "path", "value")


def build_resources(
    raw: Any, path: str, service: Service, boto3_version: str | None = None
) -> ServiceResources:
    """The resource model of ``service`` from the parsed ``resources-1.json`` at ``path``."""
    return _Builder(path, service).build(raw, boto3_version)


class _Builder:
    def __init__(self, path: str, service: Service):
        self.path = path
        self.service = service
        self.definitions: Mapping[str, Any] = EMPTY

    def fail(self, place: str, message: str) -> ModelError:
        return ModelError(message, path=self.path, place=place)

    def mapping(self, value: Any, place: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, f"expected an object, found {_kind(value)}")
        return value

    def sequence(self, value: Any, place: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(place, f"expected a list, found {_kind(value)}")
        return value

    def string(self, value: Any, place: str) -> str:
        if not isinstance(value, str):
            raise self.fail(place, f"expected a string, found {_kind(value)}")
        return value

    def optional_string(self, raw: Mapping[str, Any], key: str, place: str) -> str | None:
        value = raw.get(key)
        return None if value is None else self.string(value, f"{place}.{key}")

    def build(self, raw: Any, boto3_version: str | None) -> ServiceResources:
        top = self.mapping(raw, "")
        definitions = self.mapping(top.get("resources", {}), "resources")
        for name, definition in definitions.items():
            self.mapping(definition, f"resources.{name}")
        self.definitions = definitions
        resources = {
            name: self.resource(name, definition, f"resources.{name}")
            for name, definition in definitions.items()
        }
        service = self.resource(
            SERVICE_RESOURCE, self.mapping(top.get("service", {}), "service"), "service"
        )
        return ServiceResources(service=service, resources=resources, boto3_version=boto3_version)

    def resource(self, name: str, raw: Mapping[str, Any], place: str) -> Resource:
        is_service = place == "service"
        shape = self.optional_string(raw, "shape", place)
        if shape is not None and shape not in self.service.shapes:
            raise self.fail(f"{place}.shape", f"no shape {shape!r} in the service model")
        names = _Names(self.fail, place)
        if raw.get("load"):
            names.taken.add("load")
        raw_identifiers = self.sequence(raw.get("identifiers", []), f"{place}.identifiers")
        for i, item in enumerate(raw_identifiers):
            item = self.mapping(item, f"{place}.identifiers[{i}]")
            names.claim(
                self.string(item.get("name"), f"{place}.identifiers[{i}].name"), "identifier"
            )
        raw_actions = self.mapping(raw.get("actions", {}), f"{place}.actions")
        for action in raw_actions:
            names.claim(action, "action")
        has = self.has(raw, place, is_service)
        for has_name, (definition, has_place) in has.items():
            if self.needs_data(definition, has_place):
                names.claim(has_name, "reference")
            else:
                names.claim(has_name, "subresource", snake=False)
        raw_collections = self.mapping(raw.get("hasMany", {}), f"{place}.hasMany")
        for collection in raw_collections:
            names.claim(collection, "collection")
        raw_waiters = self.mapping(raw.get("waiters", {}), f"{place}.waiters")
        for waiter in raw_waiters:
            names.claim(WAITER_PREFIX + waiter, "waiter")
        members = self.service.shapes[shape].members if shape is not None else ()
        for member in members:
            names.claim(member.name, "attribute")

        identifiers = tuple(
            ResourceIdentifier(
                name=item["name"],
                python_name=names.get("identifier", item["name"]),
                member_name=self.optional_string(item, "memberName", f"{place}.identifiers[{i}]"),
            )
            for i, item in enumerate(raw_identifiers)
        )
        identifier_names = {i.python_name for i in identifiers}
        attributes = tuple(
            ResourceAttribute(name=m.name, python_name=names.get("attribute", m.name))
            for m in members
            if snake_case(m.name) not in identifier_names
        )
        load = raw.get("load")
        subresources, references = [], []
        for has_name, (definition, has_place) in has.items():
            if self.needs_data(definition, has_place):
                references.append(
                    self.action(has_name, names.get("reference", has_name), definition, has_place)
                )
            else:
                subresources.append(
                    self.action(
                        has_name,
                        names.get("subresource", has_name, snake=False),
                        definition,
                        has_place,
                    )
                )
        return Resource(
            name=name,
            identifiers=identifiers,
            shape=shape,
            load=None
            if not load
            else self.called("load", "load", self.mapping(load, f"{place}.load"), f"{place}.load"),
            actions=self.actions(raw_actions, names, "action", f"{place}.actions"),
            batch_actions=self.actions(
                self.mapping(raw.get("batchActions", {}), f"{place}.batchActions"),
                names,
                "batch_action",
                f"{place}.batchActions",
            ),
            waiters=tuple(
                self.waiter(waiter, names, definition, f"{place}.waiters.{waiter}")
                for waiter, definition in raw_waiters.items()
            ),
            subresources=tuple(subresources),
            references=tuple(references),
            collections=self.actions(raw_collections, names, "collection", f"{place}.hasMany"),
            attributes=attributes,
        )

    def has(
        self, raw: Mapping[str, Any], place: str, is_service: bool
    ) -> dict[str, tuple[Mapping[str, Any], str]]:
        """The ``has`` entries with their places; for the service resource, boto3's
        ``_get_has_definition``: every resource, under its own ``has`` name if it has
        one, else as a sub-resource taking all identifiers from the caller."""
        declared = self.mapping(raw.get("has", {}), f"{place}.has")
        entries = {
            name: (self.mapping(value, f"{place}.has.{name}"), f"{place}.has.{name}")
            for name, value in declared.items()
        }
        if not is_service:
            return entries
        found: dict[str, tuple[Mapping[str, Any], str]] = {}
        for name, definition in self.definitions.items():
            matched = False
            for has_name, (has_def, has_place) in entries.items():
                if has_def.get("resource", {}).get("type") == name:
                    found[has_name] = (has_def, has_place)
                    matched = True
            if not matched:
                identifiers = [
                    {"target": item.get("name"), "source": "input"}
                    for item in definition.get("identifiers", [])
                ]
                found[name] = (
                    {"resource": {"type": name, "identifiers": identifiers}},
                    f"resources.{name}",
                )
        return found

    def needs_data(self, definition: Mapping[str, Any], place: str) -> bool:
        target = self.mapping(definition.get("resource"), f"{place}.resource")
        identifiers = self.sequence(target.get("identifiers", []), f"{place}.resource.identifiers")
        return any(
            self.mapping(item, f"{place}.resource.identifiers[{i}]").get("source") == "data"
            for i, item in enumerate(identifiers)
        )

    def actions(
        self, raw: Mapping[str, Any], names: _Names, category: str, place: str
    ) -> tuple[ResourceAction, ...]:
        return tuple(
            self.called(
                name,
                names.get(category, name),
                self.mapping(definition, f"{place}.{name}"),
                f"{place}.{name}",
                yields=category == "collection",
            )
            for name, definition in raw.items()
        )

    def called(
        self, name: str, python_name: str, raw: Mapping[str, Any], place: str, yields: bool = False
    ) -> ResourceAction:
        """An action, batch action, collection or load: boto3 calls its request's operation
        (and a collection yields resources)."""
        needed = ("request", "resource") if yields else ("request",)
        for key in needed:
            if key not in raw:
                raise self.fail(f"{place}.{key}", f"expected a {key}, found nothing")
        return self.action(name, python_name, raw, place)

    def action(
        self, name: str, python_name: str, raw: Mapping[str, Any], place: str
    ) -> ResourceAction:
        request = None
        if "request" in raw:
            raw_request = self.mapping(raw["request"], f"{place}.request")
            operation = self.string(raw_request.get("operation"), f"{place}.request.operation")
            if operation not in self.service.operations:
                raise self.fail(
                    f"{place}.request.operation", f"no operation {operation!r} in the service model"
                )
            request = ResourceRequest(
                operation=operation,
                params=self.params(raw_request.get("params", []), f"{place}.request.params"),
            )
        target = None
        if "resource" in raw:
            raw_target = self.mapping(raw["resource"], f"{place}.resource")
            kind = self.string(raw_target.get("type"), f"{place}.resource.type")
            if kind not in self.definitions:
                raise self.fail(f"{place}.resource.type", f"no resource {kind!r} in the model")
            target = ResourceTarget(
                type=kind,
                identifiers=self.params(
                    raw_target.get("identifiers", []), f"{place}.resource.identifiers"
                ),
                path=self.optional_string(raw_target, "path", f"{place}.resource"),
            )
        return ResourceAction(
            name=name,
            python_name=python_name,
            request=request,
            resource=target,
            path=self.optional_string(raw, "path", place),
        )

    def waiter(self, name: str, names: _Names, raw: Any, place: str) -> ResourceWaiter:
        raw = self.mapping(raw, place)
        waiter_name = self.string(raw.get("waiterName"), f"{place}.waiterName")
        if waiter_name not in self.service.waiters:
            raise self.fail(
                f"{place}.waiterName", f"no waiter {waiter_name!r} in the service model"
            )
        return ResourceWaiter(
            name=name,
            python_name=names.get("waiter", WAITER_PREFIX + name),
            waiter_name=waiter_name,
            params=self.params(raw.get("params", []), f"{place}.params"),
            path=self.optional_string(raw, "path", place),
        )

    def params(self, raw: Any, place: str) -> tuple[ResourceParam, ...]:
        params = []
        for i, item in enumerate(self.sequence(raw, place)):
            here = f"{place}[{i}]"
            item = self.mapping(item, here)
            target = self.string(item.get("target"), f"{here}.target")
            source = self.string(item.get("source"), f"{here}.source")
            extra = {k: v for k, v in item.items() if k not in _PARAM_KEYS}
            params.append(
                ResourceParam(
                    target=target,
                    source=source,
                    name=self.optional_string(item, "name", here),
                    path=self.optional_string(item, "path", here),
                    value=item.get("value"),
                    traits=extra or EMPTY,
                )
            )
        return tuple(params)


class _Names:
    """boto3's ``load_rename_map``: each name claimed in order of precedence; a
    later claim of a taken name gets ``_<category>`` appended."""

    def __init__(self, fail: Callable[[str, str], ModelError], place: str) -> None:
        self.fail = fail
        self.place = place
        self.taken = {"meta"}  # boto3 reserves it on every resource
        self.renamed: dict[tuple[str, str], str] = {}

    def claim(self, name: str, category: str, snake: bool = True) -> None:
        if snake:
            name = snake_case(name)
        if name in self.taken:
            self.renamed[(category, name)] = renamed = f"{name}_{category}"
            if renamed in self.taken:
                # boto3 raises here too rather than renaming twice.
                raise self.fail(
                    self.place, f"cannot rename {category} {name!r}: {renamed!r} is taken"
                )
            name = renamed
        self.taken.add(name)

    def get(self, category: str, name: str, snake: bool = True) -> str:
        if snake:
            name = snake_case(name)
        return self.renamed.get((category, name), name)


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
