"""MSA-DPS-003 (issue 10): minimum security controls count wherever the agreement states them (a confidentiality
clause naming secure transfer, password rules or protected media), as does access limited to the people who need
it and safeguards benchmarked to the law or the customer's own requirements; a hosting deal with only 'appropriate'
care still gets the finding. Every case is a generated DOCX, PDF or Markdown document, checked both ways."""
from __future__ import annotations

from msalint import api
from tests.ingest.pdfgen import text_pdf
from tests.rulebook.test_fit_to_deal import CLOSING, ruleset, write_docx, write_md  # noqa: F401  (ruleset: fixture)

OPENING = ("HOSTING SERVICES AGREEMENT",
           "This Hosting Services Agreement is made between Keel Systems Ltd (\"Provider\") and Harbour Logistics "
           "Ltd (\"Customer\") on 1 March 2025.",
           "The Provider shall host the Customer's order-management application in its data centre and provide "
           "technical support for it.")

VAGUE = "The Provider shall take appropriate care to keep the Customer's records secure."

CONFIDENTIALITY_WITH_CONTROLS = (
    "Confidentiality. Keel will not share the Customer's files or credentials with anyone without the Customer's "
    "consent. Keel connects to the Customer's servers only over a VPN, generates random passwords for every "
    "account it creates and keeps any copies of the Customer's files on password-protected drives.")

ACCESS_LIMITED = ("Where Keel's engineers need the Customer's records to resolve a ticket, access to those records is "
                  "restricted to the engineers assigned to that ticket.")

BENCHMARKED = ("Keel shall keep procedures and safeguards for the Customer's records that are adequate to meet the "
               "requirements of the data-protection law that applies to the Customer.")


def rules_of(result) -> list[str]:
    return [f.rule for f in result.findings]


def test_a_hosting_deal_with_only_appropriate_care_is_asked_for_controls_docx(tmp_path, ruleset):
    result = api.lint_path(write_docx(tmp_path / "msa.docx", [*OPENING, VAGUE, *CLOSING]), ruleset)
    assert result.elements["hosted_customer_data"] == "present"
    assert "MSA-DPS-003" in rules_of(result)


def test_controls_named_in_the_confidentiality_clause_are_minimum_controls_docx(tmp_path, ruleset):
    result = api.lint_path(write_docx(tmp_path / "msa.docx", [*OPENING, CONFIDENTIALITY_WITH_CONTROLS, *CLOSING]),
                           ruleset)
    assert result.elements["security"] == "present"
    assert "MSA-DPS-003" not in rules_of(result)


def test_access_limited_to_the_people_who_need_it_is_a_control_pdf(tmp_path, ruleset):
    result = api.lint_path(text_pdf(tmp_path / "msa.pdf", [*OPENING, ACCESS_LIMITED, *CLOSING]), ruleset)
    assert "MSA-DPS-003" not in rules_of(result)


def test_the_same_pdf_without_the_access_limit_still_gets_the_finding(tmp_path, ruleset):
    result = api.lint_path(text_pdf(tmp_path / "msa.pdf", [*OPENING, VAGUE, *CLOSING]), ruleset)
    assert "MSA-DPS-003" in rules_of(result)


def test_safeguards_benchmarked_to_the_law_are_a_measurable_standard_md(tmp_path, ruleset):
    result = api.lint_path(write_md(tmp_path / "msa.md", [f"# {OPENING[0]}", *OPENING[1:], BENCHMARKED, *CLOSING]),
                           ruleset)
    assert "MSA-DPS-003" not in rules_of(result)


def test_plain_ftp_and_a_limit_on_users_are_not_controls_md(tmp_path, ruleset):
    weak = "Reports are sent to the Customer by FTP. The Provider may limit the number of users of the portal."
    result = api.lint_path(write_md(tmp_path / "msa.md", [f"# {OPENING[0]}", *OPENING[1:], weak, *CLOSING]),
                           ruleset)
    assert "MSA-DPS-003" in rules_of(result)
