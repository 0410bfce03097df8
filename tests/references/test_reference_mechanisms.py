"""References and structure findings a reviewer can trust (issue 10): terms incorporated from an address but
reproduced in the same file, a policy at an address that holds no agreement's elements, a statute cited right after
the number, and numbering gaps that a redaction or an OCR misreading stands for are not findings; the real broken
reference, the really absent terms and the real gap still are. Every document is invented; each mechanism is
checked in plain text or Markdown and in a generated DOCX and PDF."""
from __future__ import annotations

import pytest

from msalint.api import lint_path, lint_text, load_rules

ORDER = ("ORDER FORM\n\nCustomer: Orchard Bakeries plc. Provider: Tallis Networks Ltd.\n\n"
         "Subscription: managed backup for 200 seats. Fees: GBP 4,000 per month.\n\n"
         "{incorporation}\n\n{reproduction}\n")
TERMS = ("TALLIS HOSTING TERMS\n\n"
         "1. Term. These terms run for the subscription period. Either party may end them for convenience on "
         "sixty days' written notice.\n\n"
         "2. Liability. Each party's total liability is limited to the fees paid in the prior twelve months.\n\n"
         "3. Law. These terms are governed by the laws of Scotland.\n")
INCORPORATIONS = [
    # the copy said to be attached, the attachment said first, the terms naming their own address
    ("The Hosting Terms posted at https://tallis.example/terms are incorporated by reference.",
     "A copy of the Hosting Terms is attached for convenience."),
    ("This order incorporates the Tallis Hosting Terms available at www.tallis.example/terms.",
     "Attached to this order form are the Hosting Terms, which the parties have read."),
    ("The General Conditions Version 2.1 at https://tallis.example/gc/ are incorporated into this order.",
     '"General Conditions" means these Tallis General Conditions Version 2.1, which are published at '
     'https://tallis.example/gc.'),
]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def rule_hits(result, rule_id):
    assert result.error is None, result.error
    return [f for f in result.findings if f.rule == rule_id]


def order_text(incorporation: str, reproduction: str, with_terms: bool) -> str:
    return ORDER.format(incorporation=incorporation, reproduction=reproduction) + ("\n" + TERMS if with_terms else "")


@pytest.mark.parametrize("incorporation, reproduction", INCORPORATIONS)
def test_terms_reproduced_in_the_same_file_are_not_absent(rules, incorporation, reproduction):
    result = lint_text(order_text(incorporation, reproduction, True), rules, path="order.md", fmt="md")
    assert rule_hits(result, "MSA-REF-005") == []
    assert result.elements["governing_law"] == "present"  # read in the reproduced terms, not left "referenced"


@pytest.mark.parametrize("incorporation, _", INCORPORATIONS)
def test_terms_only_incorporated_from_an_address_are_reported_with_what_they_hold(rules, incorporation, _):
    result = lint_text(order_text(incorporation, "", False), rules, path="order.md", fmt="md")
    (note,) = rule_hits(result, "MSA-REF-005")
    assert "could not be checked" in note.message and "termination for convenience" in note.message


def test_a_copy_said_not_to_be_attached_is_absent(rules):
    text = order_text(INCORPORATIONS[0][0], "A copy of the Hosting Terms is not attached.", False)
    assert len(rule_hits(lint_text(text, rules, path="order.txt"), "MSA-REF-005")) == 1


@pytest.mark.parametrize("policy", [
    "Customer shall comply with the Keel Acceptable Use Policy at https://keel.example/aup, incorporated by reference.",
    "The fees are set out in the Keel Price List at https://keel.example/pricing, which is incorporated herein.",
    "Use of the marks follows the Brand Guidelines (https://keel.example/brand), which are incorporated by reference.",
])
def test_a_policy_at_an_address_is_reported_without_an_agreements_elements(rules, policy):
    result = lint_text(order_text(policy, "", False), rules, path="order.txt")
    (note,) = rule_hits(result, "MSA-REF-005")
    assert "could not be checked" not in note.message
    assert "referenced" not in result.elements.values()


def _docx(tmp_path, paragraphs, name="doc.docx"):
    from ingest.docxgen import build_docx

    path = tmp_path / name
    path.write_bytes(build_docx(paragraphs))
    return path


