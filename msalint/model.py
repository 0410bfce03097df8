"""The document model shared by every layer: blocks, clauses, findings.

Character offsets into ``Document.text`` are primary; page, line and clause are derived from them.
"""
from __future__ import annotations

import bisect
import enum
import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable

# Every state an element can be in, in the order reports list them.
ELEMENT_STATES = ("present", "incomplete", "referenced", "missing", "not_applicable")
# Every kind of document the classifier tells apart (and `kind = ...`, `--kind` and `applies_to` name).
DOCUMENT_KINDS = ("agreement", "sla", "dpa", "sow", "order_form", "amendment", "other_contract", "not_contract")
SUBJECTS = ("it", "other")  # IT / managed services, or anything else


class Severity(enum.IntEnum):
    """Finding severity; higher is worse."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | "Severity") -> "Severity":
        """Parse 'error' / 'warning' / 'info' (case-insensitive)."""
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, heading or table cell of the extracted text, in reading order.

    ``start``/``end`` are offsets into ``Document.text``. ``number`` is the visible automatic
    numbering label (DOCX: reconstructed from numbering.xml), already included at the start of
    the block text as a reader sees it. ``level`` is the outline level (0 = top) when known.
    """

    start: int
    end: int
    kind: str = "paragraph"  # paragraph | heading | table_cell | list_item
    page: int | None = None  # 1-based page (PDF); None where the format has no pages
    number: str | None = None
    level: int | None = None
    style: str | None = None
    cell: tuple[int, int, int] | None = None  # (table index, row, column) for table cells


@dataclass(slots=True)
class Document:
    """A read agreement: normalized text plus blocks with positions and metadata."""

    path: str
    format: str  # pdf | docx | txt | md
    text: str
    blocks: list[Block]
    sha256: str
    pages: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, list[str]] = field(default_factory=dict)  # headers, footers, footnotes: not linted
    # Source line of each line of ``text`` when the text was rendered from markup (HTML, reStructuredText):
    # line_of() then answers with the line of the file the user opens, not of the rendered text.
    line_map: list[int] | None = None
    _line_starts: list[int] | None = field(default=None, repr=False)
    _block_starts: list[int] | None = field(default=None, repr=False)

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset``: in the source file for rendered markup, else in the extracted text."""
        line = bisect.bisect_right(self._lines(), offset)
        if self.line_map:
            return self.line_map[min(line, len(self.line_map)) - 1]
        return line

    def column_of(self, offset: int) -> int:
        """1-based column of ``offset`` in its line of the extracted text (characters, as editors count them)."""
        starts = self._lines()
        return offset - starts[bisect.bisect_right(starts, offset) - 1] + 1

    def _lines(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
            self._line_starts = starts
        return self._line_starts

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset`` (or the nearest one before it)."""
        i = self._block_index(offset)
        return None if i is None else self.blocks[i]

    def paragraph_of(self, offset: int) -> int | None:
        """1-based number of the paragraph (or table cell) holding ``offset``, counted in reading order.

        Word has no line numbers a reader can use; the paragraph count is what "Go To" and a reader can follow.
        """
        i = self._block_index(offset)
        return None if i is None else i + 1

    def _block_index(self, offset: int) -> int | None:
        if not self.blocks:
            return None
        if self._block_starts is None:
            self._block_starts = [b.start for b in self.blocks]
        return max(bisect.bisect_right(self._block_starts, offset) - 1, 0)

    def page_of(self, offset: int) -> int | None:
        """1-based page of ``offset`` (None for formats without pages)."""
        block = self.block_at(offset)
        return block.page if block else None


@dataclass(slots=True)
class Clause:
    """A node of the clause tree: id as a reader cites it ("8.1(b)", "Schedule B")."""

    id: str
    heading: str | None
    level: int
    parent: str | None
    start: int
    end: int
    page: int | None = None
    label: str | None = None  # the raw numbering label as printed ("8.1", "(b)", "ARTICLE IV")


