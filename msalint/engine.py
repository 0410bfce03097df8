"""The rule engine: run every rule of a RuleSet over an analysed document and collect findings."""
from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

from msalint.model import Analysis, DocumentResult, Finding, Severity, fingerprint
from msalint.rulebook.blanks import fold_blanks
from msalint.rulebook.grading import grade_by_subject, soften
from msalint.rulebook.kinds import kind_of, kinds
from msalint.rulebook.moot import settle_applicability

if TYPE_CHECKING:
    from msalint.rulebook.ruleset import RuleSet

INTERNAL_RULE = "MSA-INTERNAL"


def lint_analysis(analysis: Analysis, ruleset: "RuleSet") -> DocumentResult:
    """Run the rules over one analysed document: sorted findings plus the element matrix."""
    from msalint.families.card import document_card
    from msalint.rulebook.context import LintContext
    doc_kind = document_kind(analysis, ruleset)
    lctx = LintContext(analysis, ruleset, doc_kind)
    findings: list[Finding] = []
    for rule in ruleset.rules:
        try:
            if not lctx.rule_applies(rule):
                continue  # not this kind of document: no findings (element detection still runs below)
            findings.extend(kind_of(rule).run(rule, lctx))
        except Exception as exc:  # one broken rule must not stop the run
            findings.append(_internal_finding(rule.id, exc))
    evidence: dict[str, dict] = {}
    elements = _elements(lctx, ruleset, findings, evidence)
    if doc_kind.is_contract:
        from msalint.references import refer_to_attachments

        findings = refer_to_attachments(lctx, elements, findings)
    findings, not_applicable = settle_applicability(lctx, elements, findings)
    findings, dropped = apply_precedence(findings, ruleset, lctx)
    findings = fold_blanks(findings, ruleset, lctx.text)
    findings = grade_by_subject(findings, ruleset, doc_kind)
    findings = soften(findings, ruleset, elements)
    for kind in kinds().values():
        findings = kind.fold(findings, ruleset, lctx)
    findings.sort(key=lambda f: (-1 if f.start is None else f.start, f.end or 0, f.rule))
    doc = analysis.document
    meta = dict(doc.meta)
    meta["element_evidence"] = evidence
    meta["kind"] = doc_kind.to_dict()
    if not_applicable:
        meta["not_applicable"] = not_applicable  # element -> why it is not asked of this document
    meta["family_card"] = document_card(lctx.text, findings, ruleset)
    if dropped:
        meta["suppressed_by_rule"] = dropped
    return DocumentResult(path=doc.path, sha256=doc.sha256, format=doc.format, pages=doc.pages,
                          findings=findings, elements=elements, meta=meta)


def document_kind(analysis: Analysis, ruleset: "RuleSet"):
    """The document's kind: the configured one when set (``kind = "sla"``, ``--kind``), else the classifier's."""
    from msalint.classify import classify, overridden

    detected = classify(analysis.document.text)
    if ruleset.kind or ruleset.subject:
        return overridden(ruleset.kind or detected.kind, "configuration", detected, subject=ruleset.subject)
    return detected


def _elements(lctx, ruleset: "RuleSet", findings: list[Finding], evidence: dict[str, dict]) -> dict[str, str]:
    """element -> present | incomplete | missing | not_applicable over every element rule of the run
    (``RuleSet.element_detectors``: the selected ones and the unselected opt-in ones)
    (``msalint.references`` then turns a missing element an absent attachment would hold into ``referenced``).

    An element no applicable rule asks for (a governing law in a stand-alone SLA) is ``not_applicable`` when the
    document lacks it; when the document has it anyway it is still ``present``. Fills ``evidence``.
    """
    states: dict[str, set[str]] = {}
    applicable: set[str] = set()
    for rule in ruleset.element_detectors():
        kind, element = kind_of(rule), rule.element
        if element is None:
            continue
        try:
            states.setdefault(element, set()).add(kind.element_state(rule, lctx))
            if lctx.rule_applies(rule):
                applicable.add(element)
            if element not in evidence:
                found = kind.element_evidence(rule, lctx)
                if found:
                    evidence[element] = found
        except Exception as exc:
            findings.append(_internal_finding(rule.id, exc))
    out = {}
    for element, seen in sorted(states.items()):
        if "incomplete" in seen:
            out[element] = "incomplete"
        elif "present" in seen:
            out[element] = "present"
        else:
            out[element] = "missing" if element in applicable else "not_applicable"
    return out


def apply_precedence(findings: list[Finding], ruleset: "RuleSet", lctx) -> tuple[list[Finding], list[dict]]:
    """Drop findings of rules with ``suppressed_by`` when a named rule fires in the same place.

    Suppressors are settled first, so a finding that was itself dropped suppresses nothing.
    """
    rules = [r for r in ruleset.rules if r.suppressed_by]
    if not rules:
        return findings, []
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    selected = {r.id: r for r in ruleset.rules}
    settled: set[str] = set()
    dropped: list[dict] = []
    gone: set[int] = set()

    def settle(rule) -> None:
        if rule.id in settled:
            return
        settled.add(rule.id)
        for other, _ in rule.suppressed_by:
            if other in selected:
                settle(selected[other])
        kept = []
        for f in by_rule.get(rule.id, []):
            by = next((other for other, within in rule.suppressed_by
                       if any(_same_place(lctx, f, g, within) for g in by_rule.get(other, []))), None)
            if by is None:
                kept.append(f)
            else:
                gone.add(id(f))
                dropped.append({"rule": f.rule, "by": by, "fingerprint": f.fingerprint})
        by_rule[rule.id] = kept

    for rule in rules:
        settle(rule)
    return [f for f in findings if id(f) not in gone], dropped


def _same_place(lctx, f: Finding, g: Finding, within: str) -> bool:
    """True when finding ``g`` (of a suppressing rule) is where ``f`` is, at the precedence's granularity."""
    if within == "document" or f.start is None or g.start is None:
        return True
    if within == "clause":
        a, b = lctx.clause_span(f.start), lctx.clause_span(g.start)
        if a is not None or b is not None:
            return a == b
    same_unit = lctx.sentence_span(f.start) == lctx.sentence_span(g.start)
    return same_unit or (f.start < (g.end or g.start + 1) and g.start < (f.end or f.start + 1))


def _internal_finding(rule_id: str, exc: Exception) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Finding(
        rule=INTERNAL_RULE, severity=Severity.ERROR,
        message=f"rule {rule_id} failed on this document: {type(exc).__name__}: {exc}",
        fingerprint=fingerprint(INTERNAL_RULE, f"{rule_id} {type(exc).__name__}"),
        details={"rule": rule_id, "error": f"{type(exc).__name__}: {exc}{location}"},
    )
