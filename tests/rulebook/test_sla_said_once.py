"""Service-level findings said once and only when true (issue 10): a figure given with its window keeps it where it
is repeated, a missing service warranty next to measured service levels is only noted, and a missing performance report is one
finding, not two. Each case is a generated document (Markdown, DOCX, PDF), both directions: a real gap still fires."""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint import api
from tests.rulebook.helpers import write_deal
from tests.rulebook.test_sla_commitments import CLOSING as CLOSING_SENTENCES
from tests.rulebook.test_sla_commitments import FORMATS, HOSTING as HOSTING_SENTENCE, PARTIES as PARTIES_SENTENCE, TITLE

# numbered clauses, so that each figure sits in a clause of its own
PARTIES = f"1. Parties. {PARTIES_SENTENCE}"
HOSTING = f"2. Services. {HOSTING_SENTENCE}"
CLOSING = tuple(f"{n}. {sentence}" for n, sentence in enumerate(CLOSING_SENTENCES, start=6))

GUARANTEE = "3. Availability. The Provider guarantees 99.95% monthly availability of the booking platform."
CREDIT_SAME_FIGURE = ("4. Credits. Where availability falls below 99.95%, the Customer receives a service credit of 5% of the "
                      "monthly fee.")
OTHER_FIGURE = "4. Mail. The Provider shall keep the mail service available 99.5% of the time."
LEVEL_WITH_WINDOW = "3. Availability. The Provider shall keep the booking platform available 99.9% of each calendar month."
REPORT = "5. Reports. The Provider shall deliver a monthly service report showing availability achieved."
RESPONSE = "3. Support. The Provider shall answer each support ticket raised by the Customer within four hours."


@pytest.fixture(scope="module")
def ruleset():
    return api.load_rules()


def rules_of(tmp_path: Path, ruleset, fmt: str, paragraphs: list[str]) -> set[str]:
    result = api.lint_path(write_deal(tmp_path / f"deal.{fmt}", paragraphs), ruleset)
    assert result.error is None
    return {f.rule for f in result.findings}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_figure_repeated_after_its_window_needs_no_second_window(tmp_path, ruleset, fmt):
    rules = rules_of(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, GUARANTEE, CREDIT_SAME_FIGURE, REPORT,
                                               *CLOSING])
    assert "MSA-SLA-002" not in rules


@pytest.mark.parametrize("fmt", FORMATS)
def test_another_figure_without_its_window_is_still_found(tmp_path, ruleset, fmt):
    rules = rules_of(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, GUARANTEE, OTHER_FIGURE, REPORT, *CLOSING])
    assert "MSA-SLA-002" in rules


LEVELS = [GUARANTEE,
          "3. Availability. Each calendar month, at least 99.5% availability of the booking platform is to be "
          "achieved by Keel Systems Ltd.",
          "3. Credits. If a month ends with the booking platform available less than 99.8% of the time, the Provider "
          "credits 5% of the monthly fee."]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("level", LEVELS, ids=["figure-first", "passive", "condition-first"])
def test_a_missing_warranty_next_to_measured_service_levels_is_only_noted(tmp_path, ruleset, fmt, level):
    result = api.lint_path(write_deal(tmp_path / f"deal.{fmt}", [TITLE, PARTIES, HOSTING, level, *CLOSING]), ruleset)
    [finding] = [f for f in result.findings if f.rule == "MSA-RSK-006"]
    assert finding.severity.name == "INFO"
    assert "Softened (service levels present" in finding.message


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_without_levels_or_warranty_still_lacks_a_standard(tmp_path, ruleset, fmt):
    result = api.lint_path(write_deal(tmp_path / f"deal.{fmt}", [TITLE, PARTIES, HOSTING, *CLOSING]), ruleset)
    [finding] = [f for f in result.findings if f.rule == "MSA-RSK-006"]
    assert finding.severity.name == "WARNING"


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_reports_on_service_levels_are_one_finding(tmp_path, ruleset, fmt):
    rules = rules_of(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, LEVEL_WITH_WINDOW, *CLOSING])
    assert "MSA-CON-007" in rules
    assert "MSA-GOV-001" not in rules


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_reports_on_response_times_alone_are_still_found(tmp_path, ruleset, fmt):
    rules = rules_of(tmp_path, ruleset, fmt, [TITLE, PARTIES, HOSTING, RESPONSE, *CLOSING])
    assert "MSA-CON-007" not in rules
    assert "MSA-GOV-001" in rules
