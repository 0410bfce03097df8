"""What a document is, before any rule runs: its kind (agreement, SLA, DPA, ...) and its subject (IT or not).

The decision is a sum of points from transparent cues (``cues.yaml``): what the document calls itself in its
opening lines, words that show it hangs off another agreement ("capitalised terms have the meaning given in the
Agreement", "this Schedule forms part of"), what each kind holds, and the boilerplate of a complete agreement.
A text with too little contract language is ``not_contract``. Everything here is a pure function of the text.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from msalint.gate import gated
from msalint.model import DOCUMENT_KINDS

KINDS = DOCUMENT_KINDS
CONTRACT_KINDS = tuple(k for k in KINDS if k != "not_contract")
SUBJECTS = ("it", "other")
IT_BY_KIND = ("sla", "dpa")
DEPENDENT_KINDS = ("sla", "dpa", "sow", "order_form", "amendment")  # kinds that complete another agreement  # what these kinds regulate (service levels, processing of data) is an IT service
TITLE_CLAIM = 8.0  # title points for a contract kind (its first opening line) that count as calling itself one
_FILLER_MAX = 160  # a legend or stamp is a short line; a long opening paragraph may hold the title itself


@dataclass(frozen=True, slots=True)
class Evidence:
    """One cue that fired: the words, where (1-based line) and the points it gave."""

    text: str
    line: int
    points: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "points": self.points}


@dataclass(frozen=True, slots=True)
class DocumentKind:
    """The classifier's answer for one document (``source`` is 'detected' or where an override came from)."""

    kind: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    subject: str = "other"
    subject_evidence: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    source: str = "detected"
    dependent: bool = False  # hangs off another agreement: its numbered references may be into that agreement

    @property
    def is_contract(self) -> bool:
        return self.kind != "not_contract"

    def reason(self) -> str:
        """A short human explanation: the deciding words ("title 'Service Level Agreement' (line 1)")."""
        decisive = list({(e.text, e.line): e for e in self.evidence if e.points.get(self.kind, 0) > 0}.values())[:2]
        if self.source != "detected":
            return f"set by {self.source}"
        if not decisive:
            return "little contract language" if self.kind == "not_contract" else "no decisive cue"
        return "; ".join(f"'{e.text}' (line {e.line})" for e in decisive)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape (the ``kind`` object of clauses/check JSON)."""
        return {
            "kind": self.kind,
            "confidence": round(self.confidence, 2),
            "source": self.source,
            "evidence": [e.to_dict() for e in self.evidence],
            "subject": self.subject,
            "subject_evidence": list(self.subject_evidence),
            "dependent": self.dependent,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DocumentKind":
        return cls(kind=data["kind"], confidence=float(data.get("confidence", 1.0)),
                   evidence=tuple(Evidence(e["text"], e["line"], e["points"]) for e in data.get("evidence", [])),
                   subject=data.get("subject", "other"), subject_evidence=tuple(data.get("subject_evidence", [])),
                   source=data.get("source", "detected"), dependent=bool(data.get("dependent", False)))


def overridden(kind: str, source: str, detected: DocumentKind | None = None,
               subject: str | None = None) -> DocumentKind:
    """A kind set by configuration or the command line; the subject stays the detected one unless given."""
    evidence = detected.subject_evidence if detected and subject is None else ()
    subject = subject or (detected.subject if detected else "it")
    dependent = kind in DEPENDENT_KINDS or bool(detected and detected.dependent and detected.kind == kind)
    return DocumentKind(kind=kind, confidence=1.0, subject=subject, subject_evidence=evidence, source=source,
                        dependent=dependent)


@dataclass(frozen=True, slots=True)
class _Cue:
    zone: str
    pattern: re.Pattern
    points: dict[str, float]
    max: int
    boilerplate: bool = False
    hangs_off: bool = False


@dataclass(frozen=True, slots=True)
class _Cues:
    title_lines: int
    title_weights: tuple[float, ...]
    filler_line: re.Pattern
    stands_alone_features: int
    stands_alone_points: dict[str, float]
    cues: tuple[_Cue, ...]
    contract_language: re.Pattern
    per_thousand_words: float
    min_contract_hits: int
    signed: re.Pattern
    signed_min: int
    subject: "_SubjectCues"


@dataclass(frozen=True, slots=True)
class _SubjectCues:
    """What makes a document about IT / managed services (see the `subject` section of cues.yaml)."""

    strong: re.Pattern
    weak: re.Pattern
    min_strong: int
    min_strong_with_weak: int
    min_weak: int
    per_thousand_words: float
    short_text_per_thousand_words: float


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """The cue file, compiled once."""
    import yaml

    data = yaml.safe_load((Path(__file__).with_name("cues.yaml")).read_text(encoding="utf-8"))
    flags = re.IGNORECASE | re.MULTILINE
    compiled = tuple(
        _Cue(zone=c["zone"], pattern=gated(c["re"], 0 if c.get("case") else flags),
             points={k: float(v) for k, v in c["points"].items()}, max=int(c.get("max", 3)),
             boilerplate=bool(c.get("boilerplate")), hangs_off=bool(c.get("hangs_off")))
        for c in data["cues"]
    )
    alone = data["stands_alone"]
    unknown = ({k for c in compiled for k in c.points} | set(alone["points"])) - set(KINDS)
    if unknown:
        raise ValueError(f"cues.yaml names unknown kinds: {sorted(unknown)}")
    lang = data["contract_language"]
    it = data["subject"]["it"]
    return _Cues(title_lines=int(data["title_lines"]), title_weights=tuple(float(w) for w in data["title_weights"]),
                 filler_line=re.compile(data["filler_line"], flags),
                 stands_alone_features=int(alone["min_features"]),
                 stands_alone_points={k: float(v) for k, v in alone["points"].items()}, cues=compiled,
                 contract_language=gated(lang["re"], flags), per_thousand_words=float(lang["per_thousand_words"]),
                 min_contract_hits=int(lang["min_hits"]), signed=gated(lang["signed"]),
                 signed_min=int(lang["signed_min"]),
                 subject=_SubjectCues(strong=gated(it["strong"], flags), weak=gated(it["weak"], flags),
                                      min_strong=int(it["min_strong"]),
                                      min_strong_with_weak=int(it["min_strong_with_weak"]),
                                      min_weak=int(it["min_weak"]),
                                      per_thousand_words=float(it["per_thousand_words"]),
                                      short_text_per_thousand_words=float(it["short_text_per_thousand_words"])))


def classify(text: str) -> DocumentKind:
    """Classify a document's text: kind, confidence, the deciding evidence and the subject."""
    table = cues()
    scores = {k: 0.0 for k in KINDS}
    evidence: list[Evidence] = []
    title = _title_lines(text, table)
    boilerplate = 0
    hangs_off = False
    claimed = 0.0  # the most a title cue gave one contract kind: what the document calls itself
    for cue in table.cues:
        found = _title_hit(cue, title, table.title_weights) if cue.zone == "title" else _body_hits(cue, text)
        boilerplate += bool(found) and cue.boilerplate
        hangs_off = hangs_off or (bool(found) and cue.hangs_off)
        for snippet, line, weight in found:
            points = {k: v * weight for k, v in cue.points.items()}
            for k, v in points.items():
                scores[k] += v
            if cue.zone == "title":
                claimed = max([claimed, *(v for k, v in points.items() if k in CONTRACT_KINDS)])
            evidence.append(Evidence(snippet, line, points))
    if boilerplate >= table.stands_alone_features:
        for k, v in table.stands_alone_points.items():
            scores[k] += v
        evidence.append(Evidence(f"{boilerplate} kinds of boilerplate (stands on its own)", 1,
                                 dict(table.stands_alone_points)))
    _score_contract_language(text, table, scores, evidence, titled=claimed >= TITLE_CLAIM)
    kind, confidence = _decide(scores)
    evidence.sort(key=lambda e: -e.points.get(kind, 0))
    subject, subject_evidence = _subject(text, table)
    if kind in IT_BY_KIND and subject != "it":
        subject, subject_evidence = "it", (f"a {kind.upper()} (service levels / data processing are IT services)",)
    return DocumentKind(kind=kind, confidence=confidence, evidence=tuple(evidence[:6]), subject=subject,
                        subject_evidence=subject_evidence, scores={k: round(v, 2) for k, v in scores.items()},
                        dependent=hangs_off or kind in DEPENDENT_KINDS)


