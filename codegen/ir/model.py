"""The intermediate representation: typed, immutable views of botocore models.

The records are NamedTuples rather than frozen dataclasses: whole botocore is
about 470,000 of them, and a frozen dataclass costs three times as much to
build, which would put loading far above the cost of parsing the JSON.

Every generator reads these objects, never raw model JSON. Field names follow
Python conventions; the botocore spelling of anything the IR does not model by
name is kept verbatim in ``traits`` so nothing in a model is lost.

Documentation strings stay as the model gives them (HTML); renderers convert.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from codegen.ir.names import snake_case

# Bumped whenever the JSON form of the IR changes incompatibly.
SCHEMA_VERSION = 2  # 2: boto3 resource models (Service.resources, Service.boto3_examples)

# Shape types as botocore spells them. ``document`` and ``union`` are
# structures with a flag in botocore; ``Shape.kind`` names them.
SHAPE_TYPES = frozenset(
    {
        "structure",
        "list",
        "map",
        "string",
        "integer",
        "long",
        "float",
        "double",
        "boolean",
        "blob",
        "timestamp",
        "bigdecimal",
        "biginteger",
        "byte",
        "short",
        "character",
    }
)


EMPTY: Mapping[str, Any] = MappingProxyType({})


class Member(NamedTuple):
    """A reference from one shape (or operation) to another, with the traits of the edge.

    Used for structure members, list members, map keys and values, and an
    operation's input and output.
    """

    name: str
    target: str
    required: bool = False
    documentation: str | None = None
    location: str | None = None  # header, headers, uri, querystring, statusCode
    location_name: str | None = None
    idempotency_token: bool = False
    deprecated: bool = False
    deprecated_message: str | None = None
    traits: Mapping[str, Any] = EMPTY


class Shape(NamedTuple):
    name: str
    type: str
    documentation: str | None = None
    members: tuple[Member, ...] = ()  # structure (and union, document)
    member: Member | None = None  # list
    key: Member | None = None  # map
    value: Member | None = None  # map
    enum: tuple[str, ...] | None = None  # string
    min: int | float | None = None
    max: int | float | None = None
    pattern: str | None = None
    sensitive: bool = False
    streaming: bool = False
    event_stream: bool = False
    event: bool = False
    document: bool = False
    union: bool = False
    exception: bool = False
    fault: bool = False
    error: Mapping[str, Any] | None = None  # code, httpStatusCode, senderFault
    payload: str | None = None
    timestamp_format: str | None = None
    deprecated: bool = False
    deprecated_message: str | None = None
    traits: Mapping[str, Any] = EMPTY

    @property
    def kind(self) -> str:
        """The type, with botocore's document and union structures named as such."""
        if self.document:
            return "document"
        if self.union:
            return "union"
        return self.type

    @property
    def required_members(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members if m.required)

    def get_member(self, name: str) -> Member | None:
        for member in self.members:
            if member.name == name:
                return member
        return None

    def edges(self) -> tuple[Member, ...]:
        """Every reference this shape makes to another shape, in model order."""
        if self.type == "structure":
            return self.members
        if self.type == "list":
            return (self.member,) if self.member is not None else ()
        if self.type == "map":
            return tuple(m for m in (self.key, self.value) if m is not None)
        return ()


class Operation(NamedTuple):
    name: str
    http: Mapping[str, Any] = EMPTY
    input: Member | None = None
    output: Member | None = None
    errors: tuple[str, ...] = ()
    documentation: str | None = None
    deprecated: bool = False
    deprecated_message: str | None = None
    idempotent: bool = False
    traits: Mapping[str, Any] = EMPTY

    @property
    def method_name(self) -> str:
        """The method as boto3 spells it: CreateGrantVersion -> create_grant_version.

        Derived on demand (botocore caches it): computing it for every operation
        of whole botocore would be a sixth of the time it takes to load the IR.
        The JSON form still carries it, for readers of the JSON.
        """
        return snake_case(self.name)


class Paginator(NamedTuple):
    name: str  # the operation it pages
    input_token: tuple[str, ...]
    output_token: tuple[str, ...]
    result_key: tuple[str, ...] = ()
    limit_key: str | None = None
    more_results: str | None = None
    non_aggregate_keys: tuple[str, ...] = ()
    traits: Mapping[str, Any] = EMPTY


class Acceptor(NamedTuple):
    state: str
    matcher: str
    expected: Any
    argument: str | None = None


class Waiter(NamedTuple):
    name: str
    operation: str
    delay: int
    max_attempts: int
    acceptors: tuple[Acceptor, ...]
    description: str | None = None


class ResourceParam(NamedTuple):
    """Where one request parameter or identifier of a resource comes from (boto3's Parameter).

    ``source`` as the model spells it: ``identifier`` (``name``), ``data``
    (``path`` into the resource's loaded shape), ``response`` (``path`` into
    the response), ``requestParameter`` (``path`` into the request),
    ``string``/``integer``/``boolean`` (``value``), or ``input`` (the caller).
    """

    target: str
    source: str
    name: str | None = None
    path: str | None = None
    value: Any = None
    traits: Mapping[str, Any] = EMPTY


