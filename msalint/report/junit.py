"""JUnit XML (Ant/Jenkins dialect): a testsuite per document, a testcase per rule checked.

A document read with its family carries it as suite <properties> (family, family.role, family.principal,
family.members). A rule's testcase fails with one <failure> per active finding; suppressed findings are listed in its
<system-out> and do not fail it. An unreadable document is a suite with one <error> testcase.
``failures`` counts failing testcases, as JUnit readers expect.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from msalint.model import DocumentResult, Finding
from msalint.report.ci_common import document_uri, location_label, rule_heading, ruleset_rules, start_line

if TYPE_CHECKING:
    from msalint.report import RenderContext

# Characters XML 1.0 forbids even when escaped (PDF text can contain form feeds and other controls).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: object) -> str:
    """``text`` as a string that is legal inside XML 1.0 (illegal characters become U+FFFD)."""
    return _XML_ILLEGAL.sub("\ufffd", str(text))


def render(results: list[DocumentResult], stream: TextIO, ctx: "RenderContext") -> None:
    """Write one <testsuites> document."""
    root = build_tree(results, ctx)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def build_tree(results: list[DocumentResult], ctx: "RenderContext") -> ET.Element:
    """The <testsuites> element for ``results``."""
    suites = ET.Element("testsuites", name="msalint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        suite = _unreadable_suite(result, ctx) if result.error else _document_suite(result, ctx)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        suites.append(suite)
    for key, value in totals.items():
        suites.set(key, str(value))
    return suites


def _suite(name: str) -> ET.Element:
    return ET.Element("testsuite", name=clean(name))


def _document_suite(result: DocumentResult, ctx: "RenderContext") -> ET.Element:
    uri = document_uri(result, ctx)
    suite = _suite(uri)
    _add_family(suite, result, ctx)
    by_rule: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    rule_ids = [str(r.id) for r in ruleset_rules(ctx)]
    rule_ids += sorted(set(by_rule) - set(rule_ids))
    failing = 0
    for rule_id in rule_ids:
        case = ET.SubElement(suite, "testcase", classname=clean(uri),
                             name=clean(rule_heading(ctx, rule_id)))
        findings = by_rule.get(rule_id, [])
        active = [f for f in findings if not f.suppressed]
        for finding in active:
            _add_failure(case, finding)
        failing += bool(active)
        suppressed = [f for f in findings if f.suppressed]
        if suppressed:
            out = ET.SubElement(case, "system-out")
            out.text = clean("\n".join(f"suppressed ({f.suppressed}): {f.message} ({location_label(f)})"
                                       for f in suppressed))
    _set_counts(suite, tests=len(rule_ids), failures=failing, errors=0)
    return suite


def _add_family(suite: ET.Element, result: DocumentResult, ctx: "RenderContext") -> None:
    """The document's family as testsuite properties (the Ant schema's place for facts about a suite)."""
    from msalint.report.json_format import family_dict

    family = family_dict(result, ctx.root)
    if family is None:
        return
    properties = ET.SubElement(suite, "properties")
    for name, value in (("family", family["name"]), ("family.role", family["role"]),
                        ("family.principal", family["principal"]), ("family.members", ", ".join(family["members"]))):
        ET.SubElement(properties, "property", name=name, value=clean(value))


def _add_failure(case: ET.Element, finding: Finding) -> None:
    where = location_label(finding)
    failure = ET.SubElement(case, "failure", message=clean(f"{finding.message} ({where})"),
                            type=clean(f"{finding.rule} {finding.severity}"))
    lines = [finding.message, f"Location: {where} (line {start_line(finding)} of the extracted text)"]
    if finding.excerpt:
        lines.append(f"Excerpt: {finding.excerpt}")
    if finding.suggestion:
        lines.append(f"Suggestion: {finding.suggestion}")
    failure.text = clean("\n".join(lines))


def _unreadable_suite(result: DocumentResult, ctx: "RenderContext") -> ET.Element:
    uri = document_uri(result, ctx)
    suite = _suite(uri)
    case = ET.SubElement(suite, "testcase", classname=clean(uri), name="read document")
    error = ET.SubElement(case, "error", message=clean(f"document could not be read: {result.error}"),
                          type=clean(result.error_code or "unreadable"))
    error.text = clean(f"{uri}: {result.error}")
    _set_counts(suite, tests=1, failures=0, errors=1)
    return suite


def _set_counts(suite: ET.Element, *, tests: int, failures: int, errors: int) -> None:
    for key, value in (("tests", tests), ("failures", failures), ("errors", errors), ("skipped", 0)):
        suite.set(key, str(value))
