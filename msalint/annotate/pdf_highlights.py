"""PDF -> PDF with a highlight annotation (and popup note) on each finding's words.

The words are found again in pdfium's text layer of the finding's page: the finding's text and the page's
characters are compared with spaces, hyphens and line breaks removed (the reader de-hyphenates, drops
running headers and joins lines), and the n-th occurrence on the page is taken when the words occur
more than once. Quad points come from pdfium's character boxes, one quad per line. Findings without a
span (missing elements) become notes at the top of page 1. pypdf writes the annotations as an
incremental update, so the original bytes of the file stay a prefix of the output.
"""
from __future__ import annotations

import io
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from msalint.annotate.notes import AUTHOR, note_text
from msalint.annotate.output import atomic_write
from msalint.annotate.pipeline import Linted
from msalint.model import Document, Finding, Severity

COLOURS = {Severity.ERROR: "f28b82", Severity.WARNING: "fdd663", Severity.INFO: "aecbfa"}
_IGNORED = {" ", "\t", "\r", "\n", "-", "\u00ad", "\ufffe", "\u2010", "\u2011", "\u00a0"}
_EXPAND = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
           "\ufb06": "st"}
NOTE_SIZE = 18.0


@dataclass(slots=True)
class PdfOutcome:
    """Highlights written, notes on page 1, and findings whose words were not found in the text layer."""

    highlights: int = 0
    notes: int = 0
    not_found: list[Finding] = field(default_factory=list)  # had a span, but its words are not in the text layer


@dataclass(slots=True)
class Placement:
    """Where a finding's words are: 1-based page, pdfium character indices and one rectangle per line."""

    page: int
    chars: list[int]
    rects: list[tuple[float, float, float, float]]  # (left, bottom, right, top) in PDF user space


def annotate_pdf(source: str | Path, out: str | Path, linted: Linted) -> PdfOutcome:
    """Write ``out``: the PDF at ``source`` with highlights and notes for ``linted``'s findings."""
    import pypdfium2 as pdfium
    from pypdf import PdfWriter

    data = Path(source).read_bytes()
    outcome = PdfOutcome()
    placed: list[tuple[Finding, Placement]] = []
    notes: list[Finding] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for finding in linted.findings:
            where = locate(pdf, linted.document, finding) if finding.start is not None else None
            if where is not None:
                placed.append((finding, where))
            else:
                notes.append(finding)
                if finding.start is not None:
                    outcome.not_found.append(finding)
    finally:
        pdf.close()
    with _quiet_pypdf():
        writer = PdfWriter(io.BytesIO(data), incremental=True)
        for finding, where in placed:
            _add_highlight(writer, finding, where)
            outcome.highlights += 1
        for i, finding in enumerate(notes):
            _add_note(writer, finding, i)
            outcome.notes += 1
        buffer = io.BytesIO()
        writer.write(buffer)
    atomic_write(out, buffer.getvalue())
    return outcome


@contextmanager
def _quiet_pypdf():
    """pypdf logs the PDF's own oddities it reads past ("Multiple definitions in dictionary ..."); they say
    nothing about the annotations, so they stay off the user's stderr."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# ---- finding the words -----------------------------------------------------------------------------------

def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` without spaces, hyphens and breaks (ligatures expanded), and each kept char's index."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _IGNORED or ch.isspace():
            continue
        for out in _EXPAND.get(ch, ch):
            chars.append(out)
            index.append(i)
    return "".join(chars), index


def locate(pdf, document: Document, finding: Finding) -> Placement | None:
    """The finding's words on its page of ``pdf`` (a pypdfium2 document), or None when not found."""
    page_no = document.page_of(finding.start) or 1
    starts = document.meta.get("page_offsets") or [0]
    page_start = starts[page_no - 1] if page_no - 1 < len(starts) else 0
    needle, _ = _squeezed(document.text[finding.start:finding.end])
    if not needle or page_no > len(pdf):
        return None
    before, _ = _squeezed(document.text[page_start:finding.start])
    occurrence = _count(before, needle)
    page = pdf[page_no - 1]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if len(text) != textpage.count_chars():
            return None  # characters outside the BMP: indices no longer line up with character boxes
        hay, index = _squeezed(text)
        at = _nth(hay, needle, occurrence)
        if at < 0:
            return None
        chars = index[at:at + len(needle)]
        rects = _line_rects([textpage.get_charbox(i) for i in chars])
    finally:
        textpage.close()
        page.close()
    return Placement(page_no, chars, rects) if rects else None


def _count(text: str, needle: str) -> int:
    n = pos = 0
    while (pos := text.find(needle, pos)) >= 0:
        n += 1
        pos += 1
    return n


def _nth(text: str, needle: str, n: int) -> int:
    """Start of the n-th (0-based) occurrence, else the last one before it, else -1."""
    found, pos = -1, 0
    for _ in range(n + 1):
        nxt = text.find(needle, pos)
        if nxt < 0:
            break
        found, pos = nxt, nxt + 1
    return found


def _line_rects(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Merge character boxes into one rectangle per visual line."""
    rects: list[list[float]] = []
    for left, bottom, right, top in boxes:
        if right <= left or top <= bottom:
            continue
        if rects:
            r = rects[-1]
            height = max(r[3] - r[1], top - bottom)
            if abs((bottom + top) / 2 - (r[1] + r[3]) / 2) < height / 2 and left >= r[0] - height:
                r[0], r[1], r[2], r[3] = min(r[0], left), min(r[1], bottom), max(r[2], right), max(r[3], top)
                continue
        rects.append([left, bottom, right, top])
    return [tuple(r) for r in rects]


# ---- writing annotations ---------------------------------------------------------------------------------

def _add_highlight(writer, finding: Finding, where: Placement) -> None:
    from pypdf.annotations import Highlight, Popup
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    quads: list[float] = []
    for left, bottom, right, top in where.rects:
        quads += [left, top, right, top, left, bottom, right, bottom]  # UL, UR, LL, LR as viewers expect
    bounds = (min(r[0] for r in where.rects), min(r[1] for r in where.rects),
              max(r[2] for r in where.rects), max(r[3] for r in where.rects))
    highlight = Highlight(rect=bounds, quad_points=ArrayObject(FloatObject(round(q, 3)) for q in quads),
                          highlight_color=COLOURS[finding.severity], printing=True)
    highlight[NameObject("/Contents")] = TextStringObject(note_text(finding))
    highlight[NameObject("/T")] = TextStringObject(AUTHOR)
    highlight[NameObject("/Subj")] = TextStringObject(finding.rule)
    added = writer.add_annotation(where.page - 1, highlight)
    popup = Popup(rect=(bounds[2], bounds[3] - 120, bounds[2] + 220, bounds[3]), parent=added, open=False)
    writer.add_annotation(where.page - 1, popup)


def _add_note(writer, finding: Finding, i: int) -> None:
    from pypdf.annotations import Text
    from pypdf.generic import NameObject, TextStringObject

    box = writer.pages[0].cropbox
    left, top = float(box.left) + 4 + (i % 20) * (NOTE_SIZE + 2), float(box.top) - 4 - (i // 20) * (NOTE_SIZE + 2)
    note = Text(rect=(left, top - NOTE_SIZE, left + NOTE_SIZE, top), text=note_text(finding), open=False)
    note[NameObject("/T")] = TextStringObject(AUTHOR)
    note[NameObject("/Subj")] = TextStringObject(finding.rule)
    writer.add_annotation(0, note)
