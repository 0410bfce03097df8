"""`applies_if` (the older spelling of `applies_to: {patterns, min_hits}`): a rule meant for one kind of agreement
stays silent on documents without its vocabulary."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.errors import RuleFileError

from .helpers import analyse_text, load_pack

RULE = """
rules:
  - id: TST-AI-001
    title: Service levels
    kind: required
    category: required-element
    element: service_levels
    severity: error
    applies_if:
      patterns: [hosting, {regex: '\\bservers?\\b'}]
      min_hits: 2
    patterns: [{regex: '99(\\.\\d+)?\\s*%'}]
    message: No service levels.
    rationale: Managed services need measurable targets.
    remediation: Add them.
    examples:
      fail: ["Provider runs the hosting service on its own servers."]
      pass: ["Consultant advises on strategy."]
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    return load_pack(tmp_path_factory.mktemp("ai"), RULE)


def lint(ruleset, text):
    result = lint_analysis(analyse_text(text), ruleset)
    return [f.rule for f in result.findings], result.elements


def test_rule_runs_when_the_document_is_of_its_kind(ruleset):
    rules, elements = lint(ruleset, "Provider shall run the hosting service on two servers it owns.")
    assert rules == ["TST-AI-001"] and elements["service_levels"] == "missing"


def test_rule_is_silent_below_min_hits_but_still_detects_the_element(ruleset):
    rules, elements = lint(ruleset, "Consultant shall advise on the hosting strategy.")
    assert rules == []
    assert elements["service_levels"] == "not_applicable"  # absent, and no rule asks for it here
    rules, elements = lint(ruleset, "Consultant shall advise on strategy and keep 99.5% of meetings.")
    assert rules == [] and elements["service_levels"] == "present"


@pytest.mark.parametrize("bad, message", [
    ("applies_if: [hosting]", "must be a mapping"),
    ("applies_if: {patterns: [hosting], min_hits: 0}", "min_hits"),
    ("applies_if: {patterns: [hosting], when: x}", "unknown key 'when'"),
])
def test_bad_applies_if_is_a_located_rule_file_error(tmp_path, bad, message):
    text = RULE.replace("applies_if:\n      patterns: [hosting, {regex: '\\bservers?\\b'}]\n      min_hits: 2",
                        bad)
    assert text != RULE
    with pytest.raises(RuleFileError, match=message):
        load_pack(tmp_path, text)


def test_a_patterns_own_unless_applies_to_applies_if(tmp_path):
    text = RULE.replace("patterns: [hosting, {regex: '\\bservers?\\b'}]\n      min_hits: 2",
                        "patterns: [{phrase: hosting, unless: [{phrase: strategy}]}]")
    assert text != RULE
    ruleset = load_pack(tmp_path, text)
    assert lint(ruleset, "Consultant shall advise on the hosting strategy.")[0] == []
    assert lint(ruleset, "Provider shall run the hosting service.")[0] == ["TST-AI-001"]
