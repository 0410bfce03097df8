"""Blanks are said once: one finding per field, and a form to fill in is reported once per blank rule."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.model import Severity
from msalint.rulebook.blanks import FORM_MIN_FIELDS
from msalint.rulebook.loader import load_ruleset

from .helpers import analyse_text

BLANK_RULES = ["MSA-WRD-008", "MSA-WRD-009", "MSA-WRD-010", "MSA-WRD-011", "MSA-WRD-020"]


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(select=BLANK_RULES)


def findings(ruleset, text):
    return lint_analysis(analyse_text(text), ruleset).findings


def test_blank_rules_are_tagged():
    rules = {r.id: r for r in load_ruleset().rules}
    assert all("blank" in rules[i].tags for i in BLANK_RULES)


def test_a_field_repeated_is_one_finding_with_its_other_places(ruleset):
    text = ("SERVICES AGREEMENT\n1. Parties\nThis agreement is between Beta LLC (\"Customer\") and Acme Ltd. "
            "The project lead of {Customer} is named in the order.\n\n"
            "2. Fees\n{Customer} pays the fees monthly. Unit prices are TBD.\n\n"
            "3. Notices\nNotices to {Customer} go to its registered office.\n")
    got = findings(ruleset, text)
    assert [(f.rule, f.severity) for f in got] == [("MSA-WRD-010", Severity.ERROR), ("MSA-WRD-008", Severity.ERROR)]
    field = got[0]
    assert field.message.endswith("(×3)") and field.details["occurrences"] == 3
    assert [p["clause"] for p in field.details["also_at"]] == ["2", "3"]


def test_a_form_with_many_fields_is_reported_once_as_info(ruleset):
    names = ["client", "supplier", "start date", "end date", "monthly fee", "site address", "support hours",
             "service desk", "notice address"]
    assert len(names) >= FORM_MIN_FIELDS
    text = "MASTER SERVICES AGREEMENT\nThis Agreement is made between the parties below.\n1. Key terms\n" + "".join(f"The {n} is {{{n.replace(' ', '_')}}}.\n" for n in names) + \
           "2. Signature\nSigned for {client} by its director.\n"
    got = findings(ruleset, text)
    assert len(got) == 1
    form = got[0]
    assert form.severity == Severity.INFO and form.details["fields"] == len(names)
    assert form.details["occurrences"] == len(names) + 1
    assert form.message.startswith(f"Form to fill in: {len(names)} different blanks")
    assert "'{client}'" in form.message and "…" in form.message


def test_a_few_different_blanks_stay_errors_each(ruleset):
    text = ("SUPPORT AGREEMENT\nThis Agreement is made between Acme Ltd and Beta LLC.\n"
            "1. Fees\nThe fee is [amount] per month, payable to [bank name], from {start_date}.\n"
            "2. Notices\nNotices go to " + ", ".join(f"[{n}]" for n in ("street address", "contact name", "fax number", "notice date")) + ".\n")
    got = findings(ruleset, text)
    assert len(got) == 7 < FORM_MIN_FIELDS and all(f.severity == Severity.ERROR for f in got)


@pytest.mark.parametrize("opening", [
    'This Agreement is made on [DATE] by and between ________ (the "Client") and Acme Ltd (the "Provider").',
    "SERVICE PROVIDER: [Your Company Name]\nCLIENT: Beta LLC\nThis Agreement is made on [DATE].",
    "The Client, {{ page.customer_name }}, and the Provider, Acme Ltd, agree as follows.",
])
def test_blank_parties_make_a_template_whose_blanks_are_info(ruleset, opening):
    """An agreement whose parties are not named has not been executed: its blanks are a form's fields."""
    text = (f"HOSTING AGREEMENT\n{opening}\n1. Fees\nThe Client shall pay a monthly fee of [amount].\n"
            "2. Term\nThis Agreement shall last ____ months.\n")
    got = findings(ruleset, text)
    assert got and all(f.severity == Severity.INFO and f.details.get("form") for f in got)
    assert all(f.message.startswith("Form to fill in") for f in got)


def test_a_blank_date_in_an_executed_agreement_stays_an_error(ruleset):
    text = ('HOSTING AGREEMENT\nThis Agreement is made as of ________ (the "Effective Date") by and between '
            'Acme Ltd (the "Provider") and Beta LLC (the "Client").\n1. Fees\nThe Client shall pay a monthly fee of '
            '$____.\n')
    got = findings(ruleset, text)
    assert len(got) == 1 and got[0].severity == Severity.ERROR and got[0].details["occurrences"] == 2


def test_yaml_front_matter_is_metadata_not_a_blank(ruleset):
    text = ("---\ntitle: Support Terms\nsignatures: []\n---\n# SUPPORT TERMS\n"
            "This Agreement is made between Acme Ltd and Beta LLC. The fee is [amount] per month.\n")
    got = findings(ruleset, text)
    assert [text[f.start:f.end] for f in got] == ["[amount]"]


@pytest.mark.parametrize("block", [
    "ACME LTD                         BETA LLC\nBy: /s/ J. Roe                   By: /s/ A. Poe\n"
    "____________________             ____________________\n(printed name and title)         (printed name and title)\n",
    "Signed for Acme Ltd\nBy:-- Jane Roe ______ Jane Roe\nChief Executive Officer\n",
    "Acme Ltd                  Beta LLC\nBy:_______________     By:_______________\n"
    "_________________        _________________\n(Print Name)              (Print Name)\nTitle:_____________     Title:____________\n",
])
def test_signature_block_lines_are_not_blanks(ruleset, block):
    """Name and signature lines are completed at signing, in one column or two, labelled above or below."""
    text = ("HOSTING AGREEMENT\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\n"
            "1. Fees\nThe Client shall pay 100 EUR per month.\n\nIN WITNESS WHEREOF the parties have signed.\n" + block)
    assert findings(ruleset, text) == []


