"""The concept language: shared vocabularies, `near` on words, typed values, redaction, negation and modality."""
from __future__ import annotations

import pytest

from msalint.api import lint_text
from msalint.errors import RuleFileError
from msalint.rulebook.concepts import builtin_registry

from .helpers import load_pack

RULE = """
  - id: T-{n}-001
    title: t
    kind: required
    element: e{n}
    severity: warning
    message: m
    rationale: r
    remediation: r
    examples: {{fail: ["x"], pass: ["y"]}}
    patterns: [{pattern}]
"""


def pack(folder, *patterns: str):
    body = "".join(RULE.format(n=i, pattern=p) for i, p in enumerate(patterns))
    return load_pack(folder, "pack: t\nrules:" + body)


def present(ruleset, text: str, n: int = 0) -> bool:
    return lint_text(text, ruleset).elements.get(f"e{n}") == "present"


CONCEPTS = sorted(builtin_registry().concepts.items())


@pytest.mark.parametrize("name,concept", CONCEPTS, ids=[n for n, _ in CONCEPTS])
def test_every_builtin_concept_matches_its_own_examples(tmp_path, name, concept):
    assert concept.examples.get("match") and concept.examples.get("no_match"), f"{name} needs examples"
    ruleset = pack(tmp_path, f"{{concept: {name}}}")
    for text in concept.examples["match"]:
        assert present(ruleset, text), f"{name} should match: {text}"
    for text in concept.examples["no_match"]:
        assert not present(ruleset, text), f"{name} should not match: {text}"


@pytest.fixture(scope="module")
def response_rule(tmp_path_factory):
    return pack(tmp_path_factory.mktemp("near"),
                "{near: [{concept: respond}, {concept: support_request}, {value: duration}], within: 15}")


@pytest.mark.parametrize("text", [
    "The Supplier replies to every ticket within two hours.",                     # active
    "Each ticket is answered by the Supplier within two hours.",                  # passive
    "Within two hours of a call being logged, Acme Hosting Ltd shall respond.",   # condition first, a name
    "Responses to faults reported under clause 6.3.1 (i) arrive within 4 hours.",  # dotted number, enumerator
    "Incidents are acknowledged within [*] hours.",                                # redaction for a number
    "| Incident | Response |\n|---|---|\n| Outage | 2 hours |\n",                  # a table: header words count
])
def test_near_finds_a_response_time_however_it_is_phrased(response_rule, text):
    assert present(response_rule, text)


@pytest.mark.parametrize("text", [
    "Either party may terminate if the other fails to cure a breach within thirty (30) days after notice.",
    "Provider shall refund the deposit within ten (10) business days after Customer's written request.",
    "The Supplier responds to tickets. The invoice is due within 30 days.",        # two sentences
    "No commitment to respond to any ticket within four hours is made.",           # negated
    "The parties may agree to respond to tickets within four hours.",              # hypothetical
    "Target response times for tickets are to be agreed within 90 days.",          # to be agreed
])
def test_near_does_not_read_other_deadlines_negation_or_plans(response_rule, text):
    assert not present(response_rule, text)


def test_within_counts_words_not_characters(tmp_path):
    ruleset = pack(tmp_path, "{near: [pay, {value: duration}], within: 3}")
    assert present(ruleset, "Fees: pay (6.3.1(a)) in 30 days.")  # a clause number is one word, "(a)" none
    assert not present(ruleset, "Fees: pay the whole amount of each and every invoice in 30 days.")


def test_ordered_and_units(tmp_path):
    ordered = pack(tmp_path, "{near: [escalate, {concept: senior_level}], ordered: true}")
    assert present(ordered, "Issues escalate to the Managing Director.")
    assert not present(ordered, "The Managing Director may escalate issues.")


def test_unit_segment_stops_at_semicolons_and_clause_spans_sentences(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    seg = pack(tmp_path / "a", "{near: [{concept: terminate}, {concept: breach}], unit: segment, within: 30}")
    assert present(seg, "Either party may terminate this Agreement if the other commits a material breach.")
    assert not present(seg, "Either party may terminate this Agreement on notice; a breach of warranty gives a refund.")
    clause = pack(tmp_path / "b", "{near: [{concept: terminate}, {concept: breach}], unit: clause, within: 30}")
    text = "1. Default\nA party commits a material breach. The other party may then terminate this Agreement.\n"
    assert present(clause, text)


def test_two_items_of_the_same_kind_need_two_hits(tmp_path):
    ruleset = pack(tmp_path, "{near: [{value: priority}, {value: priority}], within: 30}")
    assert present(ruleset, "Priority 1 calls are answered in an hour and Priority 2 calls in a day.")
    assert not present(ruleset, "Priority 1 calls are answered in an hour.")


def test_negated_ok_opts_in_to_negated_hits(tmp_path):
    ruleset = pack(tmp_path, "{concept: terminate, negated_ok: true}")
    assert present(ruleset, "Neither party may terminate this Agreement.")


def test_a_user_pack_extends_a_concept_and_adds_its_own(tmp_path):
    (tmp_path / "vocab.yaml").write_text(
        "concepts:\n  respond: {extend: true, words: [holler back]}\n"
        "  fruit: {words: [apple, pear], examples: {match: [an apple], no_match: [a car]}}\n", encoding="utf-8")
    body = "".join(RULE.format(n=i, pattern=p) for i, p in enumerate(["{concept: respond}", "{concept: fruit}"]))
    (tmp_path / "pack.yaml").write_text("pack: t\nrules:" + body, encoding="utf-8")
    from msalint.rulebook.loader import load_ruleset

    ruleset = load_ruleset(extra=[tmp_path], builtin=False)
    assert present(ruleset, "We holler back at once.", 0)
    assert present(ruleset, "Two pears.", 1)
    # the added words are part of the cache key
    assert ruleset.concepts_digest != builtin_registry().digest()


def test_concept_errors_name_the_file(tmp_path):
    with pytest.raises(RuleFileError, match="unknown concept 'nonesuch'"):
        pack(tmp_path, "{concept: nonesuch}")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "v.yaml").write_text("concepts:\n  respond: {words: [x]}\n", encoding="utf-8")
    from msalint.rulebook.loader import load_ruleset

    with pytest.raises(RuleFileError, match="already defined"):
        load_ruleset(extra=[tmp_path / "c"], builtin=False)
    with pytest.raises(RuleFileError, match="at least two items"):
        pack(tmp_path, "{near: [pay]}")
    with pytest.raises(RuleFileError, match="'within'"):
        pack(tmp_path, "{near: [pay, due], within: 0}")


def test_modality_applies_to_every_pattern_and_negated_ok_opts_out(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = pack(tmp_path / "a", "{regex: 'response\\s+times?'}")
    opted = pack(tmp_path / "b", "{regex: 'response\\s+times?', negated_ok: true}")
    text = "The parties may agree on response times for tickets."
    assert not present(plain, text)
    assert present(opted, text)
    assert present(plain, "Response times for tickets are set out below.")


def test_unit_clause_is_the_paragraph_where_there_are_no_numbered_clauses(tmp_path):
    ruleset = pack(tmp_path, "{near: [{value: priority}, {value: priority}], within: 40, unit: clause}")
    assert present(ruleset, "P1 faults are answered in an hour. P2 faults are answered in a day.")
    assert not present(ruleset, "P1 faults are answered in an hour.\n\nP2 faults are answered in a day.")
