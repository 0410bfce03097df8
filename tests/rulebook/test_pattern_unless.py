"""A pattern's own `unless`: exceptions read only in the hit's semicolon segment of its sentence."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.errors import RuleFileError

from .helpers import analyse_text, load_pack

RULE = """
rules:
  - id: TST-PU-001
    title: Termination for convenience
    kind: required
    category: required-element
    element: convenience_exit
    severity: warning
    patterns:
      - regex: 'may\\s+terminate'
        unless:
          - {regex: 'for\\s+cause'}
      - {regex: 'end\\s+this\\s+agreement\\s+at\\s+will'}
    message: No exit for convenience.
    rationale: A customer needs a way out.
    remediation: Add one.
    examples:
      fail: ["Customer may terminate for cause on notice."]
      pass: ["Customer may terminate on notice; Provider may end the services for cause."]
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    return load_pack(tmp_path_factory.mktemp("pu"), RULE)


def element(ruleset, text):
    return lint_analysis(analyse_text(text), ruleset).elements["convenience_exit"]


def test_exception_in_the_same_segment_drops_the_hit(ruleset):
    assert element(ruleset, "Customer may terminate this Agreement for cause on 30 days' notice.") == "missing"


def test_exception_in_another_semicolon_segment_does_not(ruleset):
    text = "Customer may terminate on 60 days' notice; Provider may suspend the services for cause."
    assert element(ruleset, text) == "present"


def test_exception_applies_only_to_its_own_pattern(ruleset):
    text = "Customer may end this Agreement at will, and for cause as well."
    assert element(ruleset, text) == "present"


def test_nested_unless_is_a_rule_file_error(tmp_path):
    bad = RULE.replace("- {regex: 'for\\s+cause'}", "- {regex: 'for\\s+cause', unless: [x]}")
    assert bad != RULE
    with pytest.raises(RuleFileError, match="own 'unless'"):
        load_pack(tmp_path, bad)


def test_unless_must_be_a_pattern_list(tmp_path):
    bad = RULE.replace("unless:\n          - {regex: 'for\\s+cause'}", "unless: 42")
    assert bad != RULE
    with pytest.raises(RuleFileError):
        load_pack(tmp_path, bad)
