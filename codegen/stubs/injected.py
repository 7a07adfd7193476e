"""Client methods botocore and boto3 add at run time, which no service model names.

botocore's ``creating-client-class`` handlers add ``generate_presigned_url``
to every client, ``generate_presigned_post`` to s3's and the auth-token
methods to rds and dsql; boto3 adds the managed transfers to s3. The table
below types each from the real function's signature (parameter names, order
and defaults as that function has them; ``tests/test_stubs.py`` compares them
with ``inspect.signature``), looser than the published stubs where the
function accepts more: a ``Filename`` may be any path (boto3 calls ``fspath``),
``Params`` may be ``None``.
"""

from __future__ import annotations

from typing import NamedTuple

from codegen.stubs import types as t
from codegen.stubs.definitions import AliasDef, Field, Method, TypedDictDef
from codegen.stubs.product import BOTO3, Product

ALL_SERVICES = "*"

_PATH_LIKE = t.Named("PathLike", "os")
_BASE_CLIENT = t.Named("BaseClient", "botocore.client")
TRANSFER_CONFIG = t.Named("TransferConfig", "boto3.s3.transfer")

_ARGS = t.Union((t.sub(t.MAPPING, t.STR, t.ANY), t.NONE))
# boto3 calls the callback with the number of bytes moved since the last call.
_CALLBACK = t.Union((t.CallableOf((t.INT,), t.OBJECT), t.NONE))
_CONFIG = t.Union((TRANSFER_CONFIG, t.NONE))
_FILENAME = t.Union((t.STR, t.sub(_PATH_LIKE, t.STR)))
_READABLE = t.Union((t.sub(t.IO, t.ANY), t.STREAMING_BODY))
_WRITABLE = t.sub(t.IO, t.ANY)
_OPTIONAL_STR = t.Union((t.STR, t.NONE))


class Injected(NamedTuple):
    """A method as one row of the table: the real function and its typed parameters."""

    function: str  # "module:attribute" of the function botocore or boto3 attaches
    name: str
    params: tuple[Field, ...]
    returns: t.TypeNode

    def method(self, is_async: bool = False) -> Method:
        return Method(
            name=self.name,
            params=self.params,
            returns=self.returns,
            keyword_only=False,
            is_async=is_async,
        )


def _transfer(function: str, *leading: Field) -> Injected:
    """One of boto3's managed transfers: its own leading parameters, then the shared ones."""
    shared = (
        Field("ExtraArgs", _ARGS, False),
        Field("Callback", _CALLBACK, False),
        Field("Config", _CONFIG, False),
    )
    return Injected(f"boto3.s3.inject:{function}", function, (*leading, *shared), t.NONE)


_BUCKET = Field("Bucket", t.STR, True)
_KEY = Field("Key", t.STR, True)

# The TypedDict s3's ``copy`` takes: botocore's model has CopySource as a string
# (``bucket/key``), boto3's managed copy wants the parts.
COPY_SOURCE = "CopySourceTypeDef"

INJECTED: dict[str, tuple[Injected, ...]] = {
    ALL_SERVICES: (
        Injected(
            "botocore.signers:generate_presigned_url",
            "generate_presigned_url",
            (
                Field("ClientMethod", t.STR, True),
                Field("Params", _ARGS, False),
                Field("ExpiresIn", t.INT, False),
                Field("HttpMethod", _OPTIONAL_STR, False),
            ),
            t.STR,
        ),
    ),
    "s3": (
        Injected(
            "botocore.signers:generate_presigned_post",
            "generate_presigned_post",
            (
                _BUCKET,
                _KEY,
                Field("Fields", _ARGS, False),
                Field(
                    "Conditions",
                    t.Union(
                        (
                            t.sub(
                                t.SEQUENCE,
                                t.Union((t.sub(t.SEQUENCE, t.ANY), t.sub(t.MAPPING, t.STR, t.ANY))),
                            ),
                            t.NONE,
                        )
                    ),
                    False,
                ),
                Field("ExpiresIn", t.INT, False),
            ),
            t.sub(t.DICT, t.STR, t.ANY),
        ),
        _transfer("upload_file", Field("Filename", _FILENAME, True), _BUCKET, _KEY),
        _transfer("download_file", _BUCKET, _KEY, Field("Filename", _FILENAME, True)),
        _transfer("upload_fileobj", Field("Fileobj", _READABLE, True), _BUCKET, _KEY),
        _transfer("download_fileobj", _BUCKET, _KEY, Field("Fileobj", _WRITABLE, True)),
        Injected(
            "boto3.s3.inject:copy",
            "copy",
            (
                Field("CopySource", t.local(COPY_SOURCE, t.TYPE_DEFS), True),
                _BUCKET,
                _KEY,
                Field("ExtraArgs", _ARGS, False),
                Field("Callback", _CALLBACK, False),
                Field("SourceClient", t.Union((_BASE_CLIENT, t.NONE)), False),
                Field("Config", _CONFIG, False),
            ),
            t.NONE,
        ),
    ),
    "rds": (
        Injected(
            "botocore.signers:generate_db_auth_token",
            "generate_db_auth_token",
            (
                Field("DBHostname", t.STR, True),
                Field("Port", t.INT, True),
                Field("DBUsername", t.STR, True),
                Field("Region", _OPTIONAL_STR, False),
            ),
            t.STR,
        ),
    ),
    "dsql": tuple(
        Injected(
            f"botocore.signers:dsql_{name}",
            name,
            (
                Field("Hostname", t.STR, True),
                Field("Region", _OPTIONAL_STR, False),
                Field("ExpiresIn", t.INT, False),
            ),
            t.STR,
        )
        for name in ("generate_db_connect_auth_token", "generate_db_connect_admin_auth_token")
    ),
}

# Types the injected methods of a service use, defined in its type_defs under
# the published stubs' names.
INJECTED_TYPE_DEFS: dict[str, tuple[TypedDictDef | AliasDef, ...]] = {
    "s3": (
        TypedDictDef(
            COPY_SOURCE,
            (_BUCKET, _KEY, Field("VersionId", t.STR, False)),
        ),
        AliasDef("CopySourceOrStrTypeDef", t.Union((t.STR, t.local(COPY_SOURCE, t.TYPE_DEFS)))),
        AliasDef("FileobjTypeDef", _READABLE),
    ),
}


def injected_methods(service_name: str, product: Product = BOTO3) -> list[Injected]:
    """The methods ``product`` adds to ``service_name``'s client at run time.

    Each row names the function as botocore or boto3 define it; a product
    taking that function from elsewhere (aiobotocore's async signers) gets the
    row with its own function, and a product without it none.
    """
    found = []
    for row in (*INJECTED[ALL_SERVICES], *INJECTED.get(service_name, ())):
        module, _, attribute = row.function.partition(":")
        source = product.injected_modules.get(module)
        if source is not None:
            found.append(row._replace(function=f"{source}:{attribute}"))
    return found


def request_type_defs(service_name: str, product: Product = BOTO3) -> list[TypedDictDef]:
    """``Client<Method>RequestTypeDef`` of the methods ``product`` adds to this service's
    client alone.

    The published stubs define one per such method (code builds
    ``upload_file(**params)`` arguments with them); ``generate_presigned_url``,
    on every client, has none there.
    """
    alone = {row.name for row in INJECTED.get(service_name, ())}
    return [
        TypedDictDef(
            "Client" + "".join(p.capitalize() for p in row.name.split("_")) + "RequestTypeDef",
            row.params,
        )
        for row in injected_methods(service_name, product)
        if row.name in alone
    ]
