"""The cross-reference index: lists, ranges, captions, relative and external references."""
from __future__ import annotations

import pytest

from msalint.segment import is_external

BODY = """1. Definitions.

1.1 Terms. Terms are defined here.

3. Services.

3.1 Scope. The scope is described in Schedule B.

3.2 Levels. Service levels apply.

3.3 Credits. Credits apply.

3.4 Reports. Reports apply.

7. Termination. Either party may terminate:

(a) for convenience; or

(b) for breach, subject to paragraph (a) above.

8. Liability.

8.4 Exceptions. The caps do not apply to fraud.

ARTICLE IV
MISCELLANEOUS

Section 9.1 Notices. Notices go to the addresses in Exhibit 2.

Section 9.2 References. {refs}

SCHEDULE B
SERVICE LEVELS

1. Availability. Availability is measured under Section 2 of this Schedule and Section 8.4 of the Agreement.

2. Measurement. Monthly.
"""


@pytest.fixture(scope="module")
def analysis(analyse_text):
    return analyse_text(BODY.format(refs=REFS))


REFS = (
    "See Section 8.4 (Exceptions), Sections 3.1 and 3.2, Sections 3.1 through 3.4, clause 7(b), Article IV, "
    "Schedule B, Exhibit 2, this Section 3, Section 9.9, Schedule Z and Section 3.2(c). Nothing limits rights "
    "under Section 365 of the Bankruptcy Code, Section 2(a) of the Securities Act, Rule 10b-5 or 11 U.S.C. § 365."
)


def refs(analysis, start_at=0):
    return [x for x in analysis.xrefs if x.start >= start_at]


def test_references_resolve(analysis):
    start = analysis.document.text.index("See Section 8.4")
    got = [(x.text, x.target, x.resolved) for x in refs(analysis, start)]
    assert got[:14] == [
        ("Section 8.4 (Exceptions)", "8.4", True),
        ("Sections 3.1", "3.1", True),
        ("3.2", "3.2", True),
        ("Sections 3.1", "3.1", True),
        ("3.1 through 3.4", "3.2", True),
        ("3.1 through 3.4", "3.3", True),
        ("3.4", "3.4", True),
        ("clause 7(b)", "7(b)", True),
        ("Article IV", "Article IV", True),
        ("Schedule B", "Schedule B", True),
        ("Exhibit 2", "Exhibit 2", False),
        ("Section 3", "3", True),
        ("Section 9.9", "9.9", False),
        ("Schedule Z", "Schedule Z", False),
    ]
    end = analysis.document.text.index("SCHEDULE B")
    assert all(x.clause == "9.2" for x in refs(analysis, start) if x.start < end)


def test_inline_item_resolves_to_its_clause(analysis):
    x = next(x for x in analysis.xrefs if x.text == "Section 3.2(c)")
    assert (x.target, x.resolved) == ("3.2(c)", False)


def test_external_references_are_marked(analysis):
    start = analysis.document.text.index("Nothing limits")
    end = analysis.document.text.index("SCHEDULE B")
    external = [x for x in refs(analysis, start) if x.start < end]
    assert [x.text for x in external] == ["Section 365", "Section 2(a)", "Rule 10b-5", "§ 365"]
    assert all(is_external(x) and x.target is None and not x.resolved for x in external)
    assert not any(is_external(x) for x in refs(analysis) if x.start < start)


def test_relative_and_schedule_local_references(analysis):
    rel = next(x for x in analysis.xrefs if x.text == "paragraph (a)")
    assert (rel.target, rel.resolved, rel.clause) == ("7(a)", True, "7(b)")
    local = [x for x in analysis.xrefs if x.clause == "Schedule B 1"]
    assert [(x.text, x.target, x.resolved) for x in local] == [
        ("Section 2", "Schedule B 2", True),
        ("Section 8.4", "8.4", True),
    ]


def test_clause_labels_are_not_references(analysis):
    assert not any(x.text.startswith("Section 9.1") for x in analysis.xrefs)
    assert not any(x.text in ("ARTICLE IV", "SCHEDULE B") for x in analysis.xrefs)


def test_run_in_enumeration_item_resolves_to_holder(analyse_text):
    a = analyse_text("5. Fees. Customer pays (a) the fee; and (b) expenses.\n\n6. Other. See Section 5(b).")
    x = next(x for x in a.xrefs if x.text == "Section 5(b)")
    assert (x.target, x.resolved) == ("5", True)


def test_paren_items_after_a_number_and_words_that_only_look_like_keywords(analyse_text):
    text = ("7. Terms.\n\n(a) first.\n\n(b) second.\n\n8. Other. See Section 7(a), (b) and (h). SCHEDULED items, "
            "article(s) and SCHEDULE (USD) are not references; Exhibit 10(xiv) is a filing exhibit.")
    a = analyse_text(text)
    got = [(x.text, x.target, x.resolved) for x in a.xrefs]
    assert got == [("Section 7(a)", "7(a)", True), ("(b)", "7(b)", True), ("(h)", "7(h)", False),
                   ("Exhibit 10(xiv)", None, False)]


def test_article_numbers_with_sections_and_n_dot_zero_style(analyse_text):
    a = analyse_text("4.0 Fees\n\n4.1 Payment. Pay.\n\n5.0 Other. See Article 4.1, Section 4 and Article 4.7.")
    got = [(x.text, x.target, x.resolved) for x in a.xrefs]
    assert got == [("Article 4.1", "4.1", True), ("Section 4", "4.0", True), ("Article 4.7", "4.7", False)]


def test_sections_of_other_instruments_are_external(analyse_text):
    text = BODY.format(refs="Sections 9 and 14 of the 2002 ISDA Master Agreement and Section 15 of the Securities "
                            "Act apply; see also Section 9.9.")
    analysis = analyse_text(text)
    start = analysis.document.text.index("Sections 9 and 14")
    end = analysis.document.text.index("SCHEDULE B")
    got = [(x.text, is_external(x)) for x in analysis.xrefs if start <= x.start < end]
    assert got[0] == ("Sections 9 and 14", True)
    assert ("Section 15", True) in got
    assert ("Section 9.9", False) in got  # a reference to this document's own numbering stays checked
