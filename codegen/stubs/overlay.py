"""The boto3 overlay: a ``boto3-stubs`` package typing ``boto3.client("license-manager")``.

``boto3.client`` and ``Session.client`` get one overload per generated
service, returning that service's typed client, and a last overload taking
any name and returning botocore's ``BaseClient`` as boto3 does at run time.
The overlay covers every stub package in the output folder, not only those
of the current run, so generating services one command at a time still
yields one overlay for all of them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from codegen.ir.model import Service
from codegen.render.jinja import render
from codegen.stubs import types as t
from codegen.stubs.package import client_class_name, package_name
from codegen.stubs.resources import service_resource_class_name
from codegen.stubs.shapes import ATTRIBUTE_VALUE

OVERLAY_FOLDER = "boto3-stubs"
PACKAGE_PREFIX = "mypy_boto3_"


class OverlayService(NamedTuple):
    name: str  # license-manager
    package: str  # mypy_boto3_license_manager
    client: str  # LicenseManagerClient
    service_resource: str | None = None  # S3ServiceResource, for services boto3 has resources of

    @classmethod
    def of(cls, service: Service, has_resources: bool = False) -> OverlayService:
        resource = service_resource_class_name(service) if has_resources else None
        return cls(service.name, package_name(service.name), client_class_name(service), resource)


def render_overlay(
    services: Mapping[str, OverlayService], botocore_version: str | None
) -> dict[str, str]:
    """File name -> text of the overlay package for ``services``."""
    ordered = [services[name] for name in sorted(services)]
    context = {
        "services": [_Imported(s, _local_name(s, ordered)) for s in ordered],
        "botocore_version": botocore_version or "unknown",
        "version": botocore_version or "0.0.0",
    }
    return {
        "__init__.pyi": render("stubs/boto3/__init__.pyi.j2", **context),
        "session.pyi": render("stubs/boto3/session.pyi.j2", **context),
        "s3/__init__.pyi": render("stubs/boto3/s3/__init__.pyi.j2", **context),
        "s3/transfer.pyi": render("stubs/boto3/s3/transfer.pyi.j2", **context),
        "dynamodb/__init__.pyi": render("stubs/boto3/dynamodb/__init__.pyi.j2", **context),
        "dynamodb/types.pyi": _dynamodb_types(context),
        "dynamodb/conditions.pyi": render("stubs/boto3/dynamodb/conditions.pyi.j2", **context),
        "dynamodb/table.pyi": render("stubs/boto3/dynamodb/table.pyi.j2", **context),
        "resources/__init__.pyi": render("stubs/boto3/resources/__init__.pyi.j2", **context),
        "resources/base.pyi": render("stubs/boto3/resources/base.pyi.j2", **context),
        "resources/collection.pyi": render("stubs/boto3/resources/collection.pyi.j2", **context),
        # partial: boto3 modules the overlay does not stub (boto3.s3.inject...)
        # are looked up in boto3 itself.
        "py.typed": "partial\n",
        "pyproject.toml": render("stubs/boto3/pyproject.toml.j2", **context),
    }


def _dynamodb_types(context: Mapping[str, object]) -> str:
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
    return render(
        "stubs/boto3/dynamodb/types.pyi.j2",
        **context,
        serialized=serialized,
        imports=t.render_imports(imports, "types"),
    )


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


def packages_in(folder: Path) -> dict[str, OverlayService]:
    """The stub packages already generated in ``folder``, read from their pyproject.toml."""
    found: dict[str, OverlayService] = {}
    if not folder.is_dir():
        return found
    for candidate in sorted(folder.glob(f"{PACKAGE_PREFIX}*/pyproject.toml")):
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
