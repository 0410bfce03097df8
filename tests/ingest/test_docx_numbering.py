"""Word automatic numbering reconstructed from numbering.xml and styles.xml."""
from __future__ import annotations

import pytest

from docxgen import abstract_num, build_docx, level, num, numbering, p, style, styles
from msalint.ingest.docx import read_docx
from msalint.ingest.docx_numbering import format_number


def lines_of(doc) -> list[str]:
    return doc.text.split("\n")


MULTI = abstract_num(
    1,
    level(0, "%1.", "decimal"),
    level(1, "%1.%2", "decimal"),
    level(2, "(%3)", "lowerLetter"),
    level(3, "(%4)", "lowerRoman"),
    level(4, "%5)", "upperLetter", suffix="space"),
    level(5, "%6.", "upperRoman", suffix="nothing"),
)


def test_multilevel_labels_restart_lower_levels():
    body = [
        p("Definitions", num=1, ilvl=0),
        p("Scope.", num=1, ilvl=1),
        p("Exclusions.", num=1, ilvl=1),
        p("first case;", num=1, ilvl=2),
        p("second case;", num=1, ilvl=2),
        p("sub one", num=1, ilvl=3),
        p("sub two", num=1, ilvl=3),
        p("Fees", num=1, ilvl=0),
        p("Invoices.", num=1, ilvl=1),
        p("late;", num=1, ilvl=2),
        p("upper letter", num=1, ilvl=4),
        p("upper roman", num=1, ilvl=5),
        p("Unnumbered body text."),
    ]
    doc = read_docx("multi.docx", build_docx(body, numbering_xml=numbering(MULTI, num(1, 1))))
    assert lines_of(doc) == [
        "1.\tDefinitions",
        "1.1\tScope.",
        "1.2\tExclusions.",
        "(a)\tfirst case;",
        "(b)\tsecond case;",
        "(i)\tsub one",
        "(ii)\tsub two",
        "2.\tFees",
        "2.1\tInvoices.",
        "(a)\tlate;",
        "A) upper letter",
        "I.upper roman",
        "Unnumbered body text.",
    ]
    assert [b.number for b in doc.blocks][:4] == ["1.", "1.1", "1.2", "(a)"]
    assert [b.level for b in doc.blocks][:4] == [0, 1, 1, 2]
    assert doc.blocks[0].kind == "list_item"
    assert doc.blocks[-1].number is None and doc.blocks[-1].kind == "paragraph"
    assert doc.meta["numbering_resolved"] == 12


HEADINGS = abstract_num(
    2,
    level(0, "Article %1", "upperRoman", suffix="space", p_style="Heading1"),
    level(1, "%1.%2", "decimalZero", p_style="Heading2", legal=True),
    level(2, "(%3)", "lowerLetter", p_style="Heading3"),
)


def heading_styles() -> str:
    return styles(
        style("Heading1", "heading 1", based_on="Normal", num_id=2),  # no ilvl: found via the level's pStyle
        style("Heading2", "heading 2", based_on="Normal", num_id=2, ilvl=1),
        style("Heading3", "heading 3", based_on="Normal", num_id=2, ilvl=2),
        style("ClauseHeading", "Clause Heading", based_on="Heading2"),  # inherits through basedOn
        style("Title", "Title", based_on="Normal"),
    )


def test_style_linked_numbering_on_headings_with_legal_numbers():
    body = [
        p("Master Services Agreement", style="Title"),
        p("Services", style="Heading1"),
        p("Scope", style="Heading2"),
        p("Service levels", style="ClauseHeading"),
        p("availability;", style="Heading3"),
        p("Payment", style="Heading1"),
        p("Invoices", style="Heading2"),
        p("Schedules", style="Heading1", num=0),  # numId 0 switches the style's numbering off
    ]
    doc = read_docx("h.docx", build_docx(body, numbering_xml=numbering(HEADINGS, num(2, 2)),
                                         styles_xml=heading_styles()))
    assert lines_of(doc) == [
        "Master Services Agreement",
        "Article I Services",
        "1.01\tScope",
        "1.02\tService levels",
        "(a)\tavailability;",
        "Article II Payment",
        "2.01\tInvoices",
        "Schedules",
    ]
    kinds = [(b.kind, b.level, b.style) for b in doc.blocks]
    assert kinds[0] == ("heading", 0, "Title")
    assert kinds[1] == ("heading", 0, "Heading 1")
    assert kinds[3] == ("heading", 1, "Clause Heading")
    assert kinds[7] == ("heading", 0, "Heading 1") and doc.blocks[7].number is None
    assert doc.blocks[1].number == "Article I"


def test_paragraph_ilvl_with_style_numid():
    body = [p("Services", style="Heading1"), p("direct level", style="Heading1", ilvl=2)]
    doc = read_docx("h.docx", build_docx(body, numbering_xml=numbering(HEADINGS, num(2, 2)),
                                         styles_xml=heading_styles()))
    assert lines_of(doc) == ["Article I Services", "(a)\tdirect level"]


