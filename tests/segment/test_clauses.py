"""The clause tree: numbering styles, headings, schedules, tables of contents, prose numbers."""
from __future__ import annotations

from msalint.segment.clauses import build_clauses

NUMBERED = """MASTER SERVICES AGREEMENT

This Agreement is made between Acme Inc. and Beta Ltd.

1. Definitions.
1.1 "Affiliate" means any entity that controls a party.
1.2 "Services" means the services in Schedule B.

2. Services. The Supplier shall provide the Services.
2.1 Scope. The scope covers:
(a) hosting;
(b) support, including:
(i) first-line support; and
(ii) second-line support; and
(c) monitoring.
2.2 Standards. The Supplier shall meet the service levels.

8. Fees and Payment. Customer shall pay all invoices within 30 days. 5 business days after a reminder interest accrues.
8.1 Invoices. Invoices are issued monthly.
"""


def tree(document):
    clauses, _ = build_clauses(document)
    return {c.id: c for c in clauses}


def test_numbered_clauses_ids_parents_and_headings(make_doc):
    doc = make_doc(NUMBERED)
    ids = tree(doc)
    assert ["1", "1.1", "1.2", "2", "2.1", "2.1(a)", "2.1(b)", "2.1(b)(i)", "2.1(b)(ii)", "2.1(c)", "2.2", "8", "8.1"] == [
        i for i in ids if i != "MASTER SERVICES AGREEMENT"
    ]
    assert ids["8"].heading == "Fees and Payment"
    assert ids["2.1"].heading == "Scope"
    assert ids["1"].heading == "Definitions"
    assert ids["2.1(b)(ii)"].parent == "2.1(b)" and ids["2.1(b)"].parent == "2.1" and ids["2.1"].parent == "2"
    assert ids["2.1(b)(ii)"].level == 3 and ids["2"].level == 0
    assert ids["2.1(b)"].label == "(b)" and ids["8.1"].label == "8.1"


def test_spans_nest_and_cover_children(make_doc):
    doc = make_doc(NUMBERED)
    ids = tree(doc)
    for clause in ids.values():
        if clause.parent:
            parent = ids[clause.parent]
            assert parent.start <= clause.start < clause.end <= parent.end
    assert doc.text[ids["2"].start:ids["2"].end].startswith("2. Services.")
    assert doc.text[ids["2"].start:ids["2"].end].endswith("the service levels.")
    assert doc.text[ids["8"].start:ids["8"].end].endswith("issued monthly.")


def test_mid_sentence_numbers_are_not_clauses(make_doc):
    ids = tree(make_doc(NUMBERED))
    assert "5" not in ids
    text = "3. Term. The term is 2 years.\n\n2.5 million dollars are payable.\n\n4. Fees. 2020. The fee is 10.00 per hour.\n"
    ids = tree(make_doc(text))
    assert list(ids) == ["3", "4"]


def test_article_section_schedule_styles(make_doc):
    text = """ARTICLE I
DEFINITIONS

Section 1.1 Affiliate. Affiliate means a controlled entity.

Section 1.2 Services. Services means the hosting services.

ARTICLE II
FEES

Section 2.1 Payment. The Customer shall pay monthly.

SCHEDULE B
SERVICE LEVELS

1. Availability. The service is available 99.9% of the time.

2. Credits.

2.1 Amount. A credit of 5% applies.

Exhibit 2

Form of Order. The form is attached.
"""
    ids = tree(make_doc(text))
    assert list(ids) == [
        "Article I", "1.1", "1.2", "Article II", "2.1", "Schedule B", "Schedule B 1", "Schedule B 2",
        "Schedule B 2.1", "Exhibit 2",
    ]
    assert ids["Article I"].heading == "DEFINITIONS"
    assert ids["1.1"].parent == "Article I" and ids["1.1"].heading == "Affiliate"
    assert ids["Schedule B"].heading == "SERVICE LEVELS"
    assert ids["Schedule B 2.1"].parent == "Schedule B 2"
    assert ids["Exhibit 2"].parent is None and ids["Schedule B"].end <= ids["Exhibit 2"].start


def test_all_caps_headings_without_numbers(make_doc):
    text = """SERVICES

The Supplier shall provide the hosting services.

CONFIDENTIALITY

Each party shall keep the other's information secret.

(a) This does not apply to public information.

LIMITATION OF LIABILITY

Neither party is liable for indirect loss.
"""
    ids = tree(make_doc(text))
    assert list(ids) == ["SERVICES", "CONFIDENTIALITY", "CONFIDENTIALITY (a)", "LIMITATION OF LIABILITY"]
    assert ids["CONFIDENTIALITY (a)"].parent == "CONFIDENTIALITY"


