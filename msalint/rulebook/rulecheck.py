"""`msalint rules --check`: lint the rule files themselves.

Two warnings, both about patterns that learn documents instead of encoding concepts:
- a raw regex longer than LONG_REGEX characters (write concepts and `near` instead);
- with development documents given, a pattern that matches exactly one of them and carries no `note`
  saying why it is general (patterns fitted to one sentence rarely match anything in unseen contracts).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from msalint.rulebook.matching import iter_patterns

if TYPE_CHECKING:
    from msalint.rulebook.patterns import Pattern
    from msalint.rulebook.ruleset import Rule, RuleSet

LONG_REGEX = 100  # characters; the median regex of the December 2026 rulebook was 122


@dataclass(frozen=True)
class PatternWarning:
    """One warning about one pattern of one rule."""

    rule: str
    file: str
    line: int | None
    pattern: str
    code: str  # long-regex | one-document
    message: str

    def as_text(self) -> str:
        file = os.path.relpath(self.file) if self.file and not os.path.relpath(self.file).startswith("..") else self.file
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {self.rule}: {self.message}: {self.pattern}"


def rule_patterns(rule: "Rule") -> list["Pattern"]:
    """The rule's own pattern items (not a concept's words, a `near` pattern's items or exceptions), once each."""
    everything = list(iter_patterns(rule))
    inner = {id(part) for p in everything for part in (*p.parts, *p.unless)}
    out, seen = [], set()
    for p in everything:
        if id(p) in inner or p.type in ("element", "value") or (p.key, p.unless) in seen:
            continue
        seen.add((p.key, p.unless))
        out.append(p)
    return out


def _short(pattern: "Pattern", width: int = 70) -> str:
    text = pattern.describe()
    return text if len(text) <= width else text[: width - 1] + "…"


def long_regex_warnings(rules: Iterable["Rule"]) -> Iterator[PatternWarning]:
    for rule in rules:
        for p in rule_patterns(rule):
            if p.type == "regex" and len(p.value) > LONG_REGEX:
                yield PatternWarning(rule.id, rule.source_file, rule.source_line, _short(p), "long-regex",
                                     f"raw regex of {len(p.value)} characters; use concepts and `near` "
                                     "(docs/rule-language.md)")


def development_counts(ruleset: "RuleSet", documents: Iterable[str | os.PathLike]) -> dict[tuple[str, tuple], int]:
    """(rule id, pattern key) -> number of documents with at least one hit (negation not applied)."""
    from msalint.api import analyse, read_document
    from msalint.rulebook.context import LintContext

    patterns = [(rule, p) for rule in ruleset.rules for p in rule_patterns(rule)]
    counts = {(rule.id, p.key): 0 for rule, p in patterns}
    for path in documents:
        lctx = LintContext(analyse(read_document(path)), ruleset)
        for rule, p in patterns:
            if lctx.hits(p):
                counts[(rule.id, p.key)] += 1
    return counts


def one_document_warnings(ruleset: "RuleSet", counts: dict[tuple[str, tuple], int]) -> Iterator[PatternWarning]:
    for rule in ruleset.rules:
        for p in rule_patterns(rule):
            if counts.get((rule.id, p.key)) == 1 and not p.note:
                yield PatternWarning(rule.id, rule.source_file, rule.source_line, _short(p), "one-document",
                                     "matches one development document only; add a `note` saying why it is "
                                     "general, or make it general")
