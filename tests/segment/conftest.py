"""Fixtures for the segmentation tests: small Documents built by hand (no reader involved)."""
from __future__ import annotations

import hashlib
import re
from typing import Callable

import pytest

from msalint.model import Analysis, Block, Document


def _paragraph_blocks(text: str, page_breaks: tuple[int, ...]) -> list[Block]:
    """One block per run of non-blank lines; page numbers from the given page-break offsets."""
    blocks = []
    for m in re.finditer(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*", text):
        page = 1 + sum(1 for b in page_breaks if b <= m.start()) if page_breaks else None
        blocks.append(Block(m.start(), m.end(), "paragraph", page))
    return blocks


def _make_document(text: str, *, fmt: str = "txt", page_breaks: tuple[int, ...] = (),
                   blocks: list[Block] | None = None) -> Document:
    return Document(
        path="<test>",
        format=fmt,
        text=text,
        blocks=blocks if blocks is not None else _paragraph_blocks(text, page_breaks),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        pages=(len(page_breaks) + 1) if page_breaks else None,
    )


@pytest.fixture(scope="session")
def make_doc() -> Callable[..., Document]:
    """Build a Document from text: paragraphs split on blank lines, optional page breaks."""
    return _make_document


@pytest.fixture(scope="session")
def analyse_text() -> Callable[..., Analysis]:
    """Analyse agreement text given as a string."""
    from msalint.segment import analyse

    return lambda text, **kw: analyse(_make_document(text, **kw))
