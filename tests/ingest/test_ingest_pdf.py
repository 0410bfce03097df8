"""PDF reader on fpdf2-generated files: pages, headers/footers, hyphenation, blocks, columns, both engines."""
from __future__ import annotations

import re

import pytest

from msalint.errors import ConfigError, IngestError
from msalint.ingest import read_document
from msalint.ingest.pdf import DEFAULT_PDF_ENGINE, page_line
from msalint.ingest.pdf_engines import ENGINES

import pdfgen

ENGINE_NAMES = sorted(ENGINES)


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="module")
def contract(pdf_dir):
    return pdfgen.contract_pdf(pdf_dir / "contract.pdf")


@pytest.fixture(scope="module", params=ENGINE_NAMES)
def contract_doc(request, contract):
    return read_document(contract, engine=request.param)


def test_default_engine_is_a_known_engine():
    assert DEFAULT_PDF_ENGINE in ENGINES
    assert read_document.__kwdefaults__["engine"] is None


def test_pages_and_page_offsets(contract_doc):
    doc = contract_doc
    assert doc.format == "pdf" and doc.pages == 3 and doc.meta["pages"] == 3
    offsets = doc.meta["page_offsets"]
    assert len(offsets) == 3 and offsets[0] == 0 and offsets == sorted(offsets)
    # Pages are separated by exactly one blank line.
    for start in offsets[1:]:
        assert doc.text[start - 2 : start] == "\n\n" and doc.text[start] != "\n"
    assert doc.text[offsets[1] :].startswith("2. Term and Termination")
    assert doc.text[offsets[2] :].startswith("3. Fees")


def test_running_header_and_page_footer_removed(contract_doc):
    doc = contract_doc
    assert pdfgen.HEADER_TEXT not in doc.text
    assert not re.search(r"Page \d+ of \d+", doc.text)
    assert doc.meta["removed_lines"] == 6  # header + footer on each of 3 pages
    assert doc.extras["headers"] == [pdfgen.HEADER_TEXT]


def test_without_running_lines_nothing_is_removed(pdf_dir):
    doc = read_document(pdfgen.contract_pdf(pdf_dir / "plain.pdf", running=False))
    assert doc.meta["removed_lines"] == 0
    assert "MANAGED SERVICES AGREEMENT" in doc.text


def test_hyphenated_break_rejoined_one_pdf_line_per_text_line(contract_doc):
    doc = contract_doc
    assert "Term and Termination" in doc.text and "Termi-" not in doc.text
    lines = doc.text.split("\n")
    assert "2. Term and Termination" in lines
    assert "of this agreement" in lines  # the rest of the second PDF line stays its own line
    # A hyphen after a compound prefix is kept: "non-" + "exclusive".
    assert "subject to a non-exclusive" in doc.text
    # Every non-blank line of the body is one PDF line from the generator.
    source_lines = {line for page in pdfgen.CONTRACT_PAGES for para in page for line in para}
    assert "written notice, subject to a non-" in source_lines
    assert len([ln for ln in lines if ln]) == len(source_lines)


def test_nbsp_normalized(contract_doc):
    assert "\u00a0" not in contract_doc.text
    assert "pay the fees within thirty days" in contract_doc.text


def test_numbered_clauses_start_blocks(contract_doc):
    doc = contract_doc
    numbers = [b.number for b in doc.blocks if b.number]
    assert numbers == ["1.", "1.1", "1.2", "2.", "2.1", "(a)", "(b)", "3.", "Section 4", "ARTICLE V", "Exhibit B"]
    for block in doc.blocks:
        assert doc.text[block.start : block.end].strip() == doc.text[block.start : block.end]
        if block.number:
            assert doc.text[block.start :].startswith(block.number)
    # A paragraph spans its PDF lines; a wrapped "Schedule 3." does not start a block of its own.
    clause = next(b for b in doc.blocks if b.number == "1.2")
    assert doc.text[clause.start : clause.end].endswith("set out in\nSchedule 3.")


def test_block_pages_are_one_based(contract_doc):
    doc = contract_doc
    assert {b.page for b in doc.blocks} == {1, 2, 3}
    assert doc.page_of(doc.text.index("Customer Data")) == 2
    heading = doc.blocks[0]
    assert heading.kind == "heading" and doc.text[heading.start : heading.end] == "MANAGED SERVICES AGREEMENT"


