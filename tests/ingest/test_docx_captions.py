"""DOCX agreements without heading styles or Word numbering: bold captions and numbers typed in the text."""
from __future__ import annotations

from docxgen import bold, build_docx, cell, p, style, styled_run, styles, table
from msalint.ingest.docx import read_docx
from msalint.segment import analyse


def kinds(doc) -> dict[str, str]:
    return {doc.text[b.start:b.end]: b.kind for b in doc.blocks}


def test_a_bold_line_of_its_own_is_a_heading():
    doc = read_docx("captions.docx", build_docx([
        p(bold("OBJECTIVE:")), p("The Supplier runs the help desk for the Customer's offices."),
        p(bold("Service Credits")), p("A missed target earns the Customer a credit of 5% of the monthly fee."),
    ]))
    assert kinds(doc) == {
        "OBJECTIVE:": "heading", "The Supplier runs the help desk for the Customer's offices.": "paragraph",
        "Service Credits": "heading",
        "A missed target earns the Customer a credit of 5% of the monthly fee.": "paragraph",
    }
    clauses = analyse(doc).clauses
    assert [c.heading for c in clauses] == ["OBJECTIVE", "Service Credits"]
    assert "credit of 5%" in doc.text[clauses[1].start:clauses[1].end]


def test_bold_sentences_partly_bold_lines_and_bold_switched_off_are_not_headings():
    doc = read_docx("emphasis.docx", build_docx([
        p(bold("All fees are payable in advance.")),  # a sentence set in bold for emphasis
        p(bold("Important: "), "the Customer shall keep its passwords secret"),
        p(bold("Not bold at all", on=False)),
        p(bold("   ")),
    ]))
    assert set(kinds(doc).values()) == {"paragraph"}


def test_bold_from_a_paragraph_or_character_style_counts():
    styles_xml = styles(style("Caption", "Plain Caption", bold=True),
                        style("Strong", "Strong", kind="character", bold=True),
                        style("Quiet", "Quiet", kind="character"))
    doc = read_docx("styled.docx", build_docx([
        p("Payment Terms", style="Caption"), p("Invoices are due within 30 days."),
        p(styled_run("Termination", "Strong")), p("Either party may end this agreement on notice."),
        p(styled_run("Notices", "Quiet")),  # a character style that sets no bold inherits the paragraph's
        p(styled_run("Assignment", "Quiet"), style="Caption"),
    ], styles_xml=styles_xml))
    assert kinds(doc) == {
        "Payment Terms": "heading", "Invoices are due within 30 days.": "paragraph",
        "Termination": "heading", "Either party may end this agreement on notice.": "paragraph",
        "Notices": "paragraph", "Assignment": "heading",
    }


def test_a_bold_caption_row_of_one_cell_heads_a_section_but_bold_grid_cells_stay_cells():
    doc = read_docx("form.docx", build_docx([
        table([cell(p(bold("Key Terms")))], [cell(p(bold("Term"))), cell("Twelve months from the Effective Date")]),
    ]))
    assert kinds(doc) == {"Key Terms": "heading", "Term": "table_cell",
                          "Twelve months from the Effective Date": "table_cell"}
    assert [c.heading for c in analyse(doc).clauses][:1] == ["Key Terms"]


def test_numbering_typed_in_the_text_gives_the_clause_tree():
    doc = read_docx("typed.docx", build_docx([
        p(bold("1. DEFINITIONS")),
        p('1.1\t"Services" means the managed services set out in Schedule A.'),
        p('1.2\t"Fees" means the charges in Schedule B.'),
        p("2. FEES"),
        p("2.1 The Customer shall pay each invoice within 30 days."),
        p("(a) Invoices are issued monthly in arrears."),
        p("3. TERM"),
        p("3.1 Fees may change only as clause 2.1 allows."),
    ]))
    analysis = analyse(doc)
    tree = {c.id: c.parent for c in analysis.clauses}
    assert tree == {"1": None, "1.1": "1", "1.2": "1", "2": None, "2.1": "2", "2.1(a)": "2.1",
                    "3": None, "3.1": "3"}
    assert {c.id: c.heading for c in analysis.clauses if c.level == 0} == {
        "1": "DEFINITIONS", "2": "FEES", "3": "TERM"}
    assert [(d.term, d.clause) for d in analysis.definitions] == [("Services", "1.1"), ("Fees", "1.2")]
    assert any(x.target == "2.1" for x in analysis.xrefs)
