"""The RST pages of a service's boto3 resources, as boto3's docs build writes them.

``ResourcePages(service_doc)`` lists every page (``paths()``) and writes each
(``page(path)``): ``<service>/<folder>/index.rst`` for each resource and the
service resource, and one page per identifier, attribute, reference, action,
sub-resource, collection and waiter beside it. Layout lives in
``templates/rst/resource/``; method bodies are the client pages' section
writers (``codegen.docs.method``) on the views of ``codegen.docs.resources``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, NamedTuple

from codegen.docs.method import MethodDoc, signature, write_method
from codegen.docs.params import document_params
from codegen.docs.resources import Action, ResourceDoc, ResourceDocs
from codegen.docs.sections import Section
from codegen.docs.service import ServiceDoc
from codegen.ir.names import snake_case
from codegen.render import jinja


class _Group(NamedTuple):
    title: str
    description: str
    link: str
    members: list[str]


_GROUPS = {
    "identifiers": (
        "Identifiers",
        "Identifiers are properties of a resource that are set upon instantiation of the resource.",
        "identifiers_attributes_intro",
    ),
    "attributes": (
        "Attributes",
        "Attributes provide access to the properties of a resource. Attributes are lazy-loaded "
        "the first time one is accessed via the :py:meth:`load` method.",
        "identifiers_attributes_intro",
    ),
    "references": (
        "References",
        "References are related resource instances that have a belongs-to relationship.",
        "references_intro",
    ),
    "actions": (
        "Actions",
        "Actions call operations on resources.  They may automatically handle the passing in of "
        "arguments set from identifiers and some attributes.",
        "actions_intro",
    ),
    "sub-resources": (
        "Sub-resources",
        "Sub-resources are methods that create a new instance of a child resource. This "
        "resource's identifiers get passed along to the child.",
        "subresources_intro",
    ),
    "collections": (
        "Collections",
        "Collections provide an interface to iterate over and manipulate groups of resources. ",
        "guide_collections",
    ),
    "waiters": (
        "Waiters",
        "Waiters provide an interface to wait for a resource to reach a specific state.",
        "waiters_intro",
    ),
}


def _render(template: str, **context: Any) -> str:
    return jinja.render(f"rst/resource/{template}", **context)


# A page: the ResourcePages method that writes it, its resource and its member's name.
_Page = tuple[Callable[["ResourcePages", ResourceDoc, str], str], ResourceDoc, str]


class ResourcePages:
    """Every resource page of one service, by path relative to the output folder."""

    def __init__(self, docs: ServiceDoc):
        self.docs = docs
        self.resources = ResourceDocs(docs)
        self._pages: dict[str, _Page] | None = None

    def paths(self) -> list[str]:
        return list(self._index())

    def operations(self) -> dict[str, str]:
        """The operation each model-driven page documents, by path (a collection's: its
        listing), so that it can be written beside the client method of the operation."""
        found = {}
        for path, (write, resource, name) in self._index().items():
            operation = None
            if write is ResourcePages.action_page:
                (action,) = [a for a in resource.actions() if a.name == name]
                if action.kind in ("action", "docstring"):
                    request = resource.modeled_action(name).request
                    operation = request.operation if request is not None else None
            elif write is ResourcePages.collection_page:
                (collection,) = [c for c in resource.collections() if c.python_name == name]
                operation = collection.request.operation if collection.request else None
            elif write is ResourcePages.waiter_page:
                (waiter,) = [w for w in resource.waiters() if w.python_name == name]
                operation = self.docs.service.waiters[waiter.waiter_name].operation
            if operation is not None:
                found[path] = operation
        return found

    def page(self, path: str) -> str:
        write, resource, name = self._index()[path]
        return write(self, resource, name)

    def _index(self) -> dict[str, _Page]:
        if self._pages is None:
            pages: dict[str, _Page] = {}
            service = self.docs.name
            for resource in self.resources.resources:
                folder = f"{service}/{resource.folder}"
                pages[f"{folder}/index.rst"] = (ResourcePages.index_page, resource, "")
                # boto3 writes the members in this order; a later one of the same name wins.
                members: list[tuple[str, Callable[[ResourcePages, ResourceDoc, str], str]]] = []
                members += [(n, ResourcePages.identifier_page) for n in resource.identifiers()]
                members += [(a.name, ResourcePages.attribute_page) for a in resource.attributes()]
                members += [
                    (r.python_name, ResourcePages.reference_page) for r in resource.references()
                ]
                members += [(a.name, ResourcePages.action_page) for a in resource.actions()]
                members += [
                    (s.python_name, ResourcePages.subresource_page) for s in resource.subresources()
                ]
                members += [
                    (c.python_name, ResourcePages.collection_page) for c in resource.collections()
                ]
                members += [(w.python_name, ResourcePages.waiter_page) for w in resource.waiters()]
                for name, write in members:
                    pages[f"{folder}/{name}.rst"] = (write, resource, name)
            self._pages = pages
        return self._pages

    # -- pages --------------------------------------------------------------------

    def _common(self, resource: ResourceDoc) -> dict[str, Any]:
        return {
            "client_class": self.docs.client_class,
            "service": self.docs.name,
            "class_name": resource.class_name,
            "qualified": resource.qualified,
            "warning": "",
        }

    def index_page(self, resource: ResourceDoc, _: str) -> str:
        official = self.docs.official_name
        if resource.is_service:
            description = f"A resource representing {official}"
        else:
            description = f"A resource representing an {official} {resource.name}"
        members = {
            "identifiers": resource.identifiers(),
            "attributes": [a.name for a in resource.attributes()],
            "references": [r.python_name for r in resource.references()],
            "actions": [a.name for a in resource.actions()],
            "sub-resources": [s.python_name for s in resource.subresources()],
            "collections": [c.python_name for c in resource.collections()],
            "waiters": [w.python_name for w in resource.waiters()],
        }
        groups = [_Group(*_GROUPS[kind], names) for kind, names in members.items() if names]
        return _render(
            "index.rst.j2",
            title="Service Resource" if resource.is_service else resource.class_name,
            is_service=resource.is_service,
            identifiers=resource.identifiers(),
            variable=resource.variable,
            description=description,
            groups=groups,
            **self._common(resource),
        )

    def identifier_page(self, resource: ResourceDoc, name: str) -> str:
        return _render(
            "identifier.rst.j2", name=name, owner=resource.name, **self._common(resource)
        )

    def attribute_page(self, resource: ResourceDoc, name: str) -> str:
        (attribute,) = [a for a in resource.attributes() if a.name == name]
        section = Section(name, 1)
        document_params(section, attribute.tree, attribute.root, request=False)
        return _render(
            "attribute.rst.j2", name=name, body=section.flush(), **self._common(resource)
        )

    def reference_page(self, resource: ResourceDoc, name: str) -> str:
        (reference,) = [r for r in resource.references() if r.python_name == name]
        assert reference.resource is not None
        return _render(
            "reference.rst.j2", name=name, type=reference.resource.type, **self._common(resource)
        )

    def subresource_page(self, resource: ResourceDoc, name: str) -> str:
        (subresource,) = [s for s in resource.subresources() if s.python_name == name]
        assert subresource.resource is not None
        kind = subresource.resource.type
        return _render(
            "subresource.rst.j2",
            name=name,
            type=kind,
            identifiers=resource.subresource_identifiers(subresource),
            variable=snake_case(kind),
            owner_variable=resource.variable,
            **self._common(resource),
        )

    def action_page(self, resource: ResourceDoc, name: str) -> str:
        (action,) = [a for a in resource.actions() if a.name == name]
        common = self._common(resource)
        if action.kind == "custom":
            custom = resource.custom_method(name)
            return _render(
                "custom_method.rst.j2",
                name=name,
                parameters=custom.parameters,
                doc_lines=custom.doc_lines,
                **common,
            )
        if action.kind == "docstring":
            # boto3 documents the hand-written action by its docstring, which is the
            # modeled action's text (without its signature) as inspect.getdoc cleans it.
            model = resource.modeled_action(name)
            text = _method_body(resource.action_doc(model), 0, resource.returns(model))
            return _render(
                "custom_method.rst.j2",
                name=name,
                parameters="**kwargs",
                doc_lines=inspect.cleandoc(text).splitlines(),
                **common,
            )
        return self._action_page(resource, action, common)

    def _action_page(self, resource: ResourceDoc, action: Action, common: dict[str, Any]) -> str:
        name = action.name
        if action.kind == "load":
            doc = resource.load_doc(name)
            returns = None
        else:
            model = resource.modeled_action(name)
            doc = resource.action_doc(model)
            returns = resource.returns(model)
        common["warning"] = resource.warning(name) or ""
        return _render(
            "method.rst.j2",
            kind="Action",
            name=name,
            parameters=doc.signature_params,
            body=_method_body(doc, 1, returns),
            **common,
        )

    def collection_page(self, resource: ResourceDoc, name: str) -> str:
        (collection,) = [c for c in resource.collections() if c.python_name == name]
        assert collection.resource is not None
        kind = collection.resource.type
        section = Section(name, 1)
        section.include_doc_string(f"A collection of {kind} resources.")
        section.include_doc_string(
            f"A {kind} Collection will include all resources by default, and extreme caution "
            "should be taken when performing actions on all resources."
        )
        for method, batch in resource.collection_methods(collection):
            method_section = section.add_new_section(method)
            if batch is not None:
                doc: MethodDoc | None = resource.batch_action_doc(collection, batch)
                returns = resource.returns(batch)
            else:
                doc = resource.collection_method_doc(collection, method)
                returns = resource.returns(collection)
            if doc is not None:
                signature(method_section, doc.name, doc.signature_params)
                _write_resource_method(method_section, doc, returns)
        return _render(
            "collection.rst.j2", name=name, body=section.flush(), **self._common(resource)
        )

    def waiter_page(self, resource: ResourceDoc, name: str) -> str:
        (waiter,) = [w for w in resource.waiters() if w.python_name == name]
        doc = resource.waiter_doc(waiter)
        section = Section(doc.name, 1)
        write_method(section, doc)
        returned = section.get_section("return")
        # Waiters return nothing: boto3 empties the response's return section.
        returned.clear_text()
        for child in returned.available_sections:
            returned.delete_section(child)
        returned.write(":returns: None")
        return _render(
            "method.rst.j2",
            kind="Waiter",
            name=name,
            parameters=doc.signature_params,
            body=section.flush(),
            **self._common(resource),
        )


def _method_body(doc: MethodDoc, indent: int, returns: tuple[str, str] | None) -> str:
    section = Section(doc.name, indent)
    _write_resource_method(section, doc, returns)
    return section.flush()


def _write_resource_method(
    section: Section, doc: MethodDoc, returns: tuple[str, str] | None
) -> None:
    """A model-driven method; one that yields resources says so instead of the response."""
    write_method(section, doc)
    if returns is None:
        return
    section.delete_section("return")
    returned = section.add_new_section("return")
    returned.new_line()
    returned.write(f":rtype: {returns[0]}")
    returned.new_line()
    returned.write(f":returns: {returns[1]}")
    returned.new_line()