def _pdf(tmp_path, paragraphs, name="doc.pdf"):
    from ingest.pdfgen import text_pdf

    return text_pdf(tmp_path / name, paragraphs)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


@pytest.mark.parametrize("make", [_docx, _pdf])
@pytest.mark.parametrize("with_terms, expected", [(True, 0), (False, 1)])
def test_reproduced_terms_in_generated_docx_and_pdf(tmp_path, rules, make, with_terms, expected):
    incorporation, reproduction = INCORPORATIONS[0]
    text = order_text(incorporation, reproduction if with_terms else "", with_terms)
    path = make(tmp_path, _paragraphs(text))
    assert len(rule_hits(lint_path(path, rules), "MSA-REF-005")) == expected


# -- statutes cited right after the number --------------------------------------------------------------------
STATUTE_BODY = ("SUPPLY TERMS\n\n1. Definitions. \"Group Company\" means a subsidiary or holding company (as defined by "
                "{citation}).\n\n2. Supply. The Supplier shall supply the goods.\n\n3. Payment. The Customer shall pay "
                "within thirty days.\n")


@pytest.mark.parametrize("citation, rule_id", [
    ("section 1159 and Schedule 6 Companies Act 2006", "MSA-REF-005"),
    ("Schedule 2 the Data Protection Act", "MSA-REF-005"),
    ("Section 9 Consumer Contracts Regulations 2013", "MSA-REF-001"),
])
def test_a_statute_named_after_the_number_is_not_this_documents_part(rules, citation, rule_id):
    result = lint_text(STATUTE_BODY.format(citation=citation), rules, path="terms.txt")
    assert rule_hits(result, rule_id) == []


@pytest.mark.parametrize("citation, rule_id", [
    ("Schedule 6 to this Agreement", "MSA-REF-005"),
    ("Section 9 below", "MSA-REF-001"),
    ("Schedule 6 Group Structure", "MSA-REF-005"),  # a title, not a statute
])
def test_the_documents_own_missing_parts_still_fire(rules, citation, rule_id):
    result = lint_text(STATUTE_BODY.format(citation=citation), rules, path="terms.txt")
    assert len(rule_hits(result, rule_id)) == 1


@pytest.mark.parametrize("make", [_docx, _pdf])
def test_statute_after_number_in_generated_files(tmp_path, rules, make):
    text = STATUTE_BODY.format(citation="Section 9 Consumer Contracts Regulations 2013")
    assert rule_hits(lint_path(make(tmp_path, _paragraphs(text)), rules), "MSA-REF-001") == []
    broken = STATUTE_BODY.format(citation="Section 9 below")
    (tmp_path / "broken").mkdir()
    assert len(rule_hits(lint_path(make(tmp_path / "broken", _paragraphs(broken)), rules), "MSA-REF-001")) == 1


# -- numbering gaps --------------------------------------------------------------------------------------------
GAP = ("HOSTING AGREEMENT\n\n2. Fees\n\n2.1 Customer shall pay the fees monthly.\n\n2.2 Fees exclude VAT.\n\n"
       "{between}2.4 Late payments bear interest at 4% a year.\n\n3. Term\n\n3.1 This Agreement lasts two years.\n")


@pytest.mark.parametrize("between", [
    "[***]\n\n",
    "*****\n\n",
    "[Clause 2.3 omitted pursuant to a confidential treatment request]\n\n",
])
def test_a_redaction_stands_for_the_skipped_clause(rules, between):
    result = lint_text(GAP.format(between=between), rules, path="msa.txt")
    assert rule_hits(result, "MSA-STR-005") == []


@pytest.mark.parametrize("between", ["", "The parties note that fees are reviewed yearly.\n\n"])
def test_a_real_gap_still_fires(rules, between):
    (gap,) = rule_hits(lint_text(GAP.format(between=between), rules, path="msa.txt"), "MSA-STR-005")
    assert "2.4" in gap.message and "2.3" in gap.message


