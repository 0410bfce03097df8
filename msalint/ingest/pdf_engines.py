"""PDF text engines: each turns PDF bytes into pages of positioned lines (top-down coordinates, points)."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Callable

from msalint.errors import IngestError
from msalint.ingest.normalize import normalize_pdf_line

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
HYPHEN_MARK = "\ufffe"  # pdfium's mark for a hyphen at a line end whose lines it joined
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


def open_checked(path: str, data: bytes) -> CheckedPdf:
    """Open with pdfium to classify encrypted / corrupt / truncated files before any engine runs."""
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "PDF is truncated or corrupt (no %%EOF end marker)", "corrupt")
    pdf = _open_pdfium(path, data)
    try:
        import pypdfium2.raw as pdfium_c

        encrypted = pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1
        count = len(pdf)
    finally:
        pdf.close()
    if count == 0:
        raise IngestError(path, "PDF is corrupt (it has no pages)", "corrupt")
    return CheckedPdf(count, encrypted)


def _open_pdfium(path: str, data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError(path, "PDF is encrypted with a password; remove the protection first", "encrypted") from None
        raise IngestError(path, f"PDF is truncated or corrupt ({_pdfium_reason(exc)})", "corrupt") from None


def _pdfium_reason(exc: Exception) -> str:
    match = re.search(r"PDFium: ([^)]*)", str(exc))
    return match.group(1).strip().rstrip(".").lower() if match else str(exc)


# ---------------------------------------------------------------- pypdfium2


def extract_pypdfium2(path: str, data: bytes, checked: CheckedPdf) -> list[RawPage]:
    """Lines from pdfium's text page; boxes from the first and last character of each line."""
    pdf = _open_pdfium(path, data)
    pages: list[RawPage] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
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
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        boxes_ok = len(text) == textpage.count_chars()  # non-BMP characters break index mapping
        lines: list[RawLine] = []
        for start, segment in _pdfium_segments(text):
            box = _pdfium_line_box(textpage, start, segment, height) if boxes_ok else None
            cleaned = normalize_pdf_line(segment)
            if not cleaned:
                continue
            if box is None:
                lines.append(RawLine(cleaned))
            elif _visible(box, width, height):
                lines.append(RawLine(cleaned, *box))
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


def _pdfium_line_box(textpage: Any, start: int, segment: str, height: float) -> tuple[float, ...] | None:
    first = len(segment) - len(segment.lstrip())
    last = len(segment.rstrip()) - 1
    if last < first:
        return None
    left, bottom, _, top = textpage.get_charbox(start + first)
    _, bottom2, right, top2 = textpage.get_charbox(start + last)
    return height - max(top, top2), height - min(bottom, bottom2), left, right


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
                pages.append(_plumber_page(page, index + 1))
                page.close()
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated exception types on damaged files
        raise IngestError(path, f"PDF is corrupt ({type(exc).__name__}: {exc})", "corrupt") from None
    return pages


def _plumber_page(page: Any, number: int) -> RawPage:
    width, height = float(page.width), float(page.height)
    words = [
        w
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=2, y_tolerance=2)
        if _visible((w["top"], w["bottom"], w["x0"], w["x1"]), width, height)
    ]
    rows = _rows(words)
    lines = [line for line in _reading_order(rows, width) if line.text]
    result = RawPage(number, width, height, lines)
    if not lines:
        result.has_images = bool(page.images)
    return result


def _rows(words: list[dict]) -> list[list[dict]]:
    """Group words into visual rows (same line) by vertical overlap, top to bottom, each row left to right."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if rows:
            row = rows[-1]
            ref = row[0]
            overlap = min(ref["bottom"], word["bottom"]) - max(ref["top"], word["top"])
            if overlap > 0.5 * min(ref["bottom"] - ref["top"], word["bottom"] - word["top"]):
                row.append(word)
                continue
        rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _reading_order(rows: list[list[dict]], width: float) -> list[RawLine]:
    """Rows as lines; where a gutter splits consecutive rows into two columns, left column first."""
    gutter = find_gutter(rows, width)
    if gutter is None:
        return [_line(row) for row in rows]
    lines: list[RawLine] = []
    left: list[RawLine] = []
    right: list[RawLine] = []
    for row in rows:
        if any(w["x0"] < gutter < w["x1"] for w in row):  # full-width row: ends the column band
            lines.extend(left + right)
            left, right = [], []
            lines.append(_line(row))
            continue
        left_words = [w for w in row if w["x1"] <= gutter]
        right_words = [w for w in row if w["x0"] >= gutter]
        if left_words:
            left.append(_line(left_words))
        if right_words:
            right.append(_line(right_words))
    lines.extend(left + right)
    return lines


def find_gutter(rows: list[list[dict]], width: float) -> float | None:
    """The x of a vertical gap that splits most rows into a left and a right part, if the page has one."""
    if len(rows) < 6:
        return None
    best_x, best_split = None, 0
    for step in range(int(width * 0.3), int(width * 0.7), 2):
        x = float(step)
        split = 0
        crossing = 0
        for row in rows:
            if any(w["x0"] - 2 < x < w["x1"] + 2 for w in row):
                crossing += 1
            elif row[0]["x1"] < x < row[-1]["x0"]:
                split += 1
        if crossing <= 0.2 * len(rows) and split > best_split:
            best_x, best_split = x, split
    if best_x is None or best_split < max(4, 0.4 * len(rows)):
        return None
    return best_x


def _line(words: list[dict]) -> RawLine:
    text = normalize_pdf_line(" ".join(w["text"] for w in words))
    return RawLine(
        text,
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
