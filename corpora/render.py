"""Render the team-written agreements (Markdown/TXT) to DOCX and PDF.

Usage: python corpora/render.py [--out DIR] [NAME ...]

DOCX: Markdown headings become Word heading styles, pipe tables become Word tables, other lines become
paragraphs. PDF: A4 pages with a running header, a "Page N of M" footer, tables as aligned rows.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = sorted([*HERE.glob("*.md"), *HERE.glob("*.txt")])


def parse_blocks(text: str) -> list[tuple[str, object]]:
    """Split Markdown-ish text into ("heading", (level, text)), ("table", rows) and ("para", text) blocks."""
    blocks: list[tuple[str, object]] = []
    table: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(re.fullmatch(r"-{3,}", c) for c in cells):
                table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line.strip():
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            blocks.append(("heading", (len(m.group(1)), m.group(2))))
        else:
            blocks.append(("para", line))
    if table:
        blocks.append(("table", table))
    return blocks


def to_docx(blocks: list[tuple[str, object]], out: Path, title: str) -> None:
    """Write a DOCX with heading styles, real tables and a header/footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = title
    section.footer.paragraphs[0].text = "Confidential"
    for kind, value in blocks:
        if kind == "heading":
            level, text = value
            document.add_heading(text, level=min(level, 9) if level > 1 else 0)
        elif kind == "table":
            rows = value
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
        else:
            document.add_paragraph(value)
    document.save(str(out))


def to_pdf(blocks: list[tuple[str, object]], out: Path, title: str) -> None:
    """Write a multi-page PDF with a running header and a "Page N of M" footer."""
    from fpdf import FPDF

    class Pdf(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Pdf(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    for kind, value in blocks:
        if kind == "heading":
            level, text = value
            pdf.set_font("Helvetica", "B", 13 if level == 1 else 11)
            pdf.multi_cell(0, 6, _latin1(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9)
            for row in value:
                pdf.multi_cell(0, 5, _latin1("   ".join(row)), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(out))


def _latin1(text: str) -> str:
    # The core PDF fonts are Latin-1; the sources are written to stay inside it (the pound sign is fine).
    return text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-")


def render(source: Path, out_dir: Path) -> list[Path]:
    """Render one source agreement to DOCX and PDF in ``out_dir``; return the written paths."""
    blocks = parse_blocks(source.read_text(encoding="utf-8"))
    title = f"{source.stem.replace('-', ' ').title()} - execution copy"
    if source.suffix == ".txt":
        blocks = [("heading", (1, b)) if k == "para" and b.isupper() and len(b) < 80 else (k, b) for k, b in blocks]
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_path, pdf_path = out_dir / f"{source.stem}.docx", out_dir / f"{source.stem}.pdf"
    to_docx(blocks, docx_path, title)
    to_pdf(blocks, pdf_path, title)
    return [docx_path, pdf_path]


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "build")
    parser.add_argument("names", nargs="*", help="source stems to render (default: all)")
    args = parser.parse_args()
    for source in SOURCES:
        if args.names and source.stem not in args.names:
            continue
        for path in render(source, args.out):
            print(path)


if __name__ == "__main__":
    main()