def title_kind(title: str) -> str | None:
    """The contract kind a title names ("Service Level Agreement" -> sla), or None when no title cue is clear."""
    points = {k: 0.0 for k in CONTRACT_KINDS}
    for cue in cues().cues:
        if cue.zone == "title" and cue.pattern.search(title):
            for k, v in cue.points.items():
                if k in points:
                    points[k] += v
    best = max(CONTRACT_KINDS, key=lambda k: points[k])
    return best if points[best] >= TITLE_CLAIM / 2 else None


def opening_title(text: str) -> str | None:
    """What the document calls itself: the first opening line that names a contract kind, else the first line."""
    lines = [line for _, line, _ in _title_lines(text, cues())]
    return next((line for line in lines if title_kind(line)), lines[0] if lines else None)


def _title_lines(text: str, table: _Cues) -> list[tuple[int, str, bool]]:
    """The first opening lines (1-based line number, text with Markdown marks stripped, whether it is the first
    Markdown level-1 heading), filler lines left out."""
    out = []
    heading_seen = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip().strip("#*_|>=- ").strip()
        if stripped and not (len(stripped) <= _FILLER_MAX and table.filler_line.search(stripped)):
            is_heading = not heading_seen and _H1.match(line) is not None
            heading_seen = heading_seen or is_heading
            out.append((number, stripped[:200], is_heading))
            if len(out) >= table.title_lines:
                break
    return out


