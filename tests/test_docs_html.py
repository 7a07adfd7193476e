"""HTML-to-RST: the parser-free replay writes exactly what bcdoc writes."""

from __future__ import annotations

import pytest

from codegen.docs import html_bcdoc, html_replay
from codegen.docs.html import html_to_rst
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
    "<p>Describes an error for <a>BundleInstance</a>.</p>",
    "<p>x<a>glued</a>y <a></a> <a> spaced </a></p>",
    '<p>a <a href="x"><b>b <a>bare inside a link</a></b> rest</a> after</p>',
    "<p><code><a>in code</a></code> <a><code>code in it</code></a></p>",
    '<p>a <a name="x">attributes but no link</a> b</p>',
    '<p><a href="x" target="_blank">attributes</a> <a href="">empty</a></p>',
    '<p class="title"> <b>Restrictions</b> </p> <ul class="x"> <li> <p>one</p></li></ul>',
    "<p>text</p> <p/> <p/>",
    "<fullname>Amazon EC2</fullname> <p>You can <code>x</code></p>",
    "a<fullname> spaced </fullname>b <fullname></fullname>",
    '<p>x<br/>y<br />z <span class="c">kept</span></p><a/><a href="u"/>',
]


@pytest.mark.parametrize("html", CASES)
@pytest.mark.parametrize("indent", [0, 1, 2, 5])
def test_html_replays_as_bcdoc_writes_it(html, indent):
    tree = html_replay.parse(html)
    assert tree is not None
    assert html_replay.replay(tree, indent) == html_bcdoc.parse_at(html, indent)
    assert html_to_rst(html, indent) == html_bcdoc.parse_at(html, indent)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a <a href='x'>link</a></p>",
        '<p><a href="x" href="y">two links</a></p>',
        '<p class="a&amp;b">entity in an attribute</p>',
        "<P>upper case</P>",
        '<p>x</p class="y">',
        "<p>a < b</p>",
        "<p>a</p><fullname><p>x</p></fullname>",
        "<p>trailing entity</p> &amp",
        "</p>",
        "<p>x</p></note><p>an end tag with nothing open</p>",
    ],
)
def test_other_html_is_left_to_bcdoc(html):
    assert html_replay.parse(html) is None
    for indent in (0, 2):
        assert html_to_rst(html, indent) == html_bcdoc.parse_at(html, indent)


def test_the_tags_bcdoc_handles_are_those_of_its_style():
    """The replay leaves text with these tags to bcdoc; the list must be bcdoc's own."""
    from botocore.docs.bcdoc.style import ReSTStyle

    for prefix in ("start_", "end_"):
        handled = {n.removeprefix(prefix) for n in dir(ReSTStyle) if n.startswith(prefix)}
        assert {tag for tag in handled if tag.isalpha()} == html_replay.BCDOC_HANDLED


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
            assert html_to_rst(text, indent).text == html_bcdoc.parse_at(text, indent)[0], text


@pytest.mark.parametrize(
    "html", [*CASES, "<p>a\n  <code>b</code>\n</p>", '<p><a href="u"><p>x</p></a></p>']
)
def test_a_text_met_at_several_levels_converts_at_each_as_bcdoc_does(html):
    """Deeper first, then shallower: conversions made by shifting another level's."""
    from codegen.docs.html import clear_cache

    clear_cache()
    for indent in (3, 1, 2, 5, 0):
        assert html_to_rst(html, indent) == html_bcdoc.parse_at(html, indent), indent


def test_line_breaks_from_the_model_and_blocks_in_links_are_not_shiftable():
    from codegen.docs.html import shiftable

    assert shiftable("<p>plain</p>")
    assert shiftable("<p>a <code>b</code></p> <ul><li>c</li></ul>")
    assert not shiftable("<p>a\n  <code>b</code>\n</p>")
    assert not shiftable('<p><a href="u"><p>x</p></a></p>')
