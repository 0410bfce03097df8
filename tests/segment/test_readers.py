"""Segmentation on Documents from the real TXT/Markdown reader (no ../shared needed)."""
from __future__ import annotations

from msalint.ingest.text import document_from_text
from msalint.segment import analyse

MARKDOWN = """# Master Services Agreement

## 1. Services

The Supplier shall provide the services in Schedule A.

### 1.1 Support

Support is available at all times. See Section 2.

## 2. Fees

1. Invoices are monthly.
2. Payment is due within 30 days.

## Schedule A – Service Levels

Availability is 99.9%.
"""


def test_markdown_headings_lists_and_schedules():
    analysis = analyse(document_from_text(MARKDOWN, fmt="md"))
    ids = {c.id: c for c in analysis.clauses}
    assert list(ids) == ["Master Services Agreement", "1", "1.1", "2", "2(1)", "2(2)", "Schedule A"]
    assert ids["1.1"].parent == "1" and ids["2(2)"].parent == "2"
    assert ids["Schedule A"].heading == "Service Levels"
    text = analysis.document.text
    sentences = [text[s:e] for s, e in analysis.sentences]
    assert "## 1. Services" in sentences and "1. Invoices are monthly." in sentences
    assert [(x.text, x.target, x.resolved) for x in analysis.xrefs] == [
        ("Schedule A", "Schedule A", True), ("Section 2", "2", True),
    ]


def test_plain_text_lines_without_blank_lines():
    text = "1. Services\n1.1 Scope. The Supplier hosts the platform.\n1.2 Support. Support is provided.\n2. Fees\n"
    analysis = analyse(document_from_text(text))
    assert [c.id for c in analysis.clauses] == ["1", "1.1", "1.2", "2"]
    assert analysis.clause_at(text.index("Support is")).id == "1.2"
