"""The value extractors' shortcuts (words a text must hold, a first-character gate) change no extracted value."""
from __future__ import annotations

import random
import re

import pytest

from msalint import values as V

# pieces of invented clauses, in odd cases and with the characters Python's case-insensitive matching takes for
# ASCII letters (dotted capital I, dotless i, long s, Kelvin sign)
PIECES = [
    "P1", "p-2", "S3", "S-4", "Sev 1", "SEV-2", "sev3", "ſev 2", "Priority", "PRİORİTY", "priorıty level", "Severity: High",
    "class", "CLASS", "Level", "tıer", "type", "B", "II", "iv", "Class 1 Error", "LEVEL B incidents",
    "Category II defect", "tıer 3 calls", "errors", "incident", "Incidents", "tickets", "issue",
    "high", "HIGH", "hıgh", "Critical", "urgent", "low", "minor", "major", "normal", "medium", "emergency",
    "thirty", "THIRTY", "thirty (30)", "TEN (11)", "fıve ( 5 )", "one hundred (100)", "(30)", "( 30 )", "ninety-nine point five", "one hundred and twenty", "twenty four", "1,000",
    "99.9", "5", "0", "%", "per cent", "percent", "PERCENT", "per  cent", "perſent",
    "days", "DAYS", "dayſ", "day(s)", "business", "working", "calendar", "hour", "hours", "HRS", "mınutes", "mins",
    "week", "weeK", "months", "year", "seconds", "ſeconds", "within", "WITHIN", "in", "after", "by", "of", "an", "a",
    "the next", "the following", "within an hour", "BY THE NEXT business day", "after a weeK", "ın a day", "24x7", "24/7", "a day", "per week", "loans", "LIBOR",
    "Provider", "shall", "respond", "to", "each", "request", "and", "fix", "it", "the", "Service", "Credit",
]
SEPARATORS = [" ", " ", " ", "-", ", ", ". ", "\n", "(", ")", ": ", "'", "’", "_", "\u00a0"]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 14)))
            for _ in range(count)]


TEXTS = _texts(4000, 20261207) + [
    "Priority 1 incidents are answered within thirty (30) minutes and fixed within four (4) hours.",
    "A Severity 2 fault: within one business day; a P3 request, within the next working day.",
    "Availability of ninety-nine point five percent (99.5%) each month, with 24/7 support.",
    "The fee is fifteen (30) days late; interest accrues at 1.5 per cent per month on 90 day loans.",
    "Class II defects and Level B incidents are fixed in an hour; Critical priority tickets at once.",
]


def _ungated(pattern: re.Pattern) -> re.Pattern:
    """The pattern without the first-character gate that values.gated put in front of it."""
    source = pattern.pattern
    assert source.startswith("(?=(?i:[")
    inner = source[source.index("]))(?:") + len("]))(?:"):-1]
    return re.compile(inner, pattern.flags)


GATED = ["_DURATION_RE", "_ARTICLE_DURATION_RE", "_PERCENT_RE", "_PRIORITY_NUM", "_PRIORITY_CLASS",
         "_PRIORITY_WORD_CTX", "_PRIORITY_WORD_BARE", "_DUAL_RE"]


@pytest.mark.parametrize("name", GATED)
def test_a_gated_pattern_finds_what_the_pattern_alone_finds(name):
    gated = getattr(V, name)
    plain = _ungated(gated)
    for text in TEXTS:
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_the_gates_leave_some_matches_to_find():
    """The comparison above is not vacuous: the texts hold values of every kind."""
    for name in GATED:
        assert sum(1 for text in TEXTS if _ungated(getattr(V, name)).search(text)) > 20, name


def test_a_text_without_a_unit_or_percent_word_holds_no_duration_or_percentage():
    for text in TEXTS:
        assert V.extract_durations(text, 7) == V._scan_durations(text, 7), text
        assert V.extract_percents(text, 7) == V._scan_percents(text, 7), text


def test_a_priority_pattern_only_matches_texts_its_shortcut_lets_through():
    for text in TEXTS:
        folded = V.fold_ascii(text)
        if _ungated(V._PRIORITY_NUM).search(text):
            assert V._may_hold_rank(text, folded), text
        if _ungated(V._PRIORITY_CLASS).search(text):
            assert V._may_hold_class(folded), text
        if _ungated(V._PRIORITY_WORD_CTX).search(text):
            assert V._may_hold_word(folded, bare_words=False), text
        if _ungated(V._PRIORITY_WORD_BARE).search(text):
            assert V._may_hold_word(folded, bare_words=True), text
        if _ungated(V._DUAL_RE).search(text):
            assert V._DIGIT_IN_PARENTHESES.search(text), text


def test_fold_ascii_gives_the_letter_a_case_insensitive_regex_takes_each_character_for():
    any_letter = re.compile("[a-z]", re.I)
    for code in range(0x110000):
        char = chr(code)
        if any_letter.fullmatch(char):
            folded = V.fold_ascii(char)
            assert len(folded) == 1 and re.fullmatch(folded, char, re.I), (hex(code), folded)


def test_the_shortcuts_still_find_values_in_odd_cases():
    assert [v.amount for v in V.extract_durations("WITHIN THIRTY (30) DAYS or SEVEN weeKs")] == [30, 7]
    assert [v.amount for v in V.extract_priorities("PRİORİTY 2 and Sev 1")] == [2, 1]
    assert V.extract_percents("FIVE PER CENT") and V.extract_dual_numbers("TEN (11)")[0].mismatch