def test_table_of_contents_does_not_swallow_the_body(make_doc):
    text = """TABLE OF CONTENTS

1. Definitions ........ 1
2. Services ........ 2
3. Fees ........ 4
4. Term ........ 5

1. Definitions. Capitalised terms have the meanings below.

2. Services. The Supplier shall provide the Services.

3. Fees. The Customer shall pay the fees.

4. Term. This Agreement lasts one year.
"""
    doc = make_doc(text)
    ids = tree(doc)
    assert list(ids) == ["1", "2", "3", "4"]
    assert doc.text[ids["1"].start:].startswith("1. Definitions. Capitalised")
    assert ids["2"].heading == "Services"


def test_toc_of_caps_headings_without_contents_title(make_doc):
    text = """DEFINITIONS
SERVICES
FEES

DEFINITIONS

Terms have the meanings below.

SERVICES

The Supplier provides the Services.

FEES

The Customer pays the fees.
"""
    doc = make_doc(text)
    ids = tree(doc)
    assert list(ids) == ["DEFINITIONS", "SERVICES", "FEES"]
    assert doc.text[ids["DEFINITIONS"].start:ids["DEFINITIONS"].end].endswith("meanings below.")


def test_out_of_sequence_and_duplicate_numbers_get_unique_ids(make_doc):
    text = "1. One. Text.\n\n2. Two. Text.\n\n2. Again. Text.\n\n4. Four. Text.\n\n3. Three. Text.\n"
    ids = tree(make_doc(text))
    assert list(ids) == ["1", "2", "2#2", "4", "3"]
    assert ids["2#2"].heading == "Again"


def test_inline_clauses_in_flattened_text(make_doc):
    text = ("The parties agree as follows: 1. Services. 1.1 Provision. (a) Provider shall provide the Services. "
            "(b) Recipient may assign. 1.2 Standard. Provider shall act with care within 30 days. 5 Business "
            "Days later the fee is due. 2. Fees. 2.1 Payment. Recipient pays monthly.")
    ids = tree(make_doc(text))
    assert list(ids) == ["1", "1.1", "1.1(a)", "1.1(b)", "1.2", "2", "2.1"]
    assert ids["1.2"].heading == "Standard"


def test_nested_restarted_list_is_not_a_top_level_clause(make_doc):
    text = ("7. Reports.\n\n7.1 Content. Reports contain:\n\n1. uptime;\n\n2. incidents.\n\n"
            "7.2 Timing. Reports are monthly.\n\n8. Audit. Customer may audit.\n")
    ids = tree(make_doc(text))
    assert "7.1(1)" in ids and "7.1(2)" in ids
    assert list(ids)[-2:] == ["7.2", "8"]


def test_roman_versus_letter_items(make_doc):
    letters = "\n\n".join(f"({c}) item {c}." for c in "abcdefghij")
    ids = tree(make_doc("5. List. Items:\n\n" + letters + "\n"))
    assert "5(i)" in ids and "5(j)" in ids and ids["5(i)"].parent == "5"
    ids = tree(make_doc("5. List. Items:\n\n(a) first:\n\n(i) one;\n\n(ii) two.\n\n(b) second.\n"))
    assert ids["5(a)(i)"].parent == "5(a)" and ids["5(b)"].parent == "5"


def test_page_numbers_and_docx_style_blocks(make_doc):
    from msalint.model import Block

    text = "Cover text.\n1\tServices\nThe supplier shall serve.\n1.1\tScope. Scope text.\nPlain body line."
    lines = text.split("\n")
    blocks, offset = [], 0
    for i, line in enumerate(lines):
        number = line.split("\t")[0] if "\t" in line else None
        kind = "heading" if i == 1 else "paragraph"
        blocks.append(Block(offset, offset + len(line), kind, None, number, level=0 if i == 1 else None))
        offset += len(line) + 1
    ids = tree(make_doc(text, fmt="docx", blocks=blocks))
    assert list(ids) == ["1", "1.1"]
    assert ids["1"].heading == "Services" and ids["1.1"].heading == "Scope"
    paged = make_doc("1. One. Text.\n\n2. Two. Text.\n", page_breaks=(10,))
    assert [c.page for c in build_clauses(paged)[0]] == [1, 2]


def test_markdown_headings(make_doc):
    from msalint.model import Block

    text = "# Service Agreement\n\n## 1. Services\n\nText.\n\n## Fees\n\nMore text."
    blocks = [Block(0, 19, "heading", level=0), Block(21, 35, "heading", level=1), Block(37, 42),
              Block(44, 51, "heading", level=1), Block(53, 63)]
    ids = tree(make_doc(text, fmt="md", blocks=blocks))
    assert list(ids) == ["Service Agreement", "1", "Fees"]
    assert ids["1"].heading == "Services"


