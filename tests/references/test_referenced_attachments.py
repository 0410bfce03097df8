"""Attachments referred to but not in the filing: their elements are `referenced`, reported once, never as missing."""
from __future__ import annotations

import pytest

from msalint.api import lint_text, load_rules

MSA = """MASTER SERVICES AGREEMENT

This Agreement is made between Tallis Networks Ltd ("Provider") and Orchard Bakeries plc ("Customer").

1. Services. Provider shall operate the Customer's network as described in {citation}.
2. Fees. Customer shall pay each invoice within thirty days. Support is provided as set out in {again}.
3. Limitation of Liability. Each party's total liability is limited to the fees paid in the prior twelve months.
4. Governing Law. This Agreement is governed by the laws of Scotland.
"""

SLA_ELEMENTS = {"response_times", "priority_levels", "support_hours", "escalation"}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def lint(rules, text):
    return lint_text(text, rules, path="msa.txt")


@pytest.mark.parametrize("citation, again", [
    ("Appendix 6 (Service Level Agreement)", "Appendix 6"),
    ("Schedule 3, the Service Level Schedule", "Schedule 3"),
    ("Exhibit B - Support Policy", "Exhibit B"),
])
def test_an_absent_sla_appendix_gives_one_info_finding_naming_what_could_not_be_checked(rules, citation, again):
    result = lint(rules, MSA.format(citation=citation, again=again))
    notes = [f for f in result.findings if f.rule == "MSA-REF-005"]
    assert len(notes) == 1, [f.message for f in notes]  # cited twice, reported once
    note = notes[0]
    assert str(note.severity) == "info" and "is referred to but is not part of this document" in note.message
    assert "response times" in note.message and "could not be checked" in note.message
    assert {e for e, s in result.elements.items() if s == "referenced"} >= SLA_ELEMENTS
    missing_findings = [f for f in result.findings if f.element in SLA_ELEMENTS]
    assert missing_findings == [], [f.rule for f in missing_findings]
    assert result.elements["governing_law"] == "present"  # the MSA's own elements are untouched


def test_an_untitled_schedule_is_reported_but_refers_no_element(rules):
    result = lint(rules, MSA.format(citation="Schedule 2", again="Schedule 2"))
    (note,) = [f for f in result.findings if f.rule == "MSA-REF-005"]
    assert "could not be checked" not in note.message
    assert "referenced" not in result.elements.values()
    assert any(f.element == "response_times" for f in result.findings)  # still missing: nothing says where it is


def test_an_order_form_incorporating_terms_by_address_leaves_their_elements_to_them(rules):
    order = ("ORDER FORM\n\nCustomer: Orchard Bakeries plc. Provider: Tallis Networks Ltd.\n\n"
             "Subscription: Managed backup, 200 seats. Fees: GBP 4,000 per month, payable monthly in advance.\n"
             "Term: 12 months from the Effective Date.\n\n"
             "This Order Form is governed by the Standard Terms at https://tallis.example/terms, which are "
             "incorporated by reference.\n")
    result = lint(rules, order)
    assert result.kind["kind"] == "order_form"
    (note,) = [f for f in result.findings if f.rule == "MSA-REF-005"]
    assert "https://tallis.example/terms" in note.message and "termination for convenience" in note.message
    assert result.elements["termination_for_convenience"] == "referenced"
    assert result.elements["liability_cap"] == "not_applicable"  # an order form is not asked for a cap at all
    assert [f.rule for f in result.findings] == ["MSA-REF-005"]  # no missing-element finding left
