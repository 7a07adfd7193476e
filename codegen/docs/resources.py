"""boto3 resources as its docs build documents them: the views behind the resource pages.

``ResourceDocs(service_doc)`` answers what the reference says about a
service's boto3 resources (``Service.resources`` in the IR), as ``ServiceDoc``
does for its client: for each resource its folder, class name, identifiers,
attributes (with a ``ShapeTree`` rooted at the member), references,
sub-resources, collections, waiters, and its public actions, each
model-driven one as a ``MethodDoc`` that the client pages' writers write.
boto3's rules are those of ``boto3.docs`` (``resource.py``, ``action.py``,
``collection.py``, ``subresource.py``, ``waiter.py``, ``utils.py``).

boto3 writes one folder per resource under ``<service>/``: the service
resource's is ``service-resource``, every other one the resource's name in
lower case (``queue``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jmespath  # type: ignore[import-untyped]  # botocore depends on it; boto3 reads targets so

from codegen.docs.method import MethodDoc
from codegen.docs.model import DocShape, ShapeReplacement, ShapeTree, SubtreeMemo, synthetic
from codegen.docs.service import CustomMethod, ServiceDoc, load_custom_method
from codegen.ir.model import (
    Member,
    Operation,
    Resource,
    ResourceAction,
    ResourceParam,
    ResourceWaiter,
    Service,
)
from codegen.ir.names import snake_case
from codegen.stubs.injected import RESOURCE_INJECTED, Injected, InjectedAction

SERVICE_RESOURCE_FOLDER = "service-resource"
SERVICE_RESOURCE_CLASS = "ServiceResource"

# Every resource class has this method (boto3's resource factory defines it inside the
# factory method that adds it); the others boto3 adds by hand are the stubs' table,
# ``codegen.stubs.injected.RESOURCE_INJECTED``.
_SUBRESOURCES_METHOD = (
    "get_available_subresources",
    "boto3.resources.factory:*.get_available_subresources",
)

# boto3.docs.action: a note above one action's page, and the parameters it hides.
_PUT_DATA_WARNING = """
.. warning::
    It is recommended to use the :py:meth:`put_metric_data`
    :doc:`client method <../../cloudwatch/client/put_metric_data>`
    instead. If you would still like to use this resource method,
    please make sure that ``MetricData[].MetricName`` is equal to
    the metric resource's ``name`` attribute.
"""
ACTION_WARNINGS = {("cloudwatch", "Metric", "put_data"): _PUT_DATA_WARNING}
IGNORED_PARAMS = {("cloudwatch", "Metric", "put_data"): ("Namespace",)}

# boto3.dynamodb.transform: dynamodb's resources take and give plain Python values and
# condition objects, and their pages say so wherever these shapes appear.
SHAPE_REPLACEMENTS: dict[str, dict[str, ShapeReplacement]] = {
    "dynamodb": {
        "AttributeValue": ShapeReplacement(
            "valid DynamoDB type",
            "- The value of the attribute. The valid value types are listed in the "
            ":ref:`DynamoDB Reference Guide<ref_valid_dynamodb_types>`.",
            "'string'|123|Binary(b'bytes')|True|None|set(['string'])|set([123])|"
            "set([Binary(b'bytes')])|[]|{}",
        ),
        "KeyExpression": ShapeReplacement(
            "condition from :py:class:`boto3.dynamodb.conditions.Key` method",
            "The condition(s) a key(s) must meet. Valid conditions are listed in the "
            ":ref:`DynamoDB Reference Guide<ref_dynamodb_conditions>`.",
            "Key('mykey').eq('myvalue')",
        ),
        "ConditionExpression": ShapeReplacement(
            "condition from :py:class:`boto3.dynamodb.conditions.Attr` method",
            "The condition(s) an attribute(s) must meet. Valid conditions are listed in the "
            ":ref:`DynamoDB Reference Guide<ref_dynamodb_conditions>`.",
            "Attr('myattribute').eq('myvalue')",
        ),
    }
}

# boto3 documents load with botocore's OperationModel({}): no shapes, named None.
_NO_OPERATION = Operation("None")


def resource_folders(service: Service) -> list[str]:
    """The folders of the service page's Resources toctree; none without a resource model."""
    if service.resources is None:
        return []
    return [SERVICE_RESOURCE_FOLDER] + [name.lower() for name in service.resources.resources]


