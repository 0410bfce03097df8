"""A gated regex (msalint.gate) finds exactly what the regex alone finds."""
from __future__ import annotations

import random
import re

import pytest

from msalint.gate import first_characters, gated


@pytest.mark.parametrize("source, flags, first", [
    (r"\bservice\s+levels?\b", re.I, "s"),
    (r"\d+(\.\d+)?|one|two", 0, r"\dot"),
    (r"(?<![\w'])(?:[Pp]|S(?!-))-?[0-5]", 0, "PSp"),
    (r"(sub-?)?processors?", re.I, "ps"),
    (r"^\W*amendment\b", re.I | re.M, r"\Wa"),
    (r"(?=x)[a-c]y", 0, "a-c"),
    (r"a?b*c", 0, "abc"),
])
def test_first_characters_are_read_from_the_pattern(source, flags, first):
    assert first_characters(source, flags) == first


@pytest.mark.parametrize("source", [r".x", r"[^.]x", r"a?", r"(a|)", r"\b", r"(?P<x>a)(?P=x)?|(?(x)b|c)", r"(", r"\Sx|."])
def test_no_gate_when_any_character_may_start_a_match_or_a_match_may_be_empty(source):
    assert first_characters(source) is None


def test_a_pattern_with_global_flags_or_verbose_syntax_is_compiled_as_it_is():
    assert gated(r"(?i)abc").pattern == r"(?i)abc"
    assert gated("abc # a comment", re.X).pattern == "abc # a comment"


PIECES = ["a", "b", "P", "s", "S", "ſ", "K", "k", "1", r"\d", r"\s", r"\w", r"\W", "[a-c]", "[Ss]", "[^x]", ".",
          "-", " "]
WRAPS = ["{}", "{}?", "{}*", "{}+", "{}{{0,2}}", "({})", "(?:{}|{})", r"\b{}", "^{}", "(?<!x){}", "(?={}){}",
         "(?i:{})", "(?-i:{})", "{}{}"]
ALPHABET = "abcPpSsſKkxy12 -\n_İı"


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    if depth > 3 or rng.random() < 0.3:
        return rng.choice(PIECES)
    wrap = rng.choice(WRAPS)
    return wrap.format(*(_random_pattern(rng, depth + 1) for _ in range(wrap.count("{}"))))


def test_gated_and_plain_patterns_find_the_same_spans_on_random_texts():
    rng = random.Random(20261207)
    texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(60)]
    gated_count = 0
    for _ in range(1500):
        source = _random_pattern(rng)
        flags = rng.choice([0, re.I, re.I | re.M])
        try:
            plain = re.compile(source, flags)
        except re.error:
            continue
        gate = gated(source, flags)
        gated_count += gate.pattern != source
        for text in texts:
            assert [m.span() for m in gate.finditer(text)] == [m.span() for m in plain.finditer(text)], (source, text)
    assert gated_count > 500  # most random patterns did get a gate


def test_without_the_regex_parser_patterns_compile_ungated(monkeypatch):
    import msalint.gate as gate

    monkeypatch.setattr(gate, "sre_parse", None)
    assert gate.first_characters(r"\b(?:hours?|days?)\b") is None
    assert gate.gated(r"\b(?:hours?|days?)\b", 2).pattern == r"\b(?:hours?|days?)\b"
