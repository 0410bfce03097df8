"""SARIF output: golden file, OASIS schema validation and GitHub code-scanning requirements."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from ci_samples import make_ctx, make_results, render_to_text

from msalint.model import DocumentResult, Finding, Severity


def _log(results=None, ctx=None) -> dict:
    return json.loads(render_to_text("sarif", results, ctx))


def assert_github_acceptable(log: dict) -> None:
    """GitHub's ingestion rules beyond the schema (docs: sarif-support)."""
    assert log["version"] == "2.1.0" and log["$schema"]
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "msalint"
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        assert 0 < len(rule["name"]) <= 255
        assert rule["defaultConfiguration"]["level"] in {"note", "warning", "error"}
    for result in run["results"]:
        assert result["level"] in {"none", "note", "warning", "error"}
        assert result["message"]["text"].strip()
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] and not physical["artifactLocation"]["uri"].startswith("/")
        assert isinstance(physical["region"]["startLine"], int) and physical["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["primaryLocationLineHash"]
        assert result["partialFingerprints"]["msalintFingerprint/v1"]


def validate_schema(log: dict, shared: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator_cls = jsonschema.validators.validator_for(schema)
    errors = sorted(validator_cls(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_golden(golden):
    golden("sample.sarif", render_to_text("sarif"))


def test_sarif_meets_github_requirements():
    assert_github_acceptable(_log())


def test_sarif_validates_against_schema(shared):
    validate_schema(_log(), shared)


def test_schema_validation_catches_a_broken_log(shared):
    broken = _log()
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        validate_schema(broken, shared)


def test_results_name_page_clause_and_relative_uri():
    results = _log()["runs"][0]["results"]
    weak = [r for r in results if r["ruleId"] == "MSA-WEAK-002"]
    assert weak[0]["message"]["text"].endswith("(page 3, §8.1(b))")
    location = weak[0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "contracts/acme-msa.pdf",
                                                                "uriBaseId": "%SRCROOT%"}
    assert location["physicalLocation"]["region"]["properties"] == {"page": 3, "clause": "8.1(b)"}
    assert location["logicalLocations"][0]["name"] == "8.1(b)"
    whole = next(r for r in results if r["ruleId"] == "MSA-SLA-001")
    assert whole["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert "whole document" in whole["message"]["text"]


def test_suppressed_findings_stay_with_their_reason():
    results = _log()["runs"][0]["results"]
    suppressions = {r["message"]["text"]: r.get("suppressions") for r in results if r["ruleId"] == "MSA-PAY-003"}
    reasons = sorted(s[0]["justification"] for s in suppressions.values())
    assert reasons == ["baseline", "waived: Approved by Legal, LEG-1432"]
    assert all(s[0]["kind"] == "external" for s in suppressions.values())
    assert not any("suppressions" in r for r in results if r["ruleId"] != "MSA-PAY-003")


def test_duplicate_evidence_gets_distinct_line_hashes_and_same_content_fingerprint():
    weak = [r for r in _log()["runs"][0]["results"] if r["ruleId"] == "MSA-WEAK-002"]
    assert weak[0]["partialFingerprints"]["msalintFingerprint/v1"] == \
        weak[1]["partialFingerprints"]["msalintFingerprint/v1"]
    assert weak[0]["partialFingerprints"]["primaryLocationLineHash"] != \
        weak[1]["partialFingerprints"]["primaryLocationLineHash"]


def test_fingerprints_survive_page_and_line_shifts():
    before, after = make_results(), make_results()
    for finding in after[0].findings:
        finding.page = (finding.page or 0) + 2
        finding.line = (finding.line or 0) + 40
    fps = [[r["partialFingerprints"] for r in _log(rs)["runs"][0]["results"]] for rs in (before, after)]
    assert fps[0] == fps[1]


def test_unreadable_documents_are_execution_notifications():
    invocation = _log()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True  # other documents were linted
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "PDF is encrypted" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "contracts/scan.pdf"


def test_run_with_only_unreadable_documents_is_unsuccessful():
    only_bad = [DocumentResult(path="/repo/x.pdf", error="truncated file", error_code="corrupt")]
    log = _log(only_bad)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert log["runs"][0]["results"] == []


def test_all_ruleset_rules_listed_and_unknown_rule_described():
    rules = _log()["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == ["MSA-SLA-001", "MSA-WEAK-002", "MSA-PAY-003", "MSA-TERM-004", "MSA-GOV-005", "MSA-X-999"]
    assert rules[0]["name"] == "ServiceLevelsMustBeDefined"
    assert rules[0]["properties"]["element"] == "service_levels"
    assert "sla" in rules[0]["properties"]["tags"]
    assert "Team guide, chapter 3" in rules[0]["help"]["markdown"]


def test_without_ruleset_rules_come_from_findings():
    log = _log(ctx=make_ctx(ruleset=None))
    assert_github_acceptable(log)
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == {
        "MSA-SLA-001", "MSA-WEAK-002", "MSA-PAY-003", "MSA-TERM-004", "MSA-X-999"}


def test_stale_baseline_and_expired_waivers_become_configuration_notifications():
    ctx = make_ctx(stale=[{"path": "a.pdf", "rule": "R-1", "fingerprint": "x", "count": 1}],
                   expired_waivers=[{"index": 1, "path": "*.pdf", "rule": "R-1", "reason": "ok",
                                     "expires": "2026-01-01"}])
    notes = _log(ctx=ctx)["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["stale-baseline", "expired-waiver"]


def test_result_cap_keeps_most_severe(monkeypatch):
    from msalint.report import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    doc = DocumentResult(path="/repo/a.txt", findings=[
        Finding("R-INFO", Severity.INFO, "i", line=1, start=0, end=1, excerpt="a"),
        Finding("R-ERR", Severity.ERROR, "e", line=2, start=2, end=3, excerpt="b"),
        Finding("R-WARN", Severity.WARNING, "w", line=3, start=4, end=5, excerpt="c"),
    ])
    run = _log([doc])["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["R-ERR", "R-WARN"]
    assert any(n["descriptor"]["id"] == "results-truncated" for n in run["invocations"][0]["toolExecutionNotifications"])


def test_suppressed_results_can_be_left_out_for_github_uploads():
    from msalint.report.sarif import build_log

    run = build_log(make_results(), make_ctx(), include_suppressed=False)["runs"][0]
    assert len(run["results"]) == 5 and not any("suppressions" in r for r in run["results"])
    # occurrence numbers are computed before filtering, so line hashes don't change with the option
    full = {r["partialFingerprints"]["primaryLocationLineHash"] for r in _log()["runs"][0]["results"]}
    assert {r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]} <= full
