"""Concept, typed-value and proximity (`near`) hits, counted in words rather than characters.

Words are runs of letters and digits; "6.3.1", "1,000" and "non-renewal" are one word, and
punctuation, enumerator brackets and redaction marks ("[*]", "[***]", "*****") are no words at all,
so a clause number or a list enumerator between two items costs at most one word. Redaction marks
stand for a number when values are read ("within [*] days" is a duration). Everything here is
linear in the document: one pass to index words, one extraction per value kind, and for each hit
of a `near` pattern's first item a bisection into the other items' hits.
"""
from __future__ import annotations

import bisect
import json
import re
from typing import TYPE_CHECKING

from msalint import values as V

if TYPE_CHECKING:
    from msalint.rulebook.context import LintContext, Span
    from msalint.rulebook.patterns import Pattern

_WORD = re.compile(r"\w+(?:[.,'’-]\w+)*")
# "(a)", "(iv)", "(2)": a list enumerator is punctuation, not a word
_ENUMERATOR = re.compile(r"\(\s*(?:[a-z]|[ivx]{1,5}|\d{1,2})\s*\)", re.I)
REDACTION = re.compile(r"\[\s*\*+\s*\]|\*{3,}|\[\s*(?:redacted|omitted|confidential treatment requested)\s*\]", re.I)
# a statement about the future or a possibility, not a commitment: "may agree", "to be agreed", "will negotiate"
_HYPOTHETICAL = re.compile(
    r"\b(?:may|might|could|will|shall|would|to)\s+(?:\w+\s+){0,2}?(?:agree|negotiate|discuss|consider)\b"
    r"|\bto\s+be\s+(?:mutually\s+)?(?:agreed|negotiated|determined|discussed|established|defined)\b"
    r"|\b(?:from\s+time\s+to\s+time|in\s+the\s+future)\s+(?:\w+\s+){0,3}?agree\b",
    re.I)


# a negation inside a condition is a trigger, not a denial: "if the default is not remedied within 10 days"
_CONDITION = re.compile(r"\b(?:if|unless|where|whenever|in\s+the\s+event|in\s+case|should|to\s+the\s+extent)\b[^;:]*$", re.I)
CONDITION_WINDOW = 160


def negated(lctx: "LintContext", pos: int) -> bool:
    """The sentence negates the word at ``pos``, outside a condition ("if ... not ...")."""
    if not lctx.is_negated((pos, pos)):
        return False
    s, _ = lctx.sentence_span(pos)
    return not _CONDITION.search(lctx.text, max(s, pos - CONDITION_WINDOW), pos)


def word_index(lctx: "LintContext") -> list[int]:
    """Start offsets of the document's words, cached."""
    starts = lctx.memo.get("word_starts")
    if starts is None:
        text = _ENUMERATOR.sub(lambda m: " " * len(m.group(0)), lctx.text)
        starts = lctx.memo["word_starts"] = [m.start() for m in _WORD.finditer(text)]
    return starts


def word_at(starts: list[int], pos: int) -> int:
    """Index of the word at or before ``pos``."""
    return max(bisect.bisect_right(starts, pos) - 1, 0)


def masked_text(lctx: "LintContext") -> str:
    """The text with each redaction mark replaced by as many 9s (offsets unchanged)."""
    masked = lctx.memo.get("masked_text")
    if masked is None:
        masked = lctx.memo["masked_text"] = REDACTION.sub(lambda m: "9" * len(m.group(0)), lctx.text)
    return masked


def value_hits(lctx: "LintContext", kind: str, regions: "list[Span] | None" = None) -> list["Span"]:
    """Spans of every value of ``kind`` inside ``regions`` (None: the whole document), durations used as rates
    ("24 hours a day") left out. Values are read region by region, so that a `near` pattern reads them only in
    the sentences where its other items occur (reading a whole contract for five kinds costs more than the rules)."""
    text = masked_text(lctx)
    out: set = set()
    for start, end in regions if regions is not None else [(0, len(text))]:
        key = ("value_hits", kind, start, end)
        if key not in lctx.memo:
            found = V.extract(kind, text[start:end], start)
            lctx.memo[key] = [(v.start, v.end) for v in found if not v.rate]
        out.update(lctx.memo[key])
    return sorted(out)


def concept_hits(lctx: "LintContext", pattern: "Pattern") -> list["Span"]:
    """Spans of any of a concept's words (longest first where two overlap at the same start)."""
    spans = sorted({span for part in pattern.parts for span in lctx.hits(part)}, key=lambda s: (s[0], -s[1]))
    out: list = []
    for span in spans:
        if out and span[0] == out[-1][0]:
            continue  # "response time" already covers "response"
        out.append(span)
    return out