class ResourceRequest(NamedTuple):
    operation: str  # an operation of the service
    params: tuple[ResourceParam, ...] = ()


class ResourceTarget(NamedTuple):
    """The resource an action, sub-resource, reference or collection yields."""

    type: str  # a resource of the service
    identifiers: tuple[ResourceParam, ...] = ()
    path: str | None = None  # JMESPath of its data in the response


class ResourceAction(NamedTuple):
    """An action, batch action, load, sub-resource, reference or collection.

    ``python_name`` is boto3's name after its collision renames
    (``ResourceModel.load_rename_map``): ``id`` becomes ``id_action`` when an
    identifier is already called ``id``.
    """

    name: str  # as the model spells it: ChangeVisibility
    python_name: str  # as boto3 exposes it: change_visibility
    request: ResourceRequest | None = None
    resource: ResourceTarget | None = None
    path: str | None = None  # JMESPath of the returned data in the response


class ResourceWaiter(NamedTuple):
    name: str  # Exists
    python_name: str  # wait_until_exists
    waiter_name: str  # a waiter of the service: BucketExists
    params: tuple[ResourceParam, ...] = ()
    path: str | None = None


class ResourceIdentifier(NamedTuple):
    name: str  # Url
    python_name: str  # url
    member_name: str | None = None  # the shape member holding it too, as the model spells it


class ResourceAttribute(NamedTuple):
    """A member of the resource's shape exposed as an attribute (identifiers excluded)."""

    name: str  # the shape member: QueueArn
    python_name: str  # queue_arn (or ..._attribute when renamed)


class Resource(NamedTuple):
    """One resource class (or the service resource), in model order throughout."""

    name: str  # Queue; the service resource is named ServiceResource
    identifiers: tuple[ResourceIdentifier, ...] = ()
    shape: str | None = None  # a shape of the service
    load: ResourceAction | None = None
    actions: tuple[ResourceAction, ...] = ()
    batch_actions: tuple[ResourceAction, ...] = ()
    waiters: tuple[ResourceWaiter, ...] = ()
    # boto3's split of ``has``: a reference needs the resource's loaded data
    # (an identifier with source ``data``), a sub-resource does not. The service
    # resource has a sub-resource for every resource, as boto3 gives it.
    subresources: tuple[ResourceAction, ...] = ()
    references: tuple[ResourceAction, ...] = ()
    collections: tuple[ResourceAction, ...] = ()
    attributes: tuple[ResourceAttribute, ...] = ()


class ServiceResources(NamedTuple):
    """A service's boto3 resource model (``resources-1.json``), linked by name to its IR.

    Resources refer to each other and to operations, shapes and waiters by
    name, never by nesting, so walks over them cannot recurse.
    """

    service: Resource
    resources: Mapping[str, Resource] = EMPTY
    boto3_version: str | None = None


class Service(NamedTuple):
    name: str  # the botocore service name: license-manager
    api_version: str
    metadata: Mapping[str, Any]
    operations: Mapping[str, Operation]
    shapes: Mapping[str, Shape]
    documentation: str | None = None
    paginators: Mapping[str, Paginator] = EMPTY
    waiters: Mapping[str, Waiter] = EMPTY
    traits: Mapping[str, Any] = EMPTY
    # Shared examples (examples-1.json): operation name -> examples, as the model gives them.
    examples: Mapping[str, tuple[Any, ...]] = EMPTY
    # boto3's resource model of the service, when the source has one.
    resources: ServiceResources | None = None
    # boto3's hand-written examples (boto3/examples/<service>.rst), RST as shipped.
    boto3_examples: str | None = None

    @property
    def service_id(self) -> str:
        return str(self.metadata.get("serviceId", self.name))

    @property
    def full_name(self) -> str:
        return str(self.metadata.get("serviceFullName", self.name))

    @property
    def protocol(self) -> str:
        return str(self.metadata.get("protocol", ""))

    @property
    def client_class_name(self) -> str:
        """The class name boto3 gives this service's client (LicenseManager).

        botocore.utils.get_service_module_name's rule (tests/test_ir.py checks
        it on every installed service); importing botocore.utils would pull in
        botocore's HTTP stack, a tenth of a second of every docs run.
        """
        metadata = self.metadata
        name = metadata.get("serviceAbbreviation", metadata.get("serviceFullName", self.name))
        return re.sub(r"\W+", "", name.replace("Amazon", "").replace("AWS", ""))

    def shape(self, name: str) -> Shape:
        return self.shapes[name]


class ModelSet(NamedTuple):
    """The services read from one model source, with where they came from."""

    source: str  # the source as the user named it: installed, botocore==1.29.105, a folder
    botocore_version: str | None
    services: Mapping[str, Service]
    schema_version: int = SCHEMA_VERSION
