"""RST reference pages in boto3's format, rendered from the documentation model.

``render_service(service)`` yields ``(relative path, text)`` for every page of
one service, laid out as boto3's docs build lays out ``reference/services/``:
``<service>.rst`` (the client page), ``<service>/client/<method>.rst``,
``<service>/paginator/<Name>.rst`` and ``<service>/waiter/<Name>.rst``.

Templates in ``templates/rst/`` hold each page's layout; the method bodies
(syntax, parameters, responses) come from ``codegen.docs`` section trees.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from codegen import atomic, workers
from codegen.docs import html
from codegen.docs.method import MethodDoc, write_method
from codegen.docs.resources import resource_folders
from codegen.docs.sections import DuplicateSection, Section, TextSection
from codegen.docs.service import ServiceDoc
from codegen.errors import CodegenError
from codegen.ir.model import Service
from codegen.ir.names import snake_case
from codegen.ir.walk import deepest_chain
from codegen.progress import track
from codegen.render import jinja
from codegen.render.resource_rst import ResourcePages
from codegen.sources import BotocoreData
from codegen.workers.schedule import WHOLE, Run, guided_runs

# A hook that may add to a method's sections before they are flushed (--history).
MethodHook = Callable[[str, MethodDoc, Section], None]


def _render(template: str, **context: Any) -> str:
    return jinja.render(f"rst/{template}", **context)


def text_under_signature(
    doc: MethodDoc, indent: int, hook: MethodHook | None = None, key: str = ""
) -> str:
    """The RST under a method's ``.. py:method::`` line (description, syntax,
    parameters, return value), at ``indent`` levels."""
    if hook is None and not doc.customisations:
        # Nothing will edit the sections: the page is written straight as text.
        page = TextSection(doc.name, indent)
        try:
            write_method(page, doc)
            return page.flush()
        except DuplicateSection:
            pass
    section = Section(doc.name, indent)
    write_method(section, doc)
    if hook is not None:
        hook(key, doc, section)
    return section.flush()


class ServicePageRenderer:
    """Renders the RST pages of one service (from its ``ServiceDoc`` model).

    Each ``*_page`` method returns one page's text; ``pages`` yields them all.
    """

    def __init__(self, service: Service, hook: MethodHook | None = None):
        self.docs = ServiceDoc(service)
        self.hook = hook
        # The page list for each method filter: a worker asks for it once per run.
        self._jobs: dict[frozenset[str] | None, list[_PageJob]] = {}
        self._common = {"client_class": self.docs.client_class, "service": service.name}
        self._resources: ResourcePages | None = None

    def client_page(self) -> str:
        intro = Section("intro", 1)
        intro.write(f"A low-level client representing {self.docs.official_name}")
        intro.new_line()
        intro.include_doc_string(self.docs.service.documentation)
        intro.start_codeblock()
        intro.new_line()
        intro.write("import boto3")
        intro.new_line()
        intro.new_line()
        intro.write(f"client = boto3.client('{self.docs.name}')")
        intro.end_codeblock()
        return _render(
            "service.rst.j2",
            intro=intro.flush(),
            methods=self.docs.client_methods(),
            paginators=sorted(self.docs.service.paginators),
            waiters=sorted(self.docs.service.waiters),
            context_params=self.docs.context_params(),
            resources=resource_folders(self.docs.service),
            examples=self.docs.service.boto3_examples,
            **self._common,
        )

    def method_page(self, method: str) -> str:
        if self.docs.is_custom(method):
            custom = self.docs.custom_method(method)
            return _render(
                "custom_method.rst.j2",
                method=method,
                parameters=custom.parameters,
                doc_lines=custom.doc_lines,
                **self._common,
            )
        operation = self.docs.operation(method)
        doc = self.docs.operation_doc(operation.name)
        return _render(
            "method.rst.j2",
            method=method,
            qualified_name=doc.name,
            parameters=doc.signature_params,
            body=text_under_signature(doc, 1, self.hook, f"client/{method}"),
            **self._common,
        )

    def paginator_page(self, name: str) -> str:
        doc = self.docs.paginator_doc(name)
        return _render(
            "paginator.rst.j2",
            name=name,
            method=snake_case(name),
            parameters=doc.signature_params,
            body=text_under_signature(doc, 2, self.hook, f"paginator/{name}"),
            **self._common,
        )

    def waiter_page(self, name: str) -> str:
        doc = self.docs.waiter_doc(name)
        return _render(
            "waiter.rst.j2",
            name=name,
            method=snake_case(name),
            parameters=doc.signature_params,
            body=text_under_signature(doc, 2, self.hook, f"waiter/{name}"),
            **self._common,
        )

    def resource_page(self, path: str) -> str:
        """A page of the service's boto3 resources (``codegen.render.resource_rst``)."""
        return self.resource_pages().page(path)

    def resource_pages(self) -> ResourcePages:
        if self._resources is None:
            self._resources = ResourcePages(self.docs)
        return self._resources

    def pages(
        self, methods: frozenset[str] | None = None, run: Run = WHOLE
    ) -> Iterator[tuple[str, str]]:
        """(path relative to the output folder, text) for each page, client page first.

        ``methods`` limits the method, paginator and waiter pages to those of
        the named client methods (the client page still lists them all).
        ``run`` yields only that share of the pages (``codegen.workers.schedule``),
        so that processes can share one large service. Pages come in an order
        that keeps what shares shapes together, so that a run mostly reuses
        texts it made itself: methods by what they act on (create_vpc,
        delete_vpc, describe_vpcs), each followed by its paginator and waiter
        pages.
        """
        jobs = self._jobs.get(methods)
        if jobs is None:
            jobs = self._jobs[methods] = self._page_jobs(methods)
        for path, page, name in run.of(jobs):
            try:
                text = page(self, name)
            except RecursionError:
                raise self._too_deep(path) from None
            yield path, text

    def _too_deep(self, path: str) -> CodegenError:
        """A page whose shapes nest past what the (recursive) documenters can walk."""
        service = self.docs.service
        chains = [
            [operation.name, *chain]
            for operation in service.operations.values()
            for ref in (operation.input, operation.output)
            if ref is not None
            for chain in [[ref.target, *deepest_chain(service, ref.target)]]
        ]
        chain = max(chains, key=len, default=[])
        shown = ".".join(chain[:4]) + (f"... ({len(chain) - 2} levels)" if len(chain) > 4 else "")
        return CodegenError(
            f"shapes nest too deep to document (deepest: {shown}); "
            f"documentation is written to about {sys.getrecursionlimit() // 8} levels",
            path=path,
        )

    def _page_jobs(self, methods: frozenset[str] | None) -> list[_PageJob]:
        """(path, page method, its argument) of every page ``pages`` yields, in its order.

        Unbound methods: bound ones kept here would make a reference cycle,
        which the paused collector would leave, holding each service's texts.
        """
        name = self.docs.name
        service = self.docs.service
        by_method: dict[str, list[_PageJob]] = {}
        for paginator in sorted(service.paginators):
            by_method.setdefault(snake_case(paginator), []).append(
                (f"{name}/paginator/{paginator}.rst", ServicePageRenderer.paginator_page, paginator)
            )
        for waiter_name in sorted(service.waiters):
            by_method.setdefault(snake_case(service.waiters[waiter_name].operation), []).append(
                (f"{name}/waiter/{waiter_name}.rst", ServicePageRenderer.waiter_page, waiter_name)
            )
        resource_jobs: list[_PageJob] = []
        if methods is None:
            # A resource's page on an operation shares its texts with the client
            # method's page: beside it, a worker mostly reuses what it just wrote.
            operations = self.resource_pages().operations()
            for path in self.resource_pages().paths():
                job = (path, ServicePageRenderer.resource_page, path)
                if path in operations:
                    by_method.setdefault(snake_case(operations[path]), []).append(job)
                else:
                    resource_jobs.append(job)
        jobs: list[_PageJob] = [(f"{name}.rst", _client_page, "")]
        for method in sorted(self.docs.client_methods(), key=_by_resource):
            if methods is None or method in methods:
                jobs.append(
                    (f"{name}/client/{method}.rst", ServicePageRenderer.method_page, method)
                )
                jobs += by_method.pop(method, [])
        if methods is None:
            # Paginators and waiters of no client method, if a model has any.
            jobs += [job for method in sorted(by_method) for job in by_method[method]]
            jobs += resource_jobs
        return jobs


