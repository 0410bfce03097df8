"""`applies_to`: rules name the document kinds and subject they are for; other documents get no findings from them,
and an element no applicable rule asks for is `not_applicable` instead of `missing`."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.errors import RuleFileError

from .helpers import analyse_text, load_pack

RULES = """
rules:
  - id: TST-AT-001
    title: Governing law
    kind: required
    element: governing_law
    severity: error
    applies_to: {kinds: [agreement, other_contract]}
    patterns: ["governed by"]
    message: No governing law.
    rationale: A contract needs a governing law to be read.
    remediation: Choose the governing law.
    examples:
      fail: ["Provider shall perform the Services."]
      pass: ["This Agreement is governed by the laws of England."]
  - id: TST-AT-002
    title: Service credits
    kind: required
    element: service_credits
    severity: warning
    applies_to: {kinds: [agreement, sla], subject: it}
    patterns: ["service credit"]
    message: No service credits.
    rationale: Missed service levels need a remedy.
    remediation: Add service credits.
    examples:
      fail: ["Provider shall host the platform with 99.9% availability."]
      pass: ["Provider shall host the platform; a service credit of 5% applies."]
"""

SLA = """SERVICE LEVEL AGREEMENT

This Service Level Agreement forms part of the Master Services Agreement. Capitalised terms have the meanings
given in the Master Services Agreement.

1. Availability. Provider shall keep the hosted platform available 99.9% of each month.
2. Incidents. Provider shall respond to Priority 1 incidents within one hour.
"""

CONSULTING = """CONSULTING AGREEMENT

1. Services. Consultant shall advise the Company on its marketing plans.
2. Fees. The Company shall pay the monthly fee within thirty days of invoice.
"""

PRESS_RELEASE = """Acme and Globex announce partnership

Acme Corp. today announced a partnership with Globex to bring faster deliveries to customers across Europe.
"We are delighted," said the chief executive of Acme. The partnership starts in the spring.
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    return load_pack(tmp_path_factory.mktemp("at"), RULES)


def lint(ruleset, text):
    result = lint_analysis(analyse_text(text), ruleset)
    return sorted(f.rule for f in result.findings), result.elements, result.kind


def test_a_standalone_sla_is_not_asked_for_a_governing_law(ruleset):
    rules, elements, kind = lint(ruleset, SLA)
    assert kind["kind"] == "sla" and kind["subject"] == "it"
    assert rules == ["TST-AT-002"]
    assert elements == {"governing_law": "not_applicable", "service_credits": "missing"}


def test_a_non_it_agreement_gets_the_general_rules_but_not_the_it_ones(ruleset):
    rules, elements, kind = lint(ruleset, CONSULTING)
    assert (kind["kind"], kind["subject"]) == ("agreement", "other")
    assert rules == ["TST-AT-001"]
    assert elements["service_credits"] == "not_applicable"


def test_a_present_element_stays_present_where_it_is_not_required(ruleset):
    _, elements, _ = lint(ruleset, SLA + "3. Law. This Schedule is governed by the laws of England.\n")
    assert elements["governing_law"] == "present"


def test_a_document_that_is_not_a_contract_gets_no_findings(ruleset):
    rules, elements, kind = lint(ruleset, PRESS_RELEASE)
    assert kind["kind"] == "not_contract"
    assert rules == [] and set(elements.values()) == {"not_applicable"}


def test_a_configured_kind_replaces_the_detected_one(ruleset):
    rules, _, kind = lint(ruleset.with_kind("agreement"), SLA)
    assert kind["kind"] == "agreement" and kind["source"] == "configuration"
    assert rules == ["TST-AT-001", "TST-AT-002"]


@pytest.mark.parametrize("bad, message", [
    ("applies_to: {kinds: [agreement, sla], subject: it}", None),
    ("applies_to: {kinds: [letter]}", "'letter' is not a contract kind"),
    ("applies_to: {kinds: [not_contract]}", "'not_contract' is not a contract kind"),
    ("applies_to: {kinds: []}", "an empty list"),
    ("applies_to: {subject: finance}", "subject must be 'it'"),
    ("applies_to: {kinds: [sla], when: x}", "unknown key 'when'"),
    ("applies_to: {min_hits: 2}", "min_hits needs patterns"),
    ("applies_to: [sla]", "must be a mapping"),
])
def test_bad_applies_to_is_a_located_rule_file_error(tmp_path, bad, message):
    text = RULES.replace("applies_to: {kinds: [agreement, sla], subject: it}", bad)
    if message is None:
        assert load_pack(tmp_path, text)
        return
    with pytest.raises(RuleFileError, match=message) as err:
        load_pack(tmp_path, text)
    assert "applies_to" in str(err.value) and ".yaml:" in str(err.value)


def test_applies_to_and_applies_if_together_is_an_error(tmp_path):
    text = RULES.replace("    applies_to: {kinds: [agreement, other_contract]}\n",
                         "    applies_to: {kinds: [agreement]}\n    applies_if: {patterns: [hosting]}\n")
    with pytest.raises(RuleFileError, match="not both"):
        load_pack(tmp_path, text)
