"""Patterns: the regex guard, negation, heading matching (incl. real CUAD headings) and phrase matching."""
from __future__ import annotations

import re

import pytest

from msalint.rulebook.headings import heading_matches, heading_score, normalize_heading
from msalint.rulebook.patterns import RegexTimeout, SafeRegex, is_negated, parse_patterns


def fail(message):
    raise ValueError(message)


def test_catastrophic_regex_runs_linear_on_re2():
    rx = SafeRegex(r"(a+)+$")
    assert rx.engine == "re2"
    assert list(rx.spans("a" * 50_000 + "b")) == []  # returns (linear time) instead of backtracking for ever
    assert list(rx.spans("xaaa")) == [(1, 4)]


def test_non_re2_regex_falls_back_with_timeout():
    rx = SafeRegex(r"(?<!x)(a|aa)+(?=b)c")  # lookarounds: not RE2
    assert rx.engine == "regex"
    with pytest.raises(RegexTimeout):
        list(rx.spans("a" * 5_000, timeout=0.05))


def test_backreference_regex_works_on_fallback():
    rx = SafeRegex(r"\b(\w+) \1\b")
    assert rx.engine == "regex"
    assert list(rx.spans("the the end")) == [(0, 7)]


def test_regex_case_insensitive_by_default():
    assert list(SafeRegex(r"\bP1\b").spans("a p1 b")) == [(2, 4)]
    assert list(SafeRegex(r"\bP1\b", case_sensitive=True).spans("a p1 b")) == []


def test_empty_matching_regex_rejected():
    with pytest.raises(ValueError, match="empty string"):
        parse_patterns([{"regex": "x*"}], fail)


def test_token_pattern_attributes_must_be_upper_case():
    with pytest.raises(ValueError, match="upper case"):
        parse_patterns([{"tokens": [{"lower": "within"}]}], fail)
    assert parse_patterns([{"tokens": [{"LOWER": "within"}]}], fail)[0].type == "tokens"


@pytest.mark.parametrize("prefix, negated", [
    ("No ", True),
    ("The Provider shall not offer ", True),
    ("Nothing in this Agreement obliges the Provider to give ", True),
    ("In no event shall the Provider owe ", True),
    ("The Customer is entitled to ", False),
    ("The Provider shall, no later than 5 days after the month end, pay ", False),
    ("Without limitation, the Provider shall pay ", False),
    ("Failure to pay (including, but not limited to, late payment) will incur ", False),
    ("Costs include, but are not limited to, ", False),
    ("The Provider is not liable for delay; however the Provider shall pay ", False),
    ("Where the Provider does not meet a target, it shall pay ", False),
    ("If the breach is not cured within 30 days, Customer may ", False),
    ("The party which is not in default shall ", False),
    ("Provider shall, at no cost to Customer, ", False),
    ("Provider shall provide, for no additional charge, ", False),
    ("Any data that is not ", True),
    ("Neither party, Customer included, may ", True),
    ("Provider shall not, at no cost to Customer, ", True),
])
def test_negation(prefix, negated):
    assert is_negated(prefix) is negated


@pytest.mark.parametrize("heading", ["8.1 Service Levels.", "ARTICLE IV - SERVICE LEVELS", "Service Level", "(b) service levels"])
def test_heading_variants_match(heading):
    assert heading_matches(heading, ["service levels"])


@pytest.mark.parametrize("heading, synonyms", [
    ("Legal Effect", ["effect of termination", "effects of termination"]),
    ("SETTLEMENT OF DISPUTES AND APPLICABLE LAW", ["term and termination", "termination"]),
    ("Term", ["term and termination"]),
    ("Termination", ["term"]),
    ("Determination of Fees", ["termination"]),
])
def test_heading_false_friends_do_not_match(heading, synonyms):
    assert not heading_matches(heading, synonyms), heading_score(heading, synonyms[0])


def test_normalize_heading_strips_numbering():
    assert normalize_heading("12.3  Governing Law.") == "governing law"
    assert normalize_heading("ARTICLE XI MISCELLANEOUS") == "miscellaneous"
    assert normalize_heading("Section 9. Indemnification.") == "indemnification"


_CUAD_HEADING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|ARTICLE\s+[IVXL0-9]+\.?|Section\s+[\d.]+)\s+([A-Z][A-Za-z ,&-]{3,60}?)\.?\s*$",
                           re.M)
FAMILIES = {
    "termination": (["termination", "term and termination", "termination for cause", "effect of termination"],
                    ("terminat",)),
    "governing_law": (["governing law", "applicable law", "choice of law", "governing law and jurisdiction"],
                      ("law", "jurisdiction")),
    "confidentiality": (["confidentiality", "confidential information", "non-disclosure"], ("confidential", "disclosure")),
    "fees": (["fees", "fees and payment", "charges", "compensation", "payment terms"],
             ("fee", "charge", "compensation", "payment")),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_heading_precision_on_real_cuad_headings(shared, family):
    synonyms, must_contain = FAMILIES[family]
    headings = set()
    for path in sorted((shared / "corpora" / "cuad-dev" / "txt").glob("*.txt"))[:150]:
        headings.update(m.group(1).strip() for m in _CUAD_HEADING.finditer(path.read_text(errors="replace")))
    matched = [h for h in headings if heading_matches(h, synonyms)]
    wrong = [h for h in matched if not any(w in h.lower() for w in must_contain)]
    assert len(headings) > 200
    assert matched, f"no {family} heading matched"
    assert wrong == [], wrong


def test_regex_offsets_are_characters_in_non_ascii_text():
    from msalint.rulebook.context import LintContext
    from msalint.rulebook.loader import load_ruleset

    from .helpers import analyse_text

    text = "Le “Prestataire” — fournira € 5 service levels; naïve café service level."
    ctx = LintContext(analyse_text(text), load_ruleset(builtin=False))
    found = [text[s:e] for p in parse_patterns([{"regex": r"service\s+levels?"}, {"regex": "caf."}], fail)
             for s, e in ctx.hits(p)]
    assert found == ["service levels", "service level", "café"]


def test_re2_runs_with_a_small_memory_budget_and_a_larger_regex_still_runs_on_re2():
    from msalint.rulebook.patterns import RE2_MAX_MEM, SafeRegex

    small = SafeRegex(r"service\s+levels?")
    assert (small.engine, small.compiled.options.max_mem) == ("re2", RE2_MAX_MEM)
    large = SafeRegex(r"\p{L}{200}x\p{L}{200}")  # over the small budget, within RE2's default one
    assert large.engine == "re2" and large.compiled.options.max_mem > RE2_MAX_MEM
    assert large.search("a" * 200 + "x" + "b" * 200)
