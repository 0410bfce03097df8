"""Warnings that fit the deal (issue 10): an element present in another form satisfies its rule, a rule that does
not fit the deal stays quiet, and a real gap is still found. Every case is a generated document (DOCX, PDF or
Markdown) checked with the built-in rulebook, in both directions."""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint import api
from tests.ingest.docxgen import build_docx, cell, p, table
from tests.ingest.pdfgen import text_pdf

OPENING = ("MANAGED IT SERVICES AGREEMENT",
           "This Managed IT Services Agreement is made between Keel Systems Ltd (\"Provider\") and Harbour "
           "Logistics Ltd (\"Customer\") on 1 March 2025 (the \"Effective Date\").")
CLOSING = ("This Agreement is governed by the laws of England and Wales.",
           "This Agreement is the entire agreement between the parties about its subject.")


@pytest.fixture(scope="module")
def ruleset():
    return api.load_rules()


def rules_on(path: Path, ruleset) -> list[str]:
    return [f.rule for f in api.lint_path(path, ruleset).findings]


def findings_of(path: Path, ruleset, rule: str):
    return [f for f in api.lint_path(path, ruleset).findings if f.rule == rule]


def write_docx(path: Path, body: list[str]) -> Path:
    path.write_bytes(build_docx(body))
    return path