def test_flattened_table_of_contents_with_page_numbers(make_doc):
    text = ("SUPPLY AGREEMENT\n\nTABLE OF CONTENTS    ARTICLE I DEFINITIONS    1    Section 1.01 Terms    1\n\n"
            "Section 1.02 Accounting    4    ARTICLE II SUPPLY    5    Section 2.01 Orders    5\n\n"
            "ARTICLE I  DEFINITIONS     Section 1.01 Terms. Terms are defined below.     Section 1.02 Accounting. "
            "GAAP applies.\n\nARTICLE II  SUPPLY     Section 2.01 Orders. Orders are binding.\n")
    doc = make_doc(text)
    ids = tree(doc)
    assert [i for i in ids if i != "SUPPLY AGREEMENT"] == ["Article I", "1.01", "1.02", "Article II", "2.01"]
    assert ids["1.02"].heading == "Accounting" and ids["1.02"].parent == "Article I"
    assert doc.text[ids["2.01"].start:].startswith("Section 2.01 Orders. Orders")


def test_run_in_numbers_without_a_full_stop(make_doc):
    text = ("1 Definitions 1.1 \"Affiliate\" means a controlled entity 1.2 \"Term\" means one year 2 Supply "
            "2.1 Supplier shall supply as set out in Section 3.1 of the Other Agreement 2.2 Buyer shall buy.")
    assert list(tree(make_doc(text))) == ["1.1", "1.2", "2.1", "2.2"]


def test_title_case_headings_only_in_unnumbered_documents(make_doc):
    text = ("Hosting Agreement\n\nThis is an agreement for hosting.\n\nIncluded Services\n\n"
            "Backups and monitoring are included.\n\nFees and Payment\n\nThe fee is 100 per month.\n")
    assert list(tree(make_doc(text))) == ["Hosting Agreement", "Included Services", "Fees and Payment"]
    numbered = "1. Services. Text.\n\nIncluded Services\n\n2. Fees. Text.\n\n3. Term. Text.\n"
    assert list(tree(make_doc(numbered))) == ["1", "2", "3"]


def test_zero_width_space_after_a_label(make_doc):
    ids = tree(make_doc("Recitals:\n\n(A)\u200b Acme sells.\n\n(B) Beta buys.\n"))
    assert "Recital A" in ids and "Recital B" in ids


def test_definition_entry_ends_the_items_of_the_previous_definition(make_doc):
    text = ('1. Definitions.\n\n"Credit Documents" means:\n\n(a) the loan agreement; and\n\n(b) the security deed.\n\n'
            '"Delivery Date" means the day of delivery.\n\n2. Supply. Text.\n')
    doc = make_doc(text)
    ids = tree(doc)
    assert list(ids) == ["1", "1(a)", "1(b)", "2"]
    assert doc.text[ids["1(b)"].start:ids["1(b)"].end] == "(b) the security deed."
    assert ids["1"].end > doc.text.index("Delivery Date")


def test_run_in_caps_captions_in_an_unnumbered_exhibit(make_doc):
    text = ("EXHIBIT B\n\nSERVICES: The Supplier shall provide consulting.\n\n"
            "PAYMENT TERMS: Invoices are due in 30 days.\n\nThe SLA is attached.\n")
    ids = tree(make_doc(text))
    assert list(ids) == ["Exhibit B", "Exhibit B SERVICES", "Exhibit B PAYMENT TERMS"]
    assert ids["Exhibit B PAYMENT TERMS"].heading == "PAYMENT TERMS"


def test_attachment_title_inside_the_body_does_not_swallow_it(make_doc):
    text = ("1.0 Introduction\n\nThis Agreement has these attachments:\n\nAttachment C – Charges\n\n"
            "2.0 Definitions\n\nTerms are defined here.\n\n3.0 Term\n\nOne year.\n\nAttachment C – Charges\n\n"
            "1.0 Fees\n\nThe fee is fixed.\n")
    ids = tree(make_doc(text))
    assert list(ids) == ["1.0", "2.0", "3.0", "Attachment C", "Attachment C 1.0"]
    assert ids["Attachment C"].heading == "Charges"


def test_standalone_schedule_title_opens_the_schedule_when_read_from_plain_text():
    from msalint.ingest.text import document_from_text
    from msalint.segment import analyse

    text = ("SCHEDULE 4 - SUPPORT TERMS\nThis Schedule forms part of the agreement between the parties.\n"
            "1. Scope\n1.1 This Schedule covers support.\n2. Hours\n2.1 Support runs on business days.\n")
    ids = [c.id for c in analyse(document_from_text(text)).clauses]
    assert ids[:3] == ["Schedule 4", "Schedule 4 1", "Schedule 4 1.1"]
