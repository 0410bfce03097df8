"""In an executed agreement a blank is an error only where it leaves an essential term open (a price, a rate, an
amount, a quantity or period, a date); a blank for a detail a party fixes later is info."""
from __future__ import annotations

import pytest

from msalint.api import lint_path
from msalint.engine import lint_analysis
from msalint.model import Severity
from msalint.rulebook.loader import load_ruleset

from .helpers import analyse_text, write_deal

BLANK_RULES = ["MSA-WRD-008", "MSA-WRD-009", "MSA-WRD-010", "MSA-WRD-020"]
OPENING = "MANAGED SERVICES AGREEMENT\nThis Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.\n"


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(select=BLANK_RULES)


def severities(ruleset, clause: str) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in lint_analysis(analyse_text(OPENING + "1. Terms\n" + clause + "\n"),
                                                         ruleset).findings]


@pytest.mark.parametrize("clause", [
    "Serial numbers of the Equipment: TBD.",                                        # a label and its field
    "The sites at which Acme installs the routers are listed below; Beta may change the list at its discretion:\n[TBD]",
    "Once the hardware is delivered, its asset tags will be recorded by the Provider as ______.",   # passive
    "| Item | Detail |\n|---|---|\n| Approved subcontractors | TBD |",                # a table row
])
def test_a_blank_for_a_detail_a_party_fixes_later_is_info(ruleset, clause):
    got = severities(ruleset, clause)
    assert got and all(severity == Severity.INFO for _, severity in got), got


@pytest.mark.parametrize("clause", [
    "The Customer shall pay a monthly fee of $____ for the Services.",              # a price
    "Fees for the second phase: TBD.",                                              # an essential-term word
    "If the platform is unavailable, Acme credits [ ]% of the monthly charge.",      # condition first, a rate
    "The hosting plan includes ___ megabytes (MB) of disk space.",                  # a quantity
    "Beta's invoices are paid by Acme within ____ days of receipt.",                # passive, a period
    "Dated the ____ day of May, 2025.",                                             # the date of the instrument
    "Talkdown performance requirement [TBD]",                                       # a performance requirement
    "| Item | Amount |\n|---|---|\n| Monthly hosting | USD[ ] |",                   # an amount in a table
])
def test_a_blank_in_an_essential_term_stays_an_error(ruleset, clause):
    got = severities(ruleset, clause)
    assert got and all(severity == Severity.ERROR for _, severity in got), got


def test_an_info_blank_says_why(ruleset):
    found = lint_analysis(analyse_text(OPENING + "1. Terms\nSerial numbers of the Equipment: TBD.\n"), ruleset).findings
    assert len(found) == 1 and "essential term" in found[0].message and found[0].message.startswith("Unfinished term")


PARAGRAPHS = ["MANAGED SERVICES AGREEMENT",
              "This Agreement is made on 1 May 2025 between Acme Ltd and Beta LLC.",
              "1. Fees. Beta shall pay Acme a monthly fee of $______ for the Services.",
              "2. Equipment. Serial numbers of the routers to be delivered: TBD."]


@pytest.mark.parametrize("name", ["deal.docx", "deal.pdf"])
def test_generated_documents_keep_a_blank_price_an_error_and_a_serial_number_info(tmp_path, name):
    result = lint_path(write_deal(tmp_path / name, PARAGRAPHS), load_ruleset(select=BLANK_RULES))
    assert result.error is None, result.error
    got = sorted((f.rule, str(f.severity)) for f in result.findings)
    assert got == [("MSA-WRD-008", "info"), ("MSA-WRD-020", "error")], [f.message for f in result.findings]
