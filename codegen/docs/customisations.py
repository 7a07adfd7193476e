"""The documentation changes botocore makes to particular services, as data.

botocore registers ``docs.*`` event handlers that edit a method's finished
sections: parameters it fills in itself lose their ``[REQUIRED]`` mark and gain
a note, some are hidden, renamed to their alias, or retyped. Each rule here is
one such handler, keyed by service and operation (``*`` for all), and edits the
same named section nodes. ``for_operation`` picks the rules of one operation.

Client methods botocore removes (HTTP/2-only operations) and methods it or boto3
adds to clients are listed here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from codegen.docs.sections import Section
from codegen.ir.model import Service

Edit = Callable[[str, Section], None]


class Rule(NamedTuple):
    """One botocore docs handler: the top-level member it is about, and its edit."""

    member: str
    edit: Edit


_AUTO_POPULATED = (
    "Please note that this parameter is automatically populated "
    "if it is not provided. Including this parameter is not "
    "required\n"
)
_BASE64 = (
    "**This value will be base64 encoded automatically. Do "
    "not base64 encode this value prior to performing the "
    "operation.**"
)
_GLACIER_CHECKSUM = """
        This is a required field.

        Ideally you will want to compute this value with checksums from
        previous uploaded parts, using the algorithm described in
        `Glacier documentation <http://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations.html>`_.

        But if you prefer, you can also use botocore.utils.calculate_tree_hash()
        to compute it from raw file by::

            checksum = calculate_tree_hash(open('your_file.txt', 'rb'))

        """
_COPY_SOURCE = (
    "The name of the source bucket, key name of the source object, "
    "and optional version ID of the source object.  You can either "
    "provide this value as a string or a dictionary.  The "
    "string form is {bucket}/{key} or "
    "{bucket}/{key}?versionId={versionId} if you want to copy a "
    "specific version.  You can also provide this value as a "
    "dictionary.  The dictionary format is recommended over "
    "the string format because it is more explicit.  The dictionary "
    "format is: {'Bucket': 'bucket', 'Key': 'key', 'VersionId': 'id'}."
    "  Note that the VersionId key is optional and may be omitted."
    " To specify an S3 access point, provide the access point"
    " ARN for the ``Bucket`` key in the copy source dictionary. If you"
    " want to provide the copy source for an S3 access point as a"
    " string instead of a dictionary, the ARN provided must be the"
    " full S3 access point object ARN"
    " (i.e. {accesspoint_arn}/object/{key})"
)


def auto_populated(name: str, description: str = _AUTO_POPULATED) -> Rule:
    """A parameter botocore fills in: not required, noted, and left out of the syntax."""

    def rule(event: str, section: Section) -> None:
        if event == "request-params":
            if name in section.available_sections:
                param = section.get_section(name)
                if param.has_section("is-required"):
                    param.delete_section("is-required")
                param.get_section("param-documentation").writeln(description)
        elif event == "request-example":
            values = section.get_section("structure-value")
            if name in values.available_sections:
                values.delete_section(name)

    return Rule(name, rule)


def hidden(name: str) -> Rule:
    """A parameter users cannot set: gone from the parameters and the syntax."""

    def rule(event: str, section: Section) -> None:
        if event == "request-example":
            section = section.get_section("structure-value")
        elif event != "request-params":
            return
        if name in section.available_sections:
            section.delete_section(name)

    return Rule(name, rule)


def appended(name: str, text: str, events: tuple[str, ...] | None = None) -> Rule:
    """Text added after a top-level parameter's documentation."""

    def rule(event: str, section: Section) -> None:
        if events is not None and event not in events:
            return
        if name in section.available_sections:
            section.get_section(name).get_section("param-documentation").writeln(text)

    return Rule(name, rule)


def alias(original: str, new: str) -> Rule:
    """A parameter documented under the alias botocore accepts for it."""

    def replace(section: Section) -> None:
        content = section.getvalue().replace(original, new)
        section.clear_text()
        section.write(content)

    def rule(event: str, section: Section) -> None:
        if event == "request-params":
            if original not in section.available_sections:
                return
            param = section.get_section(original)
            replace(param.get_section("param-type"))
            replace(param.get_section("param-name"))
        elif event == "request-example":
            values = section.get_section("structure-value")
            if original in values.available_sections:
                replace(values.get_section(original))

    return Rule(original, rule)


