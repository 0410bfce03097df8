"""PDF text engines: each turns PDF bytes into pages of positioned lines (top-down coordinates, points)."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Callable

from msalint.errors import IngestError
from msalint.ingest.normalize import normalize_pdf_line
from msalint.ingest.pdf_columns import find_gutter, group_rows, reading_order

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
HYPHEN_MARK = "\ufffe"  # pdfium's mark for a hyphen at a line end whose lines it joined
OCR_PRODUCERS = re.compile(r"abbyy|finereader|tesseract|omnipage|readiris|paper capture|clearscan|\bocr\b", re.I)
EDGE_TOLERANCE = 2.0  # points a glyph may stick out of the page box and still count as visible


@dataclass(slots=True)
class RawLine:
    """One visual line: text and its box measured from the page top (None when the engine has no box)."""

    text: str
    top: float | None = None
    bottom: float | None = None
    x0: float | None = None
    x1: float | None = None
    gap_before: bool = False


@dataclass(slots=True)
class RawPage:
    """One page's lines in reading order."""

    number: int
    width: float
    height: float
    lines: list[RawLine] = field(default_factory=list)
    has_images: bool = False


@dataclass(frozen=True, slots=True)
class CheckedPdf:
    """Facts established while opening the PDF with pdfium (shared by both engines)."""

    page_count: int
    encrypted: bool
    producer: str = ""

    @property
    def ocr_layer(self) -> bool:
        """Made by OCR software: pdfium drops word gaps in such text layers ("ofthe"), pdfplumber keeps them."""
        return bool(OCR_PRODUCERS.search(self.producer))


def open_checked(path: str, data: bytes) -> CheckedPdf:
    """Open with pdfium to classify encrypted / corrupt / truncated files before any engine runs."""
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "PDF is truncated or corrupt (no %%EOF end marker)", "corrupt")
    pdf = _open_pdfium(path, data)
    try:
        import pypdfium2.raw as pdfium_c

        encrypted = pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1
        count = len(pdf)
        metadata = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    if count == 0:
        raise IngestError(path, "PDF is corrupt (it has no pages)", "corrupt")
    producer = " ".join(metadata.get(key, "") for key in ("Producer", "Creator")).strip()
    return CheckedPdf(count, encrypted, producer)


def _open_pdfium(path: str, data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            cause = "PDF is encrypted with a password; remove the protection first"
            raise IngestError(path, cause, "encrypted") from None
        raise IngestError(path, f"PDF is truncated or corrupt ({_pdfium_reason(exc)})", "corrupt") from None


def _load_page(pdf: Any, path: str, index: int) -> Any:
    """Page ``index`` of an open pdfium document; a page pdfium cannot load (a damaged page tree) is corrupt."""
    import pypdfium2 as pdfium

    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:
        raise IngestError(path, f"PDF is corrupt (page {index + 1} cannot be loaded: {_pdfium_reason(exc)})",
                          "corrupt") from None


def _pdfium_reason(exc: Exception) -> str:
    match = re.search(r"PDFium: ([^)]*)", str(exc))
    return match.group(1).strip().rstrip(".").lower() if match else str(exc).strip().rstrip(".").lower()


# ---------------------------------------------------------------- pypdfium2


def extract_pypdfium2(path: str, data: bytes, checked: CheckedPdf) -> list[RawPage]:
    """Lines from pdfium's text page; boxes from the first and last character of each line."""
    pdf = _open_pdfium(path, data)
    pages: list[RawPage] = []
    try:
        for index in range(len(pdf)):
            page = _load_page(pdf, path, index)
            try:
                pages.append(_pdfium_page(page, index + 1))
            except Exception as exc:  # pdfium raises bare errors on damaged page trees
                raise IngestError(path, f"PDF is corrupt (page {index + 1} cannot be read: {exc})", "corrupt") from None
            finally:
                page.close()
    finally:
        pdf.close()
    return pages


def _pdfium_page(page: Any, number: int) -> RawPage:
    left, bottom, right, top = page.get_bbox()  # the crop box, with inherited boxes resolved
    frame = _Frame(left, top)
    width, height = right - left, top - bottom
    # Character boxes are in unrotated page space: on a rotated page pdfium's own line order is used as is.
    upright = page.get_rotation() % 360 == 0
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        boxes_ok = upright and len(text) == textpage.count_chars()  # non-BMP characters break index mapping
        lines: list[RawLine] = []
        for start, segment in _pdfium_segments(text):
            box = _pdfium_line_box(textpage, start, segment, frame) if boxes_ok else None
            cleaned = normalize_pdf_line(segment)
            if not cleaned:
                continue
            if box is None:
                lines.append(RawLine(cleaned))
            elif _visible(box, width, height):
                lines.append(RawLine(cleaned, *box))
        columns = _pdfium_column_lines(textpage, frame, width, height) if upright else None
        if columns is not None:
            lines = columns
    finally:
        textpage.close()
    result = RawPage(number, width, height, lines)
    if not lines:
        result.has_images = _pdfium_has_images(page)
    return result


def _pdfium_segments(text: str) -> list[tuple[int, str]]:
    """Split pdfium text into PDF lines, undoing pdfium's join at U+FFFE so each PDF line stays a line."""
    segments: list[tuple[int, str]] = []
    pos = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        line_start = pos
        line = text[pos:end]
        while HYPHEN_MARK in line:
            cut = line.index(HYPHEN_MARK)
            segments.append((line_start, line[:cut] + "-"))
            line_start += cut + 1
            line = line[cut + 1 :]
        segments.append((line_start, line))
        if match:
            pos = match.end()
    return segments


@dataclass(frozen=True, slots=True)
class _Frame:
    """The visible page box's top-left corner in PDF user space, to turn PDF coordinates top-down."""

    left: float
    top: float

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(top, bottom, x0, x1) measured from the page's top-left corner."""
        return self.top - top, self.top - bottom, left - self.left, right - self.left


def _pdfium_line_box(textpage: Any, start: int, segment: str, frame: _Frame) -> tuple[float, ...] | None:
    """The line's box from its first and last visible character."""
    first = len(segment) - len(segment.lstrip())
    last = len(segment.rstrip()) - 1
    if last < first:
        return None
    left, bottom, _, top = textpage.get_charbox(start + first)
    _, bottom2, right, top2 = textpage.get_charbox(start + last)
    return frame.box(left, min(bottom, bottom2), right, max(top, top2))


def _pdfium_column_lines(textpage: Any, frame: _Frame, width: float, height: float) -> list[RawLine] | None:
    """Lines of a two-column page read column by column (pdfium's text runs give the gutter), else None."""
    runs = []
    for i in range(textpage.count_rects()):
        rect = textpage.get_rect(i)
        top, bottom, x0, x1 = frame.box(*rect)
        if _visible((top, bottom, x0, x1), width, height):
            runs.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "rect": rect})
    rows = group_rows(runs)
    gutter = find_gutter(rows, width)
    if gutter is None:
        return None
    lines = []
    for row in reading_order(rows, gutter):
        text = " ".join(textpage.get_text_bounded(*run["rect"]) for run in row).replace(HYPHEN_MARK, "-")
        line = _line(row, text)
        if line.text:
            lines.append(line)
    return lines


