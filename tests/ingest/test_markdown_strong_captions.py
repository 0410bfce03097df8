"""Markdown agreements that mark headings with bold instead of '#': a bold line of its own is a heading."""
from __future__ import annotations

from msalint.ingest.text import document_from_text
from msalint.segment import analyse

TERMS = """# Hosting Terms

**Service Credits**

A missed availability target earns the Customer a credit of 5% of the monthly fee.

## **2. Fees**

2.1 Fees are invoiced monthly in arrears.

__Support:__

The help desk answers calls on business days.

**All fees are final.**

**Note** that fees exclude tax.

**Payment**
is due within 30 days of the invoice.
"""


def test_bold_lines_of_their_own_are_headings_and_their_markers_are_not_the_caption():
    document = document_from_text(TERMS, fmt="md")
    kinds = {document.text[b.start:b.end].split("\n")[0]: b.kind for b in document.blocks}
    assert kinds["**Service Credits**"] == "heading" and kinds["__Support:__"] == "heading"
    assert kinds["## **2. Fees**"] == "heading"
    # a bold sentence, a bold lead-in and a bold first line of a longer paragraph stay paragraphs
    assert kinds["**All fees are final.**"] == kinds["**Note** that fees exclude tax."] == "paragraph"
    assert kinds["**Payment**"] == "paragraph"
    clauses = analyse(document).clauses
    assert [(c.id, c.heading) for c in clauses if c.level == 0 or c.heading] == [
        ("Hosting Terms", "Hosting Terms"), ("Service Credits", "Service Credits"), ("2", "Fees"),
        ("Support", "Support")]
    assert {c.id: c.parent for c in clauses}["2.1"] == "2"
