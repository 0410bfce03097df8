"""Invented documents of every kind, two phrasings each, for the classifier tests (no real contract text)."""
from __future__ import annotations

AGREEMENT = [
    """MASTER SERVICES AGREEMENT

This Master Services Agreement is made on 3 May 2026 between Tallis Networks Ltd ("Provider") and Orchard
Bakeries plc ("Customer").

1. Services. Provider shall operate and monitor the Customer's network and servers.
2. Fees. Customer shall pay each invoice within thirty days.
3. Term and Termination. Either party may terminate this Agreement for material breach not cured within 30 days.
4. Limitation of Liability. In no event shall either party be liable for indirect loss.
5. Governing Law. This Agreement is governed by the laws of Scotland.
6. Entire Agreement. This Agreement supersedes all prior discussions.
7. Assignment. Neither party may assign this Agreement without consent.
8. Notices. Notices shall be given in writing to the addresses above.

IN WITNESS WHEREOF the parties have signed this Agreement.
""",
    """Cloud Hosting Terms of Service

These terms govern your use of the hosting platform run by Lumen Stack GmbH. By ordering, the customer agrees to
these terms.

Payment: the customer will pay the monthly fee in advance. Termination: either party may terminate this agreement
on thirty days' notice. Liability: our total liability is limited to the fees paid in the prior twelve months.
Force majeure: neither party is responsible for events beyond its reasonable control. Severability: an invalid
or unenforceable term does not affect the rest. These terms are governed by the laws of Germany. This is the
entire agreement between the parties.
""",
]

SLA = [
    """SCHEDULE 3 - SERVICE LEVEL AGREEMENT

This Schedule forms part of the Managed Services Agreement between Brightwater Data Ltd and Fenwick Foods plc.
Capitalised terms not defined here have the meanings given in the Managed Services Agreement.

1. Availability. The hosted platform shall be available 99.9% of each calendar month.
2. Response times. Priority 1 incidents: response within 30 minutes. Priority 2 incidents: response within 2 hours.
3. Service credits. Where availability falls below the target, Customer receives a service credit of 5%.
""",
    """Support Policy

This policy describes how Quillstack supports customers on its paid plans.

Severity 1 (production down): we will respond within one hour, around the clock.
Severity 2 (major feature impaired): we will respond within four business hours.
Severity 3 (minor issue): we will respond within two business days.
Downtime caused by scheduled maintenance announced 48 hours ahead does not count against the uptime target.
""",
]

DPA = [
    """DATA PROCESSING ADDENDUM

This Data Processing Addendum forms part of the Services Agreement between Harrow Analytics Ltd (the "Processor")
and the customer named in the order (the "Controller").

1. The Processor shall process personal data only on the Controller's documented instructions.
2. The Processor shall not engage a sub-processor without the Controller's prior written authorisation.
3. The Processor shall notify the Controller of a personal data breach without undue delay.
4. Categories of data subjects: the Controller's employees and customers.
""",
    """Business Associate Agreement

This Business Associate Agreement supplements the services agreement between Northgate Clinics and Medlink
Software. The business associate shall use protected health information only to perform the services, shall
report any breach of unsecured protected health information, and shall return or destroy it when the services end.
""",
]

SOW = [
    """STATEMENT OF WORK No. 4

This Statement of Work is issued under the Master Services Agreement between Corvid Digital and Elm Street
Library. Capitalised terms have the meanings given in the Master Services Agreement.

Scope of work: redesign of the catalogue website.
Deliverables: wireframes, a tested site, and training for three librarians.
Milestones: design approval by 1 June; launch by 1 September.
Acceptance criteria: each deliverable is accepted when it passes the agreed test plan.
""",
    """Work Order 2026-07

Project: migration of the payroll system to the cloud. Period of performance: July to October 2026.
The contractor will deliver a migration plan, the migrated system, and a handover report as deliverables.
The project manager for the client is Dana Reyes. Milestone payments follow acceptance of each deliverable.
""",
]

ORDER_FORM = [
    """ORDER FORM

Customer legal name: Pelham Logistics Ltd
Subscription start date: 1 March 2026
Subscription term: 12 months
Quantity: 40 user seats at a unit price of EUR 18 per month
Billing frequency: annual, in advance

This Order Form is governed by the Cloud Service Agreement at https://example.com/terms, which is incorporated by
reference. By signing below, Customer agrees to this Order Form.
""",
    """Cover Page

Key terms for the Brightline platform subscription.
Order date: 12 January 2026. Subscription fees: USD 900 per month. Order effective date: 1 February 2026.
The Standard Terms published by Brightline are incorporated by reference into this Cover Page, and capitalised
terms have the meanings given in the Standard Terms.
""",
]

AMENDMENT = [
    """FIRST AMENDMENT TO THE HOSTING AGREEMENT

This First Amendment is made between Saltmarsh Hosting Ltd and Greyfriars Press Ltd. Capitalised terms have the
meanings given in the Hosting Agreement.

1. Clause 4.2 of the Hosting Agreement is hereby deleted and replaced with the following: "Fees are payable
within 45 days."
2. Except as expressly amended hereby, the Hosting Agreement remains in full force and effect.
""",
    """Addendum No. 2

The parties to the Support Agreement dated 1 April 2024 agree that Schedule 1 is amended as follows: the support
hours become 8:00 to 18:00 on business days. The Support Agreement shall remain unchanged and in full force and
effect in all other respects.
""",
]

OTHER_CONTRACT = [
    """MUTUAL NON-DISCLOSURE AGREEMENT

This Agreement is made between Arden Robotics Ltd and Kestrel Foods plc. Each party shall keep the other party's
confidential information secret and shall use it only to evaluate a possible business relationship.
This Agreement is governed by the laws of England. Either party may terminate this Agreement on written notice.
This is the entire agreement between the parties on its subject.
""",
    """Software Licence Agreement

The licensor grants the licensee a non-exclusive licence to use the Atlas software on up to ten computers.
The licensee shall not copy or modify the software. The licensee shall pay the licence fee within 30 days.
This licence is governed by the laws of Ireland. The licensor may terminate this agreement for breach.
""",
]

NOT_CONTRACT = [
    """# contracts

This repository holds our signed supplier documents as PDF files.

- `msa/` master agreements
- `sla/` service level schedules

Run `pre-commit install` once after cloning.
""",
    """Acme and Globex announce hosting partnership

LONDON, 4 March 2026 - Acme Cloud today announced a partnership with Globex Retail to host Globex's online shop.
"We are thrilled to work with Globex," said the chief executive of Acme. The shop moves to the new platform in
the spring. About Acme: Acme Cloud runs data centres in three countries.
""",
    """Frequently asked questions

How do I reset my password? Use the link on the sign-in page.
Can I export my data? Yes, from the settings page, as CSV.
Where are your servers? In Frankfurt and Dublin.
""",
]

ALL = {
    "agreement": AGREEMENT, "sla": SLA, "dpa": DPA, "sow": SOW, "order_form": ORDER_FORM,
    "amendment": AMENDMENT, "other_contract": OTHER_CONTRACT, "not_contract": NOT_CONTRACT,
}
