"""Examples are tests: every rule's `fail` examples must trigger it, its `pass` examples must not.

Runs over every rule in the built-in rulebook (rules/) and the engine's seed pack, each example linted
with that rule alone (a single-rule view of one RuleSet built once).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint.engine import INTERNAL_RULE, lint_analysis
from msalint.errors import RuleFileError
from msalint.rulebook.loader import load_ruleset
from rulebook.helpers import analyse_text

SEED_PACK = Path(__file__).parent / "rulebook" / "fixtures"


def _load():
    try:
        return load_ruleset(extra=[SEED_PACK], select=["ALL"]), None
    except RuleFileError as exc:  # reported by test_rulebook_loads instead of a collection error
        return None, exc


RULESET, LOAD_ERROR = _load()
RULES = RULESET.loaded if RULESET is not None else []
CASES = [pytest.param(rule.id, kind, i, id=f"{rule.id}-{kind}-{i}")
         for rule in RULES for kind in ("fail", "pass") for i in range(len(rule.examples[kind]))]


def test_rulebook_loads():
    assert LOAD_ERROR is None, str(LOAD_ERROR)
    assert len(RULES) > 10


@pytest.mark.parametrize("rule_id, kind, index", CASES)
def test_example(rule_id, kind, index):
    rule = next(r for r in RULES if r.id == rule_id)
    text = rule.examples[kind][index]
    view = RULESET.only(rule_id) if RULESET.get(rule_id) else _view(rule)
    # an example is a document of the first kind the rule applies to (an agreement by default); the subject is
    # the example's own, so pass examples can show a rule staying silent on agreements outside its subject
    scope = rule.applies_to
    kinds = scope.kinds if scope and scope.kinds else ("agreement",)
    result = lint_analysis(analyse_text(text), view.with_kind(kinds[0]))
    internal = [f.message for f in result.findings if f.rule == INTERNAL_RULE]
    assert not internal, internal
    hits = [f for f in result.findings if f.rule == rule_id]
    if kind == "fail":
        assert hits, f"{rule_id} did not fire on its fail example #{index}: {text!r}"
    else:
        assert not hits, f"{rule_id} fired on its pass example #{index}: {[f.message for f in hits]} in {text!r}"


def _view(rule):
    """A single-rule set for a rule the default selection leaves out (enabled: false)."""
    from msalint.rulebook.ruleset import RuleSet

    return RuleSet([rule], element_rules=RULESET.element_rules, parent=RULESET)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented(rule):
    assert len(rule.rationale.split()) >= 5, "rationale too short"
    assert len(rule.remediation.split()) >= 4, "remediation too short"
    assert rule.examples["fail"] and rule.examples["pass"]
    assert not set(rule.examples["fail"]) & set(rule.examples["pass"]), "an example is both fail and pass"
    assert rule.title and rule.message


def test_ids_are_unique_and_elements_snake_case():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.element is None or r.element.replace("_", "").isalnum() for r in RULES)
