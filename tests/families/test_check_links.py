"""Which generated files `msalint check` links into a family: a title alone never does, a document filed in parts
does (DOCX, PDF, Markdown)."""
from __future__ import annotations

import pytest

from .documents import MSA, NO_SCHEDULE
from .test_check_families import check

pytestmark = pytest.mark.slow

# a services agreement whose opening names its parties without a company form the card reads
SERVICES = [
    "SERVICES AGREEMENT",
    "This Services Agreement is made on 14 March 2011 between the trustees of the Northfield pension scheme "
    "(the \"Customer\") and the Westbrook county council (the \"Provider\").",
    "1. Services. The Provider shall run the payroll service for the Customer.",
    "2. Fees. The Customer shall pay the fees within thirty (30) days of each invoice.",
]
AMENDMENT = """# First Amendment to Services Agreement

This First Amendment is made between Alder Reach Ltd and Fennick Row plc. It amends {reference}.

1. Clause 2 of the Services Agreement is deleted and replaced with: "The Customer shall pay within sixty (60) days."
"""


def write_services(folder, reference: str):
    from ingest.docxgen import build_docx

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "services.docx").write_bytes(build_docx(SERVICES))
    (folder / "amendment.md").write_text(AMENDMENT.format(reference=reference), encoding="utf-8")


def test_an_amendment_of_another_agreement_is_not_linked_by_title_alone(tmp_path):
    write_services(tmp_path, "the Services Agreement between them dated as of January 1, 2004")
    _, docs = check(tmp_path, ".")
    assert docs["amendment.md"]["family"] is None and docs["services.docx"]["family"] is None


def test_an_amendment_naming_the_agreement_and_its_date_is_linked(tmp_path):
    write_services(tmp_path, "the Services Agreement dated March 14, 2011")
    _, docs = check(tmp_path, ".")
    family = docs["amendment.md"]["family"]
    assert family["principal"] == "services.docx" and family["role"] == "member"


@pytest.mark.parametrize("first, second", [("Lakeside MSA Part 1.pdf", "Lakeside MSA Part 2.pdf"),
                                           ("lakeside-msa (1 of 2).pdf", "lakeside-msa (2 of 2).pdf")])
def test_an_agreement_filed_in_two_parts_is_one_family(tmp_path, first, second):
    from ingest.pdfgen import text_pdf

    lines = [line.format(services_note=NO_SCHEDULE) for line in MSA]
    cut = lines.index("5. Termination")
    text_pdf(tmp_path / first, lines[:cut])
    text_pdf(tmp_path / second, lines[cut:])  # no title, no parties: the continuation of part 1
    _, alone = check(tmp_path, ".", "--no-families")
    assert alone[first]["elements"]["governing_law"] == "missing"
    law = {f["rule"] for f in alone[first]["findings"] if f["element"] == "governing_law" and not f.get("suppressed")}
    assert law
    _, docs = check(tmp_path, ".")
    head, tail = docs[first], docs[second]
    assert head["elements"]["governing_law"] == "present"
    assert head["family"]["found_in"]["governing_law"] == second
    assert head["family"]["role"] == "principal" and tail["family"]["principal"] == first
    assert not law & {f["rule"] for f in head["findings"] if not f.get("suppressed")}
