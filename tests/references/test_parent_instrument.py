"""A document governed by an absent parent instrument: the general terms it does not state are `referenced` to that
instrument, reported once as one info finding naming it, never as missing errors or warnings. All text invented."""
from __future__ import annotations

import pytest

from msalint.api import lint_path, lint_text, load_rules
from msalint.parents import PARENT_ELEMENTS, parent_citations

BODY = [
    "MAINTENANCE CONTRACT FOR BILLING MODULES",
    "This contract is made between Tallis Networks Ltd (\"Provider\") and Orchard Bakeries plc (\"Customer\").",
    "1. Services. Provider shall maintain the billing modules and answer support calls on working days.",
    "2. Fees. Customer shall pay EUR 2,000 per quarter, invoiced in advance and payable within thirty days.",
    "{tie}",
]

TIES = [
    # the parent's general terms apply (the parent named first, with its parties)
    "3. General terms. The General Terms and Conditions of the Purchase and Licence Contract between Tallis "
    "Networks Ltd and Orchard Bakeries plc shall also apply to this contract.",
    # the document is governed by the parent (passive, the document as subject)
    "3. Relationship. This contract forms part of and is governed by the Master Supply Agreement dated 4 March 2021.",
    # the parent remains in force apart from this document (condition first)
    "3. Other terms. Except as set out in this contract, the Framework Services Agreement remains in full force.",
    # a list of ties, the last one in the subjunctive
    "3. Master terms. This contract will supplement, form a part of, and be subject to that Master Hosting Agreement "
    "between the parties.",
]

DEPENDENT_WARNINGS_AND_ERRORS = ("governing_law", "forum", "liability_cap", "indemnification", "termination_for_cause")


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _text(tie: str) -> str:
    return "\n\n".join(BODY).replace("{tie}", tie)


def _parent_notes(result):
    return [f for f in result.findings if f.details.get("parent_instrument")]


@pytest.mark.parametrize("tie", TIES)
def test_a_document_governed_by_an_absent_parent_refers_its_legal_terms_to_it_in_one_info_finding(rules, tie):
    result = lint_text(_text(tie), rules, path="maintenance.txt")
    (note,) = _parent_notes(result)
    assert str(note.severity) == "info" and note.rule == "MSA-REF-005"
    assert "Agreement" in note.message or "Contract" in note.message
    assert "governing law" in note.message and "could not be checked" in note.message
    for element in DEPENDENT_WARNINGS_AND_ERRORS:
        assert result.elements[element] == "referenced", element
    assert not [f for f in result.findings if f.element in PARENT_ELEMENTS and str(f.severity) != "info"]
    assert result.elements["fees"] == "present"  # the document's own content is still read as usual


def test_a_parent_term_the_document_states_itself_stays_checked(rules):
    text = _text(TIES[1] + "\n\n4. Law. This contract is governed by the laws of Ireland.")
    result = lint_text(text, rules, path="maintenance.txt")
    assert result.elements["governing_law"] == "present"
    (note,) = _parent_notes(result)
    assert "governing law" not in note.message


def test_a_stand_alone_agreement_without_governing_law_still_gets_the_finding(rules):
    text = _text("3. Term. This contract runs for two years and the terms of this contract apply to every order.")
    result = lint_text(text, rules, path="maintenance.txt")
    assert _parent_notes(result) == []
    gen = [f for f in result.findings if f.rule == "MSA-GEN-001"]
    assert gen and str(gen[0].severity) == "warning"


@pytest.mark.parametrize("sentence", [
    # the document names itself: no other instrument
    "This Master Services Agreement governs each order. The terms of the Master Services Agreement apply to each "
    "order.",
    # a law, not an instrument
    "This Agreement is governed by the laws of the State of New York.",
    # a bare "the Agreement" is the document itself
    "All other terms of the Agreement remain in full force.",
])
def test_no_parent_is_read_into_self_references_or_laws(sentence):
    assert parent_citations(sentence) == []


def test_a_parent_whose_text_follows_in_the_same_file_is_not_absent():
    text = ("ORDER FORM\nCustomer: Orchard Bakeries plc.\nThe terms of the Cloud Standard Terms are incorporated into "
            "this Order Form.\n\nCloud Standard Terms\n1. Governing law. English law governs.\n")
    assert parent_citations(text) == []


def _docx(path, tie):
    from ingest.docxgen import build_docx

    path.write_bytes(build_docx(_text(tie).split("\n\n")))
    return path


def _pdf(path, tie):
    from ingest.pdfgen import text_pdf

    return text_pdf(path, _text(tie).split("\n\n"))


def _markdown(path, tie):
    path.write_text("# " + _text(tie), encoding="utf-8")
    return path


@pytest.mark.parametrize("make, name", [(_docx, "m.docx"), (_pdf, "m.pdf"), (_markdown, "m.md")])
def test_generated_documents_of_every_format_refer_to_the_parent(tmp_path, rules, make, name):
    result = lint_path(make(tmp_path / name, TIES[0]), rules)
    assert result.error is None, result.error
    (note,) = _parent_notes(result)
    assert "Purchase and Licence Contract" in note.message
    assert result.elements["governing_law"] == "referenced"
    assert not [f for f in result.findings if f.rule == "MSA-GEN-001"]
