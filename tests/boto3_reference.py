"""boto3's own docs generator, run offline as the byte-for-byte reference for our pages.

Test-only: boto3 is a dev dependency. Whole services go through
``boto3.docs.service.ServiceDocumenter`` exactly as boto3's docs build runs it;
single methods of large services go through the same documenter classes, one
page at a time, so the tests stay fast.
"""

from __future__ import annotations

import os
from pathlib import Path

import boto3
import botocore.session
from boto3.docs.client import Boto3ClientDocumenter
from boto3.docs.service import ServiceDocumenter
from botocore.docs.bcdoc.restdoc import DocumentStructure
from botocore.docs.method import get_instance_public_methods
from botocore.docs.paginator import PaginatorDocumenter
from botocore.docs.waiter import WaiterDocumenter
from botocore.exceptions import DataNotFoundError


def session(data: Path | None = None) -> boto3.Session:
    """A boto3 session reading models from ``data`` first (a fixture folder), else installed."""
    core = botocore.session.get_session()
    if data is not None:
        core.get_component("data_loader").search_paths.insert(0, str(data))
    return boto3.Session(botocore_session=core, region_name="us-east-1")


def service_pages(boto3_session: boto3.Session, service: str, out: Path) -> dict[str, bytes]:
    """Every page boto3 writes for ``service``: relative path -> bytes."""
    out.mkdir(parents=True, exist_ok=True)
    page = ServiceDocumenter(service, boto3_session, str(out)).document_service()
    (out / f"{service}.rst").write_bytes(page)
    pages = {}
    for root, _, files in os.walk(out):
        for name in files:
            path = Path(root) / name
            pages[str(path.relative_to(out))] = path.read_bytes()
    return pages


class MethodReference:
    """Single pages of one service, written by boto3's documenters."""

    def __init__(self, boto3_session: boto3.Session, service: str):
        self.service = service
        self.client = boto3_session.client(
            service, aws_access_key_id="a", aws_secret_access_key="b"
        )
        core = boto3_session._session
        try:
            examples = core.get_component("data_loader").load_service_model(service, "examples-1")[
                "examples"
            ]
        except DataNotFoundError:
            examples = None
        self.documenter = Boto3ClientDocumenter(self.client, "unused", examples)
        self.methods = get_instance_public_methods(self.client)
        self.paginators = core.get_paginator_model(service)
        try:
            self.waiters = core.get_waiter_model(service)
        except DataNotFoundError:
            self.waiters = None

    def method(self, name: str) -> bytes:
        doc = DocumentStructure(name, target="html")
        self.documenter._add_client_method(doc, name, self.methods[name])
        return bytes(doc.flush_structure())

    def paginator(self, name: str) -> bytes:
        documenter = PaginatorDocumenter(self.client, self.paginators, "unused")
        doc = DocumentStructure(name, target="html")
        documenter._add_paginator(doc, name)
        return bytes(doc.flush_structure())

    def waiter(self, name: str) -> bytes:
        documenter = WaiterDocumenter(self.client, self.waiters, "unused")
        doc = DocumentStructure(name, target="html")
        documenter._add_single_waiter(doc, name)
        return bytes(doc.flush_structure())

    def pages(self) -> dict[str, bytes]:
        """Every method, paginator and waiter page (not the client page), as boto3 writes them."""
        service = self.service
        methods = self.documenter._get_client_methods()
        pages = {f"{service}/client/{name}.rst": self.method(name) for name in methods}
        for name in self.paginators._paginator_config:
            pages[f"{service}/paginator/{name}.rst"] = self.paginator(name)
        for name in self.waiters.waiter_names if self.waiters is not None else []:
            pages[f"{service}/waiter/{name}.rst"] = self.waiter(name)
        return pages


def service_pages_without_client_methods(
    boto3_session: boto3.Session, service: str, out: Path
) -> dict[str, bytes]:
    """``service_pages`` with the client method pages left out: everything else boto3 writes.

    For ec2 and s3, where the client methods are most of boto3's time (ec2: 769
    methods, about a minute); their pages are compared one by one elsewhere.
    """
    original = Boto3ClientDocumenter._add_client_methods
    Boto3ClientDocumenter._add_client_methods = lambda self, methods: None  # type: ignore[method-assign]
    try:
        return service_pages(boto3_session, service, out)
    finally:
        Boto3ClientDocumenter._add_client_methods = original  # type: ignore[method-assign]
