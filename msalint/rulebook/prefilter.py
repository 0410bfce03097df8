"""A literal prefilter for rule regexes: words a regex cannot match without, found from its syntax tree.

Most of the rulebook's regexes match nowhere in a given agreement. Before one is run over a document, the
document (case-folded once) is searched for the literals the regex requires; when none is there, the regex
cannot match and is not run. The same idea as RE2's FilteredRE2 and Hyperscan's literal prefilters, kept
conservative: whatever the parser does not understand gives no requirement, so the regex simply runs.
"""
from __future__ import annotations

import re._constants as c  # the standard library's regex syntax tree (sre), read-only
import re._parser as sre_parse
from dataclasses import dataclass
from typing import Any, Iterable

MIN_LITERAL = 3  # shorter literals are everywhere and filter nothing
# Syntax that Python's parser reads differently from RE2 (POSIX classes) or not at all (\p, \Q, \x{..}, \z):
# such a regex is never filtered.
_FOREIGN = ("[:", "\\p", "\\P", "\\Q", "\\x{", "\\z", "\\C")

# All of these sets must be met, each by one of its case-folded literals, in every match.
Requirement = tuple[frozenset[str], ...]
MAX_CONDITIONS = 4  # the most selective conditions of a regex are checked, the others are left to the regex


def required_literals(source: str) -> Requirement | None:
    """Sets of literals such that every match of ``source`` contains one literal of each set (None: unknown)."""
    if any(token in source for token in _FOREIGN):
        return None
    try:
        parsed = sre_parse.parse(source)
    except Exception:  # noqa: BLE001 - syntax Python does not share with RE2/regex: no filter, not an error
        return None
    useful = [cond for cond in _sequence(list(parsed)) if min(len(lit) for lit in cond) >= MIN_LITERAL]
    return tuple(sorted(useful, key=_selectivity, reverse=True)[:MAX_CONDITIONS]) or None


class LiteralIndex:
    """Every required literal of a rule set in one Aho-Corasick automaton: one pass over a document tells
    which of them it contains."""

    def __init__(self, requirements: Iterable[Requirement | None]):
        import ahocorasick

        self.indexed = frozenset(lit for requirement in requirements for cond in requirement or () for lit in cond)
        self._automaton = ahocorasick.Automaton()
        for literal in self.indexed:
            self._automaton.add_word(literal, literal)
        if self.indexed:
            self._automaton.make_automaton()

    def scan(self, text: str) -> "LiteralScan":
        """Which indexed literals occur in ``text`` (case-folded here)."""
        found = {lit for _end, lit in self._automaton.iter(text.casefold())} if self.indexed else set()
        return LiteralScan(found, self.indexed)


@dataclass(frozen=True, slots=True)
class LiteralScan:
    """The literals found in one document, out of those indexed."""

    found: set[str]
    indexed: frozenset[str]

    def may_match(self, requirement: Requirement | None) -> bool:
        """False only when some condition's literals were all looked for and none was found."""
        return requirement is None or all(
            not cond.isdisjoint(self.found) or not cond <= self.indexed for cond in requirement)


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
    return []  # classes, anchors, lookarounds, backreferences: nothing required


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
