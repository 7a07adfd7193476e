"""A service's boto3 resource model -> the classes of ``service_resource.pyi``.

Names are the published stubs' (mypy-boto3-builder's): ``S3ServiceResource``,
one class per resource (``Bucket``, ``Object``), ``<Owner><Collection>Collection``
per collection (``BucketObjectsCollection``, ``ServiceResourceBucketsCollection``),
``<Service>ResourceMeta`` and the request TypedDicts of actions,
``<InputShape><Resource><Action>TypeDef``. Python names follow boto3's own
rules (``boto3.resources.model.ResourceModel.load_rename_map``): snake_case,
and a name already taken gets ``_<category>`` (``id_attribute``).

The model is read as boto3 ships it (``resources-1.json``); the IR's resource
records replace the raw mapping once they exist.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import Any, NamedTuple

from codegen.ir.model import Operation, Service
from codegen.ir.names import snake_case
from codegen.stubs import types as t
from codegen.stubs.definitions import (
    IGNORE_OVERRIDE,
    AliasDef,
    Field,
    Method,
    TypedDictDef,
    is_parameter_name,
)
from codegen.stubs.plain_values import HIGH_LEVEL, PlainValues
from codegen.stubs.shapes import INPUT, OUTPUT, ShapeTypes

SERVICE_RESOURCE = "service_resource"
RESOURCE_BASE = t.Named("ServiceResource", "boto3.resources.base")
META_BASE = t.Named("ResourceMeta", "boto3.resources.base")
COLLECTION_BASE = t.Named("ResourceCollection", "boto3.resources.collection")
ITERATOR = t.Named("Iterator", "collections.abc")
SEQUENCE_STR = t.sub(t.SEQUENCE, t.STR)
WAITER_CONFIG = "WaiterConfig"
_TOP = re.compile(r"[.\[]")

# Methods boto3 adds to resource classes at run time (``creating-resource-class``
# handlers), by (service, resource): boto3.dynamodb.table.TableResource.
_INJECTED: dict[tuple[str, str], tuple[Method, ...]] = {
    ("dynamodb", "Table"): (
        Method(
            "batch_writer",
            (
                Field(
                    "overwrite_by_pkeys",
                    t.Union((t.sub(t.SEQUENCE, t.STR), t.NONE)),
                    False,
                ),
            ),
            t.Named("BatchWriter", "boto3.dynamodb.table"),
            keyword_only=False,
        ),
    ),
}


def resource_definition(service: Service, models_root: str | None) -> Mapping[str, Any] | None:
    """boto3's resource model of ``service`` at its API version, or None if it has none.

    Models from a folder or a release (``models_root``) take the
    ``resources-1.json`` beside them; the installed botocore's take the
    installed boto3's (the pair this environment runs).
    """
    folders = []
    if models_root is not None:
        folders.append(Path(models_root))
    else:
        spec = find_spec("boto3")
        if spec is not None and spec.origin is not None:
            folders.append(Path(spec.origin).parent / "data")
    for folder in folders:
        path = folder / service.name / service.api_version / "resources-1.json"
        if path.is_file():
            loaded: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return loaded
    return None


def service_resource_class_name(service: Service) -> str:
    return f"{service.client_class_name}ServiceResource"


class ClassDef(NamedTuple):
    """A class of ``service_resource.pyi``: attributes, properties, methods, and an alias."""

    name: str
    base: t.TypeNode
    attributes: tuple[Field, ...]
    properties: tuple[Field, ...]
    methods: tuple[Method, ...]
    alias: bool  # ``_Name = Name``: methods named like the class refer to it so

    def imports(self) -> Iterator[t.Import]:
        yield from self.base.imports()
        for field in (*self.attributes, *self.properties):
            yield from field.type.imports()
        for method in self.methods:
            yield from method.imports()


class ResourceModule(NamedTuple):
    service_resource: str
    classes: tuple[ClassDef, ...]
    type_defs: tuple[TypedDictDef | AliasDef, ...]

    @property
    def exported(self) -> list[str]:
        return sorted(c.name for c in self.classes)


class _Action(NamedTuple):
    name: str
    definition: Mapping[str, Any]


def build_resources(
    service: Service,
    types: ShapeTypes,
    definition: Mapping[str, Any],
    client: t.TypeNode,
    returns: Any,
) -> ResourceModule:
    """The classes of the module; ``returns(operation)`` is the client method's result type."""
    return _Builder(service, types, definition, client, returns).module()


