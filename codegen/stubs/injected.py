"""Client and resource methods botocore and boto3 add at run time, which no model names.

botocore's ``creating-client-class`` handlers add ``generate_presigned_url``
to every client, ``generate_presigned_post`` to s3's and the auth-token
methods to rds and dsql; boto3 adds the managed transfers to s3. The table
below types each from the real function's signature (parameter names, order
and defaults as that function has them; ``tests/test_stubs.py`` compares them
with ``inspect.signature``), looser than the published stubs where the
function accepts more: a ``Filename`` may be any path (boto3 calls ``fspath``),
``Params`` may be ``None``.

boto3's ``creating-resource-class`` handlers do the same for resources
(``RESOURCE_INJECTED``): the transfers and ``load`` on s3's Bucket, Object and
ObjectSummary, ``batch_writer`` on dynamodb's Table, and on ec2 two actions
typed as model actions are: ``Instance.delete_tags`` (a ``CustomModeledAction``
over DeleteTags) and the service resource's ``create_tags``, which takes the
model's place and returns the Tag resources it made.
"""

from __future__ import annotations

from typing import NamedTuple

from codegen.ir.model import ResourceAction, ResourceParam, ResourceRequest, ResourceTarget
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


_BUCKET = Field("Bucket", t.STR, True)
_KEY = Field("Key", t.STR, True)

# The TypedDict s3's ``copy`` takes: botocore's model has CopySource as a string
# (``bucket/key``), boto3's managed copy wants the parts.
COPY_SOURCE = "CopySourceTypeDef"


def _transfer(function: str, *leading: Field, name: str | None = None) -> Injected:
    """One of boto3's managed transfers: its own leading parameters, then the shared ones."""
    shared = (
        Field("ExtraArgs", _ARGS, False),
        Field("Callback", _CALLBACK, False),
        Field("Config", _CONFIG, False),
    )
    return Injected(f"boto3.s3.inject:{function}", name or function, (*leading, *shared), t.NONE)


def _copy(function: str, *leading: Field, name: str = "copy") -> Injected:
    """boto3's managed copy: the source as parts, then where to (what the caller names)."""
    return Injected(
        f"boto3.s3.inject:{function}",
        name,
        (
            Field("CopySource", t.local(COPY_SOURCE, t.TYPE_DEFS), True),
            *leading,
            Field("ExtraArgs", _ARGS, False),
            Field("Callback", _CALLBACK, False),
            Field("SourceClient", t.Union((_BASE_CLIENT, t.NONE)), False),
            Field("Config", _CONFIG, False),
        ),
        t.NONE,
    )


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
        _copy("copy", _BUCKET, _KEY),
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


class InjectedAction(NamedTuple):
    """An action boto3 adds to a resource class, in the resource model's own terms: typed
    from its request's operation less what boto3 fills, returning ``action.resource``
    when it names one, else the operation's response."""

    function: str  # "module:attribute" of the function boto3 attaches (takes **kwargs)
    action: ResourceAction
    type_def: str | None = None  # the published name of its kwargs TypedDict, if not the usual

    @property
    def name(self) -> str:
        return self.action.python_name


_FILENAME_FIELD = Field("Filename", _FILENAME, True)
_FILEOBJ_READ = Field("Fileobj", _READABLE, True)
_FILEOBJ_WRITE = Field("Fileobj", _WRITABLE, True)
# boto3's s3 loads take (self, *args, **kwargs) and use neither: typed as a plain load().
_LOADS = {"Bucket": "bucket_load", "ObjectSummary": "object_summary_load"}

