"""``boto-codegen generate``: the main job behind ``make generate``."""

from __future__ import annotations

from pathlib import Path

import click

from codegen.workflow.config import load_config
from codegen.workflow.generate import generate


@click.command("generate")
@click.option(
    "--config", "config_path", default="pyproject.toml", show_default=True,
    type=click.Path(dir_okay=False), help="pyproject.toml holding [tool.boto-codegen].",
)  # fmt: skip
def generate_command(config_path: str) -> None:
    """Regenerate generated/ from the configured models (what `make generate` runs)."""
    config = load_config(Path(config_path))
    result = generate(config)
    click.echo(
        f"generated {result.files_written} file(s) for {len(result.services)} service(s)"
        f" in {config.out}",
        err=True,
    )
