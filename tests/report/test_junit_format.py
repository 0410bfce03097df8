"""JUnit XML: golden file, well-formedness and counts."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ci_samples import make_ctx, make_results, render_to_text


def _tree() -> ET.Element:
    return ET.fromstring(render_to_text("junit").encode("utf-8"))


def test_junit_golden(golden):
    golden("sample.junit.xml", render_to_text("junit"))


def test_junit_is_well_formed_even_with_control_characters():
    text = render_to_text("junit")
    assert "\x0c" not in text  # a form feed from PDF text would make the XML invalid
    ET.fromstring(text.encode("utf-8"))
    import lxml.etree

    lxml.etree.fromstring(text.encode("utf-8"))  # the stricter parser agrees


def test_one_suite_per_document_one_case_per_rule():
    root = _tree()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["contracts/acme-msa.pdf", "contracts/beta, v2: final.docx",
                                               "contracts/scan.pdf", "contracts/clean.md"]
    acme, beta, scan, clean = suites
    assert len(acme.findall("testcase")) == 5  # every rule of the ruleset
    assert len(beta.findall("testcase")) == 6  # plus the rule the ruleset does not know
    assert [c.get("name") for c in clean.findall("testcase")][0] == "MSA-SLA-001: Service levels must be defined"


def test_counts_match_children():
    root = _tree()
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("17", "4", "1")


def test_failure_per_finding_and_suppressed_ones_pass():
    acme = _tree().find("testsuite")
    cases = {c.get("name").split(":")[0]: c for c in acme.findall("testcase")}
    weak = cases["MSA-WEAK-002"].findall("failure")
    assert len(weak) == 2
    assert weak[0].get("message") == "Vague obligation: best efforts (page 3, §8.1(b))"
    assert "Excerpt: Provider shall use best efforts" in weak[0].text
    assert "<4> hours & " in weak[0].text
    pay = cases["MSA-PAY-003"]
    assert pay.find("failure") is None
    assert "waived: Approved by Legal" in pay.find("system-out").text


def test_unreadable_document_is_an_error_case():
    scan = _tree().findall("testsuite")[2]
    [case] = scan.findall("testcase")
    error = case.find("error")
    assert error.get("type") == "encrypted" and "PDF is encrypted" in error.get("message")


def test_without_ruleset_only_rules_with_findings_are_cases():
    text = render_to_text("junit", make_results(), make_ctx(ruleset=None))
    acme = ET.fromstring(text.encode("utf-8")).find("testsuite")
    assert sorted(c.get("name") for c in acme.findall("testcase")) == ["MSA-PAY-003", "MSA-SLA-001", "MSA-WEAK-002"]
