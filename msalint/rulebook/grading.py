"""Severity grading after the rules ran: by the document's subject, and by elements that soften a gap.

Subject: a missing element the rulebook grades `warning` ("should negotiate") is a negotiation point in a
managed-services deal; in a fund administration, construction or consulting contract the same gap is only worth
knowing, so there it is reported as `info`. Error-level gaps and every other kind of finding (blanks, numbers,
wording) keep their severity. Setting the subject (`subject = "it"`, `--subject`) lifts it.

Softening (`softened_by`): some gaps matter less when a neighbouring element is there (no governing law, but the
courts of one country have exclusive jurisdiction: the forum usually applies its own law). The rule's finding goes
one step down (error -> warning -> info; info stays info) and its message says why.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from msalint.model import Finding, Severity
from msalint.rulebook.moot import HELD
from msalint.rulebook.ruleset import element_words

if TYPE_CHECKING:
    from msalint.classify import DocumentKind
    from msalint.rulebook.ruleset import RuleSet

GRADED_KIND = "required"
OUTSIDE_SUBJECT = "info: a checklist gap outside IT / managed services"


def grade_by_subject(findings: list[Finding], ruleset: "RuleSet", doc_kind: "DocumentKind") -> list[Finding]:
    """Missing-element warnings become info on a document whose subject is not IT / managed services."""
    if doc_kind.subject == "it":
        return findings
    return [_graded(f) if _is_checklist_warning(f, ruleset) else f for f in findings]


def soften(findings: list[Finding], ruleset: "RuleSet", elements: dict[str, str]) -> list[Finding]:
    """A missing-element finding of a rule with ``softened_by`` goes one step down when the document holds one of
    the softening elements (``elements``: the document's element states)."""
    out = []
    for f in findings:
        rule = ruleset.get(f.rule)
        softening = rule.softened_by if rule is not None else None
        if rule is None or softening is None or elements.get(rule.element or "") != "missing":
            out.append(f)
            continue
        held = next((e for e in softening.elements if elements.get(e) in HELD), None)
        out.append(f if held is None else _softened(f, held, softening.because))
    return out


def _softened(finding: Finding, element: str, because: str) -> Finding:
    lower = Severity(max(Severity.INFO, finding.severity - 1))
    why = f"{element_words(element)} present: {because}"
    details = {**finding.details, "softened": why, "rule_severity": str(finding.details.get("rule_severity")
                                                                          or finding.severity)}
    message = f"{finding.message.rstrip()} Softened ({why})."
    return replace(finding, severity=lower, message=message, details=details)


def _is_checklist_warning(finding: Finding, ruleset: "RuleSet") -> bool:
    rule = ruleset.get(finding.rule)
    return rule is not None and rule.kind == GRADED_KIND and finding.severity == Severity.WARNING


def _graded(finding: Finding) -> Finding:
    details = {**finding.details, "graded": OUTSIDE_SUBJECT, "rule_severity": str(finding.severity)}
    return replace(finding, severity=Severity.INFO, details=details)
