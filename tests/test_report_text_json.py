"""Text and JSON formatters: golden files plus the properties the goldens rely on."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from msalint.model import DocumentResult, Finding, Severity
from msalint.report import RenderContext, render

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MSALINT_UPDATE_GOLDEN") == "1"


def sample_results() -> list[DocumentResult]:
    """Two linted documents (one with located, whole-document and suppressed findings), one clean, one unreadable."""
    located = Finding(
        rule="MSA-WEAK-001", severity=Severity.WARNING, message="Vague effort standard: 'reasonable efforts'.",
        element=None, clause="8.1(b)", page=3, line=42, start=5120, end=5137,
        excerpt="Provider shall use  reasonable efforts\nto restore the Services.",
        suggestion="State a measurable obligation.", fingerprint="a1b2c3d4e5f60718",
    )
    missing = Finding(
        rule="MSA-REQ-003", severity=Severity.ERROR, message="No limitation of liability clause.",
        element="limitation_of_liability", fingerprint="0f1e2d3c4b5a6978",
        details={
            "looked_in": ["headings: limitation of liability, liability cap", "whole document"],
            "closest": {"clause": "12", "heading": "Indemnification", "score": 64},
            "lacked": ["a cap amount", "an exclusion of indirect damages"],
        },
    )
    early = Finding(
        rule="MSA-NUM-002", severity=Severity.ERROR, message="Payment term of 90 days exceeds 45 days.",
        clause="5.2", page=2, line=7, start=900, end=907, excerpt="ninety (90) days", fingerprint="1122334455667788",
    )
    info = Finding(
        rule="MSA-STR-001", severity=Severity.INFO, message="Cross-reference to Section 14.3 does not resolve.",
        clause="9", page=3, line=50, start=5600, end=5616, excerpt="Section 14.3", fingerprint="99aabbccddeeff00",
    )
    waived = Finding(
        rule="MSA-WEAK-001", severity=Severity.WARNING, message="Vague effort standard: 'best efforts'.",
        clause="2", page=1, line=12, start=300, end=312, excerpt="best efforts", fingerprint="fedcba9876543210",
        suppressed="waiver: negotiated, ticket LEG-12",
    )
    return [
        DocumentResult(path="contracts/acme-msa.pdf", sha256="ab" * 32, format="pdf", pages=14,
                       findings=[located, missing, early, info, waived]),
        DocumentResult(path="contracts/clean.md", sha256="cd" * 32, format="md", findings=[]),
        DocumentResult(path="contracts/notes.txt", sha256="ef" * 32, format="txt", findings=[Finding(
            rule="MSA-WEAK-002", severity=Severity.WARNING, message="Discretionary wording: 'may'.",
            clause=None, line=3, start=40, end=43, excerpt="may", fingerprint="0000111122223333")]),
        DocumentResult(path="contracts/broken.pdf", error="not a PDF file (bad header)", error_code="unreadable"),
    ]


def rendered(fmt: str, results=None, **ctx) -> str:
    out = io.StringIO()
    render(sample_results() if results is None else results, fmt, out, RenderContext(**ctx))
    return out.getvalue()


@pytest.mark.parametrize("fmt,name", [("text", "report.txt"), ("json", "report.json")])
def test_golden(fmt, name):
    got = rendered(fmt)
    path = GOLDEN / name
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_text_finding_line_layout():
    lines = rendered("text").splitlines()
    assert ("contracts/acme-msa.pdf:42:1: warning MSA-WEAK-001 Vague effort standard: 'reasonable efforts'."
            "  (p. 3, §8.1(b))") in lines
    assert "contracts/acme-msa.pdf: error MSA-REQ-003 No limitation of liability clause." in lines
    assert "contracts/notes.txt:3:1: warning MSA-WEAK-002 Discretionary wording: 'may'." in lines


def test_text_puts_errors_first_then_reading_order():
    lines = [l for l in rendered("text").splitlines() if l.startswith("contracts/acme-msa.pdf:")]
    assert [l.split()[2] for l in lines] == ["MSA-NUM-002", "MSA-REQ-003", "MSA-WEAK-001", "MSA-STR-001"]


def test_text_document_header_counts_what_is_shown():
    assert "contracts/acme-msa.pdf  2 errors, 1 warning, 1 info" in rendered("text").splitlines()
    assert "contracts/acme-msa.pdf  2 errors" in rendered("text", min_severity="error").splitlines()


def test_text_details_only_when_asked():
    plain = rendered("text")
    assert "closest:" not in plain and "> Provider shall use" not in plain and "suggestion:" not in plain
    text = rendered("text", show_details=True)
    assert "    closest: clause 12, heading Indemnification, score 64" in text
    assert "    lacked: a cap amount, an exclusion of indirect damages" in text
    assert "    > Provider shall use reasonable efforts to restore the Services." in text  # whitespace folded
    assert "    suggestion: State a measurable obligation." in text


def placeholder(clause: str, line: int, start: int) -> Finding:
    return Finding(rule="MSA-WRD-010", severity=Severity.ERROR, message="Template field left unfilled: '{Customer}'.",
                   clause=clause, line=line, column=7, start=start, end=start + 10, fingerprint=f"fp{start}")


def test_text_groups_identical_findings_on_one_line():
    clauses = ["1.2", "4.1", "4.1", "5", "6#2", "7", "8", "9"]
    findings = [placeholder(c, 10 * i + 1, 100 * i) for i, c in enumerate(clauses)]
    results = [DocumentResult(path="msa.md", format="md", findings=findings)]
    lines = rendered("text", results).splitlines()
    assert lines[1] == ("msa.md:1:7: error MSA-WRD-010 Template field left unfilled: '{Customer}'. ×8"
                        " — §1.2, §4.1, §5, §6, §7, §8, …")
    assert len(lines) == 4  # header, one grouped line, blank, summary
    assert lines[-1].startswith("Found 8 findings: 8 errors")


def test_text_docx_location_is_section_and_paragraph_never_an_internal_id():
    f = Finding(rule="MSA-WRD-009", severity=Severity.ERROR, message="Unfilled placeholder: '[DATE]'.",
                clause="3.2#2", line=88, column=4, paragraph=41, start=900, end=906, fingerprint="x")
    text = rendered("text", [DocumentResult(path="msa.docx", format="docx", findings=[f])])
    assert "msa.docx: error MSA-WRD-009 Unfilled placeholder: '[DATE]'.  (§3.2, paragraph 41)" in text
    assert "#2" not in text and "msa.docx:88" not in text


def test_text_min_severity_hides_but_counts():
    text = rendered("text", min_severity="warning")
    assert "MSA-STR-001" not in text
    assert text.rstrip().splitlines()[-1].endswith("; 1 below warning hidden")


def test_text_hides_suppressed_and_counts_them_apart():
    text = rendered("text")
    assert "best efforts" not in text
    assert text.rstrip().splitlines()[-1] == (
        "Found 5 findings: 2 errors, 2 warnings, 1 info in 4 documents; 1 unreadable; 1 suppressed")


def test_text_lists_unreadable_and_skips_clean_documents():
    text = rendered("text")
    assert "contracts/broken.pdf: unreadable: not a PDF file (bad header) [unreadable]" in text
    assert "clean.md" not in text


def test_text_clean_run_summary_uses_singulars():
    results = [DocumentResult(path="a.md", findings=[Finding(rule="X-1", severity=Severity.ERROR, message="m")])]
    assert rendered("text", results).strip().splitlines()[-1] == (
        "Found 1 finding: 1 error, 0 warnings, 0 info in 1 document")


def test_text_colour_only_when_asked():
    assert "\x1b[" not in rendered("text", color=False)
    coloured = rendered("text", color=True)
    assert "\x1b[31m" in coloured  # errors in red
    assert click_unstyle(coloured) == rendered("text", color=False)


def click_unstyle(text: str) -> str:
    import click

    return click.unstyle(text)


class FakeRule:
    def __init__(self, title):
        self.title = title


class FakeRuleset:
    hash = "fake"

    def get(self, rule_id):
        titles = {"MSA-WEAK-001": "Vague effort standards", "MSA-REQ-003": "Limitation of liability present"}
        if rule_id not in titles:
            raise KeyError(rule_id)
        return FakeRule(titles[rule_id])


def test_text_statistics_replace_the_listing():
    text = rendered("text", statistics=True, ruleset=FakeRuleset())
    assert "contracts/acme-msa.pdf:42:1" not in text
    assert "    1  MSA-WEAK-001  warning  Vague effort standards" in text
    assert "    1  MSA-NUM-002   error" in text
    assert "unreadable: not a PDF file" in text  # unreadable documents are never hidden


def test_text_notes_stale_baseline_and_expired_waivers():
    text = rendered("text", stale=[{"path": "a.pdf", "rule": "MSA-X-1", "fingerprint": "ab12"}],
                    expired_waivers=[{"path": "b.pdf", "rule": "MSA-Y-2", "expires": "2026-01-31"}])
    assert "stale baseline entry: a.pdf MSA-X-1 (fingerprint ab12)" in text
    assert "expired waiver: b.pdf MSA-Y-2 (expires 2026-01-31)" in text


def test_json_shape_is_exact():
    data = json.loads(rendered("json"))
    assert set(data) == {"version", "documents", "families", "summary"}
    assert data["families"] == []
    assert data["version"] == 1
    for doc in data["documents"]:
        assert set(doc) == {"path", "sha256", "pages", "error", "kind", "skipped", "elements", "not_applicable", "family", "findings"}
    required = {"rule", "severity", "message", "element", "clause", "page", "line", "column", "paragraph", "start",
                "end", "excerpt", "suggestion", "fingerprint"}
    for f in data["documents"][0]["findings"]:
        assert required <= set(f) <= required | {"details", "suppressed", "fix"}


def test_json_summary_counts_and_suppressed_reason():
    data = json.loads(rendered("json"))
    s = data["summary"]
    assert s["findings"] == 5 and s["suppressed"] == 1 and s["unreadable"] == 1 and s["documents"] == 4
    assert s["by_severity"] == {"error": 2, "warning": 2, "info": 1}
    assert s["by_rule"] == {"MSA-NUM-002": 1, "MSA-REQ-003": 1, "MSA-STR-001": 1, "MSA-WEAK-001": 1,
                            "MSA-WEAK-002": 1}
    waived = [f for f in data["documents"][0]["findings"] if f.get("suppressed")]
    assert [w["suppressed"] for w in waived] == ["waiver: negotiated, ticket LEG-12"]
    assert data["documents"][3]["error"] == "not a PDF file (bad header)"


def test_json_relativises_absolute_paths_under_root(tmp_path):
    results = [DocumentResult(path=str(tmp_path / "sub" / "a.md"))]
    data = json.loads(rendered("json", results, root=tmp_path))
    assert data["documents"][0]["path"] == "sub/a.md"
    outside = json.loads(rendered("json", results, root=tmp_path / "other"))
    assert outside["documents"][0]["path"] == str(tmp_path / "sub" / "a.md")


def test_json_is_deterministic_whatever_the_finding_order():
    forward = sample_results()
    backward = sample_results()
    for r in backward:
        r.findings.reverse()
    assert rendered("json", forward) == rendered("json", backward)
