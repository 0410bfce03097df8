"""How each report format carries the families of a run (generated three-file agreement)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from .documents import write_family
from .test_check_families import run

pytestmark = pytest.mark.slow

MEMBERS = ["msa.docx", "order.md", "sla.pdf"]


@pytest.fixture(scope="module")
def deal(tmp_path_factory):
    return write_family(tmp_path_factory.mktemp("deal"))["msa"].parent


def output(folder, fmt: str) -> str:
    res = run(folder, "--format", fmt, ".")
    assert res.exit_code in (0, 1), res.output
    return res.stdout


def test_json_lists_each_family_once_with_how_it_was_found(deal):
    report = json.loads(output(deal, "json"))
    (family,) = report["families"]
    assert family["name"] == "MASTER SERVICES AGREEMENT" and family["source"] == "detected"
    assert family["principal"] == "msa.docx" and sorted(family["members"]) == MEMBERS
    assert {(link["from"], link["to"], link["by"]) for link in family["links"]} == {
        ("sla.pdf", "msa.docx", "title"), ("order.md", "msa.docx", "title")}
    assert all(set(link) == {"from", "to", "cite", "by"} for link in family["links"])
    assert {doc["family"]["name"] for doc in report["documents"]} == {family["name"]}


def test_json_families_is_empty_without_families(deal):
    res = run(deal, "--format", "json", "--no-families", ".")
    assert json.loads(res.stdout)["families"] == []


def test_sarif_carries_the_families_in_run_artifact_and_result_properties(deal, shared):
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(output(deal, "sarif"))
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)  # properties bags are free-form
    (sarif_run,) = log["runs"]
    assert sarif_run["properties"]["families"] == json.loads(output(deal, "json"))["families"]
    by_uri = {a["location"]["uri"]: a["properties"] for a in sarif_run["artifacts"]}
    assert {by_uri[m]["family"]["role"] for m in MEMBERS} == {"principal", "member"}
    assert by_uri["msa.docx"]["family"]["role"] == "principal"
    assert sarif_run["results"]
    assert {r["properties"]["family"] for r in sarif_run["results"]} == {"MASTER SERVICES AGREEMENT"}


def test_junit_suite_properties_and_json_lines_name_the_family(deal):
    suites = ET.fromstring(output(deal, "junit"))
    props = {s.get("name"): {p.get("name"): p.get("value") for p in s.iter("property")} for s in suites}
    assert props["sla.pdf"]["family"] == "MASTER SERVICES AGREEMENT"
    assert props["sla.pdf"]["family.role"] == "member" and props["sla.pdf"]["family.principal"] == "msa.docx"
    assert sorted(props["order.md"]["family.members"].split(", ")) == MEMBERS
    records = [json.loads(line) for line in output(deal, "json-lines").splitlines()]
    assert records and {r.get("family") for r in records} == {"MASTER SERVICES AGREEMENT"}