# (service, resource class) -> the methods boto3 adds to it, in the order boto3 adds them.
# The service resource is "ServiceResource", as in the IR.
RESOURCE_INJECTED: dict[tuple[str, str], tuple[Injected | InjectedAction, ...]] = {
    ("s3", "Bucket"): (
        Injected(f"boto3.s3.inject:{_LOADS['Bucket']}", "load", (), t.NONE),
        _transfer("bucket_upload_file", _FILENAME_FIELD, _KEY, name="upload_file"),
        _transfer("bucket_download_file", _KEY, _FILENAME_FIELD, name="download_file"),
        _copy("bucket_copy", _KEY),
        _transfer("bucket_upload_fileobj", _FILEOBJ_READ, _KEY, name="upload_fileobj"),
        _transfer("bucket_download_fileobj", _KEY, _FILEOBJ_WRITE, name="download_fileobj"),
    ),
    ("s3", "Object"): (
        _transfer("object_upload_file", _FILENAME_FIELD, name="upload_file"),
        _transfer("object_download_file", _FILENAME_FIELD, name="download_file"),
        _copy("object_copy"),
        _transfer("object_upload_fileobj", _FILEOBJ_READ, name="upload_fileobj"),
        _transfer("object_download_fileobj", _FILEOBJ_WRITE, name="download_fileobj"),
    ),
    ("s3", "ObjectSummary"): (
        Injected(f"boto3.s3.inject:{_LOADS['ObjectSummary']}", "load", (), t.NONE),
    ),
    ("dynamodb", "Table"): (
        Injected(
            "boto3.dynamodb.table:TableResource.batch_writer",
            "batch_writer",
            (Field("overwrite_by_pkeys", t.Union((t.sub(t.SEQUENCE, t.STR), t.NONE)), False),),
            t.Named("BatchWriter", "boto3.dynamodb.table"),
        ),
    ),
    ("ec2", "ServiceResource"): (
        # boto3.ec2.createtags: the client call, then a Tag per resource and tag passed.
        InjectedAction(
            "boto3.ec2.createtags:create_tags",
            ResourceAction(
                "CreateTags",
                "create_tags",
                request=ResourceRequest("CreateTags"),
                resource=ResourceTarget(
                    "Tag",
                    (
                        ResourceParam("ResourceId", "requestParameter", path="Resources[]"),
                        ResourceParam("Key", "requestParameter", path="Tags[].Key"),
                        ResourceParam("Value", "requestParameter", path="Tags[].Value"),
                    ),
                ),
            ),
        ),
    ),
    ("ec2", "Instance"): (
        # boto3.ec2.deletetags.inject_delete_tags's action model, as it spells it.
        InjectedAction(
            "boto3.ec2.deletetags:delete_tags",
            ResourceAction(
                "DeleteTags",
                "delete_tags",
                request=ResourceRequest(
                    "DeleteTags", (ResourceParam("Resources[0]", "identifier", name="Id"),)
                ),
            ),
            type_def="InstanceDeleteTagsRequestTypeDef",
        ),
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


def request_type_defs(
    service_name: str, resources: bool = False, product: Product = BOTO3
) -> list[TypedDictDef]:
    """``<Owner><Method>RequestTypeDef`` of the methods ``product`` adds to this service's
    client alone (owner ``Client``) and to its resources (``BucketUploadFileRequestTypeDef``).

    The published stubs define one per such method with parameters (code
    builds ``upload_file(**params)`` arguments with them);
    ``generate_presigned_url``, on every client, has none there. ``resources``:
    the service has boto3 resources in this run.
    """
    added = {row.name for row in injected_methods(service_name, product)}
    rows = [("Client", row) for row in INJECTED.get(service_name, ()) if row.name in added]
    rows += [
        (resource, row)
        for (service, resource), injected in RESOURCE_INJECTED.items()
        if resources and service == service_name
        for row in injected
        if isinstance(row, Injected) and row.params
    ]
    return [TypedDictDef(_request_name(owner, row.name), row.params) for owner, row in rows]


def _request_name(owner: str, method: str) -> str:
    return owner + "".join(p.capitalize() for p in method.split("_")) + "RequestTypeDef"


def resource_injected(service_name: str, resource: str) -> tuple[Injected | InjectedAction, ...]:
    """The methods boto3 adds to resource class ``resource`` of ``service_name``."""
    return RESOURCE_INJECTED.get((service_name, resource), ())