def _pdfium_has_images(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))


def _visible(box: tuple[float, ...], width: float, height: float) -> bool:
    """False for lines drawn entirely outside the page (CUAD's clipped print-from-HTML blocks)."""
    top, bottom, x0, x1 = box
    tol = EDGE_TOLERANCE
    return bottom > -tol and top < height + tol and x1 > -tol and x0 < width + tol


# ---------------------------------------------------------------- pdfplumber


def extract_pdfplumber(path: str, data: bytes, checked: CheckedPdf) -> list[RawPage]:
    """Lines from pdfplumber words, grouped by baseline; two-column pages read left column first."""
    import io

    import pdfplumber

    pages: list[RawPage] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages):
                if _plumber_cannot_lay_out(page):
                    pages.append(_pdfium_single_page(path, data, index))
                else:
                    pages.append(_plumber_page(page, index + 1))
                page.close()
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated exception types on damaged files
        raise IngestError(path, f"PDF is corrupt ({type(exc).__name__}: {exc})", "corrupt") from None
    return pages


def _plumber_cannot_lay_out(page: Any) -> bool:
    """Rotated pages and mostly sideways text: pdfplumber's words come out scrambled there."""
    if page.rotation % 360:
        return True
    chars = page.chars
    return bool(chars) and sum(1 for c in chars if not c.get("upright", True)) > 0.5 * len(chars)


def _pdfium_single_page(path: str, data: bytes, index: int) -> RawPage:
    """One page read with pdfium (for pages the pdfplumber engine cannot lay out)."""
    pdf = _open_pdfium(path, data)
    try:
        page = _load_page(pdf, path, index)
        try:
            return _pdfium_page(page, index + 1)
        finally:
            page.close()
    finally:
        pdf.close()


def _plumber_page(page: Any, number: int) -> RawPage:
    width, height = float(page.width), float(page.height)
    words = [
        w
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=2, y_tolerance=2)
        if _visible((w["top"], w["bottom"], w["x0"], w["x1"]), width, height)
    ]
    rows = group_rows(words)
    lines = [_line(row) for row in reading_order(rows, find_gutter(rows, width))]
    lines = [line for line in lines if line.text]
    result = RawPage(number, width, height, lines)
    if not lines:
        result.has_images = bool(page.images)
    return result


def _line(words: list[dict], text: str | None = None) -> RawLine:
    """A RawLine spanning the boxes; text defaults to the boxes' own text joined by spaces."""
    if text is None:
        text = " ".join(w["text"] for w in words)
    return RawLine(
        normalize_pdf_line(text),
        min(w["top"] for w in words),
        max(w["bottom"] for w in words),
        min(w["x0"] for w in words),
        max(w["x1"] for w in words),
    )


def median(values: list[float], default: float) -> float:
    """Median of values, or default for an empty list."""
    return statistics.median(values) if values else default


ENGINES: dict[str, Callable[[str, bytes, CheckedPdf], list[RawPage]]] = {
    "pypdfium2": extract_pypdfium2,
    "pdfplumber": extract_pdfplumber,
}
