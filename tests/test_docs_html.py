"""HTML-to-RST: the parser-free replay writes exactly what bcdoc writes."""

from __future__ import annotations

import pytest

from codegen.docs import html_replay
from codegen.docs.html import _parse_at, html_to_rst
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
    '<p><a href="x"><code>nested</code> code</a> and <a href="y"><b>bold: </b></a></p>',
    '<p>a <a href="x"><b>b <a href="y">inner</a></b> rest</a> after</p>',
    "<p><b>bold <i>and italic</i></b><i>x</i><b>y</b></p>",
    "<ul><li><p>one</p></li> <li>two <code>c</code><ul><li>nested</li></ul><p>after</p></li></ul>",
    "<ol><li>first</li></ol><p>then</p>",
    "<note><p>Note.</p></note><important><p>Careful.</p></important><danger>x</danger>",
    "<dl><dt>term</dt><dd><p>definition</p></dd></dl>",
    "text <p>mixed</p> more",
    "<p><p>x</p>",
    "<p>unclosed <code>code",
    "<note><p>end tags closing <b>whatever is open</note></p> after",
    "<p>a &amp; b &lt;c&gt;</p>tail",
]


@pytest.mark.parametrize("html", CASES)
@pytest.mark.parametrize("indent", [0, 1, 2, 5])
def test_html_replays_as_bcdoc_writes_it(html, indent):
    tree = html_replay.parse(html)
    assert tree is not None
    assert html_replay.replay(tree, indent) == tuple(_parse_at(html, indent))
    assert html_to_rst(html, indent) == _parse_at(html, indent)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a <a href='x'>link</a></p>",
        "<p>a <a>no link</a></p>",
        '<p><a href="x" target="_blank">attributes</a></p>',
        "<p>a < b</p>",
        "<p>x</p><br/>",
        "<fullname>Name</fullname><p>x</p>",
        "<p>trailing entity</p> &amp",
        "</p>",
        "<p>x</p></note><p>an end tag with nothing open</p>",
    ],
)
def test_other_html_is_left_to_bcdoc(html):
    assert html_replay.parse(html) is None
    for indent in (0, 2):
        assert html_to_rst(html, indent) == _parse_at(html, indent)


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
