"""The real linter in batch workers (skipped until the engine and rules are in place)."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from msalint.batch.portfolio import write_report

pytest.importorskip("msalint.engine")

AGREEMENT = """MASTER SERVICES AGREEMENT

1. Term. This Agreement starts on the Effective Date and continues for two (2) years.

2. Fees. Customer shall pay the fees in Schedule A within thirty (30) days of invoice.

3. Limitation of Liability. Each party's total liability is limited to the fees paid in the prior twelve months.

4. Governing Law. This Agreement is governed by the laws of England and Wales.

5. Notes. The Supplier will use <script>alert("x")</script> reasonable efforts to meet the service levels.
"""


@pytest.mark.slow
def test_real_lint_task_in_workers_and_report(tmp_path, subprocess_env):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "msa_a.txt").write_text(AGREEMENT, encoding="utf-8")
    (folder / "msa_b.md").write_text(AGREEMENT.replace("two (2) years", "one (1) year"), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (folder / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (folder / "terms.rtf").write_bytes(b"{\\rtf1\\ansi Terms}")
    db = tmp_path / "r.sqlite"
    run = subprocess.run([sys.executable, "-m", "msalint", "batch", str(folder), "--db", str(db), "-j", "1",
                          "--progress", "none"], env=subprocess_env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 3, run.stderr  # the broken PDF is an error row, not an abort
    rows = {p.rsplit("/", 1)[-1]: (s, e) for p, s, e in
            sqlite3.connect(db).execute("SELECT path, status, elements FROM documents")}
    assert rows["broken.pdf"][0] == rows["legacy.doc"][0] == rows["terms.rtf"][0] == "error"
    for name in ("msa_a.txt", "msa_b.md"):
        status, elements = rows[name]
        assert status == "ok"
        assert set(json.loads(elements).values()) <= {"present", "missing", "incomplete", "not_applicable"}
        assert json.loads(elements)
    write_report(db, tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert html.count("<script>") == 1 and "msa_a.txt" in html
    matrix = (tmp_path / "out" / "matrix.csv").read_text(encoding="utf-8")
    assert "save it as DOCX" in matrix and "legacy.doc" in matrix and "terms.rtf" in matrix


def test_page_limit_turns_a_long_pdf_into_an_error_row(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    from msalint.config import Config
    from msalint.session import LintOptions, Session

    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=12)
    for page in range(3):
        pdf.add_page()
        pdf.cell(0, 10, f"{page + 1}. Services. The Supplier shall provide the Services.")
    path = tmp_path / "three_pages.pdf"
    pdf.output(str(path))
    result = Session(Config(root=tmp_path), LintOptions(max_pages=2, cache=False))(str(path))
    assert (result.error_code, result.pages) == ("too-many-pages", 3)
    assert "3 pages exceeds the limit of 2" in result.error
