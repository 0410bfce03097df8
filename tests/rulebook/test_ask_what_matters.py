"""Ask each document only what matters for its deal (issue 10 §1/§3): a required element that is moot for the deal,
or covered another way, is not reported as a gap; the same document without that cover still gets the finding.
Every case is a generated DOCX, PDF or Markdown document checked with the built-in rulebook, both ways."""
from __future__ import annotations

from pathlib import Path

from msalint import api
from msalint.model import Severity
from tests.ingest.pdfgen import text_pdf
from tests.rulebook.test_fit_to_deal import CLOSING, ruleset, write_docx, write_md  # noqa: F401  (ruleset: fixture)

OPENING = ("HOSTING SERVICES AGREEMENT",
           "This Hosting Services Agreement is made between Keel Systems Ltd (\"Provider\") and Harbour Logistics "
           "Ltd (\"Customer\") on 1 March 2025.",
           "The Provider shall host the Customer's order-management application in its data centre and provide "
           "technical support for it.")


def by_rule(path: Path, ruleset) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in api.lint_path(path, ruleset).findings:
        out.setdefault(f.rule, []).append(f)
    return out


# -- MSA-TRX-001: each party's own right to leave on notice makes a breach right moot -----------------------------

ONE_SIDED_EACH = ("The Customer will have the ability to terminate this Agreement by giving 60 days' prior written "
                  "notice to the Provider. The Provider will have the ability to terminate this Agreement by giving "
                  "90 days' prior written notice to the Customer.")


def test_two_one_sided_notice_rights_in_a_docx_make_termination_for_breach_moot(tmp_path, ruleset):
    result = api.lint_path(write_docx(tmp_path / "msa.docx", [*OPENING, ONE_SIDED_EACH, *CLOSING]), ruleset)
    assert result.elements["mutual_termination_for_convenience"] == "present"
    assert "MSA-TRX-001" not in [f.rule for f in result.findings]
    assert "mutual termination for convenience" in result.not_applicable["termination_for_cause"]


def test_a_notice_right_for_one_party_only_in_a_pdf_still_lacks_a_breach_right(tmp_path, ruleset):
    one_side = ("The Customer will have the ability to terminate this Agreement by giving 60 days' prior written "
                "notice to the Provider. The Customer will have the ability to terminate this Agreement by giving "
                "10 days' notice for a single application.")
    doc = text_pdf(tmp_path / "msa.pdf", [*OPENING, one_side, *CLOSING])
    assert "MSA-TRX-001" in by_rule(doc, ruleset)


def test_either_named_party_passive_in_a_pdf_is_an_exit_at_will(tmp_path, ruleset):
    passive = ("This Agreement may be terminated, in whole or for one application, by either Keel Systems Ltd or "
               "the Customer for any reason upon 30 days' written notice to the other.")
    result = api.lint_path(text_pdf(tmp_path / "msa.pdf", [*OPENING, passive, *CLOSING]), ruleset)
    assert result.elements["mutual_termination_for_convenience"] == "present"
    assert "MSA-TRX-001" not in [f.rule for f in result.findings]


def test_a_notice_right_that_needs_a_breach_is_no_exit_at_will(tmp_path, ruleset):
    conditional = ("The Customer may terminate this Agreement on sixty days' written notice. The Provider may "
                   "terminate this Agreement upon notice if the Customer fails to pay an invoice.")
    result = api.lint_path(write_md(tmp_path / "msa.md", [f"# {OPENING[0]}", *OPENING[1:], conditional, *CLOSING]),
                           ruleset)
    assert result.elements["mutual_termination_for_convenience"] != "present"


# -- MSA-TRX-005: exit assistance matters less when the customer's data is handed back ----------------------------

DATA_RETURN = ("Within 30 days after termination the Provider shall deliver a copy of all stored Customer Data to "
               "the Customer and then delete it.")


def test_exit_assistance_is_softened_when_the_data_is_returned_docx(tmp_path, ruleset):
    findings = by_rule(write_docx(tmp_path / "msa.docx", [*OPENING, DATA_RETURN, *CLOSING]), ruleset)
    exit_gap = findings["MSA-TRX-005"][0]
    assert exit_gap.severity == Severity.INFO
    assert "handed back" in exit_gap.message and exit_gap.details["softened"]


def test_exit_assistance_without_data_return_keeps_its_warning_pdf(tmp_path, ruleset):
    findings = by_rule(text_pdf(tmp_path / "msa.pdf", [*OPENING, *CLOSING]), ruleset)
    assert findings["MSA-TRX-005"][0].severity == Severity.WARNING
    assert "MSA-TRX-006" in findings


# -- MSA-DPS-002/003, MSA-TRX-005: hosting named as a cost a party bears is no hosted service ---------------------

AGENCY = ("NOTE OFFERING AGENCY AGREEMENT",
          "This Agreement is made between Lakeside Power Ltd (the \"Company\") and Redwater LLC (the \"Agent\").",
          "The Agent shall market the Company's subordinated notes to investors and keep records of the sales.",
          "The Company will pay all marketing and advertising costs of the offering, including printing, postage, "
          "software licences, data centre fees and web site hosting.",
          "The Agent shall arrange web site development for the offering, subject to the Company's approval.",
          *CLOSING)


def test_hosting_as_a_cost_of_a_marketing_deal_asks_no_data_security_docx(tmp_path, ruleset):
    result = api.lint_path(write_docx(tmp_path / "agency.docx", list(AGENCY)), ruleset)
    assert result.elements["hosted_customer_data"] != "present"
    assert result.elements["operated_service"] != "present"
    rules = [f.rule for f in result.findings]
    assert not {"MSA-DPS-002", "MSA-DPS-003", "MSA-TRX-005"} & set(rules)


def test_a_provider_that_hosts_the_application_is_still_asked_for_security_md(tmp_path, ruleset):
    result = api.lint_path(write_md(tmp_path / "msa.md", [f"# {OPENING[0]}", *OPENING[1:], *CLOSING]), ruleset)
    assert result.elements["hosted_customer_data"] == "present"
    assert "MSA-DPS-003" in [f.rule for f in result.findings]


# -- MSA-SLA-001/004: service levels and response times where the provider runs or supports IT -------------------

def test_an_agency_deal_that_mentions_a_web_site_asks_no_service_levels_or_response_times_pdf(tmp_path, ruleset):
    result = api.lint_path(text_pdf(tmp_path / "agency.pdf", list(AGENCY)), ruleset)
    assert result.kind["subject"] == "it"  # the web site words make it look like IT; the deal has no IT service
    assert result.elements["it_support"] != "present"
    rules = [f.rule for f in result.findings]
    assert "MSA-SLA-004" not in rules and "MSA-SLA-001" not in rules
    assert "operated service or it support" in result.not_applicable["response_times"]


MAINTENANCE = ("SOFTWARE MAINTENANCE AGREEMENT",
               "This Agreement is made between Keel Systems Ltd (\"Licensor\") and Harbour Logistics Ltd "
               "(\"Licensee\").",
               "The Licensee runs the licensed software on its own servers. The Licensor shall provide maintenance "
               "and support of the software, including error corrections and new releases, for an annual fee.",
               *CLOSING)


def test_maintenance_of_software_the_customer_runs_still_needs_response_times_docx(tmp_path, ruleset):
    result = api.lint_path(write_docx(tmp_path / "maintenance.docx", list(MAINTENANCE)), ruleset)
    assert result.elements["it_support"] == "present"
    assert "MSA-SLA-004" in [f.rule for f in result.findings]