def _copy_source(event: str, section: Section) -> None:
    if event == "request-example":
        value = (section.get_section("structure-value").get_section("CopySource")).get_section(
            "member-value"
        )
        value.clear_text()
        value.write("'string' or {'Bucket': 'string', 'Key': 'string', 'VersionId': 'string'}")
    elif event == "request-params":
        param = section.get_section("CopySource")
        type_section = param.get_section("param-type")
        type_section.clear_text()
        type_section.write(":type CopySource: str or dict")
        doc = param.get_section("param-documentation")
        doc.clear_text()
        doc.write(_COPY_SOURCE)


def _s3_expires(event: str, section: Section) -> None:
    if event == "response-example":
        if not section.has_section("structure-value"):
            return
        parent = section.get_section("structure-value")
        if not parent.has_section("Expires"):
            return
        line = parent.get_section("Expires").add_new_section("ExpiresString")
        line.write("'ExpiresString': 'string',")
        line.new_line()
    elif event == "response-params":
        if not section.has_section("Expires"):
            return
        param = section.get_section("Expires")
        doc = param.get_section("param-documentation")
        doc.directive_block("note")
        doc.write("This member has been deprecated. Please use ``ExpiresString`` instead.")
        doc.end_directive_block()
        extra = param.add_new_section("ExpiresString")
        extra.new_paragraph()
        extra.write("- **ExpiresString** *(string) --*")
        extra.indent_more()
        extra.new_paragraph()
        extra.write("The raw, unparsed value of the ``Expires`` field.")


def _cloudformation_template(event: str, section: Section) -> None:
    if event == "response-params":
        type_section = section.get_section("TemplateBody").get_section("param-type")
        type_section.clear_text()
        type_section.write("(*dict*) --")
    elif event == "response-example":
        value = (section.get_section("structure-value").get_section("TemplateBody")).get_section(
            "member-value"
        )
        value.clear_text()
        value.write("{}")


_S3_NO_CONTENT_MD5 = (
    "DeleteObjects",
    "PutBucketAcl",
    "PutBucketCors",
    "PutBucketLifecycle",
    "PutBucketLogging",
    "PutBucketNotification",
    "PutBucketPolicy",
    "PutBucketReplication",
    "PutBucketRequestPayment",
    "PutBucketTagging",
    "PutBucketVersioning",
    "PutBucketWebsite",
    "PutObjectAcl",
)
_PRESIGNED = auto_populated("PreSignedUrl")

# (service, operation or "*") -> rules, in botocore's registration order.
RULES: dict[tuple[str, str], tuple[Rule, ...]] = {
    ("s3", "CopyObject"): (Rule("CopySource", _copy_source),),
    ("s3", "UploadPartCopy"): (Rule("CopySource", _copy_source),),
    ("glacier", "*"): (
        auto_populated(
            "accountId",
            'Note: this parameter is set to "-" bydefault if no value is not specified.',
        ),
    ),
    ("glacier", "UploadArchive"): (auto_populated("checksum"),),
    ("glacier", "UploadMultipartPart"): (auto_populated("checksum"),),
    ("glacier", "CompleteMultipartUpload"): (
        appended("checksum", _GLACIER_CHECKSUM, events=("request-params",)),
    ),
    ("cloudformation", "GetTemplate"): (Rule("TemplateBody", _cloudformation_template),),
    ("ec2", "RunInstances"): (appended("UserData", _BASE64),),
    ("autoscaling", "CreateLaunchConfiguration"): (appended("UserData", _BASE64),),
    ("ec2", "CopySnapshot"): (
        auto_populated("PresignedUrl"),
        auto_populated("DestinationRegion"),
    ),
    ("lambda", "UpdateFunctionCode"): (appended("ZipFile", _BASE64),),
    ("rds", "CopyDBClusterSnapshot"): (_PRESIGNED,),
    ("rds", "CreateDBCluster"): (_PRESIGNED,),
    ("rds", "CopyDBSnapshot"): (_PRESIGNED,),
    ("rds", "CreateDBInstanceReadReplica"): (_PRESIGNED,),
    ("rds", "StartDBInstanceAutomatedBackupsReplication"): (_PRESIGNED,),
    ("neptune", "CopyDBClusterSnapshot"): (_PRESIGNED,),
    ("neptune", "CreateDBCluster"): (_PRESIGNED,),
    ("docdb", "CopyDBClusterSnapshot"): (_PRESIGNED,),
    ("docdb", "CreateDBCluster"): (_PRESIGNED,),
    ("ec2", "*"): (alias("Filter", "Filters"),),
    ("logs", "CreateExportTask"): (alias("from", "fromTime"),),
    ("cloudsearchdomain", "Search"): (alias("return", "returnFields"),),
}
# botocore registers these for every s3 operation, after the per-operation ones.
_S3_ALL: tuple[Rule, ...] = (
    Rule("Expires", _s3_expires),
    auto_populated("SSECustomerKeyMD5"),
    auto_populated("CopySourceSSECustomerKeyMD5"),
)