def _item_hits(lctx: "LintContext", parts, unit: str) -> list[list["Span"]]:
    """Hits of each item of a `near` pattern; typed values only in the units where the first other item occurs."""
    words = {i: lctx.hits(p) for i, p in enumerate(parts) if p.type != "value"}
    if unit == "sentence":
        words = {i: _with_headers(lctx, hits) for i, hits in words.items()}
    if any(not hits for hits in words.values()):
        return [[] for _ in parts]
    regions = None
    if words and not (unit == "clause" and parts[0].type == "value"):  # a clause unit nests: read the whole text
        guide = next(iter(words.values()))
        regions = sorted({_unit_of(lctx, s, unit) for s, _ in guide})
    return [words[i] if i in words else value_hits(lctx, p.value, regions) for i, p in enumerate(parts)]


def _unit_of(lctx: "LintContext", pos: int, unit: str) -> "Span":
    if unit == "segment":
        return lctx.segment_span((pos, pos))
    if unit == "clause":
        return lctx.clause_span(pos) or _paragraph_span(lctx.text, pos)
    return lctx.sentence_span(pos)


def _paragraph_span(text: str, pos: int) -> "Span":
    """The paragraph (text between blank lines) around ``pos``: the clause of a text without numbered clauses."""
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2, len(text) if end < 0 else end)


def _data_rows(lctx: "LintContext") -> list[tuple["Span", "Span"]]:
    """(header row span, data row span) for every table row under a header row, cached."""
    pairs = lctx.memo.get("header_rows")
    if pairs is None:
        pairs = lctx.memo["header_rows"] = []
        current: dict[int, tuple[int, int]] = {}
        for row in lctx.rows:
            if row.header:
                current[row.table] = (row.start, row.end)
            elif not row.separator and row.table in current:
                pairs.append((current[row.table], (row.start, row.end)))
    return pairs


def _with_headers(lctx: "LintContext", hits: list["Span"]) -> list["Span"]:
    """Hits plus, for a hit in a table's header row, a one-character stand-in at the start of each data row:
    the words of a column header ("Response") count for every row of that table."""
    pairs = _data_rows(lctx)
    if not pairs or not hits:
        return hits
    extra = [(row[0], row[0] + 1) for header, row in pairs
             if any(header[0] <= s and e <= header[1] for s, e in hits)]
    return sorted(set(hits) | set(extra)) if extra else hits


def near_hits(lctx: "LintContext", pattern: "Pattern") -> list["Span"]:
    """Spans where every item of a `near` pattern occurs within ``within`` words of the first, in one unit.

    Records the start of each item of each hit (``lctx.memo[("near_items", key)]``) for negation checks.
    """
    spec = json.loads(pattern.value)
    within, unit, ordered = spec["within"], spec["unit"], spec["ordered"]
    starts = word_index(lctx)
    items = _item_hits(lctx, pattern.parts, unit)
    if any(not hits for hits in items):
        return []
    positions = [[word_at(starts, s) for s, _ in hits] for hits in items]
    record = lctx.memo.setdefault(("near_items", pattern.key), {})
    out = []
    for anchor in items[0]:
        u = _unit_of(lctx, anchor[0], unit)
        w0 = word_at(starts, anchor[0])
        chosen = [anchor]
        for hits, pos in zip(items[1:], positions[1:]):
            low = word_at(starts, chosen[-1][1] - 1) if ordered else w0 - within
            pick = _nearest(hits, pos, low, w0 + within, w0, u, ordered and chosen[-1][1], chosen)
            if pick is None:
                break
            chosen.append(pick)
        else:
            span = (min(s for s, _ in chosen), max(e for _, e in chosen))
            if span not in record:
                record[span] = [s for s, _ in chosen]
                out.append(span)
    return sorted(out)


def _overlaps(span, taken) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _nearest(hits, pos, low, high, w0, unit, after, taken) -> "Span | None":
    """The hit whose word index lies in [low, high], inside ``unit`` (starting after ``after``), nearest w0,
    not overlapping a hit already chosen (so `near: [{value: priority}, {value: priority}]` needs two)."""
    best, best_distance = None, None
    i = bisect.bisect_left(pos, low)
    while i < len(pos) and pos[i] <= high:
        s, e = hits[i]
        if unit[0] <= s and e <= unit[1] and (not after or s >= after) and not _overlaps((s, e), taken):
            distance = abs(pos[i] - w0)
            if best_distance is None or distance < best_distance:
                best, best_distance = hits[i], distance
        i += 1
    return best


def hypothetical(lctx: "LintContext", span: "Span") -> bool:
    """True when the hit's segment speaks of a future agreement or a possibility ("may agree", "to be agreed")."""
    s, _ = lctx.segment_span(span)
    return bool(_HYPOTHETICAL.search(lctx.text, s, span[1])) if s < span[1] else False


def near_negated(lctx: "LintContext", pattern: "Pattern", span: "Span") -> bool:
    """A `near` hit is negated when any of its items is."""
    starts = lctx.memo.get(("near_items", pattern.key), {}).get(span, [span[0]])
    return any(negated(lctx, s) for s in starts)
