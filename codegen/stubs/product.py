"""The SDKs a stub package can describe, as data: boto3 (sync) and aiobotocore (async).

Both products share every type node and template; they differ only in the
rows below: the package names, the base classes the generated classes
extend, whether client, paginator and waiter calls are coroutines, the body
types of streamed results, which run-time-added methods exist, and which
overlay types the SDK's own entry point (``boto3.client`` or
``AioSession.create_client``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from codegen.stubs import types as t


class Product(NamedTuple):
    name: str  # the --product value
    sdk: str  # what the packages describe, in their descriptions
    package_prefix: str  # mypy_boto3_ + license_manager
    overlay_folder: str  # the stub-only package typing the SDK's entry point
    overlay_templates: str  # templates/stubs/<this>/ holds the overlay's modules
    overlay_modules: tuple[str, ...]  # the overlay's files, each rendered from <file>.j2
    base_client: t.Named
    base_paginator: t.Named
    page_iterator: t.Named
    base_waiter: t.Named
    streaming_body: t.Named
    event_stream: t.Named
    is_async: bool  # operations, waits and the run-time-added methods are coroutines
    # Where the run-time-added methods (codegen.stubs.injected) come from: the
    # module each row names, mapped to the module this SDK takes it from. A row
    # whose module is not a key is not added by this SDK.
    injected_modules: Mapping[str, str]
    resources: bool  # boto3's resource layer: service_resource.pyi
    dependencies: tuple[str, ...]  # of each service package's pyproject.toml


BOTO3 = Product(
    name="boto3",
    sdk="boto3",
    package_prefix="mypy_boto3_",
    overlay_folder="boto3-stubs",
    overlay_templates="boto3",
    overlay_modules=(
        "__init__.pyi",
        "session.pyi",
        "s3/__init__.pyi",
        "s3/transfer.pyi",
        "dynamodb/__init__.pyi",
        "dynamodb/types.pyi",
        "dynamodb/conditions.pyi",
        "dynamodb/table.pyi",
        "resources/__init__.pyi",
        "resources/base.pyi",
        "resources/collection.pyi",
        "pyproject.toml",
    ),
    base_client=t.Named("BaseClient", "botocore.client"),
    base_paginator=t.Named("Paginator", "botocore.paginate"),
    page_iterator=t.PAGE_ITERATOR,
    base_waiter=t.Named("Waiter", "botocore.waiter"),
    streaming_body=t.STREAMING_BODY,
    event_stream=t.EVENT_STREAM,
    is_async=False,
    injected_modules={
        "botocore.signers": "botocore.signers",
        "boto3.s3.inject": "boto3.s3.inject",
    },
    resources=True,
    dependencies=("botocore-stubs", "typing_extensions>=4.5"),
)

# aiobotocore 3.x: clients are ``AioBaseClient``s made by ``AioSession.create_client``
# (an async context manager), paginators yield pages with ``async for``, waiters
# and operations are awaited, bodies are read with ``await body.read()``. Its
# hooks swap botocore's signer methods for async ones of the same signature
# (``aiobotocore.hooks._HANDLER_MAPPING``); boto3's managed transfers are not
# there (aiobotocore has no ``upload_file``).
AIOBOTOCORE = Product(
    name="aiobotocore",
    sdk="aiobotocore",
    package_prefix="types_aiobotocore_",
    overlay_folder="aiobotocore-stubs",
    overlay_templates="aiobotocore",
    overlay_modules=(
        "__init__.pyi",
        "client.pyi",
        "config.pyi",
        "eventstream.pyi",
        "paginate.pyi",
        "response.pyi",
        "session.pyi",
        "waiter.pyi",
        "pyproject.toml",
    ),
    base_client=t.Named("AioBaseClient", "aiobotocore.client"),
    base_paginator=t.Named("AioPaginator", "aiobotocore.paginate"),
    page_iterator=t.Named("AioPageIterator", "aiobotocore.paginate"),
    base_waiter=t.Named("AIOWaiter", "aiobotocore.waiter"),
    # The base of the aiohttp and the httpx backends' bodies: either is returned.
    streaming_body=t.Named("AioStreamingBodyBase", "aiobotocore.response"),
    event_stream=t.Named("AioEventStream", "aiobotocore.eventstream"),
    is_async=True,
    injected_modules={"botocore.signers": "aiobotocore.signers"},
    resources=False,
    # The service packages import aiobotocore's classes, typed by the overlay.
    dependencies=("aiobotocore", "botocore-stubs", "typing_extensions>=4.5"),
)

PRODUCTS: dict[str, Product] = {p.name: p for p in (BOTO3, AIOBOTOCORE)}
