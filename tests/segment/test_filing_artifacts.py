"""Artifacts of filed/flattened agreements: tables of contents, fused page numbers, signature tables."""
from __future__ import annotations

from msalint.ingest.text import document_from_text
from msalint.segment.clauses import build_clauses

TOC_WITH_LEADERS = """SUPPORT AGREEMENT

TABLE OF CONTENTS
1. Scope of work.......................................2
2. Fees................................................2
3. Keeping things private..............................3
4. Help desk by Vendor.................................3
5. Visits on site......................................4

1. SCOPE OF WORK
The Vendor shall look after the Customer's systems.

2. FEES
The Customer shall pay the yearly fee.

3. KEEPING THINGS PRIVATE
Each party keeps the other's secrets.
(a) This does not cover public facts.
(b) Nor facts already known.

4. HELP DESK BY VENDOR
The Vendor runs a help desk.

5. VISITS ON SITE
The Vendor may visit the site.
"""


def ids(doc):
    clauses, _ = build_clauses(doc)
    return [c.id for c in clauses]


def test_toc_entries_with_lower_case_captions_are_not_clauses():
    got = ids(document_from_text(TOC_WITH_LEADERS))
    assert [i for i in got if i[0].isdigit()] == ["1", "2", "3", "3(a)", "3(b)", "4", "5"]
    assert not any("#" in i for i in got)


def test_toc_entries_point_at_the_body():
    doc = document_from_text(TOC_WITH_LEADERS)
    clauses, _ = build_clauses(doc)
    three = next(c for c in clauses if c.id == "3")
    assert doc.text[three.start:].startswith("3. KEEPING THINGS PRIVATE")


def test_toc_with_leaders_dropped_even_without_a_title():
    text = TOC_WITH_LEADERS.replace("TABLE OF CONTENTS\n", "")
    assert not any("#" in i for i in ids(document_from_text(text)))


FUSED_PAGE_NUMBER = """1. DEFINITIONS

 (a)   Words have their usual meaning.

 (b)   Headings are for convenience.

2 2.  TERM

 (a)   This Agreement runs for one year.

 (b)   It renews unless either party objects.

3.  SERVICE

 (a)   The Vendor answers calls.
"""


def test_page_number_fused_to_a_heading_keeps_the_clause(make_doc):
    doc = make_doc(FUSED_PAGE_NUMBER)
    clauses, _ = build_clauses(doc)
    got = [c.id for c in clauses]
    assert got == ["1", "1(a)", "1(b)", "2", "2(a)", "2(b)", "3", "3(a)"]
    two = next(c for c in clauses if c.id == "2")
    assert two.heading == "TERM" and doc.text[two.start:].startswith("2.  TERM")


def test_a_number_before_prose_is_not_a_page_number(make_doc):
    text = "1. FEES\n\n12 3. or more units are billed monthly.\n\n2. TERM\n\nOne year.\n"
    assert ids(make_doc(text)) == ["1", "2"]


def _cells(*paragraphs: tuple[str, str]) -> tuple[str, list]:
    """Text and blocks for a sequence of (kind, text) paragraphs separated by newlines."""
    from msalint.model import Block

    text, blocks, offset = "", [], 0
    for kind, para in paragraphs:
        blocks.append(Block(offset, offset + len(para), kind))
        text += para + "\n"
        offset = len(text)
    return text, blocks


def test_signature_table_labels_are_not_clauses(make_doc):
    text, blocks = _cells(
        ("paragraph", "1. Scope. The Vendor hosts the service."),
        ("paragraph", "2. Fees. The Customer pays monthly."),
        ("paragraph", "IN WITNESS WHEREOF the parties sign below."),
        ("table_cell", "PARTY 1"), ("table_cell", "PARTY 2"),
        ("table_cell", "Signature"), ("table_cell", "Print Name"), ("table_cell", "Title"),
        ("table_cell", "Company"), ("table_cell", "Notice Address"), ("table_cell", "Date"),
    )
    got = ids(make_doc(text, fmt="docx", blocks=blocks))
    assert got == ["1", "2"]


