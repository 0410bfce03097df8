"""What every annotation writer says about a finding, and where a finding without a span goes."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msalint.model import Analysis, DocumentResult, Finding

if TYPE_CHECKING:
    from msalint.report import RenderContext

AUTHOR = "msalint"
INITIALS = "ML"
# A missing element's near-miss clause is only worth pointing at when its heading came close to the
# element's headings; below this score the comment goes on the document title instead.
NEAR_MISS_MIN_SCORE = 70.0
_FAMILY = re.compile(r"^(.*?)-?\d+$")


def note_text(finding: Finding) -> str:
    """'WARNING MSA-WRD-002: message' plus the suggestion: the text of a Word comment or PDF note."""
    text = f"{str(finding.severity).upper()} {finding.rule}: {finding.message}"
    if finding.suggestion:
        text += f"\nSuggestion: {finding.suggestion}"
    fix = getattr(finding, "fix", None)
    if fix is not None and fix.replacement is not None and fix.applicability != "display-only":
        text += f"\nProposed edit: '{fix.original}' -> '{fix.replacement}' ({fix.applicability})"
    return text


def missing_anchor(finding: Finding, analysis: Analysis) -> tuple[int, int] | None:
    """Where a finding without a span is shown: the near-miss clause's heading when it came close, else
    the document title (the first block); None for an empty document."""
    details = finding.details if isinstance(finding.details, dict) else {}
    closest, score = details.get("closest_clause"), details.get("closest_heading_score") or 0
    if closest and score >= NEAR_MISS_MIN_SCORE:
        for clause in analysis.clauses:
            if f"{clause.id} {clause.heading or ''}".strip() == closest:
                return _first_line(analysis, clause.start, clause.end)
    blocks = analysis.document.blocks
    first = next((b for b in blocks if analysis.document.text[b.start:b.end].strip()), None)
    return (first.start, first.end) if first else None


def _first_line(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    block = analysis.document.block_at(start)
    if block is not None and block.start <= start < block.end:
        end = min(end, block.end)
    newline = analysis.document.text.find("\n", start, end)
    return start, newline if newline > start else end


def document_kind(result: DocumentResult) -> str | None:
    """The document kind (amendment, order form, ...) when the result carries one."""
    kind = getattr(result, "kind", None) or result.meta.get("kind") or result.meta.get("document_kind")
    if isinstance(kind, dict):
        kind = kind.get("kind") or kind.get("name")
    return str(kind) if kind else None


def element_states(result: DocumentResult) -> dict[str, str]:
    """element -> state (present / incomplete / referenced / missing / not_applicable) when known."""
    states: dict[str, Any] = dict(result.elements or {})
    return {k: (v.get("state") if isinstance(v, dict) else str(v)) for k, v in states.items() if v}


def rule_pack(ctx: "RenderContext | None", rule_id: str) -> str:
    """The pack a rule comes from ('wording'), or its id family ('MSA-WRD') when the rule is unknown."""
    from msalint.report.ci_common import rule_lookup

    rule = rule_lookup(ctx, rule_id) if ctx is not None else None
    source = getattr(rule, "source_file", "") if rule is not None else ""
    if source:
        return Path(source).stem
    match = _FAMILY.match(rule_id)
    return match.group(1) if match else rule_id
