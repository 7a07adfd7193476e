"""The overlay: a stub-only package typing the SDK's entry point for every generated service.

For boto3 (``boto3-stubs``), ``boto3.client`` and ``Session.client`` get one
overload per generated service, returning that service's typed client, and a
last overload taking any name and returning botocore's ``BaseClient`` as boto3
does at run time. For aiobotocore (``aiobotocore-stubs``),
``AioSession.create_client`` gets the same overloads, each returning an async
context manager of the typed client; the overlay also types the aiobotocore
classes the service packages extend (aiobotocore ships no types of its own).
The overlay covers every stub package in the output folder, not only those
of the current run, so generating services one command at a time still
yields one overlay for all of them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from codegen.ir.model import Service
from codegen.render.jinja import render
from codegen.stubs import types as t
from codegen.stubs.package import client_class_name, package_name
from codegen.stubs.product import BOTO3, Product
from codegen.stubs.resources import service_resource_class_name
from codegen.stubs.shapes import ATTRIBUTE_VALUE

OVERLAY_FOLDER = BOTO3.overlay_folder


class OverlayService(NamedTuple):
    name: str  # license-manager
    package: str  # mypy_boto3_license_manager
    client: str  # LicenseManagerClient
    service_resource: str | None = None  # S3ServiceResource, for services boto3 has resources of

    @classmethod
    def of(
        cls, service: Service, has_resources: bool = False, product: Product = BOTO3
    ) -> OverlayService:
        resource = service_resource_class_name(service) if has_resources else None
        package = package_name(service.name, product)
        return cls(service.name, package, client_class_name(service), resource)


def render_overlay(
    services: Mapping[str, OverlayService],
    botocore_version: str | None,
    product: Product = BOTO3,
) -> dict[str, str]:
    """File name -> text of ``product``'s overlay package for ``services``."""
    ordered = [services[name] for name in sorted(services)]
    context = {
        "services": [_Imported(s, _local_name(s, ordered)) for s in ordered],
        "botocore_version": botocore_version or "unknown",
        "version": botocore_version or "0.0.0",
    }
    files = {
        name: render(
            f"stubs/{product.overlay_templates}/{name}.j2",
            **context,
            **_MODULE_CONTEXT.get(f"{product.overlay_templates}/{name}", dict)(),
        )
        for name in product.overlay_modules
    }
    # partial: SDK modules the overlay does not stub (boto3.s3.inject,
    # aiobotocore.credentials...) are looked up in the SDK itself.
    files["py.typed"] = "partial\n"
    return files


def _dynamodb_types() -> dict[str, object]:
    """boto3.dynamodb.types, whose TypeSerializer returns a TypedDict structurally equal
    to the attribute values of dynamodb's responses, so that its output fits
    ``dict[str, AttributeValueTypeDef]`` as in the published stubs."""
    serialized = ATTRIBUTE_VALUE._replace(name="_AttributeValueTypeDef")
    imports = {
        *serialized.imports(),
        *t.ANY.imports(),
        t.Import("decimal", "Context"),
        t.Import("typing", "Literal"),
    }
    return {"serialized": serialized, "imports": t.render_imports(imports, "types")}


# Overlay modules whose template needs more than the services: what it needs, by template.
_MODULE_CONTEXT: dict[str, Callable[[], dict[str, object]]] = {
    "boto3/dynamodb/types.pyi": _dynamodb_types,
}


class _Imported(NamedTuple):
    """A service as the overlay imports it: its client under a name unique in the module."""

    service: OverlayService
    local: str

    @property
    def name(self) -> str:
        return self.service.name

    @property
    def package(self) -> str:
        return self.service.package

    @property
    def client(self) -> str:
        return self.service.client

    @property
    def service_resource(self) -> str | None:
        return self.service.service_resource

    @property
    def resource_local(self) -> str:
        """The service resource's name in the overlay modules, unique as ``local`` is."""
        resource = self.service.service_resource or ""
        return f"{self.package}_{resource}" if self.local != self.client else resource


def _local_name(service: OverlayService, services: list[OverlayService]) -> str:
    """The client's class name, or, where two services share one (sms-voice and
    pinpoint-sms-voice both have PinpointSMSVoiceClient), one prefixed by the package."""
    shared = sum(1 for s in services if s.client == service.client) > 1
    return f"{service.package}_{service.client}" if shared else service.client


def packages_in(folder: Path, product: Product = BOTO3) -> dict[str, OverlayService]:
    """``product``'s stub packages already generated in ``folder``, read from their
    pyproject.toml."""
    found: dict[str, OverlayService] = {}
    if not folder.is_dir():
        return found
    for candidate in sorted(folder.glob(f"{product.package_prefix}*/pyproject.toml")):
        try:
            table = tomllib.loads(candidate.read_text(encoding="utf-8"))["tool"]["boto-codegen"]
            service = OverlayService(
                table["service"],
                candidate.parent.name,
                table["client"],
                table.get("service_resource"),
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not ours: leave it out of the overlay
        found[service.name] = service
    return found
