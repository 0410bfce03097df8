"""The rule-kind contract: every kind is a registered Kind with a typed config, and a new kind needs nothing
but its own module (the loader, the engine and the element matrix never name a kind)."""
from __future__ import annotations

import dataclasses
import pkgutil
from dataclasses import dataclass

import pytest

import msalint.rulebook.kinds as kinds_package
from msalint.engine import INTERNAL_RULE, lint_analysis
from msalint.errors import RuleFileError
from msalint.rulebook.kinds import _REGISTRY, Kind, kinds, register
from msalint.rulebook.loader import load_ruleset
from msalint.rulebook.schema import check_str

from .helpers import analyse_text
from .test_qa_engine import pack


def test_every_kind_module_registers_one_kind_with_a_typed_config():
    registered = kinds()
    modules = {m.name for m in pkgutil.iter_modules(kinds_package.__path__)}
    assert set(registered) == modules == {"required", "forbidden", "numeric", "conditional", "consistency",
                                          "structure"}
    for name, kind in registered.items():
        assert issubclass(kind, Kind) and kind.name == name
        assert dataclasses.is_dataclass(kind.config)
        assert kind.keys() and kind.compile is not Kind.compile and kind.run is not Kind.run


@dataclass(frozen=True)
class Mentions:
    word: str


class MentionsKind(Kind):
    """Invented for this test: the rule's element is present when the word occurs; a finding when it does not."""

    name = "mentions"
    config = Mentions
    placeholders = frozenset({"word"})

    @staticmethod
    def compile(ctx, rule):
        return Mentions(ctx.get("word", check_str, required=True).lower())

    @staticmethod
    def run(rule, lctx):
        if rule.compiled.word in lctx.text.lower():
            return []
        return [lctx.finding(rule, None, None, fields={"word": rule.compiled.word})]

    @staticmethod
    def detects_element(rule):
        return bool(rule.element)

    @staticmethod
    def element_state(rule, lctx):
        return "present" if rule.compiled.word in lctx.text.lower() else "missing"

    @staticmethod
    def element_spans(rule, lctx):
        at = lctx.text.lower().find(rule.compiled.word)
        return [] if at < 0 else [(at, at + len(rule.compiled.word))]


@pytest.fixture
def mentions_kind():
    register(MentionsKind)
    yield MentionsKind
    _REGISTRY.pop(MentionsKind.name)


RULES = """
- id: T-MEN-001
  title: escrow named
  kind: mentions
  word: Escrow
  element: escrow
  message: "No mention of {word}."

- id: T-MEN-002
  title: escrow needs a release condition
  kind: conditional
  if: [{element: escrow}]
  then: ["release"]
  message: "Escrow without a release condition."
"""


def test_a_new_kind_plugs_into_loader_engine_and_element_matrix(tmp_path, mentions_kind):
    ruleset = load_ruleset(extra=[pack(tmp_path, RULES)], builtin=False, kind="agreement")
    assert set(ruleset.element_rules) == {"escrow"}  # the conditional rule may read the new kind's element

    missing = lint_analysis(analyse_text("1. Fees\nThe Customer pays monthly.\n"), ruleset)
    assert missing.elements == {"escrow": "missing"}
    assert [(f.rule, f.message) for f in missing.findings] == [("T-MEN-001", "No mention of escrow.")]

    present = lint_analysis(analyse_text("1. Escrow\nThe source code is deposited in escrow.\n"), ruleset)
    assert present.elements == {"escrow": "present"}
    assert [f.rule for f in present.findings] == ["T-MEN-002"]  # element present, no release condition
    assert INTERNAL_RULE not in {f.rule for f in missing.findings + present.findings}


def test_keys_of_a_kind_come_from_its_config(tmp_path, mentions_kind):
    bad = RULES.split("\n\n")[0].replace("word: Escrow", "word: Escrow\n  words: [Escrow]")
    with pytest.raises(RuleFileError, match="unknown key for a mentions rule"):
        load_ruleset(extra=[pack(tmp_path, bad)], builtin=False)
    with pytest.raises(RuleFileError, match="unknown kind 'mention'"):
        load_ruleset(extra=[pack(tmp_path, RULES.replace("kind: mentions", "kind: mention"))], builtin=False)