# A page of a service: its path, the ServicePageRenderer method that writes it, and its argument.
_PageJob = tuple[str, Callable[[ServicePageRenderer, str], str], str]


def _client_page(pages: ServicePageRenderer, _: str) -> str:
    return pages.client_page()


def _by_resource(method: str) -> tuple[str, str]:
    """create_vpc -> ('vpc', 'create_vpc'): the name without its verb, then the name."""
    _, _, resource = method.partition("_")
    return resource, method


def render_service(service: Service, hook: MethodHook | None = None) -> Iterator[tuple[str, str]]:
    """Every page of one service; the doc-string cache is dropped when the last is out."""
    try:
        yield from ServicePageRenderer(service, hook).pages()
    finally:
        html.clear_cache()


def write_reference(
    source: BotocoreData,
    services: list[str],
    out: str | os.PathLike[str],
    *,
    api_version: str | None = None,
    methods: tuple[str, ...] | None = None,
    history: BotocoreData | None = None,
    jobs: int | None = None,
) -> int:
    """Write the pages of ``services`` and a Sphinx project into ``out``; the page count.

    Services are rendered by ``jobs`` worker processes (default: one per CPU),
    each loading, rendering and dropping one service at a time, so memory stays
    at the size of the largest services. The folder is replaced whole or not at all.
    """
    wanted = frozenset(methods) if methods else None
    if wanted is not None:
        _check_methods(source, services, api_version, wanted)
    jobs = max(1, jobs or os.cpu_count() or 1)
    count = 0
    with atomic.directory(out) as staging:
        # One service shared out by several workers is loaded once, before they start.
        loaded = {services[0]: source.load(services[0], api_version)} if len(services) == 1 else {}
        job = _Job(source, staging, api_version, wanted, history, loaded, {})
        # Fewer services than workers: each is shared out in runs of pages.
        runs = guided_runs(jobs) if len(services) < jobs else [WHOLE]
        tasks = [(name, run) for name in services for run in runs]
        # Pages are built from many small objects and make no garbage cycles to
        # speak of (a few from exceptions): the collector only costs time.
        done = workers.imap_unordered(_write_service, tasks, jobs, job, pause_gc=True)
        finished = _per_service(done, len(runs))
        for written in track(finished, "Writing docs: services", total=len(services)):
            count += written
        for path, text in sphinx_project(source.spec, services, partial=bool(wanted)).items():
            atomic.write_staged(staging / path, text)
    return count


