"""Small real PDFs for the ingest tests, generated with fpdf2 (each line placed explicitly)."""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

LINE_H = 6.0
HEADER_TEXT = "Acme Hosting MSA - Confidential"


class _Contract(FPDF):
    """A page with a running header and a 'Page N of M' footer."""

    running = True

    def header(self) -> None:
        if self.running:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, HEADER_TEXT, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    def footer(self) -> None:
        if self.running:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def _new(running: bool = True) -> _Contract:
    pdf = _Contract()
    pdf.running = running
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    return pdf


def _lines(pdf: FPDF, lines: list[str], gap_after: bool = True) -> None:
    for text in lines:
        pdf.cell(0, LINE_H, text, new_x="LMARGIN", new_y="NEXT")
    if gap_after:
        pdf.ln(LINE_H)  # a paragraph gap


# Pages of a small agreement; each inner list is one paragraph, one string per PDF line.
CONTRACT_PAGES: list[list[list[str]]] = [
    [
        ["MANAGED SERVICES AGREEMENT"],
        ["This agreement is made between Northwind Hosting Ltd (the Supplier)", "and Contoso Retail plc (the Customer)."],
        ["1. Definitions"],
        ["1.1 Services means the managed hosting services described", "in Schedule 2."],
        ["1.2 Service Levels means the availability targets set out in", "Schedule 3."],
    ],
    [
        ["2. Term and Termi-", "nation of this agreement"],
        ["2.1 Either party may terminate for convenience on ninety days", "written notice, subject to a non-", "exclusive transition period."],
        ["(a) the Supplier shall return all Customer Data; and", "(b) the Supplier shall delete all copies."],
    ],
    [
        ["3. Fees", "The Customer shall pay the fees\u00a0within thirty days of invoice."],
        ["Section 4 Liability", "Neither party limits liability for fraud."],
        ["ARTICLE V GENERAL"],
        ["Exhibit B sets out the escalation contacts."],
    ],
]


def contract_pdf(path: Path, running: bool = True, producer: str | None = None) -> Path:
    """A three-page agreement: running header, 'Page N of M' footer, numbered clauses, a hyphen break."""
    pdf = _new(running)
    if producer:
        pdf.set_producer(producer)
    for paragraphs in CONTRACT_PAGES:
        pdf.add_page()
        for paragraph in paragraphs:
            _lines(pdf, paragraph)
    pdf.output(str(path))
    return path


LEFT_COLUMN = [
    "Left one alpha credits apply when the",
    "Left two bravo availability falls below",
    "Left three charlie the monthly target",
    "Left four delta measured at the edge",
    "Left five echo of the hosting network",
    "Left six foxtrot excluding maintenance",
    "Left seven golf windows notified early.",
]
RIGHT_COLUMN = [
    "Right one hotel exclusions cover outages",
    "Right two india caused by the Customer",
    "Right three juliet or by force majeure",
    "Right four kilo events and suspensions",
    "Right five lima made under clause 9.2",
    "Right six mike of this agreement as",
    "Right seven november notified in writing.",
]


def two_column_pdf(path: Path) -> Path:
    """One page: a full-width title, then two columns written row by row (left cell, right cell)."""
    pdf = _new(running=False)
    pdf.add_page()
    _lines(pdf, ["TWO COLUMN SCHEDULE OF SERVICE CREDITS AND EXCLUSIONS FOR THE CUSTOMER"])
    for left, right in zip(LEFT_COLUMN, RIGHT_COLUMN):
        pdf.set_x(10)
        pdf.cell(90, LINE_H, left)
        pdf.set_x(110)
        pdf.cell(90, LINE_H, right, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def encrypted_pdf(path: Path, user_password: str | None = "secret") -> Path:
    """A one-page PDF encrypted with RC4; with user_password=None it opens without a password."""
    pdf = _new(running=False)
    pdf.set_encryption(owner_password="owner-pass", user_password=user_password)
    pdf.add_page()
    _lines(pdf, ["1. Confidential terms of the hosting agreement."])
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """Two pages holding only a raster image each (a 'scan' without a text layer)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 80), "white")
    ImageDraw.Draw(image).rectangle((10, 10, 190, 70), outline="black")
    pdf = _new(running=False)
    for _ in range(2):
        pdf.add_page()
        pdf.image(image, x=20, y=20, w=100)
    pdf.output(str(path))
    return path


def truncated_pdf(path: Path, source: Path) -> Path:
    """The first half of a valid PDF's bytes."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def mixed_pdf(path: Path) -> Path:
    """Page 1 has text; page 2 is only an image (a scanned signature page)."""
    from PIL import Image

    pdf = _new(running=False)
    pdf.add_page()
    _lines(pdf, ["1. Scope of the hosting services."])
    pdf.add_page()
    pdf.image(Image.new("RGB", (60, 30), "gray"), x=20, y=20, w=60)
    pdf.output(str(path))
    return path


OFF_PAGE_TEXT = "Clipped words drawn outside the page"


def off_page_text_pdf(path: Path) -> Path:
    """Visible clauses plus a line drawn above the page edge (as print-from-web PDFs do)."""
    pdf = _new(running=False)
    pdf.add_page()
    pdf.text(x=20, y=-40, text=OFF_PAGE_TEXT)
    pdf.set_xy(10, 20)
    _lines(pdf, ["1. Visible clause one.", "2. Visible clause two."])
    pdf.output(str(path))
    return path


LANDSCAPE_LINES = ["1. Landscape schedule of service credits", "2. Second line of the schedule", "3. Third line here"]


def sideways_pdf(path: Path, page_rotate: bool) -> Path:
    """Text drawn rotated by 90 degrees (a landscape table), optionally with /Rotate 90 so it displays upright."""
    import re

    pdf = _new(running=False)
    pdf.add_page()
    with pdf.rotation(90, x=105, y=148.5):
        for i, text in enumerate(LANDSCAPE_LINES):
            pdf.text(x=40, y=100 + 8 * i, text=text)
    data = bytes(pdf.output())
    if page_rotate:  # fpdf2 cannot set /Rotate; pdfium repairs the shifted xref offsets
        data = re.sub(rb"/Type /Page(?!s)", b"/Type /Page /Rotate 90", data)
    path.write_bytes(data)
    return path


def text_pdf(path: Path, paragraphs: list[str], width: int = 88, lines_per_page: int = 38) -> Path:
    """Paragraphs of plain text wrapped onto as many pages as they need (no running header or footer)."""
    import textwrap

    pdf = _new(running=False)
    pdf.add_page()
    used = 0
    for paragraph in paragraphs:
        lines = textwrap.wrap(paragraph, width) or [""]
        if used + len(lines) + 1 > lines_per_page:
            pdf.add_page()
            used = 0
        _lines(pdf, lines)
        used += len(lines) + 1
    pdf.output(str(path))
    return path