def ignored_params(params: tuple[ResourceParam, ...]) -> tuple[str, ...]:
    """The request parameters boto3 fills in (boto3.docs.utils.get_resource_ignore_params):
    the leftmost field of each target expression (``Filters[0].Name`` -> ``Filters``)."""
    names = []
    for param in params:
        node = jmespath.compile(param.target).parsed
        while node["children"]:
            node = node["children"][0]
        if node["type"] == "field":
            names.append(node["value"])
    return tuple(names)


class Action(NamedTuple):
    """One public method of a resource class: modeled, load/reload, or hand-written."""

    name: str
    kind: str  # "action", "load", "custom"


class Attribute(NamedTuple):
    name: str  # the Python name
    tree: ShapeTree
    root: DocShape


class ResourceDoc:
    """What the reference says about one resource (or the service resource)."""

    def __init__(self, docs: ServiceDoc, resource: Resource, is_service: bool, memo: SubtreeMemo):
        self.docs = docs
        self.memo = memo
        self.service = docs.service
        self.resource = resource
        self.is_service = is_service
        # boto3 names the service resource's model after the service.
        self.name = self.service.name if is_service else resource.name
        self.class_name = SERVICE_RESOURCE_CLASS if is_service else resource.name
        self.qualified = f"{docs.client_class}.{self.class_name}"
        self.folder = SERVICE_RESOURCE_FOLDER if is_service else resource.name.lower()
        self.variable = self.service.name if is_service else snake_case(resource.name)
        self._attributes: list[Attribute] | None = None
        self._injected = _injected(self.service.name, resource.name)

    # -- members, as the index page lists them -----------------------------------

    def identifiers(self) -> list[str]:
        return [identifier.python_name for identifier in self.resource.identifiers]

    def attributes(self) -> list[Attribute]:
        """Sorted by name, as boto3 writes them; made once (each page of one asks)."""
        if self._attributes is None:
            self._attributes = self._make_attributes()
        return self._attributes

    def _make_attributes(self) -> list[Attribute]:
        shape_name = self.resource.shape
        if shape_name is None:
            return []
        shape = self.service.shapes[shape_name]
        found = []
        for attribute in self.resource.attributes:
            ref = shape.get_member(attribute.name)
            if ref is None:
                continue
            tree = _MemberTree(self.service, ref, self.docs)
            found.append(Attribute(attribute.python_name, tree, tree.root()))
        return sorted(found, key=lambda a: a.name)

    def references(self) -> list[ResourceAction]:
        return list(self.resource.references)

    def subresources(self) -> list[ResourceAction]:
        return sorted(self.resource.subresources, key=lambda s: s.python_name)

    def collections(self) -> list[ResourceAction]:
        return list(self.resource.collections)

    def waiters(self) -> list[ResourceWaiter]:
        return list(self.resource.waiters)

    def actions(self) -> list[Action]:
        """boto3.docs.utils.get_resource_public_actions, from the model and the custom table.

        Empty for a resource without modeled actions: boto3 documents its actions
        only when it has one.
        """
        if not self.resource.actions:
            return []
        found = {a.python_name: Action(a.python_name, "action") for a in self.resource.actions}
        if self.resource.load is not None:
            found["load"] = Action("load", "load")
            found["reload"] = Action("reload", "load")
        # A modeled action or load keeps its page where boto3 adds a method of the
        # same name (ec2's create_tags): boto3's documenter looks at the model first.
        found.setdefault(_SUBRESOURCES_METHOD[0], Action(_SUBRESOURCES_METHOD[0], "custom"))
        for name, method in self._injected.items():
            kind = "docstring" if isinstance(method, InjectedAction) else "custom"
            found.setdefault(name, Action(name, kind))
        return [found[name] for name in sorted(found)]

    # -- pages' methods -----------------------------------------------------------

    def modeled_action(self, name: str) -> ResourceAction:
        for action in self.resource.actions:
            if action.python_name == name:
                return action
        injected = self._injected[name]
        assert isinstance(injected, InjectedAction)
        return injected.action

    def custom_method(self, name: str) -> CustomMethod:
        if name == _SUBRESOURCES_METHOD[0]:
            return load_custom_method(name, _SUBRESOURCES_METHOD[1])
        return load_custom_method(name, self._injected[name].function)

    def action_doc(self, action: ResourceAction) -> MethodDoc:
        assert action.request is not None
        key = (self.service.name, self.resource.name, action.python_name)
        ignored = IGNORED_PARAMS.get(key, ignored_params(action.request.params))
        returned = snake_case(action.resource.type) if action.resource is not None else "response"
        operation = self.service.operations[action.request.operation]
        return self._method_doc(
            operation,
            name=f"{self.qualified}.{action.python_name}",
            description=operation.documentation,
            example_prefix=f"{returned} = {self.variable}.{action.python_name}",
            exclude_input=ignored,
        )

    def warning(self, action: str) -> str | None:
        return ACTION_WARNINGS.get((self.service.name, self.resource.name, action))

    def load_doc(self, name: str) -> MethodDoc:
        load = self.resource.load
        assert load is not None and load.request is not None
        description = (
            f"Calls :py:meth:`{self.docs.client_class}.Client."
            f"{snake_case(load.request.operation)}` to update the attributes of the "
            f"{self.name} resource. Note that the load and reload methods are "
            "the same method and can be used interchangeably."
        )
        return MethodDoc(
            name=f"{self.qualified}.{name}",
            service_name=self.service.name,
            operation_name=_NO_OPERATION.name,
            description=description,
            deprecated=False,
            service_uid=self.service.metadata.get("uid"),
            example_prefix=f"{self.variable}.{name}",
            request=ShapeTree(self.service, _NO_OPERATION, "input", self.docs.memo),
            response=ShapeTree(self.service, _NO_OPERATION, "output", self.docs.memo),
        )

    def batch_action_doc(self, collection: ResourceAction, batch: ResourceAction) -> MethodDoc:
        assert batch.request is not None
        returned = snake_case(batch.resource.type) if batch.resource is not None else "response"
        operation = self.service.operations[batch.request.operation]
        return self._method_doc(
            operation,
            name=batch.python_name,
            description=operation.documentation,
            example_prefix=(
                f"{returned} = {self.variable}.{collection.python_name}.{batch.python_name}"
            ),
            exclude_input=ignored_params(batch.request.params),
        )

    def collection_method_doc(self, collection: ResourceAction, method: str) -> MethodDoc | None:
        """all, filter, limit and page_size of a collection (boto3 documents no other)."""
        assert collection.request is not None and collection.resource is not None
        operation = self.service.operations[collection.request.operation]
        kind = collection.resource.type
        members: tuple[str, ...] = ()
        if operation.input is not None:
            members = tuple(m.name for m in self.service.shapes[operation.input.target].members)
        prefix = f"{snake_case(kind)}_iterator = {self.variable}.{collection.python_name}.{method}"
        include: tuple[DocShape, ...] = ()
        exclude = members
        if method == "all":
            description = f"Creates an iterable of all {kind} resources in the collection."
        elif method == "filter":
            description = (
                f"Creates an iterable of all {kind} resources in the collection filtered by "
                f"kwargs passed to method. A {kind} collection will include all resources by "
                "default if no filters are provided, and extreme caution should be taken when "
                "performing actions on all resources."
            )
            exclude = ignored_params(collection.request.params)
        elif method == "limit":
            description = (
                f"Creates an iterable up to a specified amount of {kind} resources in the "
                "collection."
            )
            include = (
                synthetic(
                    "count", "integer", "The limit to the number of resources in the iterable."
                ),
            )
        elif method == "page_size":
            description = (
                f"Creates an iterable of all {kind} resources in the collection, but limits "
                "the number of items returned by each service call by the specified amount."
            )
            include = (
                synthetic("count", "integer", "The number of items returned by each service call"),
            )
        else:
            return None
        return self._method_doc(
            operation,
            name=method,
            description=description,
            example_prefix=prefix,
            include_input=include,
            exclude_input=exclude,
        )

    def collection_methods(
        self, collection: ResourceAction
    ) -> list[tuple[str, ResourceAction | None]]:
        """The collection's methods as boto3 lists them: its own and its batch actions, sorted."""
        batch = {b.python_name: b for b in self._batch_actions(collection)}
        names = {"all", "filter", "iterator", "limit", "page_size", "pages", *batch}
        return [(name, batch.get(name)) for name in sorted(names)]

    def _batch_actions(self, collection: ResourceAction) -> tuple[ResourceAction, ...]:
        model = self.service.resources
        assert collection.resource is not None and model is not None
        return model.resources[collection.resource.type].batch_actions

    def waiter_doc(self, waiter: ResourceWaiter) -> MethodDoc:
        model = self.service.waiters[waiter.waiter_name]
        operation = self.service.operations[model.operation]
        module = self.docs.client_class
        state = " ".join(waiter.python_name.split("_")[2:])
        description = (
            f"Waits until this {self.name} is {state}. This method calls "
            f":py:meth:`{module}.Waiter.{snake_case(waiter.waiter_name)}.wait` which polls "
            f":py:meth:`{module}.Client.{snake_case(model.operation)}` every {model.delay} "
            f"seconds until a successful state is reached. An error is raised after "
            f"{model.max_attempts} failed checks."
        )
        return self._method_doc(
            operation,
            name=f"{self.qualified}.{waiter.python_name}",
            description=description,
            example_prefix=f"{snake_case(self.name)}.{waiter.python_name}",
            exclude_input=ignored_params(waiter.params),
        )

    def _method_doc(self, operation: Operation, **fields: Any) -> MethodDoc:
        doc = self.docs.resource_method_doc(operation, **fields)
        replaced = SHAPE_REPLACEMENTS.get(self.service.name)
        if replaced is None:
            return doc
        return doc._replace(
            request=_ReplacedTree(self.service, operation, "input", self.memo, replaced),
            response=_ReplacedTree(self.service, operation, "output", self.memo, replaced),
        )

    def returns(self, action: ResourceAction) -> tuple[str, str] | None:
        """(rtype, returns) of an action that yields resources; None for a response."""
        target = action.resource
        if target is None:
            return None
        kind = f":py:class:`{self.service.name}.{target.type}`"
        if any(i.path is not None and "[]" in i.path for i in target.identifiers):
            return f"list({kind})", f"A list of {target.type} resources"
        return kind, f"{target.type} resource"

    def subresource_identifiers(self, subresource: ResourceAction) -> list[str]:
        assert subresource.resource is not None
        return [
            snake_case(i.target) for i in subresource.resource.identifiers if i.source == "input"
        ]


