"""Services given by reference to the document that plays the statement of work's role (a quotation, a purchase
order, a proposal) are described; an agreement that names no services at all still gets MSA-SCP-001. Generated
Markdown, DOCX and PDF documents."""
from __future__ import annotations

import pytest

from .test_moot import FEES, FORMATS, HEAD, LAW, builtin, lint_file  # noqa: F401  (builtin is a fixture)

BY_REFERENCE = [  # three phrasings: goods and services in a quotation, work in each order, a signed proposal
    "1. Supply. The Provider agrees to supply the Customer with the goods, licences or services set out in the quotation.",
    "1. Work. Beta IT performs the work described in each purchase order that Acme issues under this Agreement.",
    "1. Services. Consulting services, as detailed in the Customer's signed proposal, are provided at the rates below.",
]
NO_SERVICES = "1. Price. The price set out in the quotation is fixed for the first year."
SUPPLY_HEAD = ["SUPPLY AGREEMENT", HEAD[1]]  # the title names no services


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("reference", BY_REFERENCE)
def test_services_in_a_quotation_order_or_proposal_are_described(tmp_path, builtin, fmt, reference):
    rules, elements, _ = lint_file(tmp_path, builtin, fmt, SUPPLY_HEAD + [reference, FEES, LAW])
    assert "MSA-SCP-001" not in rules and elements["services_description"] == "present"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_agreement_that_names_no_services_still_gets_the_scope_warning(tmp_path, builtin, fmt):
    rules, elements, _ = lint_file(tmp_path, builtin, fmt, SUPPLY_HEAD + [NO_SERVICES, FEES, LAW])
    assert "MSA-SCP-001" in rules and elements["services_description"] == "missing"