def test_start_values_and_start_override_and_shared_counters():
    defs = numbering(
        abstract_num(3, level(0, "%1.", "lowerLetter", start=1), level(1, "%2)", "decimal", start=5)),
        num(3, 3),
        num(4, 3, start_overrides={0: 1}),  # a new list instance restarting at a.
        num(5, 3),  # same abstract, no override: continues the running list
        num(6, 3, start_overrides={0: 10}),
    )
    body = [
        p("one", num=3, ilvl=0), p("five", num=3, ilvl=1), p("six", num=3, ilvl=1), p("two", num=3, ilvl=0),
        p("restart", num=4, ilvl=0), p("again", num=4, ilvl=0),
        p("continues", num=5, ilvl=0),
        p("ten", num=6, ilvl=0),
    ]
    doc = read_docx("s.docx", build_docx(body, numbering_xml=defs))
    assert [b.number for b in doc.blocks] == ["a.", "5)", "6)", "b.", "a.", "b.", "c.", "j."]


def test_lvl_restart_zero_never_restarts_and_bullets_have_no_label():
    defs = numbering(
        abstract_num(7, level(0, "%1.", "decimal"), level(1, "Note %2:", "decimal", restart=0, suffix="space")),
        abstract_num(8, level(0, "\u2022", "bullet")),
        num(7, 7), num(8, 8),
    )
    body = [p("a", num=7, ilvl=0), p("n1", num=7, ilvl=1), p("b", num=7, ilvl=0), p("n2", num=7, ilvl=1),
            p("a bullet", num=8, ilvl=0)]
    doc = read_docx("r.docx", build_docx(body, numbering_xml=defs))
    assert lines_of(doc) == ["1.\ta", "Note 1: n1", "2.\tb", "Note 2: n2", "a bullet"]
    bullet = doc.blocks[-1]
    assert bullet.kind == "list_item" and bullet.number is None and bullet.level == 0
    assert doc.meta["numbering_resolved"] == 4


def test_num_style_link_resolves_through_numbering_style():
    defs = numbering(
        abstract_num(10, level(0, "%1.", "decimal"), level(1, "%1.%2.", "decimal")).replace(
            "<w:lvl ", '<w:styleLink w:val="LegalList"/><w:lvl ', 1),
        '<w:abstractNum w:abstractNumId="11"><w:numStyleLink w:val="LegalList"/></w:abstractNum>',
        num(10, 10), num(11, 11),
    )
    sty = styles(style("LegalList", "Legal List", kind="numbering", num_id=10))
    body = [p("x", num=11, ilvl=0), p("y", num=11, ilvl=1)]
    doc = read_docx("l.docx", build_docx(body, numbering_xml=defs, styles_xml=sty))
    assert lines_of(doc) == ["1.\tx", "1.1.\ty"]


def test_missing_numbering_part_or_unknown_num_id_gives_plain_text():
    doc = read_docx("n.docx", build_docx([p("no definitions", num=1, ilvl=0)]))
    assert lines_of(doc) == ["no definitions"]
    assert doc.blocks[0].number is None and doc.meta["numbering_resolved"] == 0


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (4, "decimal", "4"), (4, "decimalZero", "04"), (12, "decimalZero", "12"),
        (1994, "upperRoman", "MCMXCIV"), (14, "lowerRoman", "xiv"),
        (1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"), (53, "upperLetter", "AAA"),
        (2, "ordinal", "2nd"), (13, "ordinal", "13th"), (21, "cardinalText", "Twenty-one"),
        (3, "ordinalText", "Third"), (20, "ordinalText", "Twentieth"), (5, "bullet", ""), (5, "none", ""),
        (7, "someFutureFormat", "7"),
    ],
)
def test_format_number(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_lvl_override_replaces_a_level_definition():
    defs = numbering(
        MULTI,
        num(1, 1),
        '<w:num w:numId="7"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0">'
        '<w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="Part %1:"/></w:lvl>'
        "</w:lvlOverride></w:num>",
    )
    body = [p("base", num=1, ilvl=0), p("override", num=7, ilvl=0), p("child", num=7, ilvl=1)]
    doc = read_docx("o.docx", build_docx(body, numbering_xml=defs))
    assert lines_of(doc) == ["1.\tbase", "Part C:\toverride", "C.1\tchild"]  # LibreOffice shows the same


def test_levels_not_yet_used_show_zero_like_word():
    """Word prints 0 for a higher level that has not started ("0.1", "1.0.1"); LibreOffice prints 1 instead."""
    body = [p("orphan", num=1, ilvl=1), p("top", num=1, ilvl=0), p("skipped level", num=1, ilvl=3)]
    defs = numbering(abstract_num(1, level(0, "%1.", "decimal"), level(1, "%1.%2", "decimal"),
                                  level(3, "%1.%2.%4", "decimal")), num(1, 1))
    doc = read_docx("z.docx", build_docx(body, numbering_xml=defs))
    assert [b.number for b in doc.blocks] == ["0.1", "1.", "1.0.1"]


def test_hostile_start_values_and_level_indices_stay_bounded():
    assert format_number(2_000_000_000, "upperRoman") == "2000000000"
    assert format_number(2_000_000_000, "lowerLetter") == "2000000000"
    defs = numbering(
        abstract_num(1, level(0, "%1.", "upperLetter", start=2_000_000_000),
                     '<w:lvl w:ilvl="junk"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'),
        num(1, 1),
    )
    doc = read_docx("b.docx", build_docx([p("big", num=1, ilvl=0), p("odd", num=1, ilvl=42)], numbering_xml=defs))
    assert lines_of(doc) == ["2000000000.\tbig", "odd"]
