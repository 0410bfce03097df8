"""Attachments that are there are not reported absent (own heading, redacted, omitted, a part of one, another
label word); absent ones still are, once, with a suffixed label read whole and a series said once. Text invented."""
from __future__ import annotations

import pytest

from msalint.api import lint_path, lint_text, load_rules

BODY = ("SERVICES AGREEMENT\n\nThis Agreement is made between Tallis Networks Ltd (\"Provider\") and Orchard Bakeries "
        "plc (\"Customer\").\n\n1. Services. Provider shall supply the equipment listed in {cite}.\n\n"
        "2. Fees. Customer shall pay the fees within thirty days of invoice.\n\n{tail}\n")


@pytest.fixture(scope="module")
def rules():
    return load_rules().only("MSA-REF-005")


def absent(rules, cite, tail):
    result = lint_text(BODY.format(cite=cite, tail=tail), rules, path="a.txt")
    return [f.message for f in result.findings if f.rule == "MSA-REF-005"]


@pytest.mark.parametrize("tail", [
    "EXHIBIT B\nEQUIPMENT LIST\n[Redacted]",
    "Exhibit B [***]",
    "Exhibit B – intentionally omitted",
    "APPENDIX B\nEquipment: two routers and a firewall.",  # cited as Exhibit B, attached as Appendix B
])
def test_an_attachment_with_its_own_heading_is_present(rules, tail):
    assert absent(rules, "Exhibit B", tail) == []


def test_a_part_of_an_attached_exhibit_is_present(rules):
    assert absent(rules, "Exhibit C-1", "EXHIBIT C\nFORMS OF ORDER\n[Redacted]") == []


@pytest.mark.parametrize("tail", [
    "",  # nothing attached
    "EXHIBIT A\nPRICE LIST\nRouter: EUR 400.",  # another exhibit, no Appendix B either
    "Table of contents\nExhibit B Equipment List ........ 14",  # listed in the contents, never attached
    "The following exhibits form part of this Agreement:\nExhibit B: Equipment List\nExhibit C: Price List",  # a list
    "SCHEDULE A\nSCHEDULE OF FEES\nRouter: EUR 400.",  # another attachment ("OF" is no label)
])
def test_an_attachment_that_is_not_there_is_still_reported(rules, tail):
    (message,) = absent(rules, "Exhibit B", tail)
    assert "'Exhibit B' is referred to" in message


def test_a_label_with_a_suffix_is_read_whole(rules):
    (message,) = absent(rules, "Schedule 12L", "SCHEDULE 12\nEQUIPMENT\nTwo routers.")
    assert "'Schedule 12L'" in message


def test_untitled_attachments_of_one_word_are_reported_once_as_a_series(rules):
    cite = "Schedule 2L, the sites on Schedule 3L and the staff on Schedule 4L"
    (message,) = absent(rules, cite, "")
    assert "'Schedule 2L'" in message and "2 other schedules (3L, 4L)" in message


def test_an_annex_of_another_instrument_is_not_this_documents(rules):
    cite = "Annex 7, which was an integral part of the original Purchase and Licence Contract"
    assert absent(rules, cite, "") == []


def test_a_generated_docx_with_a_redacted_exhibit_reports_only_the_missing_one(tmp_path, rules):
    from ingest.docxgen import build_docx

    paragraphs = BODY.format(cite="Exhibit B and the prices in Exhibit D", tail="EXHIBIT B\nEQUIPMENT LIST\n[***]")
    path = tmp_path / "a.docx"
    path.write_bytes(build_docx([line for line in paragraphs.split("\n") if line]))
    result = lint_path(path, rules)
    assert result.error is None, result.error
    assert [f.message for f in result.findings] == ["'Exhibit D' is referred to but is not part of this document."]
