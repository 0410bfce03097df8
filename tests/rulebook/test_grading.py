"""Severity by subject: a missing element graded `warning` is `info` on a document outside IT / managed services;
errors and non-checklist findings keep their severity; a configured subject lifts the grading."""
from __future__ import annotations

import pytest

from msalint.engine import lint_analysis
from msalint.model import Severity

from .helpers import analyse_text, load_pack

RULES = """
rules:
  - id: TST-GR-001
    title: Liability cap
    kind: required
    element: liability_cap
    severity: warning
    patterns: ["aggregate liability"]
    message: No liability cap.
    rationale: Exposure should be capped.
    remediation: Add a cap.
    examples:
      fail: ["Provider shall perform the Services."]
      pass: ["Each party's aggregate liability is limited to the fees paid."]
  - id: TST-GR-002
    title: Governing law
    kind: required
    element: governing_law
    severity: error
    patterns: ["governed by"]
    message: No governing law.
    rationale: A contract needs a governing law.
    remediation: Choose one.
    examples:
      fail: ["Provider shall perform the Services."]
      pass: ["This Agreement is governed by the laws of England."]
  - id: TST-GR-003
    title: Vague efforts
    kind: forbidden
    severity: warning
    patterns: ["best efforts"]
    message: Vague efforts.
    rationale: Efforts standards are vague.
    remediation: State the duty.
    examples:
      fail: ["Provider shall use best efforts to deliver."]
      pass: ["Provider shall deliver."]
"""

CONSULTING = """CONSULTING AGREEMENT

1. Services. Consultant shall use best efforts to advise the Company on its marketing plans.
2. Fees. The Company shall pay the monthly fee within thirty days of invoice.
"""

HOSTING = """MANAGED HOSTING AGREEMENT

1. Services. Provider shall use best efforts to host the Customer's applications on its cloud platform and provide
technical support for incidents, with service levels and uptime reported monthly.
2. Fees. The Customer shall pay the monthly hosting fee within thirty days of invoice.
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    return load_pack(tmp_path_factory.mktemp("gr"), RULES)


def severities(ruleset, text):
    result = lint_analysis(analyse_text(text), ruleset)
    return {f.rule: f for f in result.findings}, result.kind


def test_a_missing_element_is_info_outside_it_services(ruleset):
    found, kind = severities(ruleset, CONSULTING)
    assert kind["subject"] == "other"
    cap = found["TST-GR-001"]
    assert cap.severity is Severity.INFO
    assert cap.details["rule_severity"] == "warning" and "outside IT" in cap.details["graded"]


def test_errors_and_wording_findings_keep_their_severity_outside_it(ruleset):
    found, _ = severities(ruleset, CONSULTING)
    assert found["TST-GR-002"].severity is Severity.ERROR
    assert found["TST-GR-003"].severity is Severity.WARNING and "graded" not in found["TST-GR-003"].details


def test_an_it_services_agreement_keeps_the_warning(ruleset):
    found, kind = severities(ruleset, HOSTING)
    assert kind["subject"] == "it"
    assert found["TST-GR-001"].severity is Severity.WARNING and "graded" not in found["TST-GR-001"].details


def test_a_configured_subject_lifts_the_grading(ruleset):
    result = lint_analysis(analyse_text(CONSULTING), ruleset.with_kind("agreement", subject="it"))
    cap = next(f for f in result.findings if f.rule == "TST-GR-001")
    assert result.kind["subject"] == "it" and cap.severity is Severity.WARNING