LIST = ("SERVICES AGREEMENT\n\n1. Costs. The following costs are recoverable:\n(a) travel;\n(b) lodging;\n"
        "(c) couriers;\n(d) printing;\n(e) the fees of the network agent;\n{middle}(g) the fees of the auditor.\n\n"
        "2. Payment. Customer shall pay within thirty days.\n")


def test_one_misread_item_stands_for_the_skipped_letter(rules):
    text = LIST.format(middle="(1) the fees of the cable operator;\n")  # OCR read "(f)" as "(1)"
    assert rule_hits(lint_text(text, rules, path="msa.txt"), "MSA-STR-005") == []


@pytest.mark.parametrize("middle", ["", "(i) inside the country; and\n(ii) abroad;\n"])
def test_a_skipped_letter_with_no_stand_in_fires(rules, middle):
    (gap,) = rule_hits(lint_text(LIST.format(middle=middle), rules, path="msa.txt"), "MSA-STR-005")
    assert "(g)" in gap.message


@pytest.mark.parametrize("make", [_docx, _pdf])
@pytest.mark.parametrize("between, expected", [("[***]", 0), ("", 1)])
def test_redacted_gap_in_generated_files(tmp_path, rules, make, between, expected):
    paragraphs = ["HOSTING AGREEMENT", "2. Fees", "2.1 Customer shall pay the fees monthly.", "2.2 Fees exclude VAT.",
                  *([between] if between else []), "2.4 Late payments bear interest at 4% a year.", "3. Term",
                  "3.1 This Agreement lasts two years."]
    assert len(rule_hits(lint_path(make(tmp_path, paragraphs), rules), "MSA-STR-005")) == expected


# -- parties and date in a signature table (a DOCX table, as cover pages lay them out) -------------------------
def test_a_signature_table_names_the_parties_and_dates_the_contract(tmp_path, rules):
    from ingest.docxgen import table

    body = ["MUTUAL NON-DISCLOSURE AGREEMENT", "Each party keeps the other's confidential information secret.",
            "By signing this cover page each party agrees to these terms.",
            table(["", "PARTY 1", "PARTY 2"], ["Signature", "", ""], ["Print Name", "Ada Lee", "Bo Chan"],
                  ["Company", "Keel Systems Inc.", "Harbour Logistics Ltd"])]
    result = lint_path(_docx(tmp_path, body), rules.only("MSA-STR-001"))
    assert rule_hits(result, "MSA-STR-001") == []
    unsigned = lint_path(_docx(tmp_path, body[:3], "unsigned.docx"), rules.only("MSA-STR-001"))
    assert len(rule_hits(unsigned, "MSA-STR-001")) == 1


MSA = ("MANAGED SERVICES AGREEMENT\n\nThis Agreement is made between Keel Systems Inc. (\"Provider\") and Harbour "
       "Logistics Ltd (\"Customer\").\n\n1. Services. Provider shall operate the Customer's network. {sentence}\n\n"
       "2. Fees. Customer shall pay each invoice within thirty days.\n\n3. Law. This Agreement is governed by the laws "
       "of Scotland.\n")


@pytest.mark.parametrize("sentence", [
    "Availability of the service is governed by the Keel Service Level Agreement at https://keel.example/sla.",
    "Support requests are handled as described in the Keel Support Policy (https://keel.example/support).",
    "Where Keel processes personal data, the Data Processing Addendum available at www.keel.example/dpa applies.",
])
def test_a_contract_document_named_at_an_address_is_referenced_without_incorporation_words(rules, sentence):
    result = lint_text(MSA.format(sentence=sentence), rules, path="msa.txt")
    (note,) = rule_hits(result, "MSA-REF-005")
    assert "could not be checked" in note.message


@pytest.mark.parametrize("sentence", [
    "News about the service is posted at https://keel.example/news.",
    "Customer shall read the Keel Privacy Policy at https://keel.example/privacy before signing up.",
])
def test_a_web_page_that_is_no_contract_document_is_not_an_attachment(rules, sentence):
    assert rule_hits(lint_text(MSA.format(sentence=sentence), rules, path="msa.txt"), "MSA-REF-005") == []


