"""The documentation model shared by the RST pages and release-note method sections.

Everything a reference page says about a method comes from here; the RST pages
(``codegen.render.rst`` with ``templates/rst/``) and the method sections of
release notes both render it. The API:

- ``ServiceDoc(service)`` (``codegen.docs.service``): the views of one IR
  ``Service``: ``client_methods()`` (sorted, hand-written ones included),
  ``operation_doc(operation_name) -> MethodDoc`` (a client method),
  ``paginator_doc(name)``, ``waiter_doc(name)``, ``custom_method(name)``,
  ``official_name``, ``context_params()``.
- ``MethodDoc`` (``codegen.docs.method``): one method: ``name``
  (``LicenseManager.Client.create_grant_version``), ``description`` (model
  HTML), ``deprecated``, ``docs_link`` (the AWS API documentation URL),
  ``example_prefix``, ``signature_params``, ``errors``, ``examples``, and
  ``request``/``response``: ``ShapeTree`` views of the input and output.
- ``ShapeTree.root() -> DocShape | None`` and ``ShapeTree.children(node)``
  (``codegen.docs.model``): the request or response as a tree, built on demand,
  recursion cut where boto3 cuts it. ``DocShape`` has ``name``, ``shape``,
  ``type_name``, ``kind``, ``documentation`` (HTML), ``required``, ``enum``,
  ``special`` (streaming body, event stream, document, JSON header).
- ``type_label(node)`` (``codegen.docs.params``): the type as boto3 prints it
  (``string``, ``dict``, ``:class:`.StreamingBody```).
- ``html_to_rst(html, indent=0) -> Rst(text, end_indent)``
  (``codegen.docs.html``): model documentation converted exactly as boto3 does.
- ``rst_blocks(doc, indent=1) -> MethodBlocks`` (``codegen.docs.method``):
  the finished RST of each block of the method's page (description, request
  syntax, parameters, returns, response syntax, response structure,
  exceptions), byte for byte as on the page.

Usage, for a release note's method section::

    from codegen.docs import ServiceDoc, rst_blocks

    doc = ServiceDoc(service).operation_doc("CreateGrantVersion")
    blocks = rst_blocks(doc)
    blocks.request_syntax  # '\\n\\n  **Request Syntax**\\n  ::\\n\\n    response = client...'
"""

from codegen.docs.html import Rst, html_to_rst
from codegen.docs.method import MethodBlocks, MethodDoc, rst_blocks
from codegen.docs.model import DocShape, ShapeTree
from codegen.docs.params import type_label
from codegen.docs.service import ServiceDoc

__all__ = [
    "DocShape",
    "MethodBlocks",
    "MethodDoc",
    "Rst",
    "ServiceDoc",
    "ShapeTree",
    "html_to_rst",
    "rst_blocks",
    "type_label",
]
