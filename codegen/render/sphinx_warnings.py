"""Sphinx extension of the generated reference project: boto3's own page content is counted apart.

The pages are byte-identical to boto3's, and boto3's pages make docutils and
Sphinx warn (boto3's own docs build runs without ``-W``): ``:returns: None``
directly followed by ``**Exceptions**`` ends a field list without a blank
line, model documentation holds unterminated inline markup, client pages
repeat a "user guide" link target, and s3's transfer methods refer to a label
of boto3's user guide. Those warnings, on the service pages, are dropped
before Sphinx counts them and reported in one summary line; every other
warning (on our own files, or of any other kind) stays a warning, so
``sphinx-build -W`` fails on it.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from typing import Any

# (what causes it, the warning's message): each seen on real boto3 pages.
BOTO3_CONTENT: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "':returns: None' followed by '**Exceptions**'",
        re.compile(r"^Field list ends without a blank line; unexpected unindent\.$"),
    ),
    (
        "unterminated inline markup in model documentation",
        re.compile(
            r"^Inline (literal|emphasis|strong|interpreted text or phrase reference)"
            r" start-string without end-string\.$"
        ),
    ),
    (
        "a literal block or block quote in model documentation",
        re.compile(
            r"^(Literal block|Block quote) ends without a blank line; unexpected unindent\.$"
        ),
    ),
    (
        "the client page's repeated 'user guide' link",
        re.compile(r'^Duplicate explicit target name: "user guide"\.$'),
    ),
    (
        "boto3's s3 transfer docstrings refer to its user guide",
        re.compile(r"^undefined label: 'ref_s3transfer_usage'$"),
    ),
    (
        "boto3's resource pages refer to its user guide",
        re.compile(
            r"^(undefined label: '(identifiers_attributes_intro|references_intro|actions_intro"
            r"|subresources_intro|guide_collections|waiters_intro|ref_valid_dynamodb_types"
            r"|ref_dynamodb_conditions)'|unknown document: '\.\./\.\./\.\./\.\./guide/resources')"
            r"( \[ref\.(ref|doc)\])?$"
        ),
    ),
    (
        # Client pages qualify every name (S3.Client.get_object); only boto3's
        # collection methods (all, filter, limit, batch actions) are written bare.
        "boto3's collection methods, unqualified on every collection's page",
        re.compile(r"^duplicate object description of [a-z_]+, other instance in "),
    ),
)
# Files boto-codegen writes itself rather than reproduces from boto3, at the project's root
# (boto3's resource pages are index.rst files too, one folder down).
OWN_FILES = ("index", "conf")


def cause(message: str, location: object, root: str = "") -> str | None:
    """What in boto3's page content a warning comes from, or None if it is not one of those.

    ``root``: the project folder, for locations given as absolute paths.
    """
    if _document(location, root) in OWN_FILES:
        return None
    for label, pattern in BOTO3_CONTENT:
        if pattern.match(message):
            return label
    return None


def _document(location: object, root: str = "") -> str:
    """The page a warning is on (``sqs/queue/index``), from a "path:line" string, a
    (docname, line) pair or a node."""
    if isinstance(location, tuple) and location:
        location = location[0]
    source = getattr(location, "source", None)
    text = source if isinstance(source, str) else str(location or "")
    path = re.sub(r":\d+$", "", text).replace("\\", "/")
    prefix = root.replace("\\", "/").rstrip("/") + "/"
    if root and path.startswith(prefix):
        path = path[len(prefix) :]
    return path.removesuffix(".rst")


class _CountApart(logging.Filter):
    def __init__(self, root: str) -> None:
        super().__init__()
        self.root = root
        self.counts: Counter[str] = Counter()

    def filter(self, record: logging.LogRecord) -> bool:
        label = cause(record.getMessage(), getattr(record, "location", None), self.root)
        if label is None:
            return True
        self.counts[label] += 1
        return False


def setup(app: Any) -> dict[str, Any]:
    from sphinx.util import logging as sphinx_logging

    counter = _CountApart(str(app.srcdir))
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        if isinstance(handler, sphinx_logging.WarningStreamHandler):
            # First, so that Sphinx neither counts them nor, under -W, fails on them.
            handler.filters.insert(0, counter)

    def summary(app: Any, exception: BaseException | None) -> None:
        if counter.counts:
            parts = ", ".join(f"{n} from {label}" for label, n in counter.counts.most_common())
            total = sum(counter.counts.values())
            # On standard error, beside the warnings, so that -q does not hide it.
            print(
                f"boto-codegen: {total} warnings caused by boto3's own page content, "
                f"counted apart: {parts}",
                file=sys.stderr,
            )

    app.connect("build-finished", summary)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
