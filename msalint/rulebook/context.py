"""Per-document lint context: pattern hits (cached across rules), sentences, scopes, values, findings."""
from __future__ import annotations

import bisect
import re
import string
from typing import TYPE_CHECKING, Any, Iterable

from msalint import values as V
from msalint.model import WHOLE_DOCUMENT_EVIDENCE, Analysis, Clause, Finding, fingerprint
from msalint.rulebook import proximity
from msalint.rulebook.headings import HEADING_CUTOFF, SynonymList
from msalint.rulebook.patterns import Pattern, is_negated, phrase_regex
from msalint.rulebook.matching import literal_index
from msalint.rulebook.tables import Row, column_hits, split_units, table_rows

if TYPE_CHECKING:
    from msalint.classify import DocumentKind
    from msalint.rulebook.prefilter import Breaks, LiteralScan
    from msalint.rulebook.ruleset import Rule, RuleSet

Span = tuple[int, int]
EXCERPT_MAX = 160  # the text report shows 160 characters: a longer excerpt would hide the hit
EXCERPT_LEFT = 60  # at most this much context before the hit when the unit is cut
FIELD_MAX = 150  # placeholder values ({match}, {value}...) longer than this are cut at a word
# fingerprints keep the original excerpt window, so baselines made before the excerpt change still match
_FP_SENTENCE_MAX = 300
# An RE2 regex is tried only where one of its leading literals stands when there is at most one such place per
# this many bytes of text: one anchored try costs about as much as scanning a few hundred bytes.
BYTES_PER_ANCHORED_TRY = 300
BYTES_PER_RANGE = 300  # likewise one search of a range (SafeRegex.breaks)
_FP_WINDOW = 200


