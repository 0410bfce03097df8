"""Printed page numbers left inside the page body (filings that merged printed pages) are removed; real text stays."""
from __future__ import annotations

import pytest
from fpdf import FPDF

from msalint.ingest import read_document
from msalint.ingest.pdf_engines import ENGINES, RawLine, RawPage
from msalint.ingest.pdf_layout import strip_printed_page_numbers

LINE_H = 5.5


_WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar".split()


def _body(n: int, tag: str) -> list[str]:
    """n distinct body lines (words, not digits: lines equal up to digits would look like running headers)."""
    return [f"{tag} {_WORDS[i % 15]} {_WORDS[i // 15]} line of the hosting terms" for i in range(n)]


def _pdf(path, pages: list[list[str]]) -> str:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    for lines in pages:
        pdf.add_page()
        pdf.set_y(12)
        for text in lines:
            pdf.cell(0, LINE_H, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return str(path)


@pytest.fixture(scope="module")
def merged_pages_pdf(tmp_path_factory):
    """Each PDF page holds the end of one printed page, its 'Page N' footer, and the next printed page."""
    pages = []
    for k in range(3):
        n = 2 * k + 1
        pages.append(_body(12, "Able " + _WORDS[n]) + ["the supplier shall keep all records;", f"Page {n}",
                     "(b) and the customer may audit them."] + _body(12, "Baker " + _WORDS[n]) + [f"Page {n + 1}"] + _body(6, "Cedar " + _WORDS[n]))
    return _pdf(tmp_path_factory.mktemp("pn") / "merged.pdf", pages)


@pytest.fixture(scope="module")
def bare_numbers_pdf(tmp_path_factory):
    """Bare printed numbers mid-page, a page's worth of lines apart, plus a small table of digits that stays."""
    pages = []
    for n in (2, 3, 4):
        pages.append(_body(14, "Pine " + _WORDS[n]) + ["in the event of any act of God, war,", str(n), "fire or flood."] + _body(10, "Quill " + _WORDS[n]))
    pages[1][3:3] = ["Tier", "1", "2", "3"]  # a column of tier numbers: adjacent lines, not page numbers
    return _pdf(tmp_path_factory.mktemp("pn") / "bare.pdf", pages)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_page_n_lines_inside_the_page_are_removed(merged_pages_pdf, engine):
    doc = read_document(merged_pages_pdf, engine=engine)
    lines = doc.text.split("\n")
    assert not [line for line in lines if line.strip().startswith("Page ")]
    assert "the supplier shall keep all records;\n(b) and the customer may audit them." in doc.text
    assert sum(1 for line in lines if " line " in line) == 3 * 30  # no body line lost


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_bare_page_numbers_mid_page_are_removed_but_tables_stay(bare_numbers_pdf, engine):
    doc = read_document(bare_numbers_pdf, engine=engine)
    lines = [line.strip() for line in doc.text.split("\n")]
    assert "any act of God, war,\nfire or flood." in doc.text
    assert lines.count("Tier") == 1 and ["1", "2", "3"] == [x for x in lines if x.isdigit()]


def _page(number: int, texts: list[str]) -> RawPage:
    return RawPage(number, 600.0, 800.0, [RawLine(t) for t in texts])


def test_a_lone_number_or_a_single_page_line_stays():
    pages = [_page(1, _body(30, "x") + ["7"] + _body(30, "y") + ["Page 2"] + _body(5, "z"))]
    assert strip_printed_page_numbers(pages) == 0
    assert len(pages[0].lines) == 67


def test_numbers_that_do_not_count_up_stay():
    pages = [_page(1, _body(25, "a") + ["9"] + _body(25, "b") + ["4"] + _body(25, "c") + ["12"] + _body(3, "d"))]
    assert strip_printed_page_numbers(pages) == 0


def test_numbers_above_captions_are_clause_numbers():
    lines: list[str] = []
    for n, caption in ((1, "SERVICES"), (2, "FEES AND PAYMENT"), (3, "TERM AND TERMINATION")):
        lines += [str(n), caption] + _body(22, caption.split()[0].title())
    pages = [_page(1, lines)]
    assert strip_printed_page_numbers(pages) == 0


def test_only_page_number_lines_are_ever_removed():
    from hypothesis import given, settings, strategies as st

    line = st.one_of(st.integers(1, 30).map(str), st.integers(1, 30).map(lambda n: f"Page {n}"),
                     st.sampled_from(["FEES", "The Vendor hosts.", "(a) power;", "SCHEDULE 1"]))

    @settings(max_examples=60, deadline=None)
    @given(st.lists(line, max_size=120))
    def check(texts):
        pages = [_page(1, texts)]
        removed = strip_printed_page_numbers(pages)
        kept = [l.text for l in pages[0].lines]
        assert removed == len(texts) - len(kept)
        gone = list(texts)
        for text in kept:
            gone.remove(text)
        assert all(t[-1].isdigit() for t in gone)

    check()
