"""Deterministic results and a duck-typed ruleset for the CI-format tests."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from msalint.model import DocumentResult, Finding, Severity
from msalint.report import RenderContext, render

FAKE_ROOT = Path("/repo")  # never touched on disk: paths are only made relative to it


@dataclass
class FakeRule:
    id: str
    title: str
    severity: str
    kind: str
    element: str | None
    message: str
    rationale: str
    remediation: str
    references: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class FakeRuleSet:
    rules: list[FakeRule]
    hash: str = "sha256:feedface"

    def get(self, rule_id: str) -> FakeRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def make_ruleset() -> FakeRuleSet:
    """Five rules; MSA-GOV-005 never fires, so it shows up only as a passing check."""
    return FakeRuleSet([
        FakeRule("MSA-SLA-001", "Service levels must be defined", "error", "required", "service_levels",
                 "No service levels found.", "Without service levels the customer cannot measure delivery.",
                 "Add a service-level clause with availability targets and credits.",
                 references=["Team guide, chapter 3"], tags=["sla"]),
        FakeRule("MSA-WEAK-002", "Avoid vague effort standards", "warning", "forbidden", None,
                 "Vague obligation: {match}", "Effort standards are hard to enforce.",
                 "State a measurable obligation instead."),
        FakeRule("MSA-PAY-003", "Payment terms within 45 days", "info", "numeric", "payment_terms",
                 "Payment term {value} exceeds 45 days", "Long payment terms strain cash flow.",
                 "Shorten the payment term."),
        FakeRule("MSA-TERM-004", "Termination for convenience needs notice", "warning", "conditional",
                 "termination", "Termination without notice period", "Sudden exits hurt both sides.",
                 "Add a notice period."),
        FakeRule("MSA-GOV-005", "Governing law stated", "error", "required", "governing_law",
                 "No governing law", "Disputes need a forum.", "Name the governing law."),
    ])


def make_results() -> list[DocumentResult]:
    """Four documents: findings with awkward characters, a DOCX without pages, an unreadable and a clean one."""
    weak_excerpt = 'Provider shall use best efforts, to restore: 100% of "services"\nwithin <4> hours & \x0cmore'
    acme = DocumentResult(
        path=str(FAKE_ROOT / "contracts" / "acme-msa.pdf"), sha256="a" * 64, format="pdf", pages=9,
        findings=[
            Finding("MSA-SLA-001", Severity.ERROR, "No service levels found.", element="service_levels",
                    fingerprint="1111aaaa2222bbbb",
                    details={"closest": "Support", "score": 61}),
            Finding("MSA-WEAK-002", Severity.WARNING, "Vague obligation: best efforts", clause="8.1(b)", page=3,
                    line=42, start=1200, end=1212, excerpt=weak_excerpt, suggestion="state a measurable duty"),
            # Same words elsewhere: same content fingerprint, different occurrence.
            Finding("MSA-WEAK-002", Severity.WARNING, "Vague obligation: best efforts", clause="12.4", page=5,
                    line=97, start=3400, end=3412, excerpt=weak_excerpt),
            Finding("MSA-PAY-003", Severity.INFO, "Payment term 60 days exceeds 45 days", element="payment_terms",
                    clause="4.2", page=2, line=20, start=500, end=507, excerpt="within sixty (60) days",
                    fingerprint="3333cccc4444dddd", suppressed="baseline"),
            Finding("MSA-PAY-003", Severity.INFO, "Payment term 90 days exceeds 45 days", clause="4.3", page=2,
                    line=22, start=560, end=567, excerpt="ninety (90) days",
                    suppressed="waived: Approved by Legal, LEG-1432"),
        ],
    )
    beta = DocumentResult(
        path=str(FAKE_ROOT / "contracts" / "beta, v2: final.docx"), sha256="b" * 64, format="docx",
        findings=[
            Finding("MSA-TERM-004", Severity.WARNING, "Termination without notice period", clause="ARTICLE IV",
                    line=7, start=90, end=140, excerpt="Either party may terminate at any time."),
            Finding("MSA-X-999", Severity.ERROR, "A rule the ruleset does not know", line=3, start=10, end=20,
                    excerpt="unknown"),
        ],
    )
    scan = DocumentResult(path=str(FAKE_ROOT / "contracts" / "scan.pdf"), error="PDF is encrypted",
                          error_code="encrypted")
    clean = DocumentResult(path=str(FAKE_ROOT / "contracts" / "clean.md"), sha256="c" * 64, format="md")
    return [acme, beta, scan, clean]


def make_ctx(**kwargs) -> RenderContext:
    """A render context with the fake ruleset and root."""
    defaults = dict(ruleset=make_ruleset(), root=FAKE_ROOT, tool_version="0.1.0")
    defaults.update(kwargs)
    return RenderContext(**defaults)


def render_to_text(fmt: str, results=None, ctx=None) -> str:
    """Render through the public registry, as the CLI does."""
    stream = io.StringIO()
    render(make_results() if results is None else results, fmt, stream, ctx or make_ctx())
    return stream.getvalue()