def write_md(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


# -- MSA-SLA-001: a committed response time is a measured service level ----------------------------------------

SUPPORT = ("The Provider shall operate a service desk for the Customer's servers, network and workstations and "
           "shall monitor the Customer's systems.",)


def test_response_times_per_priority_in_a_docx_table_satisfy_service_levels(tmp_path, ruleset):
    body = [OPENING[0], OPENING[1], *SUPPORT,
            "The Provider shall respond to each incident the Customer reports within the times below.",
            table([cell(p("Priority")), cell(p("Response time"))],
                  [cell(p("P1 - system down")), cell(p("1 hour"))],
                  [cell(p("P2 - degraded")), cell(p("4 hours"))]),
            *CLOSING]
    result = api.lint_path(write_docx(tmp_path / "msa.docx", body), ruleset)
    assert result.elements["response_times"] == "present"
    assert "MSA-SLA-001" not in [f.rule for f in result.findings]
    assert result.elements["service_levels"] == "not_applicable"
    assert "response times" in result.not_applicable["service_levels"]


def test_an_it_agreement_without_levels_or_response_times_still_gets_the_warning(tmp_path, ruleset):
    doc = write_md(tmp_path / "msa.md", [f"# {OPENING[0]}", OPENING[1], *SUPPORT,
                                         "Support requests are handled as soon as the Provider can.", *CLOSING])
    assert "MSA-SLA-001" in rules_on(doc, ruleset)


# -- MSA-TRM-001 / MSA-SLA-001: one piece of work that ends when it is done --------------------------------------

DESIGN = ("WEBSITE DESIGN CONTRACT",
          "Keel Studio (\"Designer\") will design and build a new website for Harbour Logistics Ltd (\"Client\") "
          "for a fixed fee of 4,000 pounds, half on signature.",
          "Any bugs the Client reports within 14 days of project end are fixed by the Designer at no charge.",
          "The balance of the fee is payable by the Client on delivery of the finished website files.",
          *CLOSING)


def test_a_one_off_design_project_in_a_pdf_needs_no_term_and_no_service_levels(tmp_path, ruleset):
    result = api.lint_path(text_pdf(tmp_path / "design.pdf", list(DESIGN)), ruleset)
    rules = [f.rule for f in result.findings]
    assert "MSA-TRM-001" not in rules and "MSA-SLA-001" not in rules
    assert "project work" in result.not_applicable["initial_term"]


def test_an_ongoing_service_without_a_term_still_gets_the_term_warning(tmp_path, ruleset):
    doc = text_pdf(tmp_path / "msa.pdf", [OPENING[0], OPENING[1], *SUPPORT,
                                          "The Customer pays the monthly fee set out in Schedule 2.", *CLOSING])
    assert "MSA-TRM-001" in rules_on(doc, ruleset)


# -- MSA-TRM-003: the opt-out window of a renewal stated in other words, in another clause -----------------------

RENEWAL = "1. Term. This Agreement starts on the Effective Date and renews automatically for successive one-year terms."


def test_a_stop_renewal_notice_in_another_clause_satisfies_the_renewal_check(tmp_path, ruleset):
    body = [*OPENING, *SUPPORT, RENEWAL,
            "2. Ending the Agreement. Either party may prevent the automatic renewal by a stop-renewal notice served "
            "three months before the anniversary of the Effective Date.", *CLOSING]
    result = api.lint_path(write_docx(tmp_path / "msa.docx", body), ruleset)
    assert "MSA-TRM-003" not in [f.rule for f in result.findings]
    assert result.elements["non_renewal_period"] == "present"


def test_a_renewal_without_any_opt_out_window_is_still_found(tmp_path, ruleset):
    doc = write_md(tmp_path / "msa.md", [f"# {OPENING[0]}", OPENING[1], *SUPPORT, RENEWAL,
                                         "2. Either party may end this Agreement by notice.", *CLOSING])
    assert "MSA-TRM-003" in rules_on(doc, ruleset)


def test_an_amendment_waiving_the_auto_renewal_section_by_its_title_creates_no_renewal(tmp_path, ruleset):
    doc = write_md(tmp_path / "supplement.md", [
        "# Customer-Specific Supplement",
        "This Supplement amends the Keel Cloud Contract for Harbour Logistics Ltd.",
        "The sections of the Contract titled \"Governing Law\", \"Auto-renewal\", \"Venue; Waiver of Jury Trial\" "
        "are hereby waived for this customer."])
    assert "MSA-TRM-003" not in rules_on(doc, ruleset)


# -- MSA-NUM-004: a cure period, not the term; the same short cure said once -------------------------------------

def test_a_short_cure_period_in_two_mutual_clauses_is_said_once_naming_both(tmp_path, ruleset):
    doc = write_md(tmp_path / "msa.md", [
        f"# {OPENING[0]}", OPENING[1], *SUPPORT,
        "## 7. Termination",
        "7.1 The Customer may terminate this Agreement if the Provider commits a material breach which is not cured "
        "within five days of receipt of written notice from the Customer.",
        "7.2 The Provider may terminate this Agreement if the Customer commits a material breach which is not cured "
        "within five days of receipt of written notice from the Provider.", *CLOSING])
    cures = findings_of(doc, ruleset, "MSA-NUM-004")
    assert len(cures) == 1
    assert cures[0].details["also_at"] == ["§7.2"] and "also in §7.2" in cures[0].message


def test_the_term_before_a_semicolon_is_not_read_as_a_cure_period(tmp_path, ruleset):
    term = ("This Agreement remains in effect for a period of 1 year; provided that the hosting services end at once "
            "if the Customer fails to cure a payment default.")
    doc = write_docx(tmp_path / "msa.docx", [*OPENING, *SUPPORT, term, *CLOSING])
    assert "MSA-NUM-004" not in rules_on(doc, ruleset)
    short = write_docx(tmp_path / "short.docx", [*OPENING, *SUPPORT, term.replace(
        "a payment default.", "a payment default within 2 days of notice."), *CLOSING])
    assert "MSA-NUM-004" in rules_on(short, ruleset)


# -- MSA-FEE-001: the price set by a cover-page field or in a named document; a solicitation leaves it to bidders --

def test_a_rate_field_in_a_docx_cover_table_is_a_pricing_basis(tmp_path, ruleset):
    body = [OPENING[0], table([cell(p("Customer")), cell(p("Harbour Logistics Ltd"))],
                              [cell(p("Standard Hourly Rate")), cell(p("95 USD"))]),
            OPENING[1], *SUPPORT, *CLOSING]
    assert "MSA-FEE-001" not in rules_on(write_docx(tmp_path / "msa.docx", body), ruleset)


def test_an_agreement_with_no_price_anywhere_still_gets_the_fee_warning(tmp_path, ruleset):
    doc = write_docx(tmp_path / "msa.docx", [*OPENING, *SUPPORT, *CLOSING])
    assert "MSA-FEE-001" in rules_on(doc, ruleset)


def test_a_draft_statement_of_work_for_a_request_for_proposals_needs_no_price(tmp_path, ruleset):
    sow = ["# Statement of Work: Case Search Tool",
           "This draft statement of work will be updated as we prepare the final RFP.",
           "The Contractor shall build and host a search tool that finds case records across two systems.",
           "Offerors shall describe their approach to usability testing."]
    result = api.lint_path(write_md(tmp_path / "sow.md", sow), ruleset)
    assert "MSA-FEE-001" not in [f.rule for f in result.findings]
    assert result.elements["solicitation"] == "present"
    awarded = write_md(tmp_path / "sow2.md", [line for line in sow if "RFP" not in line and "Offerors" not in line])
    assert "MSA-FEE-001" in rules_on(awarded, ruleset)


# -- MSA-CON-009 / MSA-CON-007: business hours fixed by reference; performance shown on a status page -------------

SLA = ("SERVICE LEVEL AGREEMENT",
       "This Service Level Agreement forms part of the agreement between Keel Systems Ltd and Harbour Logistics Ltd.",
       "Keel Systems shall make the hosted booking platform available 99.9% of the time in each calendar month.",
       "Support requests are answered within four business hours.")


def test_business_hours_fixed_by_the_order_form_in_a_pdf_need_no_finding(tmp_path, ruleset):
    doc = text_pdf(tmp_path / "sla.pdf", [*SLA, "Business hours are as set forth in the Order Form."])
    assert "MSA-CON-009" not in rules_on(doc, ruleset)
    assert "MSA-CON-009" in rules_on(text_pdf(tmp_path / "bare.pdf", list(SLA)), ruleset)


def test_uptime_published_on_a_status_page_is_reporting(tmp_path, ruleset):
    doc = write_md(tmp_path / "sla.md", [f"# {SLA[0]}", *SLA[1:],
                                         "Every outage and the month's uptime are shown on Keel's public status site."])
    assert "MSA-CON-007" not in rules_on(doc, ruleset)
    assert "MSA-CON-007" in rules_on(write_md(tmp_path / "bare.md", [f"# {SLA[0]}", *SLA[1:]]), ruleset)
