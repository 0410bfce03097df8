"""A provider that says hosting is not its job (a web designer, a developer) runs nothing to hand over and holds no
hosted data set: exit assistance and data return are moot. A host that only asks the customer to find a new host
when the service ends still owes both (the real gap is still found). Generated Markdown, DOCX and PDF documents."""
from __future__ import annotations

import pytest

from .test_moot import FORMATS, builtin, lint_file  # noqa: F401  (builtin is a fixture)

PARTIES = 'This Agreement is made between Acme Ltd ("Client") and Beta Studio Ltd ("Developer").'
FEES = "3. Fees. The Client shall pay each invoice within 30 days of its date."
LAW = "5. Governing law. This Agreement is governed by the laws of England."
BREACH = ("4. Termination. Either party may terminate this Agreement if the other party commits a material breach "
          "and fails to remedy it within 30 days after notice.")
KEEPS_DATA = "During the project the Developer stores the Client Data it receives on an encrypted drive."
DISCLAIMERS = [  # three phrasings of the same fact: first person, passive, the client's duty
    "I am not a web hosting service and do not offer support for email.",
    "Hosting of the finished website is not provided by the Developer.",
    "The Client is responsible for arranging its own hosting and domain name.",
]
BUILD = "1. Services. The Developer shall design and build the Client's web application and online shop."
HOST = "1. Services. The Developer shall host the Client's web application and online shop in its data centre."
NEW_HOST_AT_EXIT = ("2. End of service. If the Client discontinues the hosting service, the Client is responsible "
                    "for arranging a new hosting environment within 60 days.")
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("disclaimer", DISCLAIMERS)
def test_a_provider_that_does_not_host_owes_no_exit_help_or_data_return(tmp_path, builtin, fmt, disclaimer):
    head = ["WEB DEVELOPMENT AGREEMENT", PARTIES, BUILD + " " + KEEPS_DATA + " " + disclaimer]
    rules, elements, reasons = lint_file(tmp_path, builtin, fmt, head + [FEES, BREACH, LAW])
    assert elements["hosted_customer_data"] == "present"  # the data fact alone would ask for data return
    assert not rules & {"MSA-TRX-005", "MSA-TRX-006"}
    assert elements["exit_assistance"] == elements["data_return"] == "not_applicable"
    assert reasons["data_return"] == reasons["exit_assistance"] == "moot: the document has hosting disclaimed"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_host_that_sends_the_client_to_a_new_host_at_exit_still_owes_both(tmp_path, builtin, fmt):
    paragraphs = ["WEB HOSTING AGREEMENT", PARTIES, HOST + " " + KEEPS_DATA, NEW_HOST_AT_EXIT, FEES, BREACH, LAW]
    rules, elements, _ = lint_file(tmp_path, builtin, fmt, paragraphs)
    assert elements["hosting_disclaimed"] != "present"
    assert {"MSA-TRX-005", "MSA-TRX-006"} <= rules
    assert elements["exit_assistance"] == elements["data_return"] == "missing"
