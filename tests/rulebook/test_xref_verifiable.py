"""MSA-REF-001 reports a reference only when the document's own numbering shows the target is missing."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.rulebook.loader import load_ruleset

from .helpers import analyse_text


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(select=["MSA-REF-001"])


def refs(ruleset, text):
    return [f for f in lint_analysis(analyse_text(text), ruleset).findings if f.rule == "MSA-REF-001"]


def numbered(n, skip=(), extra=""):
    return "".join(f"{i}. Clause {i}\nThe parties agree to item {i}.{extra if i == 1 else ''}\n\n"
                   for i in range(1, n + 1) if i not in skip)


def test_reference_past_the_last_clause_is_reported(ruleset):
    assert len(refs(ruleset, numbered(6, extra=" See Section 9."))) == 1


def test_reference_to_a_deleted_clause_in_a_complete_run_is_reported(ruleset):
    assert len(refs(ruleset, numbered(10, skip={7}, extra=" See Section 7."))) == 1


def test_reference_into_unnumbered_subclauses_is_not_reported(ruleset):
    # legacy layout: "11.0 Heading" whose parts carry headings but lost their numbers
    text = numbered(10) + ("11.0 Other Obligations\nCustomer Contact. Customer names a contact.\n"
                           "Support. Customer supports the Services as set out in Section 11.7.\n")
    assert refs(ruleset, text) == []


def test_reference_into_mostly_lost_numbering_is_not_reported(ruleset):
    # only 1, 11 and 12 survived extraction: "Section 8" cannot be judged
    text = numbered(12, skip=set(range(2, 11)), extra=" See Section 8.")
    assert refs(ruleset, text) == []


def test_statute_number_far_past_the_end_is_not_reported(ruleset):
    assert refs(ruleset, numbered(6, extra=" Subject to Section 563.")) == []


def test_missing_subclause_in_a_reliable_list_is_reported(ruleset):
    text = ("1. Fees\n1.1 Customer pays monthly.\n1.2 Invoices are due in 30 days.\n1.3 Late sums bear interest.\n\n"
            "2. Term\n2.1 The term is two years, subject to Section 1.5.\n2.2 Either party may renew.\n")
    assert len(refs(ruleset, text)) == 1


def test_heading_number_without_a_dot_still_exists(ruleset):
    # clause 10 written "10 CONFIDENTIALITY." while the others are "N. Heading"
    text = numbered(12, skip={10}, extra=" Information is protected under Section 10.")
    text = text.replace("11. Clause 11", "10 CONFIDENTIALITY.\nEach party keeps the other's secrets.\n\n11. Clause 11")
    assert refs(ruleset, text) == []
    assert len(refs(ruleset, numbered(12, skip={10}, extra=" See Section 10."))) == 1  # without it: missing


@pytest.mark.parametrize("citation", [
    "Courts of commerce decide where a party is a merchant under sec. 14 to 17 HGB (Commercial Code).",
    "Personal data is processed as Art. 18 GDPR requires.",
    "The choice of law relies on General Obligations Law Sections 15-1401 and 15-1402.",
])
def test_codes_cited_by_name_or_abbreviation_are_not_this_document(ruleset, citation):
    assert refs(ruleset, numbered(8, extra=" " + citation)) == []


def test_words_after_a_reference_in_capitals_keep_it_internal(ruleset):
    assert len(refs(ruleset, numbered(8, extra=" THE PARTIES AGREE THAT SECTION 14 HEREOF IS FAIR."))) == 1


CONFIRMATION = ("CONFIRMATION\nThe purpose of this letter is to confirm the terms of the Transaction between us. "
                "This Confirmation supplements, forms a part of, and is subject to, the Master Agreement dated "
                "1 March 2024 between us (the \"Agreement\").\n\n" + numbered(4) +
                "5. Elections\nSection 9(b) of the Agreement shall not apply. For the purposes of Section 6(e), "
                "Market Quotation will apply.{own}\n")


def test_a_document_completing_a_master_form_cites_its_sections_without_error(ruleset):
    """'Section 6(e)' in a confirmation is the master agreement's section: this document's numbering proves nothing."""
    assert refs(ruleset, CONFIRMATION.format(own="")) == []


def test_a_dependent_document_still_answers_for_references_to_itself(ruleset):
    found = refs(ruleset, CONFIRMATION.format(own=" The fee is set out in Section 9 of this Confirmation."))
    assert [f.message.split("'")[1] for f in found] == ["Section 9"]


@pytest.mark.parametrize("opening", [
    "FIRST AMENDMENT TO SERVICES AGREEMENT\nThe parties amend the Services Agreement dated 2 May 2023 (the "
    "\"Agreement\") as follows. Except as amended hereby, the Agreement remains in full force and effect.\n\n",
    "STATEMENT OF WORK NO. 3\nThis SOW is issued under the Master Services Agreement between Acme Ltd and Beta "
    "LLC. Capitalised terms have the meanings given in the Master Services Agreement.\n\n",
])
def test_amendments_and_orders_refer_to_the_agreement_they_complete(ruleset, opening):
    text = opening + numbered(3) + "4. Changes\nA new Section 7.4 is added to the Agreement, after Section 7.3.\n"
    assert refs(ruleset, text) == []
