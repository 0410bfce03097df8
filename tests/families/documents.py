"""An invented three-file agreement (MSA in DOCX, SLA schedule in PDF, order form in Markdown) for the family tests."""
from __future__ import annotations

from pathlib import Path

PARTIES = 'Quillfeather Systems Ltd ("Provider") and Bramblewood Foods plc ("Customer")'

MSA = [
    "MASTER SERVICES AGREEMENT",
    f'This Master Services Agreement (the "Agreement") is made on 2 February 2026 between {PARTIES}.',
    "1. Services",
    "1.1 Provider shall provide the managed IT services described in each Order Form, including monitoring of the "
    "Customer's servers and network. {services_note}",
    "2. Term",
    "2.1 This Agreement starts on the Effective Date and continues for an initial term of three (3) years.",
    "3. Fees and Payment",
    "3.1 Customer shall pay the fees set out in each Order Form. Provider shall invoice monthly in arrears and "
    "Customer shall pay each undisputed invoice within thirty (30) days of receipt.",
    "4. Limitation of Liability",
    "4.1 Each party's total aggregate liability arising out of or in connection with this Agreement shall not "
    "exceed the total fees paid by Customer in the twelve (12) months preceding the claim.",
    "4.2 Neither party shall be liable for any indirect or consequential loss, or for loss of profits.",
    "5. Termination",
    "5.1 Either party may terminate this Agreement by written notice if the other party commits a material breach "
    "and fails to remedy it within thirty (30) days of being notified of it.",
    "6. Governing Law",
    "6.1 This Agreement is governed by the laws of England and Wales, and the courts of England have exclusive "
    "jurisdiction.",
]
NO_SCHEDULE = "Provider shall perform the Services with reasonable skill and care."
CITES_SCHEDULE = "The service levels for the Services are set out in Schedule 2 (Service Level Agreement)."

SLA = [
    "SCHEDULE 2 - SERVICE LEVEL AGREEMENT",
    "This Schedule forms part of the Master Services Agreement between Quillfeather Systems Ltd and Bramblewood "
    "Foods plc. Capitalised terms have the meaning given in the Agreement.",
    "1. Availability. Provider shall make the Services available 99.9% of the time in each calendar month, "
    "excluding scheduled maintenance windows notified five (5) days in advance.",
    "2. Response Times. Provider shall respond to each incident within the following times: Priority 1 incidents "
    "within 30 minutes; Priority 2 incidents within 2 hours; Priority 3 incidents within 8 business hours.",
    "3. Service Credits. If availability falls below 99.9% in a month, Customer is entitled to a service credit "
    "of 5% of the monthly fees for each 0.5% shortfall.",
    "4. Reporting. Provider shall give Customer a monthly report of its performance against the service levels.",
]

ORDER = """# Order Form

This Order Form is entered into under, and incorporates, the Master Services Agreement between {parties}.

1. Services: managed network monitoring for 40 sites.
2. Fees: GBP 4,000 per month, invoiced monthly in arrears and payable within thirty (30) days.
3. Order Term: twenty-four (24) months from the Order Start Date.
"""

# the SLA elements an MSA without its schedule lacks, and the order form's element the MSA holds
SLA_ELEMENTS = ("service_levels", "response_times", "service_credits")
# alone, the MSA is asked for service levels and response times; credits are moot there (nothing to miss)
SLA_RULES = {"MSA-SLA-001", "MSA-SLA-004"}


def write_family(folder: Path, *, cite_schedule: bool = False, parties: str = PARTIES, note: str | None = None
                 ) -> dict[str, Path]:
    """Write msa.docx, sla.pdf and order.md into ``folder`` (created); returns them by role. ``note`` (else the
    schedule citation or a plain sentence) ends the MSA's services clause."""
    from ingest.docxgen import build_docx
    from ingest.pdfgen import text_pdf

    folder.mkdir(parents=True, exist_ok=True)
    note = note or (CITES_SCHEDULE if cite_schedule else NO_SCHEDULE)
    msa = folder / "msa.docx"
    msa.write_bytes(build_docx([line.format(services_note=note).replace(PARTIES, parties) for line in MSA]))
    sla = text_pdf(folder / "sla.pdf", SLA)
    order = folder / "order.md"
    order.write_text(ORDER.format(parties=parties), encoding="utf-8")
    return {"msa": msa, "sla": sla, "order": order}
