"""spaCy's suffix search, made to look at the end of a string only: same matches, time independent of its length.

The tokenizer peels affixes off a whitespace-free chunk one at a time and asks for the suffix of what is left after
each. spaCy's compiled suffix regex is an alternation of ``piece$`` that the ``re`` engine tries at every start
position, so each question costs the chunk's length and a long run of brackets or quotes took time quadratic in it
(43,000 characters: over a minute). A match of a piece of bounded width starts near the end; the unbounded pieces
(``\\.\\.+``, a long underscore run) repeat a few literal characters, so a match of theirs that starts further back
leaves only those characters at the end. Otherwise the search can start near the end: ``pattern.search(text, pos)``
sees the characters before ``pos`` for look-behinds and scans in the same order, so it finds the same match.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from re import _parser as sre_parse

_WALKED = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "SUBPATTERN", "BRANCH", "ASSERT", "ASSERT_NOT"}


def windowed_suffix_search(entries: Iterable[str]) -> Callable[[str], re.Match | None]:
    """The ``search`` of spaCy's compiled suffix regex over ``entries``, trying only the end of the string when
    no match can start earlier (the full search otherwise, and always when a piece is not of that shape)."""
    from spacy.util import compile_suffix_regex

    entries = list(entries)
    pattern = compile_suffix_regex(entries)
    bounded, run_chars = 0, set()
    for entry in entries:
        parsed = sre_parse.parse(entry)
        widest = parsed.getwidth()[1]
        if widest < sre_parse.MAXREPEAT:
            bounded = max(bounded, widest)
            continue
        chars = _literal_chars(parsed)
        if chars is None:
            return pattern.search
        run_chars |= chars
    window = bounded + 2  # ``$`` also matches before a final newline
    allowed = frozenset(run_chars | {"\n"})

    def search(text: str) -> re.Match | None:
        start = len(text) - window
        if start <= 0 or allowed.issuperset(text[start:]):
            return pattern.search(text)
        return pattern.search(text, start)

    return search


def _literal_chars(parsed) -> set[str] | None:
    """Every character a parsed pattern can consume, when it is made only of literals (else None)."""
    chars: set[str] = set()
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "AT":
            continue
        elif name in _WALKED:
            for part in _parts(name, arg):
                found = _literal_chars(part)
                if found is None:
                    return None
                chars |= found
        else:
            return None
    return chars


def _parts(name: str, arg) -> list:
    """The sub-patterns of one node of a parsed pattern."""
    if name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        return [arg[2]]
    if name == "SUBPATTERN":
        return [arg[3]]
    if name == "BRANCH":
        return list(arg[1])
    return [arg[1]]  # ASSERT / ASSERT_NOT: (direction, pattern)
