"""DOCX reader: reading order, tables, inline markup, tracked changes, comments and side stories."""
from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from docxgen import abstract_num, build_docx, cell, deleted, ins, level, num, numbering, p, run, table, zip_parts
from msalint.ingest.docx import read_docx


def lines_of(doc) -> list[str]:
    return doc.text.split("\n")


def test_document_basics_offsets_and_lines():
    data = build_docx(["First paragraph.", "", "Second paragraph."])
    doc = read_docx("basic.docx", data)
    assert doc.format == "docx" and doc.path == "basic.docx"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.text == "First paragraph.\nSecond paragraph."  # empty paragraphs make no block
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["First paragraph.", "Second paragraph."]
    assert doc.line_of(doc.text.index("Second")) == 2
    assert doc.meta["paragraphs"] == 3 and doc.meta["tables"] == 0 and doc.meta["comments"] == 0
    assert "tracked_changes" not in doc.meta


def test_tables_interleave_with_paragraphs_merged_cells_once_and_nested_tables():
    body = [
        p("Before the table."),
        table(
            [cell("Service", span=2), "Level"],
            [cell("Merged down", vmerge="restart"), "Uptime", "99.9%"],
            [cell("", vmerge="continue"), "Response", cell("P1: 1 hour", "P2: 4 hours")],
        ),
        p("Between tables."),
        table([cell("Outer A", table(["Inner 1", "Inner 2"]), "after inner"), "Outer B"]),
        p("After the tables."),
    ]
    doc = read_docx("t.docx", build_docx(body))
    got = [(doc.text[b.start:b.end], b.kind, b.cell) for b in doc.blocks]
    assert got == [
        ("Before the table.", "paragraph", None),
        ("Service", "table_cell", (0, 0, 0)),
        ("Level", "table_cell", (0, 0, 2)),
        ("Merged down", "table_cell", (0, 1, 0)),
        ("Uptime", "table_cell", (0, 1, 1)),
        ("99.9%", "table_cell", (0, 1, 2)),
        ("Response", "table_cell", (0, 2, 1)),
        ("P1: 1 hour", "table_cell", (0, 2, 2)),
        ("P2: 4 hours", "table_cell", (0, 2, 2)),
        ("Between tables.", "paragraph", None),
        ("Outer A", "table_cell", (1, 0, 0)),
        ("Inner 1", "table_cell", (2, 0, 0)),
        ("Inner 2", "table_cell", (2, 0, 1)),
        ("after inner", "table_cell", (1, 0, 0)),
        ("Outer B", "table_cell", (1, 0, 1)),
        ("After the tables.", "paragraph", None),
    ]
    assert doc.meta["tables"] == 3


def test_numbering_continues_through_table_cells():
    defs = numbering(abstract_num(1, level(0, "%1.", "decimal")), num(1, 1))
    body = [p("one", num=1, ilvl=0), table([cell(p("two", num=1, ilvl=0))]), p("three", num=1, ilvl=0)]
    doc = read_docx("n.docx", build_docx(body, numbering_xml=defs))
    assert lines_of(doc) == ["1.\tone", "2.\ttwo", "3.\tthree"]
    assert doc.blocks[1].kind == "table_cell" and doc.blocks[1].number == "2."


def test_inline_markup_fields_links_content_controls_and_special_characters():
    hyperlink = f'<w:hyperlink r:id="rId99">{run("the portal")}</w:hyperlink>'
    simple_field = f'<w:fldSimple w:instr=" REF clause_8 \\h ">{run("8.4")}</w:fldSimple>'
    complex_field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("12") +
                     '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    sdt = f'<w:sdt><w:sdtPr><w:alias w:val="Party"/></w:sdtPr><w:sdtContent>{run("Acme Ltd")}</w:sdtContent></w:sdt>'
    smart = f'<w:smartTag w:uri="x" w:element="place">{run("London")}</w:smartTag>'
    specials = ('<w:r><w:t>co</w:t><w:softHyphen/><w:t>operate</w:t><w:noBreakHyphen/><w:t>ly</w:t>'
                '<w:tab/><w:t>tab</w:t><w:br/><w:t>break\u00a0space</w:t></w:r>')
    body = [
        p("See ", hyperlink, " and Section ", simple_field, " on page ", complex_field, "."),
        p("Supplier: ", sdt, " of ", smart),
        p(specials),
        f'<w:sdt><w:sdtPr/><w:sdtContent>{p("Block-level control text.")}</w:sdtContent></w:sdt>',
    ]
    doc = read_docx("m.docx", build_docx(body))
    assert lines_of(doc) == [
        "See the portal and Section 8.4 on page 12.",
        "Supplier: Acme Ltd of London",
        "cooperate-ly\ttab break space",
        "Block-level control text.",
    ]


