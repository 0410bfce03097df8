"""Family cards and detection on invented text: what links two documents, and what never does."""
from __future__ import annotations

from pathlib import Path

import pytest

from msalint.config import parse_family_option
from msalint.errors import ConfigError
from msalint.families import Declared, detect
from msalint.families.card import family_card
from msalint.families.detect import Member

MSA = """MASTER SERVICES AGREEMENT
This Master Services Agreement (the "Agreement") is made between Tallis Networks Ltd and Orchard Bakeries plc.
1. Services. Provider shall run the network described in each Order Form."""
SLA = """SCHEDULE 3 - SERVICE LEVELS
This Schedule forms part of the Agreement between Tallis Networks Ltd and Orchard Bakeries plc.
1. Availability. The platform shall be available 99.9% of each month."""
TERMS = """STANDARD TERMS OF SERVICE
These Standard Terms of Service (the "Standard Terms") apply to every order placed with Lumen Stack GmbH."""
ORDER = """ORDER FORM
The customer orders the hosting plan from Lumen Stack GmbH. The Standard Terms are incorporated by reference."""
NDA = """MUTUAL NON-DISCLOSURE AGREEMENT
This Agreement is made between Harrow Lane Ltd and Copperkettle Inns plc."""


def member(path: str, kind: str, text: str) -> Member:
    return Member(path, kind, family_card(text))


def test_card_reads_title_label_parties_and_citations():
    card = family_card(SLA)
    assert card["title"] == "SCHEDULE 3 - SERVICE LEVELS"
    assert card["label"] == "schedule 3"
    assert card["parties"] == ["tallis networks ltd", "orchard bakeries plc"]
    assert "agreement" in card["cites"]
    assert family_card(TERMS)["names"] == ["standard terms of service"]  # its defined "Standard Terms" is too common


def test_a_schedule_citing_the_agreement_joins_the_only_agreement_of_its_folder():
    (family,) = detect([member("d/msa.md", "agreement", MSA), member("d/sla.md", "sla", SLA)])
    assert family.principal == "d/msa.md" and family.members == ["d/msa.md", "d/sla.md"]
    assert family.links == [{"from": "d/sla.md", "to": "d/msa.md", "cite": "agreement", "by": "kind"}]


def test_generic_citation_is_ambiguous_with_two_agreements():
    other = MSA.replace("Master Services", "Cloud Hosting")
    assert detect([member("d/a.md", "agreement", MSA), member("d/b.md", "agreement", other),
                   member("d/sla.md", "sla", SLA)]) == []


def test_an_order_form_incorporating_standard_terms_by_name():
    (family,) = detect([member("d/order.md", "order_form", ORDER), member("d/terms.md", "agreement", TERMS)])
    assert family.principal == "d/terms.md"
    assert family.links[0]["cite"] == "standard terms"


def test_other_parties_or_other_folders_never_link():
    assert detect([member("d/nda.md", "other_contract", NDA), member("d/sla.md", "sla", SLA)]) == []
    assert detect([member("a/msa.md", "agreement", MSA), member("b/sla.md", "sla", SLA)]) == []


def test_declared_family_needs_no_citation_and_detection_can_be_off():
    members = [member("a/msa.md", "agreement", MSA), member("b/sla.md", "sla", SLA)]
    (family,) = detect(members, [Declared("deal", ("b/sla.md", "a/msa.md"), "command line")])
    assert family.name == "deal" and family.principal == "a/msa.md" and family.source == "command line"
    assert detect([member("d/msa.md", "agreement", MSA), member("d/sla.md", "sla", SLA)], automatic=False) == []


@pytest.mark.parametrize("value, name, paths", [
    ("deal=msa.docx,schedules/*.pdf", "deal", ("msa.docx", "schedules/*.pdf")),
    ("contracts/acme/*", "contracts/acme/*", ("contracts/acme/*",)),
])
def test_family_option_shapes(value, name, paths):
    spec = parse_family_option(value, Path("."))
    assert (spec.name, spec.paths) == (name, paths)


def test_family_option_without_globs_is_a_usage_error():
    with pytest.raises(ConfigError, match="expected NAME=GLOB"):
        parse_family_option("deal=", Path("."))


def test_a_citation_led_by_a_party_name_names_that_partys_agreement():
    sla = """SERVICE LEVEL AGREEMENT - HOLLOWAY CLOUD GMBH
Holloway Cloud GmbH commits to the availability below. The Holloway Cloud Terms apply to this SLA."""
    terms = """TERMS OF SERVICE
These terms govern the services of Holloway Cloud GmbH."""
    unrelated = """CONSULTING AGREEMENT
This Consulting Agreement is made between Marlow Advisory Ltd and Pebble Yard plc."""
    (family,) = detect([member("d/sla.md", "sla", sla), member("d/terms.md", "agreement", terms),
                        member("d/other.md", "agreement", unrelated)])
    assert family.members == ["d/sla.md", "d/terms.md"] and family.principal == "d/terms.md"


# a services agreement whose opening names its parties without a company form the card reads
SERVICES = """SERVICES AGREEMENT
This Services Agreement is made on 14 March 2011 between the Northfield pension scheme trustees and the
Westbrook county council."""


def amendment(reference: str, parties: str = "Alder Reach Ltd and Fennick Row plc") -> str:
    return f"""FIRST AMENDMENT TO SERVICES AGREEMENT
This First Amendment is made between {parties}. It amends {reference}."""


@pytest.mark.parametrize("reference", [
    "the Services Agreement between the parties dated as of January 1, 2004",  # another agreement's date
    "the Services Agreement",  # a title alone
])
def test_a_title_alone_never_links_a_document_naming_no_shared_party(reference):
    members = [member("d/services.md", "agreement", SERVICES), member("d/amend.md", "amendment", amendment(reference))]
    assert detect(members) == []


