"""Table-of-contents lines: shortening long leader runs never changes the answer, and keeps the check linear."""
from __future__ import annotations

import random

from msalint.segment.candidates import _TOC_LEADER, _toc_entry


def test_shortened_leader_runs_give_the_same_answer_as_the_full_pattern():
    rng = random.Random(12)
    pieces = ["a", "Fees", " ", "\t", ".", "_", "…", "·", "5", "12", "page ", "(", "-"]
    toc = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) * rng.choice((1, 1, 2, 4, 5, 6, 9)) for _ in range(rng.randint(1, 8)))
        expected = bool(_TOC_LEADER.fullmatch(text))
        assert _toc_entry(text) == expected, repr(text)
        toc += expected
    assert toc > 50  # both answers occur often


def test_a_long_underscore_line_is_checked_at_once():
    assert _toc_entry("Definitions" + "_" * 50_000 + " 12")
    assert not _toc_entry("Definitions" + "_" * 50_000 + " twelve")
