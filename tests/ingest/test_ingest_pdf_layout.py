"""Engine-independent PDF layout steps on hand-made pages: hyphenation, page numbers, running lines."""
from __future__ import annotations

import pytest

from msalint.ingest.pdf_engines import RawLine, RawPage
from msalint.ingest.pdf_layout import dehyphenate, is_page_number_line, strip_running_lines


def _page(number: int, *texts: str) -> RawPage:
    lines = [RawLine(t, top=10.0 + 12 * i, bottom=20.0 + 12 * i, x0=50.0, x1=500.0) for i, t in enumerate(texts)]
    return RawPage(number, 600.0, 800.0, lines)


def _texts(pages: list[RawPage]) -> list[list[str]]:
    return [[line.text for line in page.lines] for page in pages]


def test_dehyphenate_uses_the_document_vocabulary():
    pages = [
        _page(1, "fees are a pass-", "through cost; the termi-", "nation fee applies and", "notice by e-", "mail or email."),
        _page(2, "The problem and the related pass", "through items; the non-", "exclusive licence."),
    ]
    dehyphenate(pages)
    assert _texts(pages) == [
        ["fees are a pass-through", "cost; the termination", "fee applies and", "notice by email", "or email."],
        ["The problem and the related pass", "through items; the non-exclusive", "licence."],
    ]


def test_dehyphenate_across_pages_and_soft_hyphen():
    pages = [_page(1, "the availa\u00ad"), _page(2, "bility target")]
    dehyphenate(pages)
    assert _texts(pages) == [["the availability"], ["target"]]


def test_numbers_and_digits_are_not_joined():
    pages = [_page(1, "see clause 2-", "4 and Section A-", "1 today")]
    dehyphenate(pages)
    assert _texts(pages) == [["see clause 2-", "4 and Section A-", "1 today"]]


@pytest.mark.parametrize("text", ["3", "Page 3", "page 3 of 17", "- 4 -", "\u2013 12 \u2013", "3/17", "[4]", "iv", "Page A-3"])
def test_page_number_lines(text):
    assert is_page_number_line(text)


@pytest.mark.parametrize("text", ["3. Fees", "(a)", "(4)", "Section 4", "Page 3 sets out the fees", "I", "2019 Agreement"])
def test_not_page_number_lines(text):
    assert not is_page_number_line(text)


TOPICS = ["fees", "term", "liability", "data"]


def _body(n: int) -> list[str]:
    topic = TOPICS[n - 1]
    return [f"{n}. Clause on {topic}", "Acme MSA v9 in the middle", f"The {topic} rules", f"(a) {topic} item", "(b) item"]


def test_running_lines_modulo_digits_and_only_at_edges():
    pages = [_page(n, f"Acme MSA v{n}", *_body(n), f"Page {n} of 4") for n in range(1, 5)]
    removed, extras = strip_running_lines(pages)
    assert removed == 8
    assert extras == {"headers": ["Acme MSA v1"], "footers": []}
    assert _texts(pages) == [_body(n) for n in range(1, 5)]


def test_short_pages_keep_their_body():
    pages = [_page(n, f"{n}. Clause on {TOPICS[n]}", "(a) detail", "Closing words", str(n)) for n in range(1, 4)]
    removed, _ = strip_running_lines(pages)
    assert removed == 3
    assert _texts(pages) == [[f"{n}. Clause on {TOPICS[n]}", "(a) detail", "Closing words"] for n in range(1, 4)]


def test_lone_number_in_the_body_is_kept():
    pages = [_page(1, "Fees", "Item", "12", "Total", "and more", "text here", "7")]
    removed, _ = strip_running_lines(pages)
    assert removed == 1 and _texts(pages) == [["Fees", "Item", "12", "Total", "and more", "text here"]]
