"""Generated DOCX, PDF and Markdown documents (all text invented) through the whole pipeline: glossary lines, a
pointer back to the preamble, proper names and a cover page are not undefined terms, duplicate definitions,
missing terms or missing non-renewal windows."""
from __future__ import annotations

import pytest

from msalint.api import lint_path, load_rules

RULES = ("MSA-REF-002", "MSA-REF-004", "MSA-TRM-001", "MSA-TRM-003")

PARAGRAPHS = [
    "HOSTING AGREEMENT",
    'This Hosting Agreement is made between Keel Systems Inc. ("Provider") and Harbour Logistics Ltd ("Customer"). '
    'Customer issued a request for proposals dated 1 May 2024 (the "RFP").',
    "1. Definitions",
    '1.1 "RFP" - shall have the meaning ascribed in the preamble above.',
    "1.2 Build Window - the agreed time for completing a hosting order.",
    "1.3 Rack Space - the floor area reserved for Customer's servers.",
    "2. Services",
    "Provider shall deliver each order within the Build Window. Delays beyond the Build Window are reported to the "
    "Board of Directors of Customer. The Board of Directors may extend the Build Window once.",
    "Provider keeps the Rack Space cooled. Customer may inspect the Rack Space. The Rack Space is insured by the "
    "Board of Directors' decision.",
    "3. Term",
    "This Agreement starts on the Effective Date and continues for a period of two years from that date.",
]


@pytest.fixture(scope="module")
def rules():
    return load_rules().only(*RULES)


def findings(path, rules) -> list[str]:
    result = lint_path(path, rules)
    assert result.error is None, result.error
    return sorted(f.rule for f in result.findings)


def test_docx_with_glossary_lines_and_proper_names_has_no_structure_findings(tmp_path, rules):
    from ingest.docxgen import build_docx

    path = tmp_path / "hosting.docx"
    path.write_bytes(build_docx(PARAGRAPHS))
    assert findings(path, rules) == []


def test_pdf_with_glossary_lines_and_proper_names_has_no_structure_findings(tmp_path, rules):
    from ingest.pdfgen import text_pdf

    path = text_pdf(tmp_path / "hosting.pdf", PARAGRAPHS)
    assert findings(path, rules) == []


def test_the_same_document_without_its_glossary_line_reports_the_term(tmp_path, rules):
    from ingest.docxgen import build_docx

    path = tmp_path / "hosting.docx"
    path.write_bytes(build_docx([p for p in PARAGRAPHS if not p.startswith("1.2 Build Window")]))
    result = lint_path(path, rules)
    undefined = [f for f in result.findings if f.rule == "MSA-REF-002"]
    assert len(undefined) == 1 and "Build Window" in undefined[0].message


COVER_PAGE = """# Cloud Service Order Form

**Provider:** Keel Systems Inc.

**Customer:** Harbour Logistics Ltd

**Subscription Start Date:** The Effective Date

**Subscription Period:** One month

**Non-Renewal Notice Date:** At least 7 days before the end of the current Subscription Period.

## Terms

1. Provider grants Customer access to the Cloud Service during the Subscription Period.
2. This Order Form renews automatically for further Subscription Periods unless a party gives notice of
   non-renewal before the Non-Renewal Notice Date.
3. Customer pays the fees monthly in advance.
"""


def test_markdown_cover_page_fields_are_its_term_and_renewal_window(tmp_path, rules):
    path = tmp_path / "order-form.md"
    path.write_text(COVER_PAGE, encoding="utf-8")
    assert findings(path, rules) == []
    # the window gone from the terms and from the cover page (a field stating it anywhere is enough)
    path.write_text(COVER_PAGE.replace("**Subscription Period:** One month\n", "").replace(
        " before the Non-Renewal Notice Date", "").replace(
        "**Non-Renewal Notice Date:** At least 7 days before the end of the current Subscription Period.\n", ""),
        encoding="utf-8")
    assert findings(path, rules) == ["MSA-TRM-001", "MSA-TRM-003"]
