"""A literal prefilter for rule regexes: words a regex cannot match without, found from its syntax tree.

Most of the rulebook's regexes match nowhere in a given agreement. Before one is run over a document, the
document (case-folded once) is searched for the literals the regex requires; when none is there, the regex
cannot match and is not run. The same idea as RE2's FilteredRE2 and Hyperscan's literal prefilters, kept
conservative: whatever the parser does not understand gives no requirement, so the regex simply runs.
"""
from __future__ import annotations

import re
import re._constants as c  # the standard library's regex syntax tree (sre), read-only
import re._parser as sre_parse
from dataclasses import dataclass, field
from typing import Any, Iterable

MIN_LITERAL = 3  # shorter literals are everywhere and filter nothing
# Syntax that Python's parser reads differently from RE2 (POSIX classes) or not at all (\p, \Q, \x{..}, \z):
# such a regex is never filtered.
_FOREIGN = ("[:", "\\p", "\\P", "\\Q", "\\x{", "\\z", "\\C")

# All of these sets must be met, each by one of its case-folded literals, in every match.
Requirement = tuple[frozenset[str], ...]
MAX_CONDITIONS = 4  # the most selective conditions of a regex are checked, the others are left to the regex
MAX_LEAD = 8  # leading literals are grown to this length at most (a class per character would multiply them)


def required_literals(source: str) -> Requirement | None:
    """Sets of literals such that every match of ``source`` contains one literal of each set (None: unknown)."""
    parsed = _parse(source)
    if parsed is None:
        return None
    useful = [cond for cond in _sequence(list(parsed)) if min(len(lit) for lit in cond) >= MIN_LITERAL]
    return tuple(sorted(useful, key=_selectivity, reverse=True)[:MAX_CONDITIONS]) or None


def leading_literals(source: str) -> frozenset[str] | None:
    """Case-folded literals one of which starts every match of ``source`` (None: unknown, or too short to help).

    Such a regex need not scan a document: it is tried only where one of these literals stands.
    """
    parsed = _parse(source)
    if parsed is None:
        return None
    lead = _leading(list(parsed))
    return frozenset(lead) if lead and min(map(len, lead)) >= MIN_LITERAL else None


def _parse(source: str) -> Any:
    """The syntax tree of ``source``, or None for syntax Python does not read as RE2 and ``regex`` do."""
    if any(token in source for token in _FOREIGN):
        return None
    try:
        return sre_parse.parse(source)
    except Exception:  # noqa: BLE001 - syntax Python does not share with RE2/regex: no filter, not an error
        return None


class LiteralIndex:
    """Every required literal of a rule set in one Aho-Corasick automaton: one pass over a document tells
    which of them it contains."""

    def __init__(self, requirements: Iterable[Requirement | None], leads: Iterable[frozenset[str] | None] = ()):
        import ahocorasick

        self.indexed = frozenset(lit for requirement in requirements for cond in requirement or () for lit in cond)
        self.leading = frozenset(lit for lead in leads for lit in lead or ())
        self._automaton = ahocorasick.Automaton()
        for literal in self.indexed | self.leading:
            self._automaton.add_word(literal, literal)
        if self.indexed or self.leading:
            self._automaton.make_automaton()

    def scan(self, text: str) -> "LiteralScan":
        """Which indexed literals occur in ``text`` (case-folded here), and where the leading literals start."""
        if not (self.indexed or self.leading):
            return LiteralScan(set(), self.indexed, None, self.leading)
        folded = text.casefold()
        # positions hold only where case folding kept every character one character ("ß" -> "ss" shifts them)
        starts: dict[str, list[int]] = {}
        for end, lit in self._automaton.iter(folded):
            starts.setdefault(lit, []).append(end - len(lit) + 1)
        return LiteralScan(set(starts), self.indexed, starts if len(folded) == len(text) else None, self.leading)