class ResourceDocs:
    """The resources of one service, service resource first, then in the model's order."""

    def __init__(self, docs: ServiceDoc):
        self.docs = docs
        model = docs.service.resources
        # Texts of replaced shapes differ from the client pages': they are kept apart.
        memo = SubtreeMemo(docs.service) if docs.name in SHAPE_REPLACEMENTS else docs.memo
        self.resources: list[ResourceDoc] = []
        if model is not None:
            self.resources.append(ResourceDoc(docs, model.service, True, memo))
            self.resources += [ResourceDoc(docs, r, False, memo) for r in model.resources.values()]
        self.by_folder = {r.folder: r for r in self.resources}


def _injected(service: str, resource: str) -> dict[str, Injected | InjectedAction]:
    """The methods boto3 adds by hand to one resource class, by name."""
    return {method.name: method for method in RESOURCE_INJECTED.get((service, resource), ())}


class _MemberTree(ShapeTree):
    """The tree of one member of a shape, documented on its own (a resource attribute)."""

    def __init__(self, service: Service, ref: Member, docs: ServiceDoc):
        super().__init__(service, _NO_OPERATION, "output", docs.memo)
        self.ref = ref

    def root(self) -> DocShape:
        # Not through _node: its fields, cached by member, carry the member's name,
        # which the attribute's root has not.
        return DocShape._make((*self._ref_fields(self.ref, None, False), False, (), None))


class _ReplacedTree(ShapeTree):
    """An operation's request or response with some shapes documented otherwise."""

    def __init__(
        self,
        service: Service,
        operation: Operation,
        side: str,
        memo: SubtreeMemo,
        replaced: dict[str, ShapeReplacement],
    ):
        super().__init__(service, operation, side, memo)
        self.replaced = replaced