@dataclass(frozen=True, slots=True)
class Definition:
    """A defined term and where it is defined."""

    term: str
    clause: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class XRef:
    """A cross-reference in the text and the clause it resolves to."""

    text: str
    target: str | None
    clause: str | None
    resolved: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Fix:
    """A literal edit a rule proposes for a finding: replace text[start:end] (``original``) by ``replacement``.

    ``applicability`` is the rule's safety level, as in ruff: ``safe`` keeps the meaning and may be applied
    (``annotate --suggest`` makes it a tracked change); ``unsafe`` may change the meaning and is only proposed;
    ``display-only`` is shown, never offered as an edit.
    """

    start: int
    end: int
    original: str
    replacement: str
    applicability: str
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape of a fix."""
        return {"start": self.start, "end": self.end, "original": self.original, "replacement": self.replacement,
                "applicability": self.applicability, "description": self.description}


# The evidence of a finding that has no place in the text (a missing element): one fingerprint per rule.
WHOLE_DOCUMENT_EVIDENCE = "missing"


def fingerprint(rule_id: str, evidence: str | None) -> str:
    """The content fingerprint of a finding: sha256(rule id + evidence, lower-cased, whitespace collapsed) as
    20 hex characters. Never includes page or line, so it survives edits elsewhere in the document; baselines,
    waivers and every report identify a finding by it."""
    normalized = " ".join((evidence or WHOLE_DOCUMENT_EVIDENCE).lower().split())
    return hashlib.sha256(f"{rule_id}\n{normalized}".encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class Finding:
    """One problem found by one rule in one document."""

    rule: str
    severity: Severity
    message: str
    element: str | None = None
    clause: str | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None  # 1-based, in the line
    paragraph: int | None = None  # DOCX: the paragraph (or table cell) number in reading order
    start: int | None = None  # None for whole-document findings (e.g. a missing element)
    end: int | None = None
    excerpt: str | None = None
    suggestion: str | None = None
    fingerprint: str = ""
    details: dict[str, Any] = field(default_factory=dict)  # e.g. near-miss explanation
    suppressed: str | None = None  # reason when baselined or waived
    fix: Fix | None = None  # a literal edit the rule proposes (rules with a `fix:` key)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape of a finding."""
        d: dict[str, Any] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "element": self.element,
            "clause": self.clause,
            "page": self.page,
            "line": self.line,
            "column": self.column,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
        }
        if self.details:
            d["details"] = self.details
        if self.suppressed:
            d["suppressed"] = self.suppressed
        if self.fix is not None:
            d["fix"] = self.fix.to_dict()
        return d


@dataclass(slots=True)
class DocumentResult:
    """The outcome of linting one file: findings, or the reason it could not be read."""

    path: str
    sha256: str | None = None
    format: str | None = None
    pages: int | None = None
    error: str | None = None
    error_code: str | None = None
    findings: list[Finding] = field(default_factory=list)
    elements: dict[str, str] = field(default_factory=dict)  # element -> present | missing | incomplete
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> dict[str, Any] | None:
        """The document kind object (kind, confidence, evidence, subject), when the document was classified."""
        return self.meta.get("kind") if self.meta else None

    @property
    def not_applicable(self) -> dict[str, str]:
        """Element -> why it is not asked of this document (its kind, or another element making it moot)."""
        return dict(self.meta.get("not_applicable") or {}) if self.meta else {}

    @property
    def skipped(self) -> str | None:
        """Why no rule ran on this document ("not an agreement: ..."), or None."""
        kind = self.kind
        if not kind or kind.get("kind") != "not_contract":
            return None
        words = [e["text"] for e in kind.get("evidence", []) if e.get("points", {}).get("not_contract", 0) > 0]
        return "not an agreement" + (f": {'; '.join(words[:2])}" if words else "")

    def to_dict(self) -> dict[str, Any]:
        """The one serialisation of a result: the result cache, the JSON reports and the batch database all
        write (a projection of) this dict, and ``msalint.serialise.result_from_dict`` reads it back."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "error": self.error,
            "error_code": self.error_code,
            "elements": dict(self.elements),
            "meta": dict(self.meta),
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(slots=True)
class Analysis:
    """A segmented document: clause tree, sentences, definitions and cross-references.

    ``tokens`` is the spaCy ``Doc`` over ``document.text`` (blank English pipeline plus msalint's
    own components); rule kinds run their Matcher/PhraseMatcher patterns on it.
    """

    document: Document
    clauses: list[Clause]
    sentences: list[tuple[int, int]]
    definitions: list[Definition]
    xrefs: list[XRef]
    tokens: Any = None
    _locate: Callable[[int], Clause | None] | None = field(default=None, repr=False, compare=False)

    def clause_at(self, offset: int) -> Clause | None:
        """The deepest clause whose span contains ``offset``."""
        if self._locate is None:
            self._locate = clause_locator(self.clauses)
        return self._locate(offset)

    def clause_by_id(self, clause_id: str) -> Clause | None:
        """The clause with this id, if any."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        return None


def clause_locator(clauses: list[Clause]) -> Callable[[int], Clause | None]:
    """The one clause locator: clause_at(offset) -> the deepest clause containing ``offset``, by bisection over
    the clause starts and a walk up the parents."""
    ordered = sorted(clauses, key=lambda c: (c.start, c.level))  # pre-order, whatever order they came in
    starts = [c.start for c in ordered]
    by_id = {c.id: c for c in ordered}

    def clause_at(offset: int) -> Clause | None:
        i = bisect.bisect_right(starts, offset) - 1
        clause = ordered[i] if i >= 0 else None
        while clause is not None and not (clause.start <= offset < clause.end):
            clause = by_id.get(clause.parent) if clause.parent else None
        return clause

    return clause_at