class _Builder:
    def __init__(
        self,
        service: Service,
        types: ShapeTypes,
        definition: Mapping[str, Any],
        client: t.TypeNode,
        returns: Any,
    ):
        self.service = service
        self.types = types
        self.resources: Mapping[str, Any] = definition.get("resources", {})
        self.root: Mapping[str, Any] = definition.get("service", {})
        self.client = client
        self.returns = returns
        self.service_name = service_resource_class_name(service)
        self.meta = f"{service.client_class_name}ResourceMeta"
        self.type_defs: list[TypedDictDef | AliasDef] = []
        self.collections: list[ClassDef] = []
        self.plain = PlainValues(service, types) if service.name in HIGH_LEVEL else None

    def local(self, name: str) -> t.Named:
        return t.local(name, SERVICE_RESOURCE)

    def resource_ref(self, name: str) -> t.Named:
        return self.local(f"_{name}")

    def module(self) -> ResourceModule:
        classes = [self.resource_class(name, self.resources[name]) for name in self.resources]
        meta = ClassDef(
            self.meta, META_BASE, (), (Field("client", self.client, True),), (), alias=False
        )
        service = self.resource_class(None, self.root)
        plain = self.plain.definitions if self.plain is not None else []
        return ResourceModule(
            self.service_name,
            (*self.collections, *classes, meta, service),
            (*self.type_defs, *plain),
        )

    # -- one resource ------------------------------------------------------------

    def has_definition(self, name: str | None, model: Mapping[str, Any]) -> dict[str, Any]:
        """``has``, completed for the service resource as boto3 does: every resource
        not already named there is a subresource taking all its identifiers."""
        has: dict[str, Any] = dict(model.get("has", {}))
        if name is not None:
            return has
        for resource, resource_model in self.resources.items():
            if any(d.get("resource", {}).get("type") == resource for d in has.values()):
                continue
            has[resource] = {
                "resource": {
                    "type": resource,
                    "identifiers": [
                        {"target": i["name"], "source": "input"}
                        for i in resource_model.get("identifiers", [])
                    ],
                }
            }
        return has

    def resource_class(self, name: str | None, model: Mapping[str, Any]) -> ClassDef:
        owner = name or "ServiceResource"
        taken = {"meta"}
        if model.get("load"):
            taken.add("load")

        def claim(raw: str, category: str, snake: bool = True) -> str:
            python = snake_case(raw) if snake else raw
            if python in taken:
                python = f"{python}_{category}"
            taken.add(python)
            return python

        attributes: list[Field] = []
        properties: list[Field] = []
        methods: list[Method] = [Method("get_available_subresources", (), SEQUENCE_STR)]
        shape_name = model.get("shape")
        shape = self.service.shapes.get(shape_name) if shape_name else None
        identifiers = model.get("identifiers", [])
        for identifier in identifiers:
            attributes.append(Field(claim(identifier["name"], "identifier"), t.STR, True))
        for action_name, action in model.get("actions", {}).items():
            python = claim(action_name, "action")
            methods.append(self.action(python, owner, action_name, action))
        references = []
        for has_name, has in self.has_definition(name, model).items():
            target = has["resource"]
            from_data = any(i.get("source") == "data" for i in target.get("identifiers", []))
            if from_data:
                references.append((claim(has_name, "reference"), target))
                continue
            python = claim(has_name, "subresource", snake=False)
            inputs = [
                Field(snake_case(i["target"]), t.STR, True)
                for i in target.get("identifiers", [])
                if i.get("source") == "input"
            ]
            methods.append(
                Method(
                    python,
                    (),
                    self.resource_ref(target["type"]),
                    positional=tuple(inputs),
                )
            )
        for reference_name, target in references:
            attributes.append(Field(reference_name, self.resource_result(target), True))
        for collection_name, collection in model.get("hasMany", {}).items():
            python = claim(collection_name, "collection")
            class_name = f"{owner}{collection_name}Collection"
            self.collections.append(self.collection(class_name, owner, collection))
            attributes.append(Field(python, self.local(class_name), True))
        for waiter_name, waiter in model.get("waiters", {}).items():
            python = claim(f"WaitUntil{waiter_name}", "waiter")
            methods.append(self.waiter(python, owner, waiter))
        if shape is not None:
            for member in shape.members:
                python = claim(member.name, "attribute")
                if is_parameter_name(python):
                    attributes.append(
                        Field(python, self.types.type_of(member.target, OUTPUT), True)
                    )
        properties.append(Field("meta", self.local(self.meta), True))
        if name is not None:
            methods.extend(_INJECTED.get((self.service.name, name), ()))
        if model.get("load"):
            methods.extend(Method(m, (), t.NONE) for m in ("load", "reload"))
        return ClassDef(
            name or self.service_name,
            RESOURCE_BASE,
            tuple(attributes),
            tuple(properties),
            tuple(methods),
            alias=name is not None,
        )

    # -- actions -----------------------------------------------------------------

    def request_fields(self, request: Mapping[str, Any], owner: str) -> tuple[Field, ...]:
        """The operation's input members a caller passes: those boto3 fills are left out.

        A member boto3 fills in part (``InstanceIds[0]``) is left out too, as
        the published stubs leave it: boto3 overwrites that part of what a
        caller passes.
        """
        operation = self.service.operations[request["operation"]]
        if operation.input is None:
            return ()
        filled = {_TOP.split(p["target"], maxsplit=1)[0] for p in request.get("params", [])}
        target = operation.input.target
        if self.plain is not None:
            fields = self.plain.fields(target, INPUT, owner)
        else:
            fields = self.types.fields(self.service.shapes[target], INPUT)
        return tuple(f for f in fields if f.name not in filled)

    def request_type_def(
        self, operation: Operation, owner: str, action: str, fields: tuple[Field, ...]
    ) -> t.Named | None:
        """``<Input><Owner><Action>TypeDef``, as the published stubs name an action's kwargs."""
        if operation.input is None:
            return None
        stem = self.types.stem[operation.input.target]
        name = self.types.allocate(f"{stem}{owner}{action}TypeDef")
        self.type_defs.append(TypedDictDef(name, fields))
        return t.local(name, t.TYPE_DEFS)

    def resource_result(self, target: Mapping[str, Any]) -> t.TypeNode:
        """A resource, or a list of them when boto3 builds one per item of the response."""
        ref = self.resource_ref(target["type"])
        paths = [target.get("path") or ""]
        paths.extend(i.get("path") or "" for i in target.get("identifiers", []))
        return t.sub(t.LIST, ref) if any("[]" in p for p in paths) else ref

    def action(
        self, python: str, owner: str, action_name: str, action: Mapping[str, Any]
    ) -> Method:
        request = action["request"]
        operation = self.service.operations[request["operation"]]
        fields = self.request_fields(request, owner)
        kwargs = self.request_type_def(operation, owner, action_name, fields)
        target = action.get("resource")
        if target:
            returns = self.resource_result(target)
        else:
            plain = self.plain.result(operation, owner) if self.plain is not None else None
            returns = plain or self.returns(operation)
        return Method(python, fields, returns, kwargs_type=kwargs)

    def waiter(self, python: str, owner: str, waiter: Mapping[str, Any]) -> Method:
        spec = self.service.waiters[waiter["waiterName"]]
        operation = self.service.operations[spec.operation]
        fields = self.request_fields({"operation": operation.name, **waiter}, owner)
        config = t.local(self.types.helpers.waiter_config, t.TYPE_DEFS)
        fields += (Field(WAITER_CONFIG, config, False),)
        return Method(python, tuple(f._replace(required=False) for f in fields), t.NONE)

    # -- collections -------------------------------------------------------------

    def collection(self, class_name: str, owner: str, collection: Mapping[str, Any]) -> ClassDef:
        me = self.local(class_name)
        item = self.resource_ref(collection["resource"]["type"])
        request = collection["request"]
        # filter() takes keywords only; a member that is no Python name cannot be passed.
        fields = tuple(
            f._replace(required=False)
            for f in self.request_fields(request, owner)
            if is_parameter_name(f.name)
        )
        methods = [
            Method("all", (), me),
            Method("filter", fields, me, def_comment=IGNORE_OVERRIDE),
            Method("limit", (), me, positional=(Field("count", t.INT, True),)),
            Method("page_size", (), me, positional=(Field("count", t.INT, True),)),
            Method("pages", (), t.sub(ITERATOR, t.sub(t.LIST, item))),
            Method("__iter__", (), t.sub(ITERATOR, item)),
        ]
        # Batch actions are the item resource's, offered on each of its collections.
        item_model = self.resources.get(collection["resource"]["type"], {})
        for batch_name, batch in item_model.get("batchActions", {}).items():
            batch_request = batch["request"]
            operation = self.service.operations[batch_request["operation"]]
            batch_fields = self.request_fields(batch_request, owner)
            methods.append(
                Method(
                    snake_case(batch_name),
                    tuple(f._replace(required=False) for f in batch_fields),
                    t.sub(t.LIST, self.returns(operation)),
                )
            )
        return ClassDef(class_name, COLLECTION_BASE, (), (), tuple(methods), alias=False)
