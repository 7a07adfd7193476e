"""HTML-to-RST: the parser-free path for simple texts writes exactly what bcdoc writes."""

from __future__ import annotations

import pytest

from codegen.docs.html import _parse_at, html_to_rst
from codegen.docs.html_inline import inline_html_to_rst
from codegen.sources import open_models

CASES = [
    "<p>Plain text.</p>",
    "<p> </p>",
    "<p></p>",
    "<p>The ID of the <code>VPC</code>.</p> <p>Second <b>bold</b><i>italic</i>.</p>",
    "<p><code></code>empty code and <b></b> empty bold</p>",
    "<p>  spaced   <code> x </code> <code>y</code>  </p>\n  <p></p>",
    "<p>a &amp; b &lt;c&gt;</p>",
    "<p>text<code>glued</code>text</p>",
    '<p>See <a href="https://x.example/y">the guide: here</a>.</p>',
    '<p>x<a href=" https://u "> </a>y and <a href="">empty</a> z</p>',
]


@pytest.mark.parametrize("html", CASES)
@pytest.mark.parametrize("indent", [0, 1, 2, 5])
def test_simple_html_converts_as_bcdoc_does(html, indent):
    assert inline_html_to_rst(html, indent) == _parse_at(html, indent).text
    assert html_to_rst(html, indent).text == _parse_at(html, indent).text


@pytest.mark.parametrize(
    "html",
    [
        "<p>a <a href='x'>link</a></p>",
        "<p>a <a>no link</a></p>",
        '<p><a href="x"><code>nested</code></a></p>',
        "<ul><li>item</li></ul>",
        "text <p>mixed</p>",
        "<p><p>x</p>",
    ],
)
def test_other_html_is_left_to_bcdoc(html):
    assert inline_html_to_rst(html, 1) is None


def test_every_text_of_two_services_converts_as_bcdoc_does():
    source = open_models("installed")
    texts = set()
    for name in ("ec2", "bedrock-runtime"):
        service = source.load(name)
        for shape in service.shapes.values():
            texts.update(m.documentation for m in shape.members if m.documentation)
            if shape.documentation:
                texts.add(shape.documentation)
    for text in texts:
        for indent in (1, 3):
            assert html_to_rst(text, indent).text == _parse_at(text, indent).text, text