def test_tracked_changes_are_accepted_and_counted():
    move_from = ('<w:moveFrom w:id="5" w:author="t" w:date="2026-01-01T00:00:00Z">'
                 '<w:r><w:t>moved away</w:t></w:r></w:moveFrom>')
    move_to = f'<w:moveTo w:id="6" w:author="t" w:date="2026-01-01T00:00:00Z">{run("moved here")}</w:moveTo>'
    body = [
        p("The fee is ", ins("ten", 1), deleted("five", 2), " dollars."),
        p("Old place: ", move_from, "end."),
        p("New place: ", move_to, "."),
        p("This paragraph ", deleted("mark is"), mark_deleted=True),
        p("joins the next one."),
        table(["kept row"], ["deleted row"], ["last row"]).replace(
            "<w:tr><w:tc><w:p><w:r><w:t xml:space=\"preserve\">deleted row",
            '<w:tr><w:trPr><w:del w:id="9" w:author="t" w:date="2026-01-01T00:00:00Z"/></w:trPr>'
            '<w:tc><w:p><w:r><w:t xml:space="preserve">deleted row'),
    ]
    doc = read_docx("tc.docx", build_docx(body))
    assert lines_of(doc) == [
        "The fee is ten dollars.",
        "Old place: end.",
        "New place: moved here.",
        "This paragraph joins the next one.",
        "kept row",
        "last row",
    ]
    assert [b.cell for b in doc.blocks[-2:]] == [(0, 0, 0), (0, 1, 0)]
    assert "five" not in doc.text and "moved away" not in doc.text
    assert doc.meta["tracked_changes"] == {"insertions": 2, "deletions": 5}


def test_comments_are_counted_not_read():
    anchored = ('<w:commentRangeStart w:id="0"/>' + run("Payment terms") + '<w:commentRangeEnd w:id="0"/>'
                '<w:r><w:commentReference w:id="0"/></w:r>')
    doc = read_docx("c.docx", build_docx([p(anchored, " apply.")],
                                         comments=["Check with finance", "Second remark"]))
    assert doc.text == "Payment terms apply."
    assert doc.meta["comments"] == 2


def test_headers_footers_and_footnotes_go_to_extras():
    ref = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    doc = read_docx("e.docx", build_docx(
        [p("Body text", ref, " continues.")],
        headers=[["CONFIDENTIAL"], ["CONFIDENTIAL"]],
        footers=[["Page footer v2"]],
        footnotes=["Footnote about fees."],
    ))
    assert doc.text == "Body text continues."
    assert doc.extras == {"headers": ["CONFIDENTIAL"], "footers": ["Page footer v2"],
                          "footnotes": ["Footnote about fees."]}


def test_macro_enabled_package_and_nonstandard_main_part_name():
    data = build_docx(["Macro document body."], main_part="word/document2.xml",
                      extra_parts={"word/vbaProject.bin": b"\x00" * 64})
    doc = read_docx("m.docm", data)
    assert doc.text == "Macro document body."
    assert doc.meta["macros"] is True


def test_python_docx_generated_document():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Services Agreement", style="Title")
    document.add_heading("Scope", level=1)
    document.add_paragraph("Provide hosting.", style="List Number")
    document.add_paragraph("Provide support.", style="List Number")
    grid = document.add_table(rows=1, cols=2)
    grid.cell(0, 0).text = "Uptime"
    grid.cell(0, 1).text = "99.5%"
    document.add_heading("Fees", level=2)
    document.sections[0].header.paragraphs[0].text = "Draft"
    document.sections[0].footer.paragraphs[0].text = "Footer text"
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_docx("pd.docx", buffer.getvalue())
    assert lines_of(doc) == ["Services Agreement", "Scope", "1.\tProvide hosting.", "2.\tProvide support.",
                             "Uptime", "99.5%", "Fees"]
    assert [(b.kind, b.level, b.style) for b in doc.blocks if b.kind == "heading"] == [
        ("heading", 0, "Title"), ("heading", 0, "Heading 1"), ("heading", 1, "Heading 2")]
    assert doc.extras["headers"] == ["Draft"] and doc.extras["footers"] == ["Footer text"]


def test_hidden_text_is_not_read():
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret note </w:t></w:r>'
    shown = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>visible </w:t></w:r>'
    doc = read_docx("h.docx", build_docx([p("Fees are ", hidden, shown, "due.")]))
    assert doc.text == "Fees are visible due."


def test_strict_ooxml_namespace_and_relationship_types():
    strict_w = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    defs = numbering(abstract_num(1, level(0, "%1.", "decimal")), num(1, 1))
    with zipfile.ZipFile(io.BytesIO(build_docx([p("Strict clause", num=1, ilvl=0)], numbering_xml=defs))) as zf:
        parts = {name: zf.read(name).replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                             strict_w.encode())
                 .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                          b"http://purl.oclc.org/ooxml/officeDocument/relationships/")
                 for name in zf.namelist()}
    doc = read_docx("strict.docx", zip_parts(parts))
    assert doc.text == "1.\tStrict clause"