def sphinx_project(source: str, services: list[str], *, partial: bool = False) -> dict[str, str]:
    """``conf.py`` and ``index.rst`` of the Sphinx project that builds the pages.

    ``partial``: only some methods' pages were written (``--operation``), while
    the client pages' toctrees still name them all.
    """
    common = {
        "title": f"{source} reference",
        "source": source,
        "services": sorted(services),
        "partial": partial,
    }
    return {
        "conf.py": _render("sphinx/conf.py.j2", **common),
        "index.rst": _render("sphinx/index.rst.j2", **common),
    }


class _Job(NamedTuple):
    source: BotocoreData
    staging: Path
    api_version: str | None
    methods: frozenset[str] | None
    history: BotocoreData | None
    loaded: dict[str, Service]  # services already loaded, by name
    # The pages of a loaded service, made once per worker (each has its own copy),
    # so that each run of its pages reuses the texts earlier runs made.
    shared: dict[str, ServicePageRenderer]


def _per_service(results: Iterator[tuple[str, int]], runs: int) -> Iterator[int]:
    """Pages of each service, once the last of its ``runs`` is done: progress counts services."""
    left: dict[str, int] = {}
    pages: dict[str, int] = {}
    for name, written in results:
        pages[name] = pages.get(name, 0) + written
        left[name] = left.get(name, runs) - 1
        if left[name] == 0:
            yield pages.pop(name)


def _write_service(job: _Job, task: tuple[str, Run]) -> tuple[str, int]:
    """Render one service's pages (or one run of them) into the staging folder; the count."""
    name, run = task
    pages = job.shared.get(name)
    if pages is None:
        service = job.loaded.get(name) or job.source.load(name, job.api_version)
        hook = None
        if job.history is not None:
            from codegen.docs.history import history_hook

            hook = history_hook(job.history, service, job.source.botocore_version)
        pages = ServicePageRenderer(service, hook)
        if name in job.loaded:
            job.shared[name] = pages
    count = 0
    folders: set[Path] = set()
    for path, text in pages.pages(job.methods, run):
        target = job.staging / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        atomic.write_staged(target, text)
        count += 1
    if name not in job.loaded:
        html.clear_cache()  # the service is done: its converted texts go
    return name, count


def _check_methods(
    source: BotocoreData, services: list[str], api_version: str | None, wanted: frozenset[str]
) -> None:
    known: set[str] = set()
    for name in services:
        known.update(ServiceDoc(source.load(name, api_version)).client_methods())
    unknown = sorted(wanted - known)
    if unknown:
        raise CodegenError(
            f"no client method {unknown[0]!r} in {', '.join(services)}", path=source.spec
        )
