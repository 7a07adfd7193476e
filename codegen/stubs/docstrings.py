"""Model documentation (HTML) -> a docstring body that no model text can break.

Models write documentation as HTML fragments. Stubs want plain text: block
tags become paragraph breaks, list items become ``- `` lines, inline tags
vanish, entities are decoded. The text is then escaped so that a backslash,
a ``\"\"\"`` or a trailing quote in a model can never end the string early
or turn into an escape sequence.

Regular expressions rather than an HTML parser: whole botocore carries tens
of megabytes of documentation and this runs on all of it.
"""

from __future__ import annotations

import html
import re

_BLOCK = re.compile(
    r"</?(?:p|div|ul|ol|dl|dt|dd|note|important|br|h[1-6]|table|tr|pre|fullname)\b[^>]*>",
    re.IGNORECASE,
)
_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_BREAKS = re.compile(r"\s*\n\s*\n\s*")
# Characters a Python source file cannot hold literally, or that would read as line breaks.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029]")


def plain_text(documentation: str | None) -> str:
    """The documentation as paragraphs of plain text separated by blank lines."""
    if not documentation:
        return ""
    text = _BLOCK.sub("\n\n", documentation)
    text = _ITEM.sub("\n\n- ", text)
    text = html.unescape(_TAG.sub("", text))
    text = _UNSAFE.sub(" ", text)
    paragraphs = (_SPACE.sub(" ", p.replace("\n", " ")).strip() for p in _BREAKS.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def docstring(documentation: str | None, indent: str) -> str:
    """A complete triple-quoted docstring at ``indent``, or "" when there is nothing to say."""
    text = plain_text(documentation)
    if not text:
        return ""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"'):
        text = text[:-1] + '\\"'
    body = text.replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n")
    if "\n" not in body:
        return f'{indent}"""{body}"""'
    return f'{indent}"""\n{indent}{body}\n{indent}"""'
