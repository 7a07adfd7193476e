"""One model-driven method (a client method, a paginator's paginate, a waiter's wait) as sections.

``MethodDoc`` is the per-method view shared by every renderer: the RST pages
(``codegen.render.rst``) and the plain-text method sections of release notes
both read it. ``write_method(section, doc)`` writes boto3's sections for it
into a ``Section`` tree or a ``TextSection``: description, request syntax,
parameters, return value, exceptions and shared examples, each under boto3's
size limit. ``rst_blocks(doc)`` gives the finished text of each of those blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from codegen.docs import params, syntax
from codegen.docs.examples import document_shared_examples
from codegen.docs.model import DocShape, ShapeTree
from codegen.docs.sections import (
    DOCUMENTATION_LINK,
    SECTION_LINE_LIMITS,
    Budget,
    Section,
    SectionTooLarge,
    SectionWriter,
    TextSection,
    large_section_message,
    line_count,
)

AWS_DOC_BASE = "https://docs.aws.amazon.com/goto/WebAPI"
DEPRECATION_NOTICE = (
    "This operation is deprecated and may not function as "
    "expected. This operation should not be used going forward "
    "and is only kept for the purpose of backwards compatiblity."
)
EVENT_STREAM_NOTE = (
    "The response of this operation contains an "
    ":class:`.EventStream` member. When iterated the "
    ":class:`.EventStream` will yield events based on the "
    "structure below, where only one of the top level keys "
    "will be present for any given event."
)

# A customisation edits the finished top-level section of one block, as
# botocore's ``docs.<event>.<service>.<operation>.complete-section`` handlers do.
Customisation = Callable[[str, Section], None]


class MethodDoc(NamedTuple):
    """What a page says about one model-driven method.

    ``request`` and ``response`` are ``ShapeTree`` views of the operation's
    input and output; ``include_*``/``exclude_*`` are the parameters boto3
    adds (PaginationConfig) or hides (the paginator's own tokens).
    """

    name: str  # as written in the signature: LicenseManager.Client.create_grant_version
    service_name: str
    operation_name: str
    description: str | None  # HTML (or RST for descriptions boto3 writes itself)
    deprecated: bool
    service_uid: str | None
    example_prefix: str
    request: ShapeTree
    response: ShapeTree
    errors: tuple[str, ...] = ()  # exception class names, qualified
    include_input: tuple[DocShape, ...] = ()
    exclude_input: tuple[str, ...] = ()
    include_output: tuple[DocShape, ...] = ()
    exclude_output: tuple[str, ...] = ()
    document_output: bool = True
    examples: tuple[Any, ...] = ()  # shared examples (examples-1.json) for this operation
    customisations: tuple[Customisation, ...] = ()

    @property
    def docs_link(self) -> str | None:
        if self.service_uid is None:
            return None
        return f"{AWS_DOC_BASE}/{self.service_uid}/{self.operation_name}"

    @property
    def signature_params(self) -> str:
        root = self.request.root()
        names = [m.name for m in self.request.children(root)] if root is not None else []
        names += [m.name for m in self.include_input]
        names = [n for n in names if n not in self.exclude_input]
        return "**kwargs" if names else ""


def write_method(section: SectionWriter, doc: MethodDoc) -> None:
    """Write ``doc`` into ``section`` (already holding the signature), as boto3 does."""
    _intro(section.add_new_section("method-intro"), doc)
    request_root = doc.request.root()
    _limited(section, "request-example", lambda s: _request_example(s, doc, request_root), doc)
    _limited(section, "request-params", lambda s: _request_params(s, doc, request_root), doc)
    _return(section.add_new_section("return"), doc)
    if doc.errors:
        errors = section.add_new_section("exceptions")
        errors.new_line()
        errors.bold("Exceptions")
        errors.new_line()
        for error in doc.errors:
            _list_item(errors, f":py:class:`{error}`")
    if doc.examples:
        document_shared_examples(section, doc)


def signature(section: SectionWriter, name: str, parameters: str | None) -> None:
    section.new_paragraph()
    content = f".. py:method:: {name}"
    if parameters is not None:
        content += f"({parameters})"
    section.write(content)
    section.indent_more()
    section.new_paragraph()


def _intro(section: SectionWriter, doc: MethodDoc) -> None:
    section.include_doc_string(doc.description)
    if doc.deprecated:
        section.directive_block("danger")
        section.writeln(DEPRECATION_NOTICE)
        section.end_directive_block()
    link = doc.docs_link
    if link is not None:
        section.new_paragraph()
        section.write("See also: ")
        section.write(f"`AWS API Documentation <{link}>`_")
        section.writeln("")


def _limited(
    parent: SectionWriter, name: str, build: Callable[[SectionWriter], None], doc: MethodDoc
) -> None:
    """Add section ``name``, giving up on it as soon as it passes boto3's line limit.

    On a page nothing will edit (a ``TextSection``) the section is measured
    as soon as it is built, and kept as text. Otherwise a customisation or a
    hook can still change its lines, so it is measured when the page is
    flushed; without customisations, building it still stops early once it
    is surely too long.
    """
    title, limit = SECTION_LINE_LIMITS[name]
    if isinstance(parent, TextSection):
        counted = Budget(limit)
        block = TextSection(name, parent.indent, counted)
        try:  # a DuplicateSection goes up to the page, which is then built as a tree
            build(block)
            text = block.flush()
            # The budget counted every \n: with one to spare and no \r (boto3
            # ends lines at those too) the section is surely within the limit.
            if (counted.left < 1 or "\r" in text) and line_count(text) > limit:
                raise SectionTooLarge
        except SectionTooLarge:
            text = large_section_message(title, _docs_link(doc))
        parent.add_text(name, text)
        return
    budget = None if doc.customisations else Budget(limit)
    section = parent.add_new_section(name, budget=budget)
    try:
        build(section)
    except SectionTooLarge:
        replacement = parent.add_new_section(name)
        replacement.write(large_section_message(title, _docs_link(doc)))
        replacement.name = "too-large"  # already a pointer: never measured again
        return
    if budget is not None:
        budget.close()


def _docs_link(doc: MethodDoc) -> str | None:
    link = doc.docs_link
    if link is None:
        return None
    text = f"`AWS API Documentation <{link}>`_"
    return f"{text}\n\n" if DOCUMENTATION_LINK.fullmatch(text) else None


def _request_example(section: SectionWriter, doc: MethodDoc, root: DocShape | None) -> None:
    section.new_paragraph()
    section.bold("Request Syntax")
    if root is not None:
        syntax.document_syntax(
            section,
            doc.request,
            root,
            event=syntax.REQUEST,
            prefix=doc.example_prefix,
            include=doc.include_input,
            exclude=doc.exclude_input,
        )
        _customise(doc, "request-example", section)
    else:
        section.new_paragraph()
        section.start_codeblock()
        section.write(doc.example_prefix + "()")


def _request_params(section: SectionWriter, doc: MethodDoc, root: DocShape | None) -> None:
    if root is None:
        return
    params.document_params(
        section,
        doc.request,
        root,
        request=True,
        include=doc.include_input,
        exclude=doc.exclude_input,
    )
    _customise(doc, "request-params", section)


def _return(section: SectionWriter, doc: MethodDoc) -> None:
    section.new_line()
    root = doc.response.root()
    if root is None or not doc.document_output:
        section.write(":returns: None")
        return
    section.write(":rtype: dict")
    section.new_line()
    section.write(":returns: ")
    section.indent_more()
    section.new_line()
    if any(m.special == "eventstream_output_shape" for m in doc.response.children(root)):
        event_section = section.add_new_section("event-stream")
        event_section.new_paragraph()
        event_section.write(EVENT_STREAM_NOTE)
        event_section.new_line()

    def response_example(example: SectionWriter) -> None:
        example.new_line()
        example.bold("Response Syntax")
        example.new_paragraph()
        syntax.document_syntax(
            example,
            doc.response,
            root,
            event=syntax.RESPONSE,
            include=doc.include_output,
            exclude=doc.exclude_output,
        )
        _customise(doc, "response-example", example)

    def response_params(description: SectionWriter) -> None:
        description.new_line()
        description.bold("Response Structure")
        description.new_paragraph()
        params.document_params(
            description,
            doc.response,
            root,
            request=False,
            include=doc.include_output,
            exclude=doc.exclude_output,
        )
        _customise(doc, "response-params", description)

    _limited(section, "response-example", response_example, doc)
    _limited(section, "description", response_params, doc)


def _customise(doc: MethodDoc, event: str, section: SectionWriter) -> None:
    if not doc.customisations:
        return
    # A method with customisations is always built as a Section tree, which they edit.
    assert isinstance(section, Section)
    for customisation in doc.customisations:
        customisation(event, section)


def _list_item(section: SectionWriter, text: str) -> None:
    # bcdoc's li(): the item's text is written with writeln, indentation included.
    section.new_line()
    section.write("* ")
    section.writeln(text)
    section.new_line()


class MethodBlocks(NamedTuple):
    """The finished RST of each block of a method, as the page shows it (at ``indent``).

    For renderers that lay a method out differently from boto3's page (the
    release-note method sections): each block is the exact text of the page's
    section of the same name, size limits and customisations applied.
    """

    description: str  # description, deprecation notice, "See also" link
    request_syntax: str  # **Request Syntax** and its code block
    request_params: str  # :type X: / :param X: entries
    returns: str  # :rtype:/:returns: with the two blocks below, or ":returns: None"
    response_syntax: str | None  # **Response Syntax** and its code block
    response_structure: str | None  # **Response Structure** and its bullets
    exceptions: str | None


def rst_blocks(doc: MethodDoc, indent: int = 1) -> MethodBlocks:
    section = Section(doc.name, indent)
    write_method(section, doc)

    def block(parent: Section, name: str) -> str | None:
        return parent.get_section(name).flush() if parent.has_section(name) else None

    returns = section.get_section("return")
    return MethodBlocks(
        description=section.get_section("method-intro").flush(),
        request_syntax=section.get_section("request-example").flush(),
        request_params=section.get_section("request-params").flush(),
        returns=returns.flush(),
        response_syntax=block(returns, "response-example"),
        response_structure=block(returns, "description"),
        exceptions=block(section, "exceptions"),
    )
