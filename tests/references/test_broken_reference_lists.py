"""A broken reference with further items ("Section 9.4(a) and (b)") is one finding; a separate broken reference is
still its own. All text invented."""
from __future__ import annotations

import pytest

from msalint.api import lint_text, load_rules

DOC = ("1. Services\nProvider shall provide the Services.\n\n2. Liability\n{sentence} each party's liability is capped "
       "at the fees paid in 12 months.\n")


@pytest.fixture(scope="module")
def rules():
    return load_rules().only("MSA-REF-001")


def broken(rules, sentence):
    return [f.message for f in lint_text(DOC.format(sentence=sentence), rules).findings]


@pytest.mark.parametrize("sentence", [
    "Subject to Section 9.4(a) and (b),",
    "Subject to Section 9.4(a), (b) or (c),",
    "Except as provided in clause 9.4(a) through (d),",
])
def test_the_further_items_of_a_broken_reference_are_said_with_it(rules, sentence):
    (message,) = broken(rules, sentence)
    assert "9.4(a)" in message


def test_a_second_broken_reference_is_still_reported(rules):
    messages = broken(rules, "Subject to Section 9.4(a) and Section 8,")
    assert len(messages) == 2 and "'Section 8'" in messages[1]
