"""Service-level warnings a reviewer acts on (issue 10) and detection that holds (issue 11): what is only a goal, a
heading or a reduced service is no commitment and no credit, a one-off project has no support to time, and a real
service-level gap is still found. Every case is a generated document (DOCX, PDF or Markdown), both directions."""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint import api
from tests.rulebook.helpers import write_deal

TITLE = "MANAGED HOSTING AGREEMENT"
PARTIES = ("This Managed Hosting Agreement is made between Keel Systems Ltd (\"Provider\") and Harbour Logistics Ltd "
           "(\"Customer\") on 1 March 2025.")
HOSTING = ("The Provider shall host the Customer's booking platform on its servers, monitor the network and run a "
           "service desk for the Customer's IT staff.")
CLOSING = ("This Agreement is governed by the laws of England and Wales.",
           "This Agreement is the entire agreement between the parties about its subject.")
FORMATS = ["md", "docx", "pdf"]


@pytest.fixture(scope="module")
def ruleset():
    return api.load_rules()


def lint(tmp_path: Path, ruleset, fmt: str, paragraphs: list[str]):
    result = api.lint_path(write_deal(tmp_path / f"deal.{fmt}", paragraphs), ruleset)
    assert result.error is None
    return result


def rules_of(result) -> set[str]:
    return {f.rule for f in result.findings}


# -- a goal, or what usually happens, is no commitment -----------------------------------------------------------

GOAL = "Keel's internal goal is 99.99% availability of the booking platform, and it has historically exceeded it."
COMMITTED = "The Provider shall keep the booking platform available 99.9% of the time."


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_internal_availability_goal_is_no_level_and_needs_no_window(tmp_path, ruleset, fmt):
    result = lint(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, GOAL, *CLOSING])
    rules = rules_of(result)
    assert "MSA-SLA-002" not in rules
    assert "MSA-SLA-001" in rules and result.elements["service_levels"] == "missing"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_committed_availability_without_a_window_is_still_found(tmp_path, ruleset, fmt):
    result = lint(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, COMMITTED, *CLOSING])
    rules = rules_of(result)
    assert "MSA-SLA-002" in rules
    assert "MSA-SLA-001" not in rules and result.elements["service_levels"] == "present"


# -- a one-off project has no support service whose answers could be timed ---------------------------------------

PROJECT = ("WEBSITE DESIGN CONTRACT",
           "Keel Studio (\"Designer\") will design and build a new website and its hosting set-up for Harbour "
           "Logistics Ltd (\"Client\") for a fixed fee, half on signature.",
           "The balance of the fee is payable by the Client on delivery of the finished website files.",
           "The Designer answers the Client's questions about the site's server and software by e-mail.",
           *CLOSING)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_website_project_gets_no_response_time_warning(tmp_path, ruleset, fmt):
    result = lint(tmp_path, ruleset, fmt, list(PROJECT))
    assert result.elements["project_work"] == "present"
    assert not rules_of(result) & {"MSA-SLA-004", "MSA-SLA-008"}
    assert "project work" in result.not_applicable["response_times"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_operated_service_desk_without_response_times_still_gets_the_warning(tmp_path, ruleset, fmt):
    result = lint(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING,
                                           "Support requests are handled as soon as the Provider can.", *CLOSING])
    assert "MSA-SLA-004" in rules_of(result)


# -- a reduced service is no money back; a refund for unresponsive support is one --------------------------------

MONTHLY = "The Provider shall keep the booking platform available 99.9% of each calendar month."


@pytest.mark.parametrize("fmt", FORMATS)
def test_reduced_availability_on_a_status_page_is_no_service_credit(tmp_path, ruleset, fmt):
    status = "The Provider shows outages and any reduced availability of the platform on its public status page."
    result = lint(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, MONTHLY, status, *CLOSING])
    assert "MSA-SLA-008" in rules_of(result)
    assert result.elements["service_credits"] == "missing"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_refund_of_support_fees_for_unresponsive_support_is_a_credit(tmp_path, ruleset, fmt):
    refund = ("If the Customer ends this Agreement for unresponsive support, Keel refunds the support fees the "
              "Customer paid for those months.")
    result = lint(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, MONTHLY, refund, *CLOSING])
    assert "MSA-SLA-008" not in rules_of(result)
    assert result.elements["service_credits"] == "present"
