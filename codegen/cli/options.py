"""Options shared by every command that reads models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from codegen.sources import BotocoreData

F = TypeVar("F", bound=Callable[..., Any])

MODELS_HELP = (
    "Where models come from: 'installed' (the botocore next to this tool), "
    "'botocore==X.Y.Z' (a release from the package index, downloaded once and cached), "
    "or a folder in botocore's data layout."
)


def models_option(func: F) -> F:
    return click.option(
        "--models", "models", default="installed", show_default=True, metavar="SRC",
        help=MODELS_HELP,
    )(func)  # fmt: skip


def service_options(func: F) -> F:
    func = click.option(
        "--api-version", default=None, metavar="DATE",
        help="API version to read (default: the newest the source has).",
    )(func)  # fmt: skip
    func = click.option("--all", "all_services", is_flag=True, help="Every service of the source.")(
        func
    )
    return click.option(
        "--service", "-s", "services", multiple=True, metavar="NAME",
        help="A service by its botocore name (license-manager); repeat for more.",
    )(func)  # fmt: skip


def selected_services(
    source: BotocoreData, services: tuple[str, ...], all_services: bool
) -> list[str]:
    """The services a command works on: those named, or all with --all; never none."""
    if all_services and services:
        raise click.UsageError("give --service or --all, not both")
    if all_services:
        return source.services()
    if not services:
        raise click.UsageError("name at least one --service, or pass --all")
    return sorted(set(services))


def jobs_option(func: F) -> F:
    """``--jobs/-j N``, one meaning on every command that runs workers."""
    return click.option(
        "--jobs", "-j", "jobs", type=click.IntRange(min=0), default=0, metavar="N",
        help="Worker processes (0, the default: one per core).",
    )(func)  # fmt: skip
