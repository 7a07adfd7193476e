"""A service's boto3 resource model -> the classes of ``service_resource.pyi``.

Names are the published stubs' (mypy-boto3-builder's): ``S3ServiceResource``,
one class per resource (``Bucket``, ``Object``), ``<Owner><Collection>Collection``
per collection (``BucketObjectsCollection``, ``ServiceResourceBucketsCollection``),
``<Service>ResourceMeta`` and the request TypedDicts of actions,
``<InputShape><Resource><Action>TypeDef``. Python names follow boto3's own
rules (``boto3.resources.model.ResourceModel.load_rename_map``): snake_case,
and a name already taken gets ``_<category>`` (``id_attribute``).

The model is the IR's (``Service.resources``), names and renames included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from codegen.ir.model import (
    Operation,
    Resource,
    ResourceAction,
    ResourceParam,
    ResourceRequest,
    ResourceTarget,
    ResourceWaiter,
    Service,
    ServiceResources,
)
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
from codegen.stubs.injected import Injected, InjectedAction, resource_injected
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


# Action request TypedDicts the published stubs name apart from the
# ``<Input><Owner><Action>TypeDef`` rule, by (service, action) -> name pattern:
# mypy-boto3-builder writes ec2's per-resource create_tags by hand. The service
# resource's create_tags (boto3's own, boto3.ec2.createtags) keeps the rule there.
_REQUEST_NAMES = {("ec2", "CreateTags"): "{owner}CreateTagsRequestTypeDef"}


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


def build_resources(
    service: Service,
    types: ShapeTypes,
    model: ServiceResources,
    client: t.TypeNode,
    returns: Any,
) -> ResourceModule:
    """The classes of the module; ``returns(operation)`` is the client method's result type."""
    return _Builder(service, types, model, client, returns).module()


