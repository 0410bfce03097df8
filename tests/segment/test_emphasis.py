"""Markdown emphasis is blanked for reading (same length), so rules see the words, not the markers."""
from __future__ import annotations

import pytest

from msalint.api import analyse, lint_document, load_rules
from msalint.ingest.text import document_from_text
from msalint.segment.emphasis import blank_emphasis


@pytest.mark.parametrize("raw, read", [
    ("If _Customer_ breaches, _Developer_ may end it.", "If  Customer  breaches,  Developer  may end it."),
    ("**Fees.** Invoices are *payable* in 30 days.", "  Fees.   Invoices are  payable  in 30 days."),
    ("the __Supplier__ and ***Acme***", "the   Supplier   and    Acme   "),
])
def test_emphasis_markers_become_spaces(raw, read):
    assert blank_emphasis(raw) == read and len(read) == len(raw)


@pytest.mark.parametrize("kept", [
    "Name: ____________ Date: ___",      # blanks to fill in
    "_____ text _____",
    "snake_case_identifier and 2 * 3 * 4",
    "Use `a_b_` here",                   # code span
    "```\n_code_ stays\n```",            # fenced code
])
def test_blanks_arithmetic_and_code_are_kept(kept):
    assert blank_emphasis(kept) == kept


MD = """# Support Terms

## 1. Fees

_Customer_ shall pay each invoice within thirty (30) days.

## 2. Termination

If _Customer_ breaches this agreement, _Developer_ gives _Notice_ of the breach, and _Customer_ does not put it
right within 30 days, _Developer_ may end this agreement.
"""


def test_markdown_analysis_reads_without_markers_but_keeps_offsets_and_captions():
    document = document_from_text(MD, path="terms.md", fmt="md")
    analysis = analyse(document)
    assert "_Customer_" not in analysis.document.text and len(analysis.document.text) == len(document.text)
    assert [c.heading for c in analysis.clauses if c.heading] == ["Support Terms", "Fees", "Termination"]
    result = lint_document(analysis, load_rules(select=["MSA-TRX-001", "MSA-TRX-002"]))
    assert result.elements["termination_for_cause"] == "present"
    assert result.elements["cure_period"] == "present"
