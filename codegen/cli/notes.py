"""``boto-codegen notes``: read release notes into the change-set IR."""

from __future__ import annotations

import click

from codegen import atomic
from codegen.ir import changes as change_json
from codegen.notes import read_notes
from codegen.render import notes as render_notes
from codegen.render.plaintext import CLASSIC, STYLES


@click.group("notes")
def notes_group() -> None:
    """Release notes (awsapichanges pages) as change sets."""


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--format", "output", type=click.Choice(["json", "awsapichanges"]), default="json",
    show_default=True,
    help="json: services, dates, summaries and per-operation change dicts; "
    "awsapichanges: the page again, without the reference text.",
)  # fmt: skip
@click.option(
    "--style", type=click.Choice(STYLES), default=CLASSIC, show_default=True,
    help="With --format awsapichanges: the site's rendering to print (pages of either are read).",
)  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def parse_command(file: str, output: str, style: str, out: str | None) -> None:
    """Read an awsapichanges page (FILE), in either rendering of the site, and print its changes."""
    parsed = read_notes(file)
    if output == "json":
        text = change_json.dumps(parsed, notes_only=True)
    else:
        text = render_notes.awsapichanges(parsed, style=style)
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        atomic.write_file(out, text)


notes_group.add_command(parse_command)
