"""Paths that are not documents (FIFOs, devices) and documents too long to analyse: one clear line and the
documented exit code, never a hang (each run is capped at 60 s and 2 GiB)."""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from bounded_run import run_msalint

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
import docxgen  # noqa: E402

CONTRACT = "1. Services\n\nThe Provider shall respond to each incident within 4 hours.\n"


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_check_refuses_a_fifo_or_device_without_hanging(tmp_path, fifo, special):
    target = str(fifo) if special == "fifo" else special
    run = run_msalint(["check", target, "--no-cache", "--format", "json"], cwd=tmp_path)
    assert run.returncode == 3, (run.returncode, run.stderr)
    assert not run.traceback
    kind = "a FIFO (named pipe)" if special == "fifo" else "a character device"
    assert f"is {kind}, not a regular file" in run.stdout


def test_batch_records_a_fifo_as_an_error_row_and_goes_on(tmp_path, fifo):
    good = tmp_path / "good.txt"
    good.write_text(CONTRACT, encoding="utf-8")
    db = tmp_path / "r.sqlite"
    run = run_msalint(["batch", str(fifo), "/dev/zero", str(good), "--db", str(db), "-j", "1", "--quiet"],
                      cwd=tmp_path, timeout=120)
    assert run.returncode == 3, (run.returncode, run.stderr)
    assert not run.traceback
    rows = dict(sqlite3.connect(db).execute("SELECT path, status FROM documents"))
    assert rows == {str(fifo): "error", "/dev/zero": "error", str(good): "ok"}


@pytest.mark.parametrize("option", ["--baseline"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_sidecar_file_that_is_a_fifo_or_device_is_a_usage_error(tmp_path, fifo, option, special):
    doc = tmp_path / "a.txt"
    doc.write_text(CONTRACT, encoding="utf-8")
    target = str(fifo) if special == "fifo" else special
    run = run_msalint(["check", str(doc), option, target, "--no-cache"], cwd=tmp_path)
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "not a regular file" in one_error_line(run.stderr)


def test_waivers_file_that_is_a_fifo_does_not_hang_check(tmp_path):
    (tmp_path / ".msalint").mkdir()
    os.mkfifo(tmp_path / ".msalint" / "waivers.yaml")  # not a file, so not the default waivers file
    doc = tmp_path / "a.txt"
    doc.write_text(CONTRACT, encoding="utf-8")
    run = run_msalint(["check", str(doc), "--no-cache"], cwd=tmp_path)
    assert run.returncode in (0, 1), (run.returncode, run.stderr)
    assert not run.traceback


def _long_docx(path: Path, paragraphs: int) -> Path:
    body = [docxgen.p(f"{i}. The Provider shall respond to incident {i} within four hours.")
            for i in range(1, paragraphs + 1)]
    path.write_bytes(docxgen.build_docx(body))
    return path


@pytest.mark.parametrize("command", ["check", "clauses"])
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_text_over_the_length_limit_is_refused_before_analysis(tmp_path, command, fmt):
    if fmt == "txt":
        doc = tmp_path / "long.txt"
        doc.write_text(CONTRACT * 100, encoding="utf-8")
    else:  # a small package whose text expands past the limit
        doc = _long_docx(tmp_path / "long.docx", 200)
    args = [command, str(doc)] + (["--no-cache"] if command == "check" else [])
    run = run_msalint(args, cwd=tmp_path, env={"MSALINT_MAX_CHARS": "5000"})
    assert run.returncode == 3, (run.returncode, run.stderr)
    assert not run.traceback
    output = run.stderr if command == "clauses" else run.stdout
    assert "characters, over the 5,000-character limit (set MSALINT_MAX_CHARS to raise it)" in output
    if command == "clauses":
        assert str(doc) in one_error_line(run.stderr)


def test_raising_the_length_limit_lets_the_document_through(tmp_path):
    doc = tmp_path / "long.txt"
    doc.write_text(CONTRACT * 100, encoding="utf-8")
    run = run_msalint(["clauses", str(doc)], cwd=tmp_path, env={"MSALINT_MAX_CHARS": "1_000_000"})
    assert run.returncode == 0, run.stderr


def test_bad_length_limit_setting_is_a_usage_error(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(CONTRACT, encoding="utf-8")
    run = run_msalint(["clauses", str(doc)], cwd=tmp_path, env={"MSALINT_MAX_CHARS": "lots"})
    assert run.returncode == 2
    assert "MSALINT_MAX_CHARS='lots'" in one_error_line(run.stderr)


def test_a_pdf_page_pdfium_cannot_load_is_a_corrupt_document(tmp_path, monkeypatch):
    """Byte-mutated PDFs whose page tree is damaged made pdfium raise on pdf[i]: an 'internal error' before."""
    pdfium = pytest.importorskip("pypdfium2")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
    from pdfgen import contract_pdf

    from msalint.api import read_document
    from msalint.errors import IngestError

    path = contract_pdf(tmp_path / "c.pdf")
    real = pdfium.PdfDocument.__getitem__

    def damaged(self, index):
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", damaged)
    with pytest.raises(IngestError) as info:
        read_document(path, engine="pypdfium2")
    assert info.value.code == "corrupt" and "page 2 cannot be loaded" in info.value.cause


def test_text_too_large_by_its_bytes_is_refused_before_reading(tmp_path, monkeypatch):
    from msalint.api import read_document
    from msalint.errors import IngestError

    monkeypatch.setenv("MSALINT_MAX_CHARS", "1000")
    path = tmp_path / "big.txt"
    path.write_text("The Supplier shall respond within four hours.\n" * 100, encoding="utf-8")  # 4,700 bytes
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.code == "too-large" and "more than the 1,000-character limit" in info.value.cause
