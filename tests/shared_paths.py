"""Where the optional ../shared corpora live (a uniquely named module, importable from every test folder)."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The read-only ../shared folder beside the checkout, or $MSALINT_SHARED; None when absent."""
    env = os.environ.get("MSALINT_SHARED")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared")
    for c in candidates:
        if (c / "corpora").is_dir():
            return c
    return None


def pdf_page_count(path) -> int:
    """Pages of a PDF as pdfium counts them (an independent check on the readers)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()
