"""``boto-codegen ir``: write the IR of some services as JSON."""

from __future__ import annotations

import click

from codegen import atomic
from codegen.cli.options import models_option, selected_services, service_options
from codegen.ir import serialize
from codegen.progress import track
from codegen.sources import open_models


@click.command("ir")
@models_option
@service_options
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="JSON file to write ('-' for standard output).",
)
@click.option(
    "--lines", is_flag=True, help="One line per shape and operation (for diffs), not one line."
)
def ir_command(
    models: str,
    services: tuple[str, ...],
    all_services: bool,
    api_version: str | None,
    out: str,
    lines: bool,
) -> None:
    """Write the intermediate representation of services as JSON."""
    source = open_models(models)
    names = selected_services(source, services, all_services)
    loaded = source.load_set(
        track(names, "Loading models: services", total=len(names)), api_version
    )
    text = serialize.dumps(loaded, lines=lines)
    if out == "-":
        click.echo(text, nl=False)
    else:
        atomic.write_file(out, text)