_H1 = re.compile(r"#\s")


def _title_hit(cue: _Cue, title: list[tuple[int, str, bool]], weights: tuple[float, ...]
               ) -> list[tuple[str, int, float]]:
    """The earliest opening line the cue matches, weighted by its position (the first level-1 heading fully)."""
    for i, (number, line, is_heading) in enumerate(title):
        m = cue.pattern.search(line)
        if m:
            return [(_snippet(line, m), number, 1.0 if is_heading else weights[min(i, len(weights) - 1)])]
    return []


def _body_hits(cue: _Cue, text: str) -> list[tuple[str, int, float]]:
    seen: dict[str, tuple[str, int, float]] = {}
    for m in cue.pattern.finditer(text):
        key = " ".join(m.group(0).lower().split())
        if key not in seen:
            seen[key] = (" ".join(m.group(0).split()), text.count("\n", 0, m.start()) + 1, 1.0)
            if len(seen) >= cue.max:
                break
    return list(seen.values())


def _snippet(line: str, m: re.Match) -> str:
    return line if len(line) <= 80 else " ".join(m.group(0).split())


def _score_contract_language(text: str, table: _Cues, scores: dict[str, float], evidence: list[Evidence],
                             *, titled: bool) -> None:
    """Too little contract language makes a text ``not_contract`` unless it clearly calls itself a contract.

    A page titled as a contract ("Service Level Agreement", "Modification No. 1") often states its commitments in
    plain words ("we", "you") that the contract-language count misses, so its title halves the penalty.
    """
    if sum(1 for _ in zip(range(table.signed_min), table.signed.finditer(text))) >= table.signed_min:
        return  # signed by its parties: an agreement, however plainly worded
    hits = sum(1 for _ in table.contract_language.finditer(text))
    words = max(len(text.split()), 1)
    density = hits * 1000 / words
    # a clause or two quoted on their own is judged by density alone; a longer text needs some volume too
    long_text = words > table.min_contract_hits * 25
    if hits >= (table.min_contract_hits if long_text else 1) and density >= table.per_thousand_words:
        return
    scarce = hits < table.min_contract_hits / 2 if long_text else not hits
    strength = 12.0 if scarce or density < table.per_thousand_words / 2 else 6.0
    if titled:
        strength /= 2
    scores["not_contract"] += strength
    evidence.append(Evidence(f"{hits} contract words in {words} words", 1, {"not_contract": strength}))


def _decide(scores: dict[str, float]) -> tuple[str, float]:
    ranked = sorted(KINDS, key=lambda k: (-scores[k], KINDS.index(k)))
    best, second = ranked[0], ranked[1]
    if scores[best] <= 0:
        return "agreement", 0.3  # contract language but no cue: treat as a complete agreement, with doubt
    margin = scores[best] - max(scores[second], 0.0)
    return best, round(min(0.99, max(0.3, 1 - math.exp(-margin / 4))), 2)


def _subject(text: str, table: _Cues) -> tuple[str, tuple[str, ...]]:
    """'it' or 'other', with the IT terms found (strong ones first)."""
    cue = table.subject
    strong = _term_counts(cue.strong, text)
    weak = _term_counts(cue.weak, text, key_chars=8)
    strong_score = sum(min(n, 2) for n, _ in strong.values())
    density = (strong_score + len(weak) / 2) * 1000 / max(len(text.split()), 1)
    enough = (strong_score >= cue.min_strong
              or (strong_score >= cue.min_strong_with_weak
                  and (len(weak) >= cue.min_weak or density >= cue.short_text_per_thousand_words)))
    subject = "it" if enough and density >= cue.per_thousand_words else "other"
    return subject, tuple(term for _, term in [*strong.values(), *weak.values()][:5])


def _term_counts(pattern: re.Pattern, text: str, key_chars: int | None = None) -> dict[str, tuple[int, str]]:
    """Occurrences and first wording of each distinct term; a plural 's' is folded, and with ``key_chars`` forms
    of one word ('outsourcing', 'outsourced') are one term."""
    counts: dict[str, tuple[int, str]] = {}
    for m in pattern.finditer(text):
        term = " ".join(m.group(0).lower().split())
        key = term.removesuffix("s")[:key_chars] if key_chars else term.removesuffix("s")
        n, first = counts.get(key, (0, term))
        counts[key] = (n + 1, first)
    return counts
