"""HTML pages: main content only, headings, list numbering, tables and source lines survive."""
from __future__ import annotations

import pytest

from msalint.errors import IngestError
from msalint.ingest import read_document
from msalint.rulebook.tables import table_rows
from msalint.segment import analyse

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Harbour Cloud | Terms</title>
<script>var banner = "9. Not a clause";</script>
<style>h2 { color: navy }</style></head>
<body>
<header><a href="/">Harbour Cloud</a><nav><ul><li>Pricing</li><li>Blog</li></ul></nav></header>
<div role="dialog">Cookies help us. Accept?</div>
<main>
<h1>Platform Terms</h1>
<p>These terms bind <span class="org">Harbour Cloud Ltd</span> and the Client.</p>
<h2>1. Definitions</h2>
<p><strong>&ldquo;Uptime&rdquo;</strong> means the share of minutes
in a month in which the platform answers requests.</p>
<h2>2. Support</h2>
<ol>
  <li>Harbour Cloud will answer tickets by severity:
    <ol>
      <li>Severity 1 within 30 minutes;</li>
      <li>Severity 2 within 2 hours.</li>
    </ol>
  </li>
  <li>Credits follow the table below.</li>
</ol>
<table>
  <tr><th>Severity</th><th>Response time</th><th>Resolution time</th></tr>
  <tr><td>S1</td><td>30 minutes</td><td>4 hours</td></tr>
  <tr><td>S2</td><td>2 hours</td><td>2 business days</td></tr>
</table>
<h2>3. Ending the terms</h2>
<ol type="a" start="2"><li>Either side may end these terms on 60 days' notice.</li>
<li>Fees paid are not refunded.</li></ol>
<p style="display:none">Hidden promotional text.</p>
</main>
<footer><p>&copy; 2026 Harbour Cloud Ltd | <a href="/privacy">Privacy</a></p></footer>
</body></html>
"""


@pytest.fixture()
def page(tmp_path):
    path = tmp_path / "terms.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _source_line(text: str) -> int:
    return next(i for i, line in enumerate(PAGE.split("\n"), 1) if text in line)


def test_main_content_only(page):
    doc = read_document(page)
    assert doc.format == "html" and doc.meta["title"] == "Harbour Cloud | Terms"
    for furniture in ("Pricing", "Cookies", "Not a clause", "color: navy", "Privacy", "Hidden promotional"):
        assert furniture not in doc.text
    assert "Harbour Cloud Ltd and the Client" in doc.text and "\u201cUptime\u201d means" in doc.text


def test_headings_lists_and_definitions_make_the_clause_tree(page):
    analysis = analyse(read_document(page))
    clauses = {c.id: c for c in analysis.clauses}
    assert clauses["1"].heading == "Definitions" and clauses["3"].heading == "Ending the terms"
    # the list under "2. Support" is that section's (1), (2); its nested list counts (1), (2) again
    assert {"2(1)", "2(1)(1)", "2(1)(2)", "2(2)", "3(b)", "3(c)"} <= set(clauses)
    assert [d.term for d in analysis.definitions] == ["Uptime"]


def test_nested_decimal_lists_read_as_a_reader_numbers_them(tmp_path):
    path = tmp_path / "list.html"
    path.write_text("<html><body><ol><li>Scope<ol><li>Hosting.</li><li>Backups.</li></ol></li>"
                    "<li value='7'>Fees<ol><li>Monthly.</li></ol></li></ol></body></html>", encoding="utf-8")
    analysis = analyse(read_document(path))
    assert [c.id for c in analysis.clauses] == ["1", "1.1", "1.2", "7", "7.1"]


def test_table_rows_have_cells_and_a_header(page):
    doc = read_document(page)
    rows = [r for r in table_rows(doc) if r.cells]
    assert [r.text_cells for r in rows if not r.separator] == [
        ["Severity", "Response time", "Resolution time"], ["S1", "30 minutes", "4 hours"],
        ["S2", "2 hours", "2 business days"],
    ]
    assert rows[0].header


def test_lines_point_into_the_page_source(page):
    doc = read_document(page)
    for text in ("Definitions", "Severity 2 within 2 hours", "S2", "Fees paid are not refunded"):
        assert doc.line_of(doc.text.index(text)) == _source_line(text)
    wrapped = doc.text.index("in a month in which")  # a paragraph's second source line keeps its own line
    assert doc.line_of(wrapped) == _source_line("in a month in which")


def test_page_declaring_another_charset_is_decoded_with_it(tmp_path):
    path = tmp_path / "legacy.htm"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><h1>Terms</h1>'
                     '<p>Fees \u2013 payable in \u20ac.</p></body></html>'.encode("cp1252"))
    doc = read_document(path)
    assert doc.format == "html" and "Fees \u2013 payable in \u20ac." in doc.text


def test_page_without_text_is_an_empty_document(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x()</script></head><body><nav>Home</nav></body></html>", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.code == "empty" and "no text" in info.value.cause


def test_content_decides_over_the_name(tmp_path):
    page = tmp_path / "saved-page.txt"
    page.write_text(PAGE, encoding="utf-8")
    doc = read_document(page)
    assert doc.format == "html" and doc.meta["extension_mismatch"] is True
    not_html = tmp_path / "notes.html"
    not_html.write_text("# Terms\n\n1. Scope\n\nThe **Provider** hosts the site.\n", encoding="utf-8")
    doc = read_document(not_html)
    assert doc.format == "md" and doc.meta["extension_mismatch"] is True


def test_layout_table_is_read_as_blocks(tmp_path):
    path = tmp_path / "layout.html"
    path.write_text("<html><body><table><tr><td><h2>1. Scope</h2><p>The Provider hosts the site.</p></td>"
                    "<td><h2>2. Fees</h2><p>Fees are due monthly.</p></td></tr></table></body></html>",
                    encoding="utf-8")
    analysis = analyse(read_document(path))
    assert [(c.id, c.heading) for c in analysis.clauses] == [("1", "Scope"), ("2", "Fees")]
