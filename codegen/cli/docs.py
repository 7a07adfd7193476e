"""``boto-codegen docs``: RST reference pages in boto3's format."""

from __future__ import annotations

import click

from codegen.cli.options import jobs_option, models_option, selected_services, service_options
from codegen.docs.customisations import DEPRECATED_SERVICES
from codegen.render.rst import write_reference
from codegen.sources import open_models


@click.command("docs")
@models_option
@service_options
@click.option(
    "--operation", "-o", "operations", multiple=True, metavar="METHOD",
    help="Only this client method's pages (create_grant_version); repeat for more.",
)  # fmt: skip
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False),
    help="Folder to write: <service>.rst, <service>/client|paginator|waiter/*.rst, "
    "and a Sphinx project (conf.py, index.rst).",
)  # fmt: skip
@click.option(
    "--history", "history", default=None, metavar="OLD",
    help="An older model source: mark methods and parameters added or changed since it "
    "(versionadded/versionchanged) and note deprecations.",
)  # fmt: skip
@jobs_option
def docs_command(
    models: str,
    services: tuple[str, ...],
    all_services: bool,
    api_version: str | None,
    operations: tuple[str, ...],
    out: str,
    history: str | None,
    jobs: int,
) -> None:
    """Write reference pages in boto3's format, byte for byte, plus a Sphinx project.

    The tree is the one boto3's docs build writes under reference/services/;
    `sphinx-build -W -j auto OUT OUT/_build` turns it into HTML (warnings that
    boto3's own page content causes are counted apart, any other fails).
    """
    source = open_models(models)
    names = selected_services(source, services, all_services)
    if all_services:
        # As boto3's docs build does: deprecated services get no reference pages.
        names = [name for name in names if name not in DEPRECATED_SERVICES]
    old = open_models(history) if history is not None else None
    written = write_reference(
        source,
        names,
        out,
        api_version=api_version,
        methods=operations or None,
        history=old,
        jobs=jobs,
    )
    click.echo(f"wrote {written} page(s) for {len(names)} service(s) in {out}", err=True)
