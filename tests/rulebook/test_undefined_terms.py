"""MSA-REF-002's mechanism: capitalised phrases that are defined elsewhere, proper names or borrowed from another
agreement are not undefined terms (all texts invented)."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.rulebook.loader import load_ruleset

from .helpers import analyse_text

USE = "Delays are measured against the {t}. The Supplier reports on the {t} monthly. Either party may review the {t}."


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(kind="agreement").only("MSA-REF-002")


def undefined(ruleset, text: str) -> list[str]:
    result = lint_analysis(analyse_text(text), ruleset)
    return [t for f in result.findings for t in (f.details.get("terms") or [text[f.start:f.end]])]


def test_a_term_nobody_defines_is_reported(ruleset):
    assert undefined(ruleset, USE.format(t="Build Window")) == ["Build Window"]


@pytest.mark.parametrize("definition", [
    '(xvii) "BUILD WINDOW" - the agreed time for completing an order.\n',  # quoted, in capitals, no verb
    "1.3 Build Window - the agreed time for completing an order.\n",  # a glossary line with a dash
    "Build Window: the agreed time for completing an order.\n",  # a glossary line with a colon
    "Build Window\n30 days from each order\n",  # a cover-page field and its value
])
def test_a_glossary_line_or_form_field_defines_the_term(ruleset, definition):
    assert undefined(ruleset, definition + USE.format(t="Build Window")) == []


@pytest.mark.parametrize("citation", [
    " (as such term is defined in the Hosting Addendum)",
    " (as defined in Recital B)",
    ", as per Section A(iv),",
])
def test_a_use_that_says_where_the_term_is_defined(ruleset, citation):
    text = f"The Customer shall pay the Build Window{citation} on time. " + USE.format(t="Build Window")
    assert undefined(ruleset, text) == []


def test_two_defined_terms_joined_by_and_are_not_a_new_term(ruleset):
    text = ('"Software" means the licensed programs. "Manuals" means the user guides. '
            + USE.format(t="Software and Manuals"))
    assert undefined(ruleset, text) == []


@pytest.mark.parametrize("name", ["Board of Directors", "Contracting Officer", "Paying Agent",
                                  "Pension Plan", "Participation Agreement", "Nordic Region"])
def test_bodies_offices_instruments_and_places_are_proper_names(ruleset, name):
    assert undefined(ruleset, USE.format(t=name)) == []


def test_a_plural_class_of_contracts_is_still_a_term(ruleset):
    assert undefined(ruleset, USE.format(t="Legacy Contracts")) == ["Legacy Contracts"]


@pytest.mark.parametrize("borrowing", [
    "Capitalised terms used but not defined in this Schedule have the meanings given in the Master Agreement.\n",
    "Capitalized words have the meaning given to them in the Standard Terms.\n",
    "All capitalised terms not otherwise defined shall have the respective meanings set out in the MSA.\n",
])
def test_a_document_that_borrows_its_definitions_has_none_undefined(ruleset, borrowing):
    assert undefined(ruleset, borrowing + USE.format(t="Build Window")) == []


# ---- MSA-REF-004: a definitions entry that points back is not a second definition

@pytest.fixture(scope="module")
def duplicates_rules():
    return load_ruleset(kind="agreement").only("MSA-REF-004")


def duplicated(rules, text: str) -> list[str]:
    return [text[f.start:f.end] for f in lint_analysis(analyse_text(text), rules).findings]


@pytest.mark.parametrize("text", [
    # the preamble defines it, the definitions list points back with a dash and no "means"
    'WHEREAS the Customer issued a request for tender (the "Tender").\n1. Definitions\n'
    '(i) "Tender" - shall have the meaning ascribed in the preamble above.\n',
    # the definitions list points to the clause that sets the term up
    '1. Definitions\n"Equipment" means the servers referred to in Clause 4, as upgraded from time to time.\n'
    '2. Fees\nFees are due monthly.\n3. Term\nThe term is one year.\n'
    '4. Hosting\nProvider shall acquire servers (collectively the "Equipment") for the Site.\n',
    # passive pointer
    '1. Definitions\n"Go-Live" is defined in Clause 2.\n2. Launch\nThe day the portal opens (the "Go-Live") is agreed.\n',
])
def test_a_pointer_back_is_not_a_second_definition(duplicates_rules, text):
    assert duplicated(duplicates_rules, text) == []


def test_two_real_definitions_are_still_reported(duplicates_rules):
    text = ('1. Definitions\n"Equipment" means the servers in the data centre.\n2. Hosting\n'
            'Provider shall buy laptops (collectively the "Equipment") for staff.\n')
    assert duplicated(duplicates_rules, text) == ["Equipment"]


# ---- MSA-REF-001: references into other instruments, a clause naming itself, flattened Markdown numbering

@pytest.fixture(scope="module")
def xref_rules():
    return load_ruleset(kind="agreement").only("MSA-REF-001")


BODY = ("1. Services\nProvider shall provide the Services.\n\n2. Fees\nCustomer shall pay the Fees.\n\n"
        "3. Term\nThe term is one year.\n\n4. Liability\n{s}\n\n5. Notices\nNotices are in writing.\n")


def broken(rules, text: str, fmt: str = "txt") -> list[str]:
    return [text[f.start:f.end] for f in lint_analysis(analyse_text(text, fmt=fmt), rules).findings]


def test_a_reference_past_the_last_clause_is_broken(xref_rules):
    assert broken(xref_rules, BODY.format(s="Subject to Section 9, liability is capped.")) == ["Section 9"]


@pytest.mark.parametrize("sentence", [
    "Borrower shall comply with Section 7.1(f) of the Credit Agreement.",
    "Insurance required by Section 8 of the Insurance Law is maintained.",
    "Pursuant to Section 8.2 of that certain Loan Agreement dated May 1, 2020, the loan is repaid.",
    "Filings follow 15 U.S.C. Section 78 and Section 9 thereof.",
])
def test_references_into_other_instruments_are_not_broken(xref_rules, sentence):
    assert broken(xref_rules, BODY.format(s=sentence)) == []


def test_a_clause_naming_itself_is_not_broken(xref_rules):
    sentence = "Each party submits to the courts named in this Section 9(c), and waives objections."
    assert broken(xref_rules, BODY.format(s=sentence)) == []


def test_markdown_with_restarting_list_numbers_proves_nothing(xref_rules):
    text = ("# Terms\n\n## Services\n\n1. Provider shall provide the Services.\n2. Provider reports monthly.\n\n"
            "## Fees\n\n1. Customer pays the Fees.\n2. Late fees apply as set out in Section 4.1.\n\n"
            "## Term\n\nThe term is one year.\n")
    assert broken(xref_rules, text, fmt="md") == []
    numbered = text.replace("## Services", "## 1. Services").replace("## Fees", "## 2. Fees").replace(
        "## Term", "## 3. Term").replace("\n1. Provider", "\n- Provider").replace("\n2. Provider", "\n- Provider")
    numbered = numbered.replace("\n1. Customer", "\n- Customer").replace("\n2. Late", "\n- Late")
    assert broken(xref_rules, numbered, fmt="md") == ["Section 4.1"]
