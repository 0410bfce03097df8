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
    assert family.links == [{"from": "d/sla.md", "to": "d/msa.md", "cite": "agreement"}]


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