def test_page_relative_line(contract_doc):
    doc = contract_doc
    assert page_line(doc, doc.text.index("(b) the Supplier")) == (2, 7)
    assert page_line(doc, 0) == (1, 1)


def test_two_column_page_read_left_column_first(pdf_dir):
    path = pdfgen.two_column_pdf(pdf_dir / "columns.pdf")
    for engine in ENGINE_NAMES:
        doc = read_document(path, engine=engine)
        lines = doc.text.split("\n")
        assert lines[0].startswith("TWO COLUMN SCHEDULE"), engine
        assert lines[1:8] == pdfgen.LEFT_COLUMN, engine
        assert lines[8:15] == pdfgen.RIGHT_COLUMN, engine


def test_encrypted_pdf(pdf_dir):
    path = pdfgen.encrypted_pdf(pdf_dir / "locked.pdf")
    for engine in ENGINE_NAMES:
        with pytest.raises(IngestError) as info:
            read_document(path, engine=engine)
        assert info.value.code == "encrypted"
        assert "locked.pdf" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_owner_only_encryption_is_readable(pdf_dir, engine):
    doc = read_document(pdfgen.encrypted_pdf(pdf_dir / "owner-only.pdf", user_password=None), engine=engine)
    assert doc.meta["encrypted"] is True
    assert "Confidential terms of the hosting agreement." in doc.text


def test_page_count_limit(contract, monkeypatch):
    monkeypatch.setattr("msalint.ingest.pdf.MAX_PAGES", 2)
    with pytest.raises(IngestError) as info:
        read_document(contract)
    assert info.value.code == "too-large" and "3 pages" in info.value.cause


def test_image_only_pdf_needs_ocr(pdf_dir):
    path = pdfgen.image_only_pdf(pdf_dir / "scan.pdf")
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.code == "no-text"
    assert "OCR" in info.value.cause and "scan.pdf" in str(info.value)


def test_truncated_pdf_is_corrupt(pdf_dir, contract):
    path = pdfgen.truncated_pdf(pdf_dir / "cut.pdf", contract)
    for engine in ENGINE_NAMES:
        with pytest.raises(IngestError) as info:
            read_document(path, engine=engine)
        assert info.value.code == "corrupt"


def test_garbage_after_pdf_header_is_corrupt(pdf_dir):
    path = pdf_dir / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.code == "corrupt"


def test_unknown_engine_rejected(contract):
    with pytest.raises(ConfigError, match="unknown PDF engine"):
        read_document(contract, engine="tesseract")


def test_image_only_page_in_text_pdf_is_recorded(pdf_dir):
    doc = read_document(pdfgen.mixed_pdf(pdf_dir / "mixed.pdf"))
    assert doc.pages == 2 and doc.meta["image_only_pages"] == [2]
    assert doc.meta["page_offsets"][1] == len(doc.text)  # the empty page starts (and ends) at the end
    assert "Scope of the hosting services" in doc.text


def test_text_outside_the_page_is_dropped(pdf_dir):
    path = pdfgen.off_page_text_pdf(pdf_dir / "offpage.pdf")
    for engine in ENGINE_NAMES:
        doc = read_document(path, engine=engine)
        assert pdfgen.OFF_PAGE_TEXT not in doc.text, engine
        assert doc.text.split("\n") == ["1. Visible clause one.", "2. Visible clause two."], engine


@pytest.mark.parametrize("page_rotate", [False, True])
def test_sideways_text_keeps_line_order(pdf_dir, page_rotate):
    path = pdfgen.sideways_pdf(pdf_dir / f"sideways-{page_rotate}.pdf", page_rotate)
    for engine in ENGINE_NAMES:
        doc = read_document(path, engine=engine)
        assert doc.text.split("\n") == pdfgen.LANDSCAPE_LINES, engine


def test_ocr_text_layer_uses_pdfplumber_by_default(pdf_dir):
    path = pdfgen.contract_pdf(pdf_dir / "ocr.pdf", producer="ABBYY FineReader 15")
    doc = read_document(path)
    assert doc.meta["engine"] == "pdfplumber" and "ABBYY" in doc.meta["engine_fallback"]
    assert "2. Term and Termination" in doc.text
    explicit = read_document(path, engine="pypdfium2")
    assert explicit.meta["engine"] == "pypdfium2" and "engine_fallback" not in explicit.meta


def test_ordinary_producer_keeps_default_engine(contract):
    doc = read_document(contract)
    assert doc.meta["engine"] == DEFAULT_PDF_ENGINE and "engine_fallback" not in doc.meta