@pytest.mark.parametrize("reference", [
    "the Services Agreement dated as of March 14, 2011",
    "the Services Agreement (the Principal Agreement) entered into on the 14th day of March, 2011",
])
def test_a_title_with_the_principals_date_links(reference):
    members = [member("d/services.md", "agreement", SERVICES), member("d/amend.md", "amendment", amendment(reference))]
    (family,) = detect(members)
    assert family.principal == "d/services.md"
    assert family.links == [{"from": "d/amend.md", "to": "d/services.md", "cite": "services agreement", "by": "title"}]


def test_a_title_with_a_shared_party_links():
    services = SERVICES.replace("the Northfield pension scheme trustees", "Alder Reach Ltd")
    (family,) = detect([member("d/services.md", "agreement", services),
                        member("d/amend.md", "amendment", amendment("the Services Agreement"))])
    assert family.links[0]["by"] == "title"


def test_card_reads_dates_and_the_date_a_citation_gives():
    card = family_card(amendment("the Services Agreement dated 2nd June 2019") + "\nSigned on 2020-01-31.")
    assert card["cite_dates"] == {"services agreement": ["2019-06-02"]}
    assert family_card(SERVICES)["dates"] == ["2011-03-14"]


def test_card_reads_a_party_whose_company_form_wraps_to_the_next_line():
    card = family_card("AGREEMENT\nThis Agreement is made between Corvid Analytics\nInc. and Harbour Bank of Leeds, N.A.")
    assert card["parties"] == ["corvid analytics inc", "harbour bank of leeds, n.a"]


CONTINUATION = """and the Supplier shall keep the records for six (6) years.
9. Termination. Either party may terminate this Agreement on ninety (90) days' written notice."""


@pytest.mark.parametrize("first, second", [
    ("d/Lakeside MSA Part 1.pdf", "d/Lakeside MSA Part 2.pdf"),
    ("d/lakeside-msa_part1.md", "d/lakeside-msa_part2.md"),
    ("d/Lakeside MSA (1 of 2).docx", "d/Lakeside MSA (2 of 2).docx"),
])
def test_a_document_filed_in_parts_is_one_family(first, second):
    (family,) = detect([member(second, "other_contract", CONTINUATION), member(first, "agreement", MSA)])
    assert family.principal == first and sorted(family.members) == sorted([first, second])
    assert family.links == [{"from": second, "to": first, "cite": "part 2", "by": "split"}]
    assert family.name == "MASTER SERVICES AGREEMENT"


def test_parts_of_different_documents_or_with_other_parties_are_not_one_family():
    assert detect([member("d/Lakeside MSA Part 1.pdf", "agreement", MSA),
                   member("d/Hillcrest SOW Part 2.pdf", "other_contract", CONTINUATION)]) == []
    assert detect([member("d/Lakeside MSA Part 1.pdf", "agreement", MSA),
                   member("d/Lakeside MSA Part 2.pdf", "other_contract", NDA)]) == []


def test_the_principal_is_not_a_document_titled_as_an_attachment():
    licence = """SOFTWARE LICENCE AGREEMENT
This Software Licence Agreement is made between Tallis Networks Ltd and Orchard Bakeries plc. Products are ordered
under the Product Licence Schedule."""
    schedule = """This Product Licence Schedule is issued under the Software Licence Agreement between Tallis Networks
Ltd and Orchard Bakeries plc."""
    (family,) = detect([member("d/schedule.md", "other_contract", schedule),
                        member("d/licence.md", "other_contract", licence)])
    assert family.principal == "d/licence.md" and family.name == "SOFTWARE LICENCE AGREEMENT"


def test_a_label_on_its_own_line_above_the_title_is_the_documents_label():
    schedule = """[Confidential]
SCHEDULE ‘C’
Hosting Order Schedule
This Hosting Order Schedule is issued under the Agreement between Tallis Networks Ltd and Orchard Bakeries plc."""
    card = family_card(schedule)
    assert card["label"] == "schedule c"
    assert family_card("Exhibit 10.14\nMASTER SERVICES AGREEMENT\nThis Agreement cites Exhibit 10.14.")["label"] is None
    msa = MSA + "\nHosting is ordered under Schedule C."
    (family,) = detect([member("d/msa.md", "agreement", msa), member("d/schedule.md", "other_contract", schedule)])
    assert {"from": "d/msa.md", "to": "d/schedule.md", "cite": "schedule c", "by": "label"} in family.links


def test_in_a_portfolio_folder_a_label_or_kind_links_only_documents_of_the_same_parties():
    from msalint.families.detect import DEAL_SIZE

    schedule = member("d/schedule.md", "other_contract", """SCHEDULE A
This Schedule is issued under the Agreement between Tallis Networks Ltd and Orchard Bakeries plc.""")
    stranger = member("d/stranger.md", "agreement", """CONSTRUCTION AGREEMENT
The works are described in Schedule A.""")
    filings = [member(f"d/filing-{i}.md", "other_contract", f"NOTE {i}\nNothing is cited.") for i in range(DEAL_SIZE)]
    assert detect([schedule, stranger]) != []  # a deal folder: the only Schedule A
    assert detect([schedule, stranger, *filings]) == []
    msa = member("d/msa.md", "agreement", MSA + "\nProducts are listed in Schedule A.")
    (family,) = detect([schedule, stranger, msa, *filings])
    assert sorted(family.members) == ["d/msa.md", "d/schedule.md"]
