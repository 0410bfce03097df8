"""The rule engine: run every rule of a RuleSet over an analysed document and collect findings."""
from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

from msalint.model import Analysis, DocumentResult, Finding, Severity

if TYPE_CHECKING:
    from msalint.rulebook.ruleset import RuleSet

INTERNAL_RULE = "MSA-INTERNAL"


def lint_analysis(analysis: Analysis, ruleset: "RuleSet") -> DocumentResult:
    """Run the rules over one analysed document: sorted findings plus the element matrix."""
    from msalint.rulebook.context import LintContext, fingerprint
    from msalint.rulebook.kinds import kind_modules

    kinds = kind_modules()
    lctx = LintContext(analysis, ruleset)
    findings: list[Finding] = []
    for rule in ruleset.rules:
        try:
            findings.extend(kinds[rule.kind].run(rule, lctx))
        except Exception as exc:  # one broken rule must not stop the run
            findings.append(_internal_finding(rule.id, exc, fingerprint))
    evidence: dict[str, dict] = {}
    elements = _elements(lctx, ruleset, kinds, findings, fingerprint, evidence)
    findings.sort(key=lambda f: (-1 if f.start is None else f.start, f.end or 0, f.rule))
    doc = analysis.document
    meta = dict(doc.meta)
    meta["element_evidence"] = evidence
    return DocumentResult(path=doc.path, sha256=doc.sha256, format=doc.format, pages=doc.pages,
                          findings=findings, elements=elements, meta=meta)


def _elements(lctx, ruleset: "RuleSet", kinds, findings: list[Finding], fingerprint,
              evidence: dict[str, dict]) -> dict[str, str]:
    """element -> present | missing | incomplete over every selected required rule; fills ``evidence``."""
    states: dict[str, set[str]] = {}
    required = kinds["required"]
    for rule in ruleset.rules:
        if rule.kind != "required" or not rule.element:
            continue
        try:
            states.setdefault(rule.element, set()).add(required.element_state(rule, lctx))
            if rule.element not in evidence:
                found = required.element_evidence(rule, lctx)
                if found:
                    evidence[rule.element] = found
        except Exception as exc:
            findings.append(_internal_finding(rule.id, exc, fingerprint))
    out = {}
    for element, seen in sorted(states.items()):
        if "incomplete" in seen:
            out[element] = "incomplete"
        elif "present" in seen:
            out[element] = "present"
        else:
            out[element] = "missing"
    return out


def _internal_finding(rule_id: str, exc: Exception, fingerprint) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Finding(
        rule=INTERNAL_RULE, severity=Severity.ERROR,
        message=f"rule {rule_id} failed on this document: {type(exc).__name__}: {exc}",
        fingerprint=fingerprint(INTERNAL_RULE, f"{rule_id} {type(exc).__name__}"),
        details={"rule": rule_id, "error": f"{type(exc).__name__}: {exc}{location}"},
    )