class _Builder:
    def __init__(
        self,
        service: Service,
        types: ShapeTypes,
        model: ServiceResources,
        client: t.TypeNode,
        returns: Any,
    ):
        self.service = service
        self.types = types
        self.resources = model.resources
        self.root = model.service
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
        classes = [self.resource_class(resource) for resource in self.resources.values()]
        meta = ClassDef(
            self.meta, META_BASE, (), (Field("client", self.client, True),), (), alias=False
        )
        service = self.resource_class(self.root, is_service=True)
        plain = self.plain.definitions if self.plain is not None else []
        return ResourceModule(
            self.service_name,
            (*self.collections, *classes, meta, service),
            (*self.type_defs, *plain),
        )

    # -- one resource ------------------------------------------------------------

    def resource_class(self, resource: Resource, is_service: bool = False) -> ClassDef:
        owner = resource.name
        attributes = [Field(i.python_name, t.STR, True) for i in resource.identifiers]
        methods = [Method("get_available_subresources", (), SEQUENCE_STR)]
        # boto3 sets an injected method's class attribute over a model action of that name.
        injected = {
            row.name: row
            for row in resource_injected(self.service.name, owner)
            if self.can_inject(row)
        }
        for action in resource.actions:
            row = injected.pop(action.python_name, None)
            methods.append(self.action(action, owner) if row is None else self.injected(row, owner))
        for subresource in resource.subresources:
            target = _target(subresource)
            inputs = tuple(
                Field(snake_case(i.target), t.STR, True)
                for i in target.identifiers
                if i.source == "input"
            )
            methods.append(
                Method(
                    subresource.python_name,
                    (),
                    self.resource_ref(target.type),
                    positional=inputs,
                )
            )
        for reference in resource.references:
            attributes.append(
                Field(reference.python_name, self.resource_result(_target(reference)), True)
            )
        for collection in resource.collections:
            class_name = f"{owner}{collection.name}Collection"
            self.collections.append(self.collection(class_name, owner, collection))
            attributes.append(Field(collection.python_name, self.local(class_name), True))
        methods.extend(self.waiter(waiter, owner) for waiter in resource.waiters)
        if resource.shape is not None:
            members = {m.name: m for m in self.service.shapes[resource.shape].members}
            for attribute in resource.attributes:
                if is_parameter_name(attribute.python_name):
                    member = members[attribute.name]
                    attributes.append(
                        Field(
                            attribute.python_name, self.types.type_of(member.target, OUTPUT), True
                        )
                    )
        methods.extend(self.injected(row, owner) for row in injected.values())
        if resource.load is not None:
            methods.extend(Method(m, (), t.NONE) for m in ("load", "reload"))
        return ClassDef(
            self.service_name if is_service else owner,
            RESOURCE_BASE,
            tuple(attributes),
            (Field("meta", self.local(self.meta), True),),
            tuple(methods),
            alias=not is_service,
        )

    # -- actions -----------------------------------------------------------------

    def request_fields(
        self, operation_name: str, params: tuple[ResourceParam, ...], owner: str
    ) -> tuple[Field, ...]:
        """The operation's input members a caller passes: those boto3 fills are left out.

        A member boto3 fills in part (``InstanceIds[0]``) is left out too, as
        the published stubs leave it: boto3 overwrites that part of what a
        caller passes.
        """
        operation = self.service.operations[operation_name]
        if operation.input is None:
            return ()
        filled = {_TOP.split(p.target, maxsplit=1)[0] for p in params}
        target = operation.input.target
        if self.plain is not None:
            fields = self.plain.fields(target, INPUT, owner)
        else:
            fields = self.types.fields(self.service.shapes[target], INPUT)
        return tuple(f for f in fields if f.name not in filled)

    def request_type_def(
        self,
        operation: Operation,
        owner: str,
        action: str,
        fields: tuple[Field, ...],
        wanted: str | None = None,
    ) -> t.Named | None:
        """``<Input><Owner><Action>TypeDef``, as the published stubs name an action's kwargs
        (or ``wanted``)."""
        if operation.input is None:
            return None
        stem = self.types.stem[operation.input.target]
        name = self.types.allocate(wanted or f"{stem}{owner}{action}TypeDef")
        self.type_defs.append(TypedDictDef(name, fields))
        return t.local(name, t.TYPE_DEFS)

    def resource_result(self, target: ResourceTarget) -> t.TypeNode:
        """A resource, or a list of them when boto3 builds one per item of the response."""
        ref = self.resource_ref(target.type)
        paths = [target.path or "", *(i.path or "" for i in target.identifiers)]
        return t.sub(t.LIST, ref) if any("[]" in p for p in paths) else ref

    def action(self, action: ResourceAction, owner: str, type_def: str | None = None) -> Method:
        request = _request(action)
        operation = self.service.operations[request.operation]
        fields = self.request_fields(request.operation, request.params, owner)
        pattern = _REQUEST_NAMES.get((self.service.name, action.name))
        if type_def is None and pattern is not None and owner != self.root.name:
            type_def = pattern.format(owner=owner)
        kwargs = self.request_type_def(operation, owner, action.name, fields, type_def)
        if action.resource is not None:
            returns = self.resource_result(action.resource)
        else:
            plain = self.plain.result(operation, owner) if self.plain is not None else None
            returns = plain or self.returns(operation)
        return Method(action.python_name, fields, returns, kwargs_type=kwargs)

    def can_inject(self, row: Injected | InjectedAction) -> bool:
        """A modeled row needs its operation and resource in these models (older ones may
        lack them, as boto3's own injection would then fail at call time)."""
        if isinstance(row, Injected):
            return True
        target = row.action.resource
        return _request(row.action).operation in self.service.operations and (
            target is None or target.type in self.resources
        )

    def injected(self, row: Injected | InjectedAction, owner: str) -> Method:
        if isinstance(row, Injected):
            return row.method()
        return self.action(row.action, owner, row.type_def)

    def waiter(self, waiter: ResourceWaiter, owner: str) -> Method:
        spec = self.service.waiters[waiter.waiter_name]
        fields = self.request_fields(spec.operation, waiter.params, owner)
        config = t.local(self.types.helpers.waiter_config, t.TYPE_DEFS)
        fields += (Field(WAITER_CONFIG, config, False),)
        return Method(waiter.python_name, tuple(f._replace(required=False) for f in fields), t.NONE)

    # -- collections -------------------------------------------------------------

    def collection(self, class_name: str, owner: str, collection: ResourceAction) -> ClassDef:
        me = self.local(class_name)
        item_type = _target(collection).type
        item = self.resource_ref(item_type)
        request = _request(collection)
        # filter() takes keywords only; a member that is no Python name cannot be passed.
        fields = tuple(
            f._replace(required=False)
            for f in self.request_fields(request.operation, request.params, owner)
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
        for batch in self.resources[item_type].batch_actions:
            batch_request = _request(batch)
            operation = self.service.operations[batch_request.operation]
            batch_fields = self.request_fields(batch_request.operation, batch_request.params, owner)
            methods.append(
                Method(
                    batch.python_name,
                    tuple(f._replace(required=False) for f in batch_fields),
                    t.sub(t.LIST, self.returns(operation)),
                )
            )
        return ClassDef(class_name, COLLECTION_BASE, (), (), tuple(methods), alias=False)


# The IR builder requires a request of every action, batch action, collection and
# load, and a resource of every collection, sub-resource and reference.
def _request(action: ResourceAction) -> ResourceRequest:
    if action.request is None:
        raise AssertionError(f"{action.name} has no request")
    return action.request


def _target(action: ResourceAction) -> ResourceTarget:
    if action.resource is None:
        raise AssertionError(f"{action.name} yields no resource")
    return action.resource
