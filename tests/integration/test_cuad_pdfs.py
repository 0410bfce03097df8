"""End-to-end on real CUAD service PDFs: page and line of every finding, and the JSON output contract."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

import pytest
from shared_paths import pdf_page_count


def _shared_at_collection():
    """../shared for parametrizing at collection time; the `shared` fixture still skips when absent."""
    from shared_paths import shared_dir

    return shared_dir()


pytestmark = pytest.mark.shared

PDF_DIR = "corpora/cuad-dev/pdf"
SAMPLE_SIZE = 5
MAX_PAGES = 12  # keeps the file fast; long filings are covered by benchmarks/

FINDING_KEYS = {"rule", "severity", "message", "element", "clause", "page", "line", "column", "paragraph", "start",
                "end", "excerpt", "suggestion", "fingerprint"}
OPTIONAL_FINDING_KEYS = {"details", "suppressed", "fix"}
DOCUMENT_KEYS = {"path", "sha256", "pages", "error", "kind", "skipped", "elements", "not_applicable", "family", "findings"}


def _sample_pdfs() -> list:
    """Five PDFs spread evenly over the sorted folder, skipping long filings."""
    base = _shared_at_collection()
    if base is None:
        return []
    short = [p for p in sorted((base / PDF_DIR).glob("*.pdf")) if pdf_page_count(p) <= MAX_PAGES]
    if len(short) <= SAMPLE_SIZE:
        return short
    step = len(short) / SAMPLE_SIZE
    return [short[int(i * step)] for i in range(SAMPLE_SIZE)]


SAMPLE = _sample_pdfs()


def _alnum(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@pytest.fixture(scope="module")
def page_texts():
    """PDF path -> list of normalised page texts, extracted with pypdfium2 independently of msalint."""
    import pypdfium2

    cache: dict = {}

    def get(path):
        if path not in cache:
            pdf = pypdfium2.PdfDocument(str(path))
            try:
                cache[path] = [_alnum(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
            finally:
                pdf.close()
        return cache[path]

    return get


def _ids(p):
    return p.name[:40]


@pytest.mark.skipif(not SAMPLE, reason="../shared corpora not available")
@pytest.mark.parametrize("path", SAMPLE, ids=_ids)
def test_span_findings_carry_page_and_line(shared, linted, path):
    document, _, result = linted(path)
    pages = pdf_page_count(path)
    assert result.error is None, result.error
    assert result.pages == pages
    spanned = [f for f in result.findings if f.start is not None]
    assert spanned, f"no findings with a span in {path.name}"
    for f in spanned:
        assert isinstance(f.page, int) and 1 <= f.page <= pages, (f.rule, f.page, pages)
        expected_line = document.text.count("\n", 0, f.start) + 1
        assert f.line == expected_line, (f.rule, f.line, expected_line)
        assert 0 <= f.start <= f.end <= len(document.text)


@pytest.mark.skipif(not SAMPLE, reason="../shared corpora not available")
@pytest.mark.parametrize("path", SAMPLE, ids=_ids)
def test_page_numbers_match_the_pdf_page_holding_the_text(shared, linted, page_texts, path):
    """The finding's text is on the page it names (checked against pypdfium2's own page texts)."""
    document, _, result = linted(path)
    pages = page_texts(path)
    checked, wrong = 0, []
    for f in result.findings:
        if f.start is None:
            continue
        probe = _alnum(document.text[f.start:f.start + 60])[:24]
        if len(probe) < 12:
            continue
        holding = [i + 1 for i, text in enumerate(pages) if probe in text]
        if len(holding) != 1:
            continue  # not found (extraction differs) or ambiguous: no verdict
        checked += 1
        if holding[0] != f.page:
            wrong.append((f.rule, f.page, holding[0], probe))
    assert checked, f"no finding text could be located in {path.name}"
    assert not wrong, f"{len(wrong)}/{checked} findings name the wrong page: {wrong[:5]}"


@pytest.fixture(scope="module")
def json_output(shared):
    """`msalint check --format json --no-cache` on the first sample PDF: (path, exit code, parsed JSON)."""
    if not SAMPLE:
        pytest.skip("no sample PDFs")
    path = SAMPLE[0]
    proc = subprocess.run(
        [sys.executable, "-m", "msalint", "check", "--format", "json", "--no-cache", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return path, proc.returncode, json.loads(proc.stdout)


def test_json_output_matches_the_contract(json_output):
    path, code, data = json_output
    assert set(data) >= {"version", "documents", "summary"}
    assert data["version"] == 1
    assert isinstance(data["summary"], dict)
    assert len(data["documents"]) == 1
    doc = data["documents"][0]
    assert set(doc) == DOCUMENT_KEYS
    assert doc["error"] is None
    assert doc["pages"] == pdf_page_count(path)
    assert doc["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc["findings"], "a CUAD filing gives at least one finding"
    assert code == 1 or all(f["severity"] != "error" for f in doc["findings"])
    for f in doc["findings"]:
        assert FINDING_KEYS <= set(f) <= FINDING_KEYS | OPTIONAL_FINDING_KEYS, set(f) ^ FINDING_KEYS
        assert f["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)+", f["rule"])
        assert re.fullmatch(r"[0-9a-f]{20}", f["fingerprint"])
        if f["start"] is None:
            assert f["end"] is None and f["page"] is None and f["line"] is None
        else:
            assert isinstance(f["start"], int) and isinstance(f["end"], int) and f["start"] <= f["end"]
            assert 1 <= f["page"] <= doc["pages"] and f["line"] >= 1
            assert f["excerpt"]


def test_json_summary_counts_agree_with_findings(json_output):
    _, _, data = json_output
    findings = [f for d in data["documents"] for f in d["findings"]]
    summary = data["summary"]
    assert summary["documents"] == len(data["documents"])
    assert summary["findings"] == len(findings)
    by_severity = {s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")}
    assert {k: v for k, v in summary["by_severity"].items() if v} == {k: v for k, v in by_severity.items() if v}
