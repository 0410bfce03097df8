"""Markdown as published terms write it: HTML blocks and tags, AsciiDoc and bare pipe tables."""
from __future__ import annotations

from msalint.ingest.text import document_from_text
from msalint.rulebook.tables import table_rows
from msalint.segment import analyse

MIXED = """---
title: Service Terms
---

<div align="center">
<img src="logo.png"> <b>Lantern Hosting</b><br/>
12 Quay Street
</div>

<h2>1. Scope</h2>

Lantern Hosting (the <span class="term">&ldquo;Provider&rdquo;</span>) will host the
<span class="underline">Customer's shop</span> as described here.

<h2 id="fees">2. Fees &amp; Payment</h2>

<ol>
<li>Invoices are issued monthly.</li>
<li>Payment is due within 30 days.
  <ol type="a"><li>Late amounts carry interest.</li><li>Disputed amounts may be withheld.</li></ol>
</li>
</ol>

## 3. Support

| Severity | Response time |
|---|---|
| S1 | 30 minutes<br/>any day |
| S2 | <ul><li>4 hours</li><li>business days only</li></ul> |

<!-- internal note: check with legal -->
Send notices to <Customer Address> or to <address>.

```html
<h2>Not a heading</h2>
```
"""


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_html_headings_and_lists_make_clauses():
    analysis = analyse(document_from_text(MIXED, fmt="md"))
    ids = {c.id: c.heading for c in analysis.clauses}
    assert ids["1"] == "Scope" and ids["2"] == "Fees & Payment" and ids["3"] == "Support"
    assert {"2(1)", "2(2)", "2(2)(a)", "2(2)(b)"} <= set(ids)


def test_inline_tags_are_removed_and_definitions_found():
    doc = document_from_text(MIXED, fmt="md")
    assert "<span" not in doc.text and "&ldquo;" not in doc.text and "internal note" not in doc.text
    assert "the \u201cProvider\u201d) will host the" in doc.text
    assert [d.term for d in analyse(doc).definitions] == ["Provider"]


def test_script_and_style_inside_a_line_are_dropped_with_their_content():
    doc = document_from_text("1. Fees\n\nFees are due <script>alert(1)</script>monthly <style>b{}</style>in advance.\n",
                             fmt="md")
    assert "Fees are due monthly in advance." in doc.text and "alert" not in doc.text and "b{}" not in doc.text


def test_angle_bracket_placeholders_and_code_stay_as_written():
    doc = document_from_text(MIXED, fmt="md")
    assert "Send notices to <Customer Address> or to <address>." in doc.text
    assert "<h2>Not a heading</h2>" in doc.text


def test_lines_are_source_lines():
    doc = document_from_text(MIXED, fmt="md")
    for needle in ("2. Fees", "Payment is due within 30 days", "Disputed amounts", "Customer's shop", "| S2 |",
                   "Send notices"):
        assert doc.line_of(doc.text.index(needle)) == _line(MIXED, needle), needle


def test_html_inside_a_pipe_table_keeps_the_row():
    rows = [r.text_cells for r in table_rows(document_from_text(MIXED, fmt="md")) if r.cells and not r.separator]
    assert rows == [["Severity", "Response time"], ["S1", "30 minutes any day"],
                    ["S2", "4 hours; business days only;"]]


def test_html_sections_are_not_collapsed():
    sections = "\n\n".join(f"<h2>{n}. Part {name}</h2>\n\n<p>The Provider shall do task {n}.</p>"
                           for n, name in enumerate(["One", "Two", "Three", "Four", "Five", "Six", "Seven"], 1))
    analysis = analyse(document_from_text("# Terms\n\n" + sections + "\n", fmt="md"))
    assert [c.id for c in analysis.clauses if c.level == 0 and c.id.isdigit()] == [str(n) for n in range(1, 8)]


def test_markdown_without_markup_is_read_unchanged():
    text = "# Terms\n\n1. Scope\n\nThe Provider hosts the site for 12 months.\n"
    doc = document_from_text(text, fmt="md")
    assert doc.text == text and doc.line_map is None and doc.meta["engine"] == "markdown"


def test_asciidoc_table_becomes_pipe_rows():
    text = ("Support targets:\n\n[cols=\"1,2\"]\n|===\n|Priority |Response time\n\n|P1\n|15 minutes\n"
            "|P2\n|1 hour\n|===\n")
    doc = document_from_text(text, fmt="md")
    rows = [r for r in table_rows(doc) if r.cells and not r.separator]
    assert [r.text_cells for r in rows] == [["Priority", "Response time"], ["P1", "15 minutes"], ["P2", "1 hour"]]
    assert rows[0].header and doc.line_of(rows[1].start) == _line(text, "|P1")


def test_pipe_table_without_outer_pipes_becomes_pipe_rows():
    text = "Targets\n\nPriority | Response time\n--- | ---\nP1 | 15 minutes\nP2 | 1 hour\n\nAfter.\n"
    rows = [r.text_cells for r in table_rows(document_from_text(text, fmt="md")) if r.cells and not r.separator]
    assert rows == [["Priority", "Response time"], ["P1", "15 minutes"], ["P2", "1 hour"]]
