"""Blanks that are not blanks: a bracketed attachment title after its label, an option box beside its label. Real
blanks next to them are still errors. All text invented; documents generated in every format."""
from __future__ import annotations

import pytest

from msalint.api import lint_path, lint_text, load_rules

OPENING = ("HOSTING AGREEMENT\n\nThis Agreement is made between Keel Systems Inc. (\"Provider\") and Harbour "
           "Logistics Ltd (\"Customer\").\n\n1. Services. Provider shall host the Customer's order platform.\n\n")


@pytest.fixture(scope="module")
def rules():
    return load_rules().only("MSA-WRD-009")


def placeholders(rules, text):
    return [f.message for f in lint_text(OPENING + text, rules, path="a.txt").findings if f.rule == "MSA-WRD-009"]


@pytest.mark.parametrize("title", [
    "EXHIBIT G\n[List of Transferred Employees]\nThe employees are those named in the disclosure letter.",
    "Schedule 3 – [Form of Notice]\nEach notice is given in writing.",
    "Annex 2: [Network Diagram]\nThe diagram shows the customer's sites.",
])
def test_a_bracketed_title_after_an_attachment_label_is_a_heading(rules, title):
    assert placeholders(rules, title) == []


@pytest.mark.parametrize("blank", [
    "Exhibit B: [insert the service description]\nProvider shall perform the services.",
    "The transferred staff are those in [List of Transferred Employees].",
    "Annex 2 [Customer Name] shall pay the fees.",
])
def test_a_bracket_that_is_not_a_title_after_a_label_is_still_a_blank(rules, blank):
    assert len(placeholders(rules, blank)) == 1


@pytest.mark.parametrize("box", [
    "ANNUAL FEE. [ ] Technical Support Retainer\nSupport beyond the retainer is charged by the hour.",
    "Fee option: [ ] Annual Retainer",
    "| Choice | Plan |\n|---|---|\n| [ ] | Standard Support |\n| [x] | Premium Support |",
])
def test_an_option_box_beside_its_label_is_a_choice(rules, box):
    assert placeholders(rules, box) == []


@pytest.mark.parametrize("blank", [
    "2. Fees. The fixed amount is USD[ ] per quarter.",
    "2. Fees: [ ] per month, payable in advance.",
    "2. Fees. The daily assets are multiplied by [ ] basis points.",
])
def test_an_empty_bracket_where_a_value_goes_is_still_a_blank(rules, blank):
    assert len(placeholders(rules, blank)) == 1


PARAGRAPHS = ["HOSTING AGREEMENT",
              "This Agreement is made between Keel Systems Inc. (\"Provider\") and Harbour Logistics Ltd (\"Customer\").",
              "1. Fees. ANNUAL FEE. [ ] Technical Support Retainer",
              "2. Payment. Customer shall pay USD[ ] per quarter.",
              "EXHIBIT G",
              "[List of Transferred Employees]",
              "The employees are those named in the disclosure letter."]


def _docx(path):
    from ingest.docxgen import build_docx

    path.write_bytes(build_docx(PARAGRAPHS))
    return path


def _pdf(path):
    from ingest.pdfgen import text_pdf

    return text_pdf(path, PARAGRAPHS)


def _markdown(path):
    path.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    return path


@pytest.mark.parametrize("make, name", [(_docx, "a.docx"), (_pdf, "a.pdf"), (_markdown, "a.md")])
def test_generated_documents_keep_the_real_blank_only(tmp_path, rules, make, name):
    result = lint_path(make(tmp_path / name), rules)
    assert result.error is None, result.error
    found = [f for f in result.findings if f.rule == "MSA-WRD-009"]
    assert len(found) == 1 and str(found[0].severity) == "error", [f.message for f in found]
    assert "USD" in (found[0].excerpt or "")