def for_operation(service: Service, operation: str) -> tuple[Edit, ...]:
    """The edits botocore makes to one operation's method documentation, in order.

    Rules about a member the operation does not have at its top level do
    nothing; they are left out so the operation's sections can be reused.
    """
    name = service.name
    rules = RULES.get((name, operation), ()) + RULES.get((name, "*"), ())
    if name == "s3":
        rules += _S3_ALL
        if operation in _S3_NO_CONTENT_MD5:
            rules += (hidden("ContentMD5"),)
    if not rules:
        return ()
    members = _top_level_members(service, operation)
    return tuple(rule.edit for rule in rules if rule.member in members)


def _top_level_members(service: Service, operation: str) -> set[str]:
    op = service.operations[operation]
    names: set[str] = set()
    for ref in (op.input, op.output):
        if ref is not None:
            names.update(m.name for m in service.shapes[ref.target].members)
    return names


# Services boto3's docs build leaves out of a whole-botocore run (botocore.docs).
DEPRECATED_SERVICES = frozenset({"sms-voice"})

# Client methods botocore deletes from the client class (they need HTTP/2), by
# hyphenated service id, as botocore's creating-client-class events name them.
REMOVED_METHODS: dict[str, frozenset[str]] = {
    "lex-runtime-v2": frozenset({"start_conversation"}),
    "qbusiness": frozenset({"chat"}),
    "bedrock-runtime": frozenset({"invoke_model_with_bidirectional_stream"}),
    "connecthealth": frozenset({"start_medical_scribe_listening_session"}),
    "polly": frozenset({"start_speech_synthesis_stream"}),
}

# Hand-written client methods: name -> "module:attribute" of the function whose
# signature and docstring make the page; by hyphenated service id ("*" for all).
_BASE = "botocore.client:BaseClient."
CUSTOM_METHODS: dict[str, dict[str, str]] = {
    "*": {
        "can_paginate": _BASE + "can_paginate",
        "close": _BASE + "close",
        "get_paginator": _BASE + "get_paginator",
        "get_waiter": _BASE + "get_waiter",
    },
    "s3": {
        "generate_presigned_url": "botocore.signers:generate_presigned_url",
        "generate_presigned_post": "botocore.signers:generate_presigned_post",
        "copy": "boto3.s3.inject:copy",
        "download_file": "boto3.s3.inject:download_file",
        "download_fileobj": "boto3.s3.inject:download_fileobj",
        "upload_file": "boto3.s3.inject:upload_file",
        "upload_fileobj": "boto3.s3.inject:upload_fileobj",
    },
    "rds": {"generate_db_auth_token": "botocore.signers:generate_db_auth_token"},
    "dsql": {
        "generate_db_connect_auth_token": "botocore.signers:dsql_generate_db_connect_auth_token",
        "generate_db_connect_admin_auth_token": (
            "botocore.signers:dsql_generate_db_connect_admin_auth_token"
        ),
    },
}
