"""The regex literal prefilter: it may only skip a regex that cannot match."""
from __future__ import annotations

import re

import pytest

from msalint.rulebook.prefilter import LiteralIndex, leading_literals, required_literals


def test_required_literals_follow_sequences_alternations_and_repeats():
    assert required_literals(r"service\s+levels?") == (frozenset({"service"}), frozenset({"level"}))
    assert required_literals(r"(shall|will)\s+(expire|terminate)") == (
        frozenset({"expire", "terminate"}), frozenset({"shall", "will"}))
    assert required_literals(r"(x)?\s*ab") is None  # nothing of three letters or more is required
    assert required_literals(r"(?:credits?|refund)|[0-9]+") is None  # one branch requires nothing
    assert required_literals(r"(?:Uptime){2,}") == (frozenset({"uptime"}),)  # case-folded
    assert required_literals(r"\b[Ll]aws?\s+of") == (frozenset({"law"}),)  # a class of one letter in two cases
    assert required_literals(r"[Kk\u212a]elvin|stra[sß]e") == (frozenset({"kelvin", "stra"}),)
    assert required_literals(r"\d+(?=\s*percent)(?<!credit)(?!\s*uptime)") == (frozenset({"percent"}),)


@pytest.mark.parametrize("source", [r"[[:alpha:]]+ment", r"\p{Lu}erms", r"\Qa.b\E", r"(?<=x"])
def test_syntax_python_reads_differently_gives_no_filter(source):
    assert required_literals(source) is None


SENTENCES = [
    "The Supplier shall meet the Service Levels in Schedule 2.",
    "Either party may TERMINATE this agreement for convenience.",
    "Fees are payable within thirty (30) days of the invoice date.",
    "STRAẞE and the Kelvin sign \u212a are folded like RE2 folds them.",
]
REGEXES = [r"service\s+levels?", r"(may|shall)\s+terminate\b", r"within\s+\w+\s+\(\d+\)\s+days", r"stra(ss|ß)e",
           r"\bkelvin\b", r"credits?\s+apply", r"\u212a"]


def test_a_skipped_regex_never_matches():
    requirements = {source: required_literals(source) for source in REGEXES}
    index = LiteralIndex(requirements.values())
    skipped = 0
    for text in SENTENCES:
        scan = index.scan(text)
        for source, requirement in requirements.items():
            if not scan.may_match(requirement):
                skipped += 1
                assert re.search(source, text, re.I) is None, (source, text)
    assert skipped >= len(SENTENCES)  # the filter does skip work


def test_literals_that_were_not_indexed_never_skip():
    scan = LiteralIndex([required_literals(r"service\s+credits?")]).scan("no such words here")
    assert not scan.may_match(required_literals(r"service\s+credits?"))
    assert scan.may_match(required_literals(r"uptime\s+target"))  # not in the index: unknown, so it runs


def test_a_pickled_regex_keeps_its_literals_without_parsing_again(monkeypatch):
    import pickle

    from msalint.rulebook import prefilter
    from msalint.rulebook.patterns import SafeRegex

    original = SafeRegex(r"service\s+credits?")
    copy = pickle.loads(pickle.dumps(original))
    monkeypatch.setattr(prefilter, "required_literals", lambda source: pytest.fail("parsed again"))
    assert copy.requirement == original.requirement == (frozenset({"service"}), frozenset({"credit"}))
    assert list(copy.spans("Service Credits apply")) == [(0, 15)]  # compiled again on first use


def test_leading_literals_start_every_match():
    assert leading_literals(r"(pay|paid|payable)\s+within") == frozenset({"pay", "paid", "payable"})
    assert leading_literals(r"\b(?:Section\s+)?between") == frozenset({"section", "between"})
    assert leading_literals(r"(?:the\s)?notice") == frozenset({"the", "notice"})  # "the" then any space
    assert leading_literals(r"(ab)+cde") is None  # a repeated part is not followed by "cde" at once
    assert leading_literals(r"x?abc") == frozenset({"abc", "xabc"})
    assert leading_literals(r"\d+\s+days") is None
    assert leading_literals(r"notice|\d") is None  # one branch starts anywhere


LEAD_TEXTS = [
    "Payment is due; the Customer shall pay within thirty days, and paid invoices close. PAY within 5 days.",
    "Notice — “Café” notice: the Kelvin sign \u212a, then notices notice notice given between the parties.",
    "between us, and between them; payable within ten days",
]
LEAD_REGEXES = [r"(pay|paid|payable)\w*\s+within\s+\w+", r"notices?\b[^.;]{0,20}", r"between\s+(us|them)",
                r"\bnotice\s+notice", "kelvin\\s+sign\\s+\u212a"]


@pytest.mark.parametrize("text", LEAD_TEXTS)
def test_trying_a_regex_only_where_its_leading_literals_stand_finds_what_a_scan_finds(text):
    from msalint.rulebook.patterns import SafeRegex

    regexes = [SafeRegex(source) for source in LEAD_REGEXES]
    assert all(r.engine == "re2" and r.lead for r in regexes)
    scan = LiteralIndex([], [r.lead for r in regexes]).scan(text)
    data = text.encode("utf-8")
    char_start = [i for i, byte in enumerate(data) if byte & 0xC0 != 0x80]  # byte offset of each character
    anchored = 0
    for regex in regexes:
        starts = [char_start[at] for at in scan.match_starts(regex.lead)]
        expected = list(regex.spans(text, data=data))
        assert list(regex.spans(text, data=data, starts=starts)) == expected, regex.source
        anchored += len(expected)
    assert anchored >= 2  # each text does contain matches


def test_no_positions_where_case_folding_changes_the_length():
    scan = LiteralIndex([], [frozenset({"notice"})]).scan("STRAẞE notice")  # ẞ folds to "ss"
    assert scan.match_starts(frozenset({"notice"})) is None  # unknown: the regex scans the text


def test_leading_literals_that_were_not_indexed_give_no_positions():
    scan = LiteralIndex([], [frozenset({"notice"})]).scan("the payment notice")
    assert scan.match_starts(frozenset({"notice"})) == [12]
    assert scan.match_starts(frozenset({"payment"})) is None  # not looked for: the regex scans the text


def test_the_fallback_engine_is_tried_where_its_leading_literals_stand_with_lookbehind_seeing_the_text():
    from msalint.rulebook.patterns import SafeRegex

    regex = SafeRegex(r"(?<!not\s)terminat\w*")  # a lookbehind: RE2 refuses it, the fallback engine runs it
    assert regex.engine == "regex" and regex.lead == frozenset({"terminat"})
    text = "Either party may terminate; it may not terminate early. Termination ends it."
    starts = LiteralIndex([], [regex.lead]).scan(text).match_starts(regex.lead)
    assert list(regex.spans(text, starts=starts)) == list(regex.spans(text)) == [(17, 26), (56, 67)]


def test_anchored_tries_of_the_fallback_engine_share_one_time_limit():
    from msalint.rulebook.patterns import RegexTimeout, SafeRegex

    regex = SafeRegex(r"(?<!x)zzz(a|aa)+$")  # backtracks exponentially on a run of a's without an end
    text = "zzz" + "a" * 40 + "!"
    with pytest.raises(RegexTimeout):
        list(regex.spans(text, timeout=0.05, starts=[0]))
