"""A handful of real CUAD PDFs (print-from-web files with clipped blocks): pages, text, page numbers gone."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from shared_paths import pdf_page_count

from msalint.ingest import read_document
from msalint.ingest.pdf_layout import is_page_number_line

pytestmark = pytest.mark.shared

# Small files with lone page numbers, "Page N of M" footers and running headers between them.
STEMS = [
    "ABILITYINC_06_15_2020-EX-4.25-SERVICES AGREEMENT",
    "PAXMEDICA,INC_07_02_2020-EX-10.12-Master Service Agreement",
    "BANGIINC_05_25_2005-EX-10-Premium Managed Hosting Agreement",
]
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def cuad_docs(shared):
    folder = shared / "corpora" / "cuad-dev"
    found = [(folder / "pdf" / f"{s}.pdf", folder / "txt" / f"{s}.txt") for s in STEMS]
    found = [pair for pair in found if pair[0].exists()]
    if not found:
        pytest.skip("CUAD dev PDFs not present")
    return [(read_document(pdf), txt) for pdf, txt in found]


def test_pages_and_offsets(cuad_docs):
    for doc, _ in cuad_docs:
        assert doc.pages == pdf_page_count(doc.path) == doc.meta["pages"] > 1
        offsets = doc.meta["page_offsets"]
        assert len(offsets) == doc.pages and offsets == sorted(offsets)
        assert {b.page for b in doc.blocks} <= set(range(1, doc.pages + 1))
        assert max(b.page for b in doc.blocks) == doc.pages
        last_page_start = offsets[-1]
        assert doc.page_of(last_page_start) == doc.pages


def test_text_comes_out(cuad_docs):
    for doc, txt in cuad_docs:
        if not txt.exists():
            continue
        reference = Counter(WORD.findall(txt.read_text(encoding="utf-8", errors="replace").lower()))
        found = Counter(WORD.findall(doc.text.lower()))
        recall = sum(min(n, found[w]) for w, n in reference.items()) / sum(reference.values())
        # Removed headers/footers/page numbers cost a little recall against CUAD's raw text.
        assert recall > 0.85, doc.path
        assert "\u00a0" not in doc.text and "\ufffe" not in doc.text and "\r" not in doc.text


def test_page_number_lines_are_gone(cuad_docs):
    removed_any = False
    for doc, _ in cuad_docs:
        removed_any |= doc.meta["removed_lines"] > 0
        for start in doc.meta["page_offsets"]:
            page_text = doc.text[start:].split("\n\n", 1)[0]
            lines = [ln for ln in page_text.split("\n") if ln.strip()]
            edges = lines[:2] + lines[-2:]
            assert not [ln for ln in edges if is_page_number_line(ln)], (doc.path, edges)
        assert not re.search(r"(?im)^\s*page \d+ of \d+\s*$", doc.text)
    assert removed_any


def test_numbered_clauses_become_blocks(cuad_docs):
    doc = cuad_docs[0][0]
    numbers = [b.number for b in doc.blocks if b.number]
    assert len(numbers) > 20
    assert {"1.", "1.1", "(a)"} <= set(numbers)


def test_ocr_layer_file_keeps_word_gaps(shared):
    matches = sorted((shared / "corpora" / "cuad-dev" / "pdf").glob("PRIMEENERGY*.pdf"))
    if not matches:
        pytest.skip("the OCR'd CUAD file is not present")
    default = read_document(matches[0])
    assert default.meta.get("engine_fallback")
    assert "shareholder of prime" in " ".join(default.text.lower().split())
    # Why the fallback exists: pdfium runs these words together.
    bare = read_document(matches[0], engine="pypdfium2")
    assert "shareholder ofprime" in " ".join(bare.text.lower().split())