@dataclass(frozen=True, slots=True)
class LiteralScan:
    """The literals found in one document, out of those indexed."""

    found: set[str]
    indexed: frozenset[str]
    starts: dict[str, list[int]] | None  # character offsets of each literal found, in order (None: not known)
    leading: frozenset[str] = frozenset()  # the leading literals looked for
    memo: dict = field(default_factory=dict, compare=False)  # pieces of each literal, per set of break characters

    def may_match(self, requirement: Requirement | None) -> bool:
        """False only when some condition's literals were all looked for and none was found."""
        return requirement is None or all(
            not cond.isdisjoint(self.found) or not cond <= self.indexed for cond in requirement)

    def match_starts(self, lead: frozenset[str] | None) -> list[int] | None:
        """Where a match of a regex with these leading literals can start, in text order (None: anywhere)."""
        if lead is None or self.starts is None or not lead <= self.leading:  # a literal not looked for: unknown
            return None
        return sorted({at for lit in lead for at in self.starts.get(lit, ())})

    def pieces(self, requirement: Requirement | None, breaks: "Breaks", most: int) -> list[tuple[int, int]] | None:
        """The ranges of the text between its break characters (``breaks``) that hold one literal of every
        condition of ``requirement``: where a match that cannot contain a break character must lie. Adjacent
        pieces are joined. None: not known, or the rarest condition is found more than ``most`` times."""
        found = self.starts
        if requirement is None or found is None:
            return None

        def count(cond: frozenset[str]) -> int:
            return sum(len(found.get(lit, ())) for lit in cond)

        conditions = sorted((cond for cond in requirement if cond <= self.indexed), key=count)
        if not conditions or count(conditions[0]) > most:
            return None
        pieces = sorted(set().union(*(self._pieces_of(lit, breaks) for lit in conditions[0])))
        for cond in conditions[1:]:
            holding = [self._pieces_of(lit, breaks) for lit in cond]
            pieces = [k for k in pieces if any(k in found for found in holding)]
        joined: list[tuple[int, int]] = []
        for i, k in enumerate(pieces):
            lo, hi = breaks.piece(k)
            if i and pieces[i - 1] == k - 1:  # the next piece: only a break character lies between
                lo = joined.pop()[0]
            joined.append((lo, hi))
        return joined

    def _pieces_of(self, literal: str, breaks: "Breaks") -> set[int]:
        """The numbers of the pieces holding ``literal`` (it holds no break character: it is in every match)."""
        key = (literal, breaks.characters)
        if key not in self.memo:
            found = self.starts.get(literal, ()) if self.starts is not None else ()
            self.memo[key] = set(breaks.pieces_at(found)) if found else set()
        return self.memo[key]


class Breaks:
    """Where a text's break characters of one set stand: they cut it into numbered pieces."""

    def __init__(self, text: str, characters: frozenset[str]):
        import numpy as np

        self.characters = characters
        self.size = len(text)
        pattern = re.compile("[" + re.escape("".join(sorted(characters))) + "]")
        self.bounds = [m.start() for m in pattern.finditer(text)]
        self._array = np.array(self.bounds, dtype=np.int64)

    def pieces_at(self, offsets: list[int]) -> list[int]:
        """The number of the piece of each offset."""
        import numpy as np

        return np.searchsorted(self._array, offsets, side="right").tolist()

    def piece(self, k: int) -> tuple[int, int]:
        """The k-th piece's range."""
        return (self.bounds[k - 1] + 1 if k else 0, self.bounds[k] if k < len(self.bounds) else self.size)


