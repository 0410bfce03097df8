"""A contract of another kind (NDA, licence, ...) is not asked for a services deal's negotiated protections (issue 10
§1): a liability cap, an exclusion of indirect loss, confidentiality and a right to terminate for breach are the
MSA checklist's, so a document classified `other_contract` gets no missing-element finding for them; a services
agreement with the same gaps still gets them. Generated DOCX, PDF and Markdown, with the built-in rulebook."""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint import api
from tests.ingest.pdfgen import text_pdf
from tests.rulebook.test_fit_to_deal import ruleset, write_docx, write_md  # noqa: F401  (ruleset: fixture)

SERVICE_PROTECTIONS = {"MSA-RSK-001", "MSA-RSK-002", "MSA-DPS-001", "MSA-TRX-001"}

NDA = ["MUTUAL NON-DISCLOSURE AGREEMENT",
       "This Mutual Non-Disclosure Agreement is made on 2 May 2025 between Orla Analytics Ltd and Penfold Freight plc "
       "(each a \"Party\") so that each Party may evaluate a possible business relationship.",
       "1. Confidential Information. Each Party shall keep the other Party's Confidential Information secret and use "
       "it only to evaluate the relationship.",
       "2. Term. This Agreement lasts two years from its date.",
       "3. Law. This Agreement is governed by the laws of England and Wales."]
LICENCE = ["SOFTWARE LICENCE AGREEMENT",
           "This Software Licence Agreement is made on 9 September 2025 between Quillon Software GmbH (the "
           "\"Licensor\") and Marrow Dental Clinics Ltd (the \"Licensee\").",
           "1. Licence. The Licensor grants the Licensee a non-exclusive licence to install and use the scheduling "
           "software on up to twenty workstations.",
           "2. Fee. The Licensee shall pay a one-time licence fee of EUR 4,000 within 30 days of invoice.",
           "3. Law. This Agreement is governed by the laws of Germany."]
SERVICES = ["MANAGED SERVICES AGREEMENT",
            "This Managed Services Agreement is made on 1 March 2025 between Keel Systems Ltd (\"Provider\") and "
            "Harbour Logistics Ltd (\"Customer\").",
            "1. Services. The Provider shall operate, monitor and patch the Customer's servers and network.",
            "2. Fees. The Customer shall pay the monthly fee of GBP 6,000 within 30 days of invoice.",
            "3. Term. This Agreement lasts three years from its date.",
            "4. Law. This Agreement is governed by the laws of England and Wales."]


def _lint(path: Path, ruleset):
    result = api.lint_path(path, ruleset)
    return result.kind["kind"], {f.rule for f in result.findings}


@pytest.mark.parametrize("name, body", [("nda.docx", NDA), ("licence.pdf", LICENCE), ("nda.md", NDA)])
def test_a_contract_of_another_kind_is_not_asked_for_a_services_deals_protections(tmp_path, ruleset, name, body):
    path = tmp_path / name
    write = {".docx": write_docx, ".md": write_md}.get(path.suffix, text_pdf)
    kind, rules = _lint(write(path, body), ruleset)
    assert kind == "other_contract"
    assert rules & SERVICE_PROTECTIONS == set()


@pytest.mark.parametrize("name", ["msa.docx", "msa.md"])
def test_a_services_agreement_with_the_same_gaps_still_gets_them(tmp_path, ruleset, name):
    path = tmp_path / name
    write = write_docx if name.endswith(".docx") else write_md
    kind, rules = _lint(write(path, SERVICES), ruleset)
    assert kind == "agreement"
    assert {"MSA-RSK-001", "MSA-RSK-002", "MSA-TRX-001", "MSA-DPS-001"} <= rules
