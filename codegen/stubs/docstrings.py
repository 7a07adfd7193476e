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
# A quote next to another quote, or the last character: escaped, no run of
# quotes can close the string early or merge with the closing quotes.
_QUOTES = re.compile(r'"(?=")|"$')
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
    paragraphs: list[str] = []
    for part in _BREAKS.split(text):
        paragraph = _SPACE.sub(" ", part.replace("\n", " ")).strip()
        if paragraphs and paragraphs[-1] == "-":
            paragraphs[-1] = f"- {paragraph}"  # <li><p>text</p></li>: one item, not two
        elif paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def docstring(documentation: str | None, indent: str) -> str:
    """A complete triple-quoted docstring at ``indent``, or "" when there is nothing to say."""
    text = plain_text(documentation)
    if not text:
        return ""
    text = _QUOTES.sub(r'\\"', text.replace("\\", "\\\\"))
    body = text.replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n")
    if "\n" not in body:
        return f'{indent}"""{body}"""'
    return f'{indent}"""\n{indent}{body}\n{indent}"""'
