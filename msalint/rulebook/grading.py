"""Severity by the document's subject: the checklist's sense of what to negotiate is for IT / managed services.

A missing element the rulebook grades `warning` ("should negotiate") is a negotiation point in a managed-services
deal; in a fund administration, construction or consulting contract the same gap is only worth knowing, so there it
is reported as `info`. Error-level gaps (a contract without a governing law) and every other kind of finding
(blanks, numbers, wording) keep their severity. Setting the subject (`subject = "it"`, `--subject`) lifts it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from msalint.model import Finding, Severity

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


def _is_checklist_warning(finding: Finding, ruleset: "RuleSet") -> bool:
    rule = ruleset.get(finding.rule)
    return rule is not None and rule.kind == GRADED_KIND and finding.severity == Severity.WARNING


def _graded(finding: Finding) -> Finding:
    details = {**finding.details, "graded": OUTSIDE_SUBJECT, "rule_severity": str(finding.severity)}
    return replace(finding, severity=Severity.INFO, details=details)
