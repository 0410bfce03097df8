"""Engine contracts: finding fields, ordering, fingerprints, element matrix, isolation of failing rules."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from msalint.engine import INTERNAL_RULE, lint_analysis
from msalint.model import Severity
from msalint.rulebook import patterns
from msalint.rulebook.loader import load_ruleset
from rulebook.helpers import analyse_text

FIXTURES = Path(__file__).parent / "rulebook" / "fixtures"

TEXT = """MANAGED SERVICES AGREEMENT

1. Services
The Provider shall use best efforts to deliver the Services.

2. Fees
Each invoice is payable within ninety (90) days of receipt. Payment is due within fifteen (30) days.
"""


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(extra=[FIXTURES], builtin=False)


def test_findings_carry_position_clause_excerpt_and_fingerprint(ruleset):
    result = lint_analysis(analyse_text(TEXT), ruleset)
    efforts = next(f for f in result.findings if f.rule == "TST-FRB-001")
    assert TEXT[efforts.start:efforts.end] == "best efforts"
    assert efforts.line == 4 and efforts.clause == "1" and efforts.page is None
    assert efforts.excerpt == "The Provider shall use best efforts to deliver the Services."
    assert re.fullmatch(r"[0-9a-f]{20}", efforts.fingerprint)
    assert efforts.severity is Severity.WARNING and efforts.element is None


def test_findings_sorted_with_document_level_first(ruleset):
    result = lint_analysis(analyse_text(TEXT), ruleset)
    starts = [f.start for f in result.findings]
    assert starts[0] is None  # missing service levels
    positioned = [s for s in starts if s is not None]
    assert positioned == sorted(positioned) and len(positioned) >= 3
    missing = result.findings[0]
    assert missing.rule == "TST-REQ-001" and missing.clause is None and missing.line is None


def test_fingerprints_survive_moved_text(ruleset):
    before = lint_analysis(analyse_text(TEXT), ruleset)
    after = lint_analysis(analyse_text("Preamble line.\n\n\n" + TEXT.replace("\n\n", "\n\n\n")), ruleset)
    key = lambda r: sorted((f.rule, f.fingerprint) for f in r.findings)  # noqa: E731
    assert key(before) == key(after)
    assert [f.line for f in before.findings] != [f.line for f in after.findings]
    assert len({f.fingerprint for f in before.findings}) == len(before.findings)


def test_result_copies_document_identity_and_elements(ruleset):
    analysis = analyse_text(TEXT)
    result = lint_analysis(analysis, ruleset)
    doc = analysis.document
    assert (result.path, result.sha256, result.format, result.pages) == (doc.path, doc.sha256, doc.format, doc.pages)
    assert result.elements == {"liquidated_damages": "missing", "service_levels": "missing"}
    assert result.meta["element_evidence"] == {}


def test_element_evidence_explains_presence(ruleset):
    text = "1. Service Levels\nAvailability is 99.9% in each calendar month.\n"
    result = lint_analysis(analyse_text(text), ruleset)
    ev = result.meta["element_evidence"]["service_levels"]
    assert ev["rule"] == "TST-REQ-001" and ev["via"] == "heading" and ev["clause"] == "1"
    assert result.elements["service_levels"] == "present"


def test_a_crashing_rule_becomes_an_internal_finding(tmp_path, monkeypatch):
    pack = tmp_path / "slow.yaml"
    pack.write_text(r"""rules:
  - id: TMP-FRB-001
    title: catastrophic backtracking on the fallback engine
    kind: forbidden
    severity: info
    patterns: [{regex: '(?<=x)(a|aa)+(?=b)c'}]
    message: m
    rationale: r
    remediation: r
    examples: {fail: [a], pass: [b]}
""")
    monkeypatch.setattr(patterns, "REGEX_TIMEOUT_S", 0.05)
    rs = load_ruleset(extra=[pack, FIXTURES], builtin=False)
    result = lint_analysis(analyse_text("x" + "a" * 3000 + " The Provider shall use best efforts."), rs)
    internal = [f for f in result.findings if f.rule == INTERNAL_RULE]
    assert len(internal) == 1 and "TMP-FRB-001" in internal[0].message and internal[0].severity is Severity.ERROR
    assert any(f.rule == "TST-FRB-001" for f in result.findings)  # the other rules still ran


def test_builtin_rules_run_on_a_contract_without_internal_errors():
    rs = load_ruleset()
    result = lint_analysis(analyse_text(TEXT * 3), rs)
    assert not [f for f in result.findings if f.rule == INTERNAL_RULE]
    assert result.elements and set(result.elements.values()) <= {"present", "missing", "incomplete", "not_applicable"}
    # an element is not applicable here only because another one it needs is absent, and says so
    moot = {e for e, state in result.elements.items() if state == "not_applicable"}
    assert moot and moot == set(result.not_applicable)
    assert result.not_applicable["service_credits"].startswith("needs service levels or response times")
