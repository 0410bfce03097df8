"""MSA-REF-005 in a family: a cited attachment the family holds retires the finding, whatever form the citation
takes; one the family lacks is reported once per document and once in the family (generated DOCX, PDF, Markdown)."""
from __future__ import annotations

import pytest

from .documents import SLA_ELEMENTS, write_family
from .test_check_families import active, check, suppressed

pytestmark = pytest.mark.slow

REF = "MSA-REF-005"


def ref_findings(doc: dict) -> list[dict]:
    return [f for f in doc["findings"] if f["rule"] == REF and not f.get("suppressed")]


def cited(doc: dict) -> list[str]:
    """What each active MSA-REF-005 finding says is absent."""
    return sorted(f["message"].split("'")[1] for f in ref_findings(doc))


@pytest.mark.parametrize("note, alone_refs", [
    ("The service levels for the Services are set out in Schedule 2.", 1),
    ("The service levels for the Services are set out in Exhibit B (Service Levels).", 1),
    ("Provider shall meet the service levels in the SLA.", 0),
    ("The Service Level Agreement at https://quillfeather.example/sla is incorporated into this Agreement.", 1),
])
def test_a_cited_attachment_the_family_holds_is_checked_in_it(tmp_path, note, alone_refs):
    files = write_family(tmp_path, note=note)
    files["order"].unlink()
    _, alone = check(tmp_path, "msa.docx", "--no-families")
    assert len(ref_findings(alone["msa.docx"])) == alone_refs
    _, docs = check(tmp_path, ".")
    msa = docs["msa.docx"]
    assert REF not in active(msa)
    if alone_refs:
        assert suppressed(msa)[REF] == "family: sla.pdf is in this family"
    assert {msa["elements"][e] for e in SLA_ELEMENTS} == {"present"}
    assert msa["family"]["found_in"]["response_times"] == "sla.pdf"


DPA = "Schedule 4 (Data Processing Addendum)"
TERMS_URL = "https://quillfeather.example/acceptable-use"


def test_an_absent_attachment_is_reported_once_per_document_and_once_in_the_family(tmp_path):
    note = (f"Personal data is processed under {DPA}. Schedule 4 also lists the sub-processors. The Acceptable Use "
            f"Policy at {TERMS_URL} is incorporated. Customer shall comply with the policy at {TERMS_URL}, which "
            "is incorporated by reference.")
    files = write_family(tmp_path, note=note)
    files["order"].write_text(files["order"].read_text(encoding="utf-8")
                              + f"\n4. Data protection: personal data is processed under {DPA}.\n",
                              encoding="utf-8")
    _, alone = check(tmp_path, ".", "--no-families")
    assert cited(alone["msa.docx"]) == [DPA, TERMS_URL]
    assert cited(alone["order.md"]) == [DPA]
    _, docs = check(tmp_path, ".")
    assert cited(docs["msa.docx"]) == [DPA, TERMS_URL]
    assert cited(docs["order.md"]) == []
    assert suppressed(docs["order.md"])[REF] == "family: reported once, on msa.docx"
