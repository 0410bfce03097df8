"""The style pack is opt-in: off by default, switched on by selecting its name."""
from __future__ import annotations

import pytest

from msalint.api import lint_text
from msalint.errors import RuleFileError
from msalint.rulebook.loader import load_pack, load_ruleset

STYLE = {"MSA-WRD-002", "MSA-WRD-006", "MSA-WRD-007", "MSA-WRD-018", "MSA-WRD-019",
         "MSA-REF-003",  # from references.yaml, opt-in on its own (`opt_in: style`)
         "MSA-WRD-016"}  # from wording.yaml, opt-in on its own
TEXT = ("1. Support\nProvider and/or its affiliates shall answer tickets promptly. Invoices shall be paid, "
        "notwithstanding anything to the contrary, within 30 days.\n")


def ids(ruleset):
    return {r.id for r in ruleset.rules}


def test_style_rules_are_loaded_but_not_run_by_default():
    ruleset = load_ruleset()
    assert not ids(ruleset) & STYLE
    assert {r.id for r in ruleset.loaded if r.pack == "style"} == STYLE
    assert not any(f.rule in STYLE for f in lint_text(TEXT, ruleset).findings)


def test_selecting_the_pack_by_name_switches_it_on():
    everything = load_ruleset(select=["ALL", "style"])
    assert ids(everything) == {r.id for r in everything.loaded if r.enabled or r.pack == "style"}
    assert ids(load_ruleset(select=["Style"])) == STYLE
    assert {"MSA-WRD-006", "MSA-WRD-018"} <= {f.rule for f in lint_text(TEXT, everything).findings}


def test_one_style_rule_by_its_id_and_ignoring_the_pack():
    assert ids(load_ruleset(select=["MSA-WRD-006"])) == {"MSA-WRD-006"}
    assert not ids(load_ruleset(select=["ALL", "style"], ignore=["style"])) & STYLE
    assert ids(load_ruleset(select=["MSA-WRD"])).isdisjoint(STYLE)  # a prefix does not switch an opt-in rule on


def test_opt_in_must_be_a_boolean(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text("pack: house\nopt_in: maybe\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="opt_in"):
        load_pack(pack)


def test_any_pack_can_be_opt_in(tmp_path):
    rule = load_pack(next(p for p in _rules_dir().glob("style.yaml")))[0]
    assert rule.enabled is False and rule.pack == "style"


def _rules_dir():
    from msalint.rulebook.loader import builtin_rules_dir

    return builtin_rules_dir()
