"""``boto-codegen stubs``: typed stub packages (.pyi) for services."""

from __future__ import annotations

from pathlib import Path

import click

from codegen.cli.options import models_option, selected_services, service_options
from codegen.sources import open_models
from codegen.stubs.product import PRODUCTS
from codegen.stubs.write import write_stubs


@click.command("stubs")
@models_option
@service_options
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder to write into: one package folder per service, plus the overlay "
    "(boto3-stubs/ or aiobotocore-stubs/).",
)
@click.option(
    "--product",
    type=click.Choice(sorted(PRODUCTS)),
    default="boto3",
    show_default=True,
    help="The SDK the stubs type. boto3: mypy_boto3_<service>/ packages and a boto3-stubs/ "
    "overlay typing boto3.client(). aiobotocore: types_aiobotocore_<service>/ packages "
    "(async def methods, async paginators and waiters, aiobotocore's streaming bodies) and "
    "an aiobotocore-stubs/ overlay typing `async with session.create_client(...)`.",
)
@click.option(
    "--previous",
    default=None,
    metavar="SRC",
    help="Models of the release you upgrade from (same forms as --models): TypeDef and "
    "Literal names of shapes renamed since then (structurally equal) stay as aliases.",
)
def stubs_command(
    models: str,
    services: tuple[str, ...],
    all_services: bool,
    api_version: str | None,
    out: str,
    previous: str | None,
    product: str,
) -> None:
    """Write PEP 561 stub packages (mypy_boto3_<service>/) and a boto3 overlay.

    Each package holds client.pyi, type_defs.pyi, literals.pyi, paginator.pyi,
    waiter.pyi, py.typed and a pyproject.toml: put OUT on MYPYPATH or
    `pip install OUT/mypy_boto3_<service>`. boto3-stubs/ types boto3.client()
    and Session.client() for every package in OUT. With --product aiobotocore:
    types_aiobotocore_<service>/ and aiobotocore-stubs/, which types
    aiobotocore.session.AioSession.create_client() the same way.
    """
    if api_version is not None:
        raise click.UsageError("--api-version is not supported by stubs: they type the newest API")
    source = open_models(models)
    names = selected_services(source, services, all_services)
    earlier = open_models(previous) if previous is not None else None
    chosen = PRODUCTS[product]
    result = write_stubs(source, names, Path(out), earlier, chosen)
    click.echo(
        f"wrote {len(names)} stub package(s) and the {chosen.sdk} overlay"
        f" ({result.files_written} files) in {out}",
        err=True,
    )