def test_a_blank_term_next_to_a_signature_block_is_still_reported(ruleset):
    text = ("HOSTING AGREEMENT\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\n"
            "1. Fees\nThe Client shall pay $______ per month.\n\n2. Signatures\nIN WITNESS WHEREOF the parties have signed.\n"
            "By: ____________________\nName: ____________________\n")
    got = findings(ruleset, text)
    assert [(f.rule, f.clause) for f in got] == [("MSA-WRD-020", "1")]


def test_underscore_blanks_are_one_finding_naming_every_place(ruleset):
    """Underscore lines of different lengths, in one clause or several, are one thing to fill in, said once."""
    text = ("HOSTING AGREEMENT\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\n"
            "1. Charges\nThe set-up charge is ________. The licence charge is ____________. "
            "The travel allowance is _____.\n\n2. Fees\nThe Client shall pay $____ per month.\n")
    got = findings(ruleset, text)
    assert [(f.clause, f.details.get("occurrences", 1)) for f in got] == [("1", 4)]
    assert [p["clause"] for p in got[0].details["also_at"]] == ["1", "1", "2"]
    assert all(f.severity == Severity.ERROR for f in got)


@pytest.mark.parametrize("contacts", [
    "Acme contacts:\nE-mail: ____________\nPhone: ____________\n",
    "| Contact | Beta |\n|---|---|\n| Email address | ________ |\n| Fax No. | ______ |\n",
    "Notices to Beta, attention of the Service Manager, telephone ________, e-mail _________.\n",
    # the people named for contact roles: a role label on the line, or ending the line above the blank
    "The Acme relationship manager shall be:\n__________. The Beta relationship manager shall be: ________.\n",
    "| Role | Name |\n|---|---|\n| Account Manager | ________ |\n| Project Lead | ______ |\n",
    "Each party names its contact person in writing within ten days; Beta's contact person is ______ and its "
    "representative is ________.\n",
])
def test_blank_contact_details_are_one_info_finding_and_a_blank_term_stays_an_error(ruleset, contacts):
    """Contact details are exchanged when the service starts; an amount left blank is a gap in the deal."""
    text = ("HOSTING AGREEMENT\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\n"
            "1. Fees\nThe Client shall pay $______ per month.\n\n2. Contacts\n" + contacts)
    got = sorted(findings(ruleset, text), key=lambda f: f.severity, reverse=True)
    assert [(f.rule, f.severity, f.clause) for f in got] == [
        ("MSA-WRD-020", Severity.ERROR, "1"), ("MSA-WRD-020", Severity.INFO, "2")]
    assert got[1].message.startswith("Contact details left blank (2 places)")
    assert got[1].details["occurrences"] == 2


@pytest.mark.parametrize("title", ["FORM OF HOSTING AGREEMENT", "[FORM]\nHOSTING AGREEMENT",
                                   "Template Managed Services Agreement", "MODEL HOSTING CONTRACT"])
def test_a_document_that_calls_itself_a_form_has_form_fields_not_open_terms(ruleset, title):
    text = (f"{title}\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\n"
            "1. Fees\nThe Client shall pay $______ per month.\n")
    got = findings(ruleset, text)
    assert [(f.rule, f.severity) for f in got] == [("MSA-WRD-020", Severity.INFO)]
    assert got[0].message.startswith("Form to fill in") and "a template" in got[0].message


MSA_WITH_EXHIBIT = ("MANAGED SERVICES AGREEMENT\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\n"
                    "1. Fees\nThe Client shall pay the fees in Exhibit C.\n\n"
                    "EXHIBIT C\nPricing\nThe monthly fee for the help desk is TBD.\n\n"
                    "EXHIBIT D {sep} Statement of Work\nProject: ____________\nFees: TBD\nStart date: TBD\n")


def test_blanks_of_an_attached_form_are_info_and_the_agreements_own_stay_errors(ruleset):
    text = MSA_WITH_EXHIBIT.format(sep="– Form of")
    got = findings(ruleset, text)
    by_severity = sorted((f.severity, f.rule, f.clause or "") for f in got)
    errors = [f for f in got if f.severity == Severity.ERROR]
    assert [(f.rule, f.details.get("occurrences", 1)) for f in errors] == [("MSA-WRD-008", 1)]
    assert errors[0].start == text.index("TBD")  # the pricing exhibit's own blank
    infos = [f for f in got if f.severity == Severity.INFO]
    assert sorted(f.rule for f in infos) == ["MSA-WRD-008", "MSA-WRD-020"], by_severity
    assert all("an attached form for later documents" in f.message for f in infos)


def test_an_attachment_that_is_not_a_form_keeps_its_blanks_as_errors(ruleset):
    got = findings(ruleset, MSA_WITH_EXHIBIT.format(sep="–"))
    assert {f.severity for f in got} == {Severity.ERROR}
    assert sorted(f.rule for f in got) == ["MSA-WRD-008", "MSA-WRD-020"]


def test_a_form_named_in_a_contents_list_does_not_make_the_agreement_a_form(ruleset):
    text = ("HOSTING AGREEMENT\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\nCONTENTS\n"
            "1. Fees\n2. Term\nForm of Purchase Order\n\n1. Fees\nThe Client shall pay $______ per month.\n")
    assert [(f.rule, f.severity) for f in findings(ruleset, text)] == [("MSA-WRD-020", Severity.ERROR)]
