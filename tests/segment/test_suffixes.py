"""The suffix search that looks only at the end of a token finds what spaCy's full search finds."""
from __future__ import annotations

import random

import pytest

from msalint.segment.nlp import LONG_UNDERSCORE_SUFFIX
from msalint.segment.suffixes import windowed_suffix_search

ALPHABETS = ["([{\"'._-=)]}", "._", "_x", ".a\n", "a1%$€)'”", "…।」)"]


@pytest.fixture(scope="module")
def suffixes() -> list[str]:
    from spacy.lang.en import English

    return [LONG_UNDERSCORE_SUFFIX, *English.Defaults.suffixes]


def _span(match):
    return None if match is None else match.span()


def test_same_match_as_the_full_search(suffixes):
    from spacy.util import compile_suffix_regex

    full, windowed = compile_suffix_regex(suffixes).search, windowed_suffix_search(suffixes)
    rnd = random.Random(20261207)
    texts = ["word" + run * n for run in "_.)”" for n in (1, 2, 15, 16, 17, 63, 64, 65, 200)]
    texts += ["x" + "_" * 70 + "\n", "km." + "." * 30, "9km", "a" * 40 + "'s", "(" * 300]
    for _ in range(3000):
        alphabet = rnd.choice(ALPHABETS)
        texts.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 120))))
    assert [_span(windowed(t)) for t in texts] == [_span(full(t)) for t in texts]


def test_a_piece_that_is_not_a_literal_run_keeps_the_full_search(suffixes):
    from spacy.util import compile_suffix_regex

    pieces = [r"[a-z]{2,}", r"\)"]
    assert windowed_suffix_search(pieces) == compile_suffix_regex(pieces).search
    assert windowed_suffix_search(suffixes) != compile_suffix_regex(suffixes).search
    assert windowed_suffix_search(pieces)("(" * 40 + "abc").span() == (40, 43)


def test_a_long_bracket_run_is_one_token_per_bracket():
    from msalint.segment.nlp import get_nlp

    run = "([{" * 3000
    doc = get_nlp()(f"The fee {run}is due.")
    assert [t.text for t in doc][2:2 + len(run)] == list(run)
    assert doc[2 + len(run)].text == "is"
