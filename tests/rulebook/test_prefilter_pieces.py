"""Searching a regex only in the pieces of text that can hold a match finds what a scan of the whole text finds."""
from __future__ import annotations

import random

import pytest

from msalint.rulebook.prefilter import Breaks, LiteralIndex, excluded_breaks


@pytest.mark.parametrize("source, breaks", [
    (r"terminat\w+[^.;]{0,250}(breach|default)", {".", ";"}),
    (r"notice\s+period", {".", ";", ":"}),  # \s may hold a line break
    (r"notice\S+period", {"\n"}),
    (r"(a|b\.)c", {";", ":", "\n"}),
    (r"x(?=\.)\d", {".", ";", ":", "\n"}),  # a lookahead consumes nothing
    (r"a[.:]?b", {";", "\n"}),
])
def test_excluded_breaks_are_the_characters_no_match_can_hold(source, breaks):
    assert excluded_breaks(source) == frozenset(breaks)


@pytest.mark.parametrize("source, breaks", [
    (r"\bnotice\s+period\b", {".", ";", ":"}),  # word boundaries read the same at a break and at the end
    (r"x(?=\.)\d", {";", ":", "\n"}),  # the lookahead reads a full stop
    (r"(?<!;)x\d", {".", ":", "\n"}),
    (r"notice$", None),  # the end of a range is no end of the text
    (r"^notice", None),
])
def test_the_fallback_engine_counts_what_its_lookarounds_and_anchors_read(source, breaks):
    assert excluded_breaks(source, sees_around=False) == (frozenset(breaks) if breaks else None)


@pytest.mark.parametrize("source", [r"foo.bar", r"[^a-z]x", r"a\W+b", r"\bfoo|\b", r"[[:alpha:]]+\.", r"(?P<x>a)(?P=x)"])
def test_no_breaks_when_any_character_may_be_in_a_match_or_a_match_may_be_empty(source):
    assert excluded_breaks(source) is None


def test_pieces_are_the_ranges_between_breaks_that_hold_every_required_literal():
    text = "The notice period ends. No period here; notice given: period. notice"
    breaks = Breaks(text, frozenset(".;"))
    scan = LiteralIndex([(frozenset({"notice"}), frozenset({"period"}))]).scan(text)
    requirement = (frozenset({"notice"}), frozenset({"period"}))
    assert [text[lo:hi] for lo, hi in scan.pieces(requirement, breaks, most=10)] == [
        "The notice period ends", " notice given: period"]
    assert scan.pieces(requirement, breaks, most=1) is None  # the rarest literal is found twice: not worth it
    assert scan.pieces((frozenset({"credit"}),), breaks, most=10) is None  # not indexed: unknown


def test_neighbouring_pieces_are_searched_as_one_range():
    text = "notice; notice; x. notice"
    scan = LiteralIndex([(frozenset({"notice"}),)]).scan(text)
    assert scan.pieces((frozenset({"notice"}),), Breaks(text, frozenset(".;")), most=10) == [(0, 14), (18, 25)]


WORDS = ["notice", "Notice", "NOTICE", "period", "days", "terminate", "terminates", "breach", "STRASSE", "straße",
         "café", "\u212a", "x", "a", "b", "the", "30", "☃"]
GAPS = [" ", "  ", ". ", "; ", ": ", "\n", ", ", ".", "-", "", "; \n"]
ATOMS = [r"notice", r"period", r"days?", r"terminat\w*", r"breach", r"strasse", r"café", r"\d+", r"the", "\u212a"]
JOINS = [r"\s+", r"[^.;]{0,20}", r"\W{0,3}", r"\s*:?\s*", r"[^.]{0,40}?", r"\S*\s+", r",?\s+"]
WRAPS = ["{}", r"\b{}\b", "({})?{}", "(?:{}|{})", "{}$", "^{}", "(?m)^{}", r"{}(?!\w)", r"(?<!x){}", r"(?<=\W){}",
         r"{}(?=\W)", r"{}(?=[^.]{{0,9}}the)", r"{}(?!\s*\.)", r"{}(?=;)", r"(?<![.;:] ){}"]


def _random_pattern(rng: random.Random) -> str:
    parts = [rng.choice(ATOMS)]
    for _ in range(rng.randint(1, 3)):
        parts += [rng.choice(JOINS), rng.choice(ATOMS)]
    body = "".join(parts)
    wrap = rng.choice(WRAPS)
    return wrap.format(*([body] + [rng.choice(ATOMS)] * (wrap.count("{}") - 1)))


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(GAPS) for _ in range(rng.randint(0, 30)))


def test_searching_pieces_or_trying_starts_in_them_finds_what_a_scan_finds():
    from msalint.rulebook.context import _inside
    from msalint.rulebook.patterns import SafeRegex

    rng = random.Random(20261208)
    regexes = [r for r in (SafeRegex(_random_pattern(rng)) for _ in range(400)) if r.breaks and r.requirement]
    assert len(regexes) > 120
    index = LiteralIndex([r.requirement for r in regexes], [r.lead for r in regexes])
    narrowed = matched = fallback = 0
    for _ in range(150):
        text = _random_text(rng)
        data = text.encode("utf-8")
        byte_at = [i for i in range(len(data)) if data[i] & 0xC0 != 0x80] + [len(data)]
        scan = index.scan(text)
        for regex in regexes:
            pieces = scan.pieces(regex.requirement, Breaks(text, regex.breaks), most=len(text))
            if pieces is None:
                continue
            narrowed += 1
            starts = scan.match_starts(regex.lead)
            kept = None if starts is None else _inside(starts, pieces)
            if regex.engine != "re2":  # the fallback engine: character offsets
                expected = list(regex.spans(text))
                fallback += 1
                matched += bool(expected)
                assert list(regex.spans(text, ranges=pieces)) == expected, (regex.source, text)
                if kept is not None:
                    assert list(regex.spans(text, starts=kept)) == expected, (regex.source, text)
                continue
            expected = list(regex.spans(text, data=data))
            matched += bool(expected)
            ranges = [(byte_at[lo], byte_at[hi]) for lo, hi in pieces]
            assert list(regex.spans(text, data=data, ranges=ranges)) == expected, (regex.source, text)
            if kept is not None:
                kept = [byte_at[at] for at in kept]
                assert list(regex.spans(text, data=data, starts=kept)) == expected, (regex.source, text)
    assert narrowed > 8_000 and matched > 500 and fallback > 1_000  # the pieces were used, and on texts with matches


def test_the_rulebook_finds_the_same_hits_with_pieces_as_with_a_scan():
    from msalint.api import load_rules
    from msalint.ingest.text import document_from_text
    from msalint.rulebook.context import LintContext
    from msalint.rulebook.matching import _root_patterns
    from msalint.segment import analyse
    from shared_paths import REPO

    ruleset = load_rules()
    patterns = list(_root_patterns(ruleset, "regex").values())
    ranged = 0
    for path in sorted((REPO / "corpora").glob("*.md")):
        context = LintContext(analyse(document_from_text(path.read_text(encoding="utf-8"), path=str(path))), ruleset)
        for pattern in patterns:
            assert context.hits(pattern) == list(pattern.regex.spans(context.text)), (path.name, pattern.value)
            ranged += context._search_plan(pattern)[1] is not None
    assert ranged > 100
