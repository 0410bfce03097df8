"""Gaps reviewers rarely act on (audit rights, BC/DR, change control, assignment, undefined external standards) are
opt-in: the default run is silent about them, their elements are still detected, and the customer profile asks for
audit rights and BC/DR again."""
from __future__ import annotations

from msalint.engine import lint_analysis
from msalint.rulebook.loader import load_ruleset

from .helpers import analyse_text

DEAL = ("MANAGED IT SERVICES AGREEMENT\nThis Agreement is made between Acme Ltd (\"Customer\") and Beta IT Ltd "
        "(\"Provider\").\n1. Services. Provider shall host the Customer's online shop in its data centre and follow "
        "industry standards.\n2. Fees. Customer shall pay the fees within 30 days of invoice.\n")
QUIET = {"MSA-GOV-003", "MSA-GOV-004", "MSA-SCP-004", "MSA-GEN-004", "MSA-WRD-016"}


def run(**kwargs):
    result = lint_analysis(analyse_text(DEAL), load_ruleset(**kwargs))
    return {f.rule for f in result.findings}, result.elements


def test_the_default_run_is_silent_but_still_detects_the_elements():
    rules, elements = run()
    assert not rules & QUIET
    assert elements["audit_rights"] == "missing" and elements["change_control"] == "missing"


def test_the_checklist_and_style_packs_bring_them_back():
    rules, _ = run(select=["ALL", "checklist", "style"])
    assert QUIET <= rules


def test_the_customer_profile_asks_for_audit_rights_and_bc_dr():
    rules, _ = run(profile="customer")
    assert {"MSA-GOV-003", "MSA-GOV-004", "MSA-WRD-016"} <= rules
    assert not rules & {"MSA-SCP-004", "MSA-GEN-004"}