class LintContext:
    """Everything rule kinds need about one analysed document, computed lazily and cached."""

    def __init__(self, analysis: Analysis, ruleset: "RuleSet", kind: "DocumentKind | None" = None):
        self.analysis = analysis
        self.kind = kind  # what the document is (None: not classified, every rule applies)
        self.document = analysis.document
        self.text = analysis.document.text
        self.ruleset = ruleset
        self._utf8: tuple[bytes, Any] | None = None
        self._literals: LiteralScan | None = None  # the regex prefilter's literals found in the text
        self._byte_of_char: list[int] | None = None
        segmented = sorted(analysis.sentences) or ([(0, len(self.text))] if self.text else [])
        self._seg_sentences = segmented
        self._seg_starts = [s for s, _ in segmented]
        self.rows = table_rows(self.document)
        self.sentences = split_units(segmented, self.rows, self.text)  # a table row is one unit
        self._sent_starts = [s for s, _ in self.sentences]
        self.clause_at = analysis.clause_at
        self._clause_ids = {}
        for clause in analysis.clauses:
            self._clause_ids.setdefault(clause.id, clause)
        self._hits: dict[tuple, list[Span]] = {}
        self._values: dict[tuple, list[V.Value]] = {}
        self._headings: dict[tuple, list[tuple[Clause, float]]] = {}
        self.memo: dict[Any, Any] = {}  # kind-level caches (element detections, priority targets)

    # ---- spans
    def sentence_span(self, pos: int) -> Span:
        """The sentence (or table row) containing ``pos`` (or the nearest one before it)."""
        return _span_at(self.sentences, self._sent_starts, pos, len(self.text))

    def clause_by_id(self, clause_id: str) -> Clause | None:
        """The (first) clause with this id."""
        return self._clause_ids.get(clause_id)

    def row_at(self, pos: int) -> "Row | None":
        """The table row containing ``pos``, if any."""
        i = bisect.bisect_right(self._row_starts, pos) - 1
        if i >= 0 and self.rows[i].start <= pos < self.rows[i].end:
            return self.rows[i]
        return None

    @property
    def _row_starts(self) -> list[int]:
        if "row_starts" not in self.memo:
            self.memo["row_starts"] = [r.start for r in self.rows]
        return self.memo["row_starts"]

    def sentences_in(self, region: Span) -> list[Span]:
        """Sentences starting inside ``region``."""
        lo = bisect.bisect_left(self._sent_starts, region[0])
        hi = bisect.bisect_left(self._sent_starts, region[1])
        return self.sentences[lo:hi]

    def clause_span(self, pos: int) -> Span | None:
        """Span of the deepest clause containing ``pos``."""
        clause = self.clause_at(pos)
        return (clause.start, clause.end) if clause else None

    def unit_span(self, pos: int, unit: str) -> Span:
        """The sentence, clause or whole document around ``pos``."""
        if unit == "document":
            return (0, len(self.text))
        if unit == "clause":
            return self.clause_span(pos) or self.sentence_span(pos)
        return self.sentence_span(pos)

    # ---- pattern hits
    def hits(self, pattern: Pattern) -> list[Span]:
        """All spans of a pattern in the document (negation not applied), cached."""
        key = pattern.key
        if key not in self._hits:
            if pattern.type == "phrase":
                self._phrase_hits(pattern)
            elif pattern.type == "regex":
                self._hits[key] = self._regex_hits(pattern)
            elif pattern.type == "tokens":
                self._hits[key] = self._token_hits(pattern)
            elif pattern.type == "column":
                self._hits[key] = column_hits(self, pattern)
            elif pattern.type == "concept":
                self._hits[key] = proximity.concept_hits(self, pattern)
            elif pattern.type == "near":
                self._hits[key] = proximity.near_hits(self, pattern)
            else:
                raise ValueError(f"element patterns have no text hits: {pattern.value}")
        return self._hits[key]

    def _regex_hits(self, pattern: Pattern) -> list[Span]:
        if self._literals is None:
            self._literals = literal_index(self.ruleset).scan(self.text)
        if not self._literals.may_match(pattern.regex.requirement):
            return []  # a literal the regex cannot match without is absent: skip the scan
        starts, ranges = self._search_plan(pattern)
        if ranges == []:
            return []  # no piece of text between break characters holds every literal a match needs
        if pattern.regex.engine != "re2":
            return list(pattern.regex.spans(self.text, starts=starts, ranges=ranges))
        # RE2 works on UTF-8: encode once and map byte offsets back, instead of once per regex
        if self._utf8 is None:
            data = self.text.encode("utf-8")
            char_of_byte = None
            if len(data) != len(self.text):
                import numpy as np

                raw = np.frombuffer(data, dtype=np.uint8)
                # index of the character each byte belongs to; one extra entry for the end of text
                char_of_byte = np.append(np.cumsum((raw & 0xC0) != 0x80) - 1, len(self.text)).tolist()
            self._utf8 = (data, char_of_byte)
        data, char_of_byte = self._utf8
        if ranges is not None:
            ranges = [(self._byte_at(lo), self._byte_at(hi)) for lo, hi in ranges]
        spans = pattern.regex.spans(self.text, data=data, ranges=ranges,
                                    starts=None if starts is None else [self._byte_at(at) for at in starts])
        if char_of_byte is None:
            return list(spans)
        return [(char_of_byte[s], char_of_byte[e]) for s, e in spans]

    def _search_plan(self, pattern: Pattern) -> tuple[list[int] | None, list[Span] | None]:
        """Where to look for a regex's matches, whichever costs least: the places a match can start (see
        SafeRegex.lead), the ranges of text that can hold a match (see SafeRegex.breaks), or (None, None) the
        whole text. Ranges []: nowhere."""
        regex, size = pattern.regex, len(self.text)
        starts = self._literals.match_starts(regex.lead)
        ranges = None
        if regex.breaks is not None:
            ranges = self._literals.pieces(regex.requirement, self._breaks(regex.breaks),
                                           most=size // BYTES_PER_ANCHORED_TRY)
            if ranges == []:
                return None, []
            if ranges is not None and starts is not None:
                starts = _inside(starts, ranges)
        start_cost = size if starts is None else len(starts) * BYTES_PER_ANCHORED_TRY
        range_cost = size
        if ranges is not None:
            range_cost = sum(hi - lo for lo, hi in ranges) + len(ranges) * BYTES_PER_RANGE
        if min(start_cost, range_cost) >= size:
            return None, None
        return (starts, None) if start_cost <= range_cost else (None, ranges)

    def _breaks(self, characters: frozenset[str]) -> "Breaks":
        """Where the text's break characters of this set stand."""
        key = ("breaks", characters)
        if key not in self.memo:
            from msalint.rulebook.prefilter import Breaks

            self.memo[key] = Breaks(self.text, characters)
        return self.memo[key]

    def _byte_at(self, at: int) -> int:
        """The UTF-8 offset of character offset ``at``."""
        if self._utf8 is None or self._utf8[1] is None:
            return at
        if self._byte_of_char is None:
            import numpy as np

            raw = np.frombuffer(self._utf8[0], dtype=np.uint8)
            # where each character starts, and the end of the text
            self._byte_of_char = np.flatnonzero((raw & 0xC0) != 0x80).tolist() + [len(raw)]
        return self._byte_of_char[at]

    def _phrase_hits(self, pattern: Pattern) -> None:
        doc = self.analysis.tokens
        if doc is None or not hasattr(doc, "vocab"):
            rx = re.compile(phrase_regex(pattern.value), re.I)
            self._hits[pattern.key] = [m.span() for m in rx.finditer(self.text)]
            return
        from msalint.rulebook.matching import phrase_index

        index = phrase_index(self.ruleset, pattern)
        self._hits.update(index.run(doc, self.memo))
        self._hits.setdefault(pattern.key, [])

    def _token_hits(self, pattern: Pattern) -> list[Span]:
        doc = self.analysis.tokens
        if doc is None or not hasattr(doc, "vocab"):
            return []
        from msalint.rulebook.matching import token_hits

        return token_hits(self.ruleset, pattern, doc, self.memo)

    def is_negated(self, span: Span) -> bool:
        """True when the sentence negates the hit just before it."""
        s, _ = self.sentence_span(span[0])
        return is_negated(self.text[s:span[0]])

    def hit_negated(self, pattern: Pattern, span: Span) -> bool:
        """Negation of one hit, or a hypothetical one ("may agree", "to be agreed"): neither states a commitment."""
        if pattern.type == "near":
            negated = proximity.near_negated(self, pattern, span)
        elif pattern.type == "concept":
            negated = proximity.negated(self, span[0])
        else:
            negated = self.is_negated(span)
        return negated or proximity.hypothetical(self, span)

    def evidence(self, patterns: Iterable[Pattern], regions: list[Span] | None = None,
                 negation: bool | str = True) -> list[tuple[int, int, Pattern]]:
        """Hits of any of ``patterns`` inside ``regions`` (None = whole document), sorted, negated hits dropped.

        ``negation``: True drops negated hits of patterns without ``negated_ok``; "all" drops every
        negated hit (a rule's ``skip_negated``); False keeps them all.
        """
        out = []
        starts = [s for s, _ in regions] if regions else []
        for pattern in patterns:
            check = negation == "all" or (negation and not pattern.negated_ok)
            for span in self.hits(pattern):
                if regions is not None and not _in_sorted(span[0], regions, starts):
                    continue
                if check and self.hit_negated(pattern, span):
                    continue
                if pattern.unless and self.excepted(pattern, span):
                    continue
                out.append((span[0], span[1], pattern))
        out.sort(key=lambda h: (h[0], h[1]))
        return out

    def rule_applies(self, rule) -> bool:
        """Whether the rule is for this document: a contract of one of its kinds and subject, with enough hits
        of its `applies_to` patterns (negation ignored). A document that is not a contract gets no rule."""
        if self.kind is not None and not self.kind.is_contract:
            return False
        scope = rule.applies_to
        if scope is None:
            return True
        if self.kind is not None and not scope.allows(self.kind.kind, self.kind.subject):
            return False
        return not scope.patterns or len(self.evidence(scope.patterns, negation=False)) >= scope.min_hits

    def segment_span(self, span: Span) -> Span:
        """The part of the hit's sentence between the nearest semicolons around it."""
        s, e = self.sentence_span(span[0])
        e = max(e, span[1])
        before = self.text.rfind(";", s, span[0])
        after = self.text.find(";", span[1], e)
        return (before + 1 if before >= 0 else s, after if after >= 0 else e)

    def excepted(self, pattern: Pattern, span: Span) -> bool:
        """True when one of the pattern's own `unless` items hits inside the hit's segment."""
        s, e = self.segment_span(span)
        return any(s <= a and b <= e for u in pattern.unless for a, b in self.hits(u))

    def negated_hits(self, patterns: Iterable[Pattern], regions: list[Span] | None = None,
                     every: bool = False) -> list[Span]:
        """Hits dropped because their sentence negates them (for near-miss explanations)."""
        return [span for p in patterns if every or not p.negated_ok for span in self.hits(p)
                if (regions is None or in_regions(span[0], regions)) and self.is_negated(span)]

    def matches_in(self, patterns: Iterable[Pattern], span: Span, negation: bool = False) -> bool:
        """True when any pattern hits inside ``span``."""
        return any(True for _ in self.evidence(patterns, [span], negation))

    # ---- headings and scope
    def heading_clauses(self, synonyms: list[str], cutoff: float = HEADING_CUTOFF) -> list[tuple[Clause, float]]:
        """Clauses whose heading matches a synonym (score >= cutoff) and which have body text."""
        return [(c, s) for c, s in self.heading_scores(synonyms) if s >= cutoff and self.has_body(c)]

    def heading_scores(self, synonyms: list[str]) -> list[tuple[Clause, float]]:
        """Every headed clause with its best score against ``synonyms``, cached."""
        key = tuple(synonyms)
        if key not in self._headings:
            scorer = self.ruleset.cache.get(("synonym_list", key))
            if scorer is None:
                scorer = self.ruleset.cache[("synonym_list", key)] = SynonymList(list(key))
            headed = [c for c in self.analysis.clauses if c.heading]
            self._headings[key] = list(zip(headed, scorer.best_scores([c.heading for c in headed])))
        return self._headings[key]

    def has_body(self, clause: Clause) -> bool:
        """True when the clause holds text beyond its heading."""
        body = self.text[clause.start:clause.end]
        words = len(re.findall(r"\w+", body))
        return words > len(re.findall(r"\w+", clause.heading or "")) + len(re.findall(r"\w+", clause.label or ""))

    def scope_regions(self, scope: dict) -> list[Span] | None:
        """Spans the rule may look in: clauses under matching headings, else the fallback (None = document)."""
        headings = scope.get("headings") or []
        if not headings:
            return None
        spans = merge_spans([(c.start, c.end) for c, _ in self.heading_clauses(headings)])
        if spans:
            return spans
        return None if scope.get("fallback", "document") == "document" else []

    # ---- values
    def values(self, kind: str, span: Span) -> list[V.Value]:
        """Typed values of ``kind`` inside ``span`` (offsets are document offsets)."""
        key = (kind, span)
        if key not in self._values:
            self._values[key] = V.extract(kind, self.text[span[0]:span[1]], span[0])
        return self._values[key]

    # ---- findings
    def finding(self, rule: "Rule", start: int | None, end: int | None, *, fields: dict | None = None,
                message: str | None = None, details: dict | None = None, evidence: str | None = None) -> Finding:
        """A Finding of ``rule`` at [start, end) with clause, page, line, excerpt and fingerprint filled in."""
        data = dict(rule.params)
        data.update(id=rule.id, title=rule.title, element=rule.element or "")
        data.update({k: clean_field(v) for k, v in (fields or {}).items()})
        text = format_message(message or rule.message, data)
        if start is None:
            return Finding(rule=rule.id, severity=rule.severity, message=text, element=rule.element,
                           suggestion=rule.suggestion, fingerprint=fingerprint(rule.id, WHOLE_DOCUMENT_EVIDENCE),
                           details=details or {})
        end = max(end if end is not None else start, start)
        clause = self.clause_at(start)
        excerpt = self.excerpt(start, end)
        ev = evidence if evidence is not None else f"{self.text[start:end]} | {self._fingerprint_context(start, end)}"
        return Finding(rule=rule.id, severity=rule.severity, message=text, element=rule.element,
                       clause=clause.id if clause else None, page=self.document.page_of(start),
                       line=self.document.line_of(start), column=self.document.column_of(start),
                       paragraph=self.document.paragraph_of(start) if self.document.format == "docx" else None,
                       start=start, end=end, excerpt=excerpt,
                       suggestion=rule.suggestion, fingerprint=fingerprint(rule.id, ev), details=details or {})

    def excerpt(self, start: int, end: int) -> str:
        """The sentence or table row around the span; when longer than EXCERPT_MAX, a window cut at
        word boundaries ("…" marks a cut) that keeps the hit near its start, so it stays visible."""
        s, e = self.sentence_span(start)
        s, e = min(s, start), max(e, end)
        row = self.row_at(start)
        if row is not None and row.cells and (s, e) == (row.start, row.end):
            whole = " | ".join(collapse(t) for t in row.text_cells)
            if len(whole) <= EXCERPT_MAX:
                return whole
        return window_excerpt(self.text, s, e, start, end)

    def _fingerprint_context(self, start: int, end: int) -> str:
        """The excerpt as computed before word-boundary windows (segmenter sentence or ~200 characters)."""
        s, e = _span_at(self._seg_sentences, self._seg_starts, start, len(self.text))
        if not (s <= start and end <= e + 1) or e - s > _FP_SENTENCE_MAX:
            pad = max((_FP_WINDOW - (end - start)) // 2, 20)
            s, e = max(start - pad, 0), min(end + pad, len(self.text))
        return collapse(self.text[s:e])


def in_regions(pos: int, regions: list[Span]) -> bool:
    """True when ``pos`` lies in one of the spans."""
    return any(s <= pos < e for s, e in regions)


def _in_sorted(pos: int, regions: list[Span], starts: list[int]) -> bool:
    """in_regions for sorted, non-overlapping regions (as scope_regions returns them), by bisection."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and regions[i][0] <= pos < regions[i][1]


def _inside(starts: list[int], ranges: list[Span]) -> list[int]:
    """The offsets of ``starts`` (in order) that lie in one of ``ranges`` (disjoint, in order)."""
    kept, i = [], 0
    for at in starts:
        while i < len(ranges) and ranges[i][1] <= at:
            i += 1
        if i == len(ranges):
            break
        if ranges[i][0] <= at:
            kept.append(at)
    return kept


def _span_at(spans: list[Span], starts: list[int], pos: int, text_len: int) -> Span:
    if not spans:
        return (0, text_len)
    i = max(bisect.bisect_right(starts, pos) - 1, 0)
    s, e = spans[i]
    return (s, e) if s <= pos < e or i == len(spans) - 1 else (s, max(e, pos + 1))


def window_excerpt(text: str, s: int, e: int, start: int, end: int, limit: int = EXCERPT_MAX) -> str:
    """text[s:e] collapsed; when longer than ``limit``, a window around [start, end) cut at word
    boundaries, "…" where text was cut, the hit at most EXCERPT_LEFT characters from the start."""
    whole = collapse(text[s:e])
    if len(whole) <= limit:
        return whole
    left = collapse(text[max(s, start - 4 * EXCERPT_LEFT):start])
    hit = collapse(text[start:end])
    right = collapse(text[end:min(e, end + 4 * limit)])
    budget = limit - 2  # room for the two ellipses
    if len(hit) >= budget:
        return _cut_words(hit, budget) + "…"
    room_left = min(EXCERPT_LEFT, (budget - len(hit)) // 2 if right else budget - len(hit))
    left_part = _tail_words(left, room_left) if text[s:start].strip() else ""
    room_right = budget - len(hit) - len(left_part) - (1 if left_part else 0) - 1  # - 1: a joining space
    right_part = _cut_words(right, room_right) if room_right > 0 else ""
    glue_left = " " if left_part and text[start - 1:start].isspace() else ""
    glue_right = " " if right_part and text[end:end + 1].isspace() else ""
    out = left_part + glue_left + hit + glue_right + right_part
    if collapse(text[s:start]) != left_part.strip() or (not left_part and text[s:start].strip()):
        out = "…" + out.lstrip()
    if right_part != right or (not right_part and text[end:e].strip()):
        out = out.rstrip() + "…"
    return out


def _cut_words(text: str, limit: int) -> str:
    """The longest prefix of whole words within ``limit`` characters (at least part of the first word)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[:cut] if cut > 0 else text[:limit]


def _tail_words(text: str, limit: int) -> str:
    """The longest suffix of whole words within ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.find(" ", len(text) - limit - 1)
    return text[cut + 1:] if cut >= 0 else ""


def clean_field(value: Any) -> Any:
    """A placeholder value from document text: whitespace collapsed, long values cut at a word."""
    if not isinstance(value, str):
        return value
    flat = collapse(value)
    return flat if len(flat) <= FIELD_MAX else _cut_words(flat, FIELD_MAX - 1) + "…"


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, merged, non-overlapping spans."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, trimmed."""
    return " ".join(text.split())


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, data: dict) -> str:
    """Fill {placeholders}; unknown ones stay as written."""
    try:
        return string.Formatter().vformat(template, (), _Fields(data))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template