def _sequence(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The conditions of a sequence: all its parts must match, so each part's conditions hold."""
    conditions: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            conditions.append(frozenset({"".join(run).casefold()}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if op is c.IN and (same := _one_letter(av)):  # [Ll]: one letter in either case
            run.append(same)
            continue
        close_run()
        conditions.extend(_item(op, av))
    close_run()
    return conditions


def _item(op: Any, av: Any) -> list[frozenset[str]]:
    if op is c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is c.BRANCH:
        return _union(_sequence(list(branch)) for branch in av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else []
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    if op is c.ASSERT and av[0] == 1:  # a lookahead: what it reads stands in the text, from where the match is
        return _sequence(list(av[1]))
    return []  # classes, anchors, lookbehinds, negative lookarounds, backreferences: nothing required


def _one_letter(items: list[tuple[Any, Any]]) -> str | None:
    """The character a class of literals stands for when all of them fold to it ([Ll] -> l), else None."""
    if not items or any(op is not c.LITERAL for op, _ in items):
        return None
    folded = {chr(av).casefold() for _, av in items}
    return folded.pop() if len(folded) == 1 and len(next(iter(folded))) == 1 else None


def _union(branches: Iterable[list[frozenset[str]]]) -> list[frozenset[str]]:
    """An alternation requires one literal of its branches' best conditions; a branch without one: nothing."""
    out: set[str] = set()
    for conditions in branches:
        if not conditions:
            return []
        out |= max(conditions, key=_selectivity)
    return [frozenset(out)]


def _selectivity(condition: frozenset[str]) -> tuple[int, int]:
    """Longer shortest literal first, then fewer alternatives."""
    return (min(len(lit) for lit in condition), -len(condition))


def _leading(items: list[tuple[Any, Any]], depth: int = 0) -> set[str] | None:
    """Literals (any length) one of which starts every match of a sequence; None when unknown."""
    while items and items[0][0] in (c.AT, c.ASSERT, c.ASSERT_NOT):  # anchors, boundaries, lookarounds: no characters
        items = items[1:]
    if not items:
        return None
    op, av = items[0]
    rest = items[1:]
    if op is c.LITERAL or (op is c.IN and av and all(kind is c.LITERAL for kind, _ in av)):
        chars = {chr(av).casefold()} if op is c.LITERAL else {chr(code).casefold() for _, code in av}
        # "pay|paid" is parsed as "pa" + (y|id): the literal is joined with what follows, up to a useful length
        after = _leading(rest, depth + 1) if depth < MAX_LEAD else None
        return {ch + lit for ch in chars for lit in after} if after and len(chars) * len(after) <= 64 else chars
    if op is c.SUBPATTERN:
        return _leading(list(av[-1]) + rest, depth)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            lead = _leading(list(branch) + rest, depth)
            if lead is None:
                return None
            out |= lead
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, body = av
        # a part that may repeat is not followed by ``rest`` at once: only its own start is known
        first = _leading(list(body) + rest if high == 1 else list(body), depth)
        if low >= 1 or first is None:
            return first
        skipped = _leading(rest, depth)  # an optional part: the match starts with it or with what follows
        return None if skipped is None else first | skipped
    return None


# Characters that split a document into pieces: ASCII punctuation without case variants, so that a case-insensitive
# pattern matches one of them only where the pattern names it.
BREAKS = ".;:\n"
_CATEGORY_PROBES = {
    c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s", c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
}


def excluded_breaks(source: str, sees_around: bool = True) -> frozenset[str] | None:
    """The characters of BREAKS that no match of ``source`` can contain (None: unknown, or none of them).

    A match then lies inside one piece of the text between two such characters: only pieces that hold every
    required literal need searching. RE2 searching a range sees the text around it (``sees_around``), as a full
    search does. The fallback engine takes a range's end for the end of the text: it searches ranges only when
    its lookarounds cannot read a break character either (so reading one or reading past the end both fail)
    and it has no anchor but word boundaries (a break character is no word character, as the end is not).
    """
    parsed = _parse(source)
    if parsed is None or parsed.getwidth()[0] == 0:  # an empty match moves a search on by one character
        return None
    items = list(parsed)
    excluded = frozenset(ch for ch in BREAKS if not _may_read(items, ch, sees_around))
    return excluded or None


_WORD_BOUNDARIES = (c.AT_BOUNDARY, c.AT_NON_BOUNDARY)


def _may_read(items: list[tuple[Any, Any]], ch: str, sees_around: bool) -> bool:
    """True unless no part of the sequence can match the character ``ch`` (unknown syntax: True)."""
    return any(_item_may_read(op, av, ch, sees_around) for op, av in items)


def _item_may_read(op: Any, av: Any, ch: str, sees_around: bool) -> bool:
    if op is c.LITERAL:
        return chr(av) == ch
    if op is c.NOT_LITERAL:
        return chr(av) != ch
    if op is c.IN:
        return _class_matches(av, ch)
    if op is c.AT:
        return not sees_around and av not in _WORD_BOUNDARIES
    if op in (c.ASSERT, c.ASSERT_NOT):
        return not sees_around and _may_read(list(av[1]), ch, sees_around)
    if op is c.SUBPATTERN:
        return _may_read(list(av[-1]), ch, sees_around)
    if op is c.BRANCH:
        return any(_may_read(list(branch), ch, sees_around) for branch in av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        return av[1] > 0 and _may_read(list(av[2]), ch, sees_around)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _may_read(list(av), ch, sees_around)
    return True  # ANY, backreferences, conditionals, anything unknown


def _class_matches(items: list[tuple[Any, Any]], ch: str) -> bool:
    negated = bool(items) and items[0][0] is c.NEGATE
    hit = False
    for op, av in items[1:] if negated else items:
        if op is c.LITERAL:
            hit = chr(av) == ch
        elif op is c.RANGE:
            hit = av[0] <= ord(ch) <= av[1]
        elif op is c.CATEGORY and av in _CATEGORY_PROBES:
            hit = re.fullmatch(_CATEGORY_PROBES[av], ch) is not None
        else:
            return True  # unknown class item
        if hit:
            break
    return hit != negated
