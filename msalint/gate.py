"""Regexes tried only where a match can start.

Python's ``re`` tries a pattern that opens with a word boundary and an alternation of words at every position of
the text, each alternative in turn. A lookahead for the characters a match can start with ("a gate") fails at once
almost everywhere: the matches are the same, found several times faster on a contract. The characters are read
from the pattern's syntax tree, so a gate is never written by hand; what the reader does not understand gets no
gate.
"""
from __future__ import annotations

import re
from typing import Any

try:  # the standard library's regex syntax tree (sre), read-only; private, so a Python without it gets no gates
    import re._constants as c
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - every supported Python (3.11-3.14) has them
    c = sre_parse = None

_CATEGORIES = {} if c is None else {
    c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s", c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = () if c is None else (c.AT, c.ASSERT, c.ASSERT_NOT)
_REPEATS = () if c is None else (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None))


def gated(source: str, flags: int = 0) -> re.Pattern:
    """``source`` compiled behind a gate for the characters its matches start with (in any case: the gate may let
    through more than the pattern takes, never less). Without a known set of first characters: as it is."""
    first = None if flags & re.VERBOSE or _GLOBAL_FLAGS.match(source) else first_characters(source, flags)
    return re.compile(source if first is None else rf"(?=(?i:[{first}]))(?:{source})", flags)


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # must stay at the start of the pattern: such a pattern is not wrapped


def first_characters(source: str, flags: int = 0) -> str | None:
    """The body of a character class holding every character a match of ``source`` can start with; None when
    unknown (an unread construct, a dot, a negated class) or when the pattern can match the empty string."""
    if sre_parse is None:
        return None
    try:
        parsed = sre_parse.parse(source, flags)
    except Exception:  # noqa: BLE001 - a pattern the parser refuses gets no gate; compiling it reports the error
        return None
    found = _sequence(list(parsed))
    if found is None or found[1]:
        return None
    return "".join(sorted(found[0]))


def _sequence(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """(first characters, can the sequence match nothing), or None when unknown."""
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # anchors, boundaries, lookarounds take no character
        step = _item(op, av)
        if step is None:
            return None
        chars |= step[0]
        if not step[1]:
            return chars, False
    return chars, True


def _item(op: Any, av: Any) -> tuple[set[str], bool] | None:
    if op is c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is c.IN:
        return _class(av)
    if op is c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op is c.BRANCH:
        chars: set[str] = set()
        empty = False
        for branch in av[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            chars |= found[0]
            empty = empty or found[1]
        return chars, empty
    if op in _REPEATS:
        low, _high, body = av
        found = _sequence(list(body))
        return None if found is None else (found[0], found[1] or low == 0)
    return None  # a dot, a negated literal, a backreference, a conditional: any character may start a match


def _class(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(re.escape(chr(av)))
        elif op is c.RANGE:
            chars.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in _CATEGORIES:
            chars.add(_CATEGORIES[av])
        else:
            return None  # a negated class or an unusual category
    return chars, False