def test_a_link_to_download_a_copy_of_a_titled_document_binds_nothing(rules):
    sentence = "[Download the latest PDF of the Service Level Agreement](https://keel.example/sla.pdf)"
    assert rule_hits(lint_text(MSA.format(sentence=sentence), rules, path="msa.md", fmt="md"), "MSA-REF-005") == []


@pytest.mark.parametrize("citation, rule_id", [
    ("the Supply Agreement's Schedule 6", "MSA-REF-005"),
    ("Keel's Master Hosting Agreement's Section 9", "MSA-REF-001"),
    ("the Data Protection Act's Schedule 2", "MSA-REF-005"),
])
def test_a_part_another_instrument_owns_by_possessive_is_external(rules, citation, rule_id):
    assert rule_hits(lint_text(STATUTE_BODY.format(citation=citation), rules, path="terms.txt"), rule_id) == []


@pytest.mark.parametrize("citation, rule_id", [
    ("this Agreement's Schedule 6", "MSA-REF-005"),
    ("these Terms' Section 9", "MSA-REF-001"),
])
def test_this_documents_own_part_by_possessive_still_fires(rules, citation, rule_id):
    assert len(rule_hits(lint_text(STATUTE_BODY.format(citation=citation), rules, path="terms.txt"), rule_id)) == 1


# -- defined terms: an attachment's title, a designation, a forward pointer -------------------------------------
TERMS_DOC = ["HOSTING AGREEMENT",
             'This Agreement is made between Keel Systems Inc. ("Provider") and Harbour Logistics Ltd ("Customer"). '
             'Provider licenses its routing software (the "Software", as further defined below) to Customer.',
             "The schedules are:", 'Schedule "A": Rate Card.',
             "1. Definitions", '1.1 "Software" means the routing engine of Provider, version 4.',
             "2. Fees", "Customer shall pay the Rate Card prices within thirty days of invoice. Provider shall review "
             "the Rate Card yearly and may index the Rate Card once a year.",
             "3. Equipment", "Two laptops may be used as the Test Computer. Customer shall keep the Software only on "
             "the Test Computer. Provider may audit the Test Computer monthly.",
             "4. Law", "This Agreement is governed by the laws of Scotland."]


@pytest.mark.parametrize("make", [_docx, _pdf])
def test_titles_designations_and_pointers_in_generated_files(tmp_path, rules, make):
    result = lint_path(make(tmp_path, TERMS_DOC), rules.only("MSA-REF-002", "MSA-REF-004"))
    assert [f.message for f in result.findings] == []
    (tmp_path / "bare").mkdir()
    bare = [p.replace('Schedule "A": Rate Card.', "See the annexes.").replace("may be used as", "are")
            .replace(", as further defined below", "") for p in TERMS_DOC]
    result = lint_path(make(tmp_path / "bare", bare), rules.only("MSA-REF-002", "MSA-REF-004"))
    assert sorted(f.rule for f in result.findings) == ["MSA-REF-002", "MSA-REF-004"]
    assert "Rate Card" in result.findings[0].message or "Rate Card" in result.findings[1].message


# -- a contents page is no reference ---------------------------------------------------------------------------
CONTENTS_DOC = ["SERVICES AGREEMENT",
                'This Agreement is made between Keel Systems Inc. ("Provider") and Harbour Logistics Ltd ("Customer").',
                "CONTENTS", "Section 1 Services ........ 2", "Section 2 Fees ........ 3",
                "Section 12 Notices ........ 14",
                "1. Services", "Provider shall host the Customer's systems{cite}.",
                "2. Fees", "Customer shall pay each invoice within thirty days.",
                "3. Term", "This Agreement lasts two years."]


@pytest.mark.parametrize("make", [_docx, _pdf, None])
@pytest.mark.parametrize("cite, expected", [("", 0), (" as set out in Section 12", 1)])
def test_a_contents_line_is_not_a_broken_reference(tmp_path, rules, make, cite, expected):
    paragraphs = [p.format(cite=cite) for p in CONTENTS_DOC]
    result = (lint_text("\n\n".join(paragraphs), rules, path="msa.txt") if make is None
              else lint_path(make(tmp_path, paragraphs), rules))
    assert len(rule_hits(result, "MSA-REF-001")) == expected
