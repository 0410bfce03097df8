"""A cross-reference target the segmenter missed as a clause: found where the label opens a clause."""
from __future__ import annotations

import pytest

from msalint.rulebook.kinds.structure import _opens_a_clause


@pytest.mark.parametrize("text, target, expected", [
    ("See below.\n6.6 Notices shall be in writing.", "6.6", True),
    ("Fees are due.  6.6 The Supplier invoices monthly.", "6.6", True),  # two spaces before the label
    ("as agreed; section 6.6 (Notices) applies", "6.6", True),
    ("as stated in 6.6 Notices", "6.6", False),  # a reference inside a sentence
    ("6.6. “Notices”", "6.6", True),  # at the start of the text
    ("see 16.6 Notices", "6.6", False),
    ("\n  10 CONFIDENTIALITY. Each party", "10", True),
    ("\nArticle 10 CONFIDENTIALITY", "10", True),
    ("\nsubarticle 10 CONFIDENTIALITY", "10", False),
    ("pay 10 DOLLARS", "10", False),  # not at a line start
    ("\n10 Confidentiality", "10", False),  # a plain number needs a heading in capitals
    ("Annex A", "A", False),
])
def test_a_label_opens_a_clause_only_at_a_line_or_sentence_start(text, target, expected):
    assert _opens_a_clause(text, target) is expected


def test_long_whitespace_runs_are_read_once():
    text = "x" + " " * 200_000 + "y 6.6 Notices" + "\n" * 100_000 + "  6.6 Notices"
    assert _opens_a_clause(text, "6.6")  # answered at once: it used to be quadratic in the runs
    assert not _opens_a_clause(" " * 200_000 + "z", "6.6")
