"""PDF reader: two extraction engines (pypdfium2, pdfplumber) behind one layout pipeline.

The engines only turn pages into positioned lines (pdf_engines.py); everything after that is shared here:
running header/footer and page-number removal, de-hyphenation, paragraph blocks and page offsets.
"""
from __future__ import annotations

from msalint.errors import ConfigError, IngestError
from msalint.ingest.blocks import Line, paragraph_blocks
from msalint.ingest.pdf_engines import ENGINES, RawPage, open_checked
from msalint.ingest.pdf_layout import dehyphenate, mark_paragraph_gaps, strip_printed_page_numbers, strip_running_lines
from msalint.model import Document

# Chosen from benchmarks/results/pdf_engines.md: equal word recall, pypdfium2 is far faster.
DEFAULT_PDF_ENGINE = "pypdfium2"
PDF_ENGINES = tuple(sorted(ENGINES))
PAGE_SEPARATOR = "\n\n"
MAX_PAGES = 5000  # hostile files: a page-tree bomb of empty pages would otherwise take minutes


def read_pdf(path: str, data: bytes, *, sha256: str, engine: str | None = None) -> Document:
    """Read PDF bytes into a Document; raise IngestError for encrypted, corrupt or text-less files."""
    chosen = engine
    engine = engine or DEFAULT_PDF_ENGINE
    if engine not in ENGINES:
        raise ConfigError(f"unknown PDF engine {engine!r} (choose one of: {', '.join(PDF_ENGINES)})")
    checked = open_checked(path, data)
    if checked.page_count > MAX_PAGES:
        raise IngestError(path, f"PDF has {checked.page_count} pages, over the {MAX_PAGES}-page limit", "too-large")
    fallback = None
    if chosen is None and engine == "pypdfium2" and checked.ocr_layer:
        engine, fallback = "pdfplumber", f"pypdfium2 loses word gaps in OCR text layers ({checked.producer})"
    pages = ENGINES[engine](path, data, checked)
    if not any(page.lines for page in pages):
        raise IngestError(
            path,
            f"PDF has no text layer ({len(pages)} page(s) of images or scans); it needs OCR before it can be linted",
            "no-text",
        )
    document = _assemble(path, sha256, engine, pages, checked.encrypted)
    document.meta["producer"] = checked.producer
    if fallback:
        document.meta["engine_fallback"] = fallback
    return document


def _assemble(path: str, sha256: str, engine: str, pages: list[RawPage], encrypted: bool) -> Document:
    """Shared layout pipeline: positioned page lines -> normalized text, blocks, meta."""
    for page in pages:
        mark_paragraph_gaps(page)
    removed, extras = strip_running_lines(pages)
    removed += strip_printed_page_numbers(pages)
    dehyphenate(pages)
    text_parts: list[str] = []
    lines: list[Line] = []
    page_offsets: list[int] = []
    offset = 0
    for page in pages:
        if page.number > 1:
            text_parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        page_offsets.append(offset)
        for i, raw in enumerate(page.lines):
            if i:
                text_parts.append("\n")
                offset += 1
            text_parts.append(raw.text)
            lines.append(Line(offset, offset + len(raw.text), raw.text, page.number, raw.gap_before))
            offset += len(raw.text)
    meta = {
        "engine": engine,
        "pages": len(pages),
        "page_offsets": page_offsets,
        "removed_lines": removed,
        "image_only_pages": [p.number for p in pages if not p.lines and p.has_images],
        "encrypted": encrypted,
    }
    return Document(
        path=path,
        format="pdf",
        text="".join(text_parts),
        blocks=paragraph_blocks(lines),
        sha256=sha256,
        pages=len(pages),
        meta=meta,
        extras={k: v for k, v in extras.items() if v},
    )


def page_line(document: Document, offset: int) -> tuple[int, int] | None:
    """(page, line within that page) of an offset in a PDF Document's text, both 1-based."""
    starts = document.meta.get("page_offsets")
    if not starts:
        return None
    import bisect

    page = bisect.bisect_right(starts, offset)
    return page, document.line_of(offset) - document.line_of(starts[page - 1]) + 1
