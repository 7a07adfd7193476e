"""``boto-codegen generate``: the main job behind ``make generate`` (and ``make check``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from codegen.cli.options import jobs_option
from codegen.workflow.config import load_config
from codegen.workflow.generate import GenerateResult, check, generate


@click.command("generate")
@click.option(
    "--config", "config_path", default="pyproject.toml", show_default=True,
    type=click.Path(dir_okay=False), help="pyproject.toml holding [tool.boto-codegen].",
)  # fmt: skip
@click.option(
    "--check", "check_only", is_flag=True,
    help="Change nothing; exit 1 if generated/ is stale or was edited by hand.",
)  # fmt: skip
@jobs_option
def generate_command(config_path: str, check_only: bool, jobs: int) -> None:
    """Bring generated/ up to date with the configured models (`make generate`)."""
    config = load_config(Path(config_path))
    if check_only:
        problems = check(config, jobs=jobs)
        if problems:
            click.echo(f"{config.out} is stale or edited by hand; run `make generate`:", err=True)
            for problem in problems:
                click.echo(f"  {problem}", err=True)
            sys.exit(1)
        click.echo(f"{config.out} is up to date", err=True)
        return
    _summary(generate(config, jobs=jobs), str(config.out))


def _summary(result: GenerateResult, out: str) -> None:
    plan = result.plan
    if plan.up_to_date:
        click.echo(
            f"{out} is up to date ({len(plan.services)} services); nothing written", err=True
        )
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    for reason in plan.reasons:
        console.print(f"  {reason}", highlight=False)
    table = Table(title=f"make generate: {out}", title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("services configured", str(len(plan.services)))
    table.add_row("services regenerated", str(len(plan.regenerate)))
    table.add_row("services removed", str(len(plan.removed)))
    table.add_row("files written", str(result.files_written))
    if plan.bump is not None:
        for severity in ("error", "warning", "info"):
            table.add_row(f"changes: {severity}", str(result.changes_by_severity.get(severity, 0)))
    console.print(table)
    for note in result.notes:
        console.print(f"migration notes: {note}", highlight=False)