def test_other_table_cells_can_still_be_captions(make_doc):
    text, blocks = _cells(
        ("table_cell", "GOVERNING LAW"), ("table_cell", "The laws of the named state apply."),
        ("table_cell", "SERVICE HOURS"), ("table_cell", "Support runs on business days."),
    )
    assert ids(make_doc(text, fmt="docx", blocks=blocks)) == ["GOVERNING LAW", "SERVICE HOURS"]


def test_part_and_article_need_a_numeral():
    from msalint.segment.labels import parse_label

    assert parse_label("PARTY 1") is None
    assert parse_label("PART Y") is None and parse_label("Article Q") is None
    assert parse_label("PART II").designator == "II" and parse_label("Part 3 Fees").designator == "3"
    assert parse_label("Part A General Terms").designator == "A"


def test_part_of_a_sentence_does_not_start_a_block():
    from msalint.ingest.blocks import numbering_label

    assert numbering_label("Part of the fees is due later.") is None
    assert numbering_label("PART IV SERVICES") == "PART IV"


RECITALS_AND_LIST = """HOSTING AGREEMENT

This agreement is made between the parties named below.

Recitals
A. The Vendor runs data centres.
B. The Customer wants its site hosted.

1. SERVICES
The Vendor provides the following:
(a) power; and
(b) cooling.

2. FEES
The Customer pays monthly.

3. TERM
One year.
"""


def test_recitals_are_cited_as_recitals():
    got = ids(document_from_text(RECITALS_AND_LIST))
    assert got[:3] == ["HOSTING AGREEMENT", "Recital A", "Recital B"]
    assert got[3:] == ["1", "1(a)", "1(b)", "2", "3"]


def test_lettered_items_without_recitals_keep_their_ids():
    text = "HOSTING AGREEMENT\n\nThe parties agree.\n\nA. The Vendor runs data centres.\n\nB. The Customer pays.\n"
    assert "Recital A" not in ids(document_from_text(text))


UNNUMBERED_WITH_ITEMS = """SERVICES PROVIDED

The Vendor will provide the following services:
1. connectivity to the network over a shared line;
2. use of a shared server, kept in good order;
3. storage space in the hall.

CUSTOMER DUTIES

The Customer keeps its content lawful.
"""


def test_numbered_items_under_an_unnumbered_heading_are_items():
    got = ids(document_from_text(UNNUMBERED_WITH_ITEMS))
    assert got == ["SERVICES PROVIDED", "SERVICES PROVIDED (1)", "SERVICES PROVIDED (2)", "SERVICES PROVIDED (3)",
                   "CUSTOMER DUTIES"]


def test_lookalike_semicolon_is_normalised():
    doc = document_from_text("The Vendor hosts\u037e the Customer pays.")
    assert doc.text == "The Vendor hosts; the Customer pays."


def test_a_price_list_with_leaders_is_not_taken_for_a_toc():
    text = ("1. FEES\nThe Customer pays:\n\n1.1 Setup..........500\n\n1.2 Hosting..........900\n\n"
            "1.3 Support..........300\n\n2. TERM\nOne year.\n")
    assert ids(document_from_text(text)) == ["1", "1.1", "1.2", "1.3", "2"]


def test_party_names_on_a_cover_page_are_not_headings():
    text = ("SUPPORT AGREEMENT\nBETWEEN\nNORTHWIND\nAND\nCONTOSO RETAIL\n\n1. SCOPE\nThe Vendor supports.\n\n"
            "2. FEES\nThe Customer pays.\n\n3. TERM\nOne year.\n")
    assert ids(document_from_text(text)) == ["SUPPORT AGREEMENT", "1", "2", "3"]


def test_toc_entries_with_the_label_set_apart_by_spaces():
    text = "\n\n".join(line.replace(". ", ".    ", 1) if line[:1].isdigit() else line
                       for line in TOC_WITH_LEADERS.splitlines())
    got = ids(document_from_text(text))
    assert not any("#" in i for i in got) and got.count("3") == 1


def test_unnumbered_toc_entries_with_leaders_go_too():
    text = ("1. SCOPE.............................2\n\nWARRANTY DISCLAIMERS................3\n\n"
            "2. FEES..............................4\n\n1. SCOPE\nThe Vendor hosts the site.\n\n"
            "2. FEES\nThe Customer pays monthly.\n\n3. TERM\nOne year.\n")
    assert ids(document_from_text(text)) == ["1", "2", "3"]
