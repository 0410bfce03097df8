"""Property tests of the markup readers (HTML pages, Markdown with HTML, reStructuredText): any input reads into
consistent blocks whose source lines exist, or is refused with an IngestError; never another exception."""
from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from msalint.errors import IngestError
from msalint.ingest.html import read_html
from msalint.ingest.rst import read_rst
from msalint.ingest.text import read_text
from msalint.segment import analyse

PIECES = st.sampled_from([
    "<h2>", "</h2>", "<ol>", "</ol>", "<li>", "</li>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<span>",
    "</span>", "<br/>", "<!--", "-->", "<script>", "</script>", "<b>", "</b>", "&amp;", "&ldquo;", "<Customer>",
    "# ", "## ", "**", "__", "1. ", "2.1 ", "(a) ", "| a | b |", "|---|---|", "|===", "---", "```", "=====",
    "- ", ".. note::", "::", "Fees", "Services", " means ", "\"Term\"", " ", "\n", "\n\n", "\t", "\u00a0",
])
SOURCES = st.lists(PIECES, max_size=40).map("".join)


def _consistent(document, source: str) -> None:
    source_lines = source.count("\n") + 1
    previous_end = 0
    for block in document.blocks:
        assert previous_end <= block.start <= block.end <= len(document.text)
        previous_end = block.end
    if document.line_map:
        assert len(document.line_map) == document.text.count("\n") + 1
        assert all(1 <= line <= source_lines for line in document.line_map)
    for offset in range(0, len(document.text), 7):
        assert 1 <= document.line_of(offset) <= source_lines
    analyse(document)


def _read(reader, source: str, **kwargs):
    data = source.encode("utf-8")
    try:
        document = reader("x", data, sha256=hashlib.sha256(data).hexdigest(), **kwargs)
    except IngestError:
        return
    _consistent(document, source)


@settings(max_examples=60, deadline=None)
@given(SOURCES)
def test_html_pages(source):
    _read(read_html, "<html><body>" + source + "</body></html>")


@settings(max_examples=60, deadline=None)
@given(SOURCES)
def test_markdown_with_html(source):
    _read(read_text, source, fmt="md")


@settings(max_examples=60, deadline=None)
@given(SOURCES)
def test_restructured_text(source):
    _read(read_rst, source)


def test_a_line_block_continuation_keeps_its_source_line():
    _read(read_rst, "| a | b |\n means ")
