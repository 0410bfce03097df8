"""`msalint baseline` end to end through click, with a stand-in engine (one finding per 'BAD' line)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint import api
from msalint.cli import cli
from msalint.config import RuleSettings
from msalint.model import DocumentResult, Finding, Severity
from msalint.session import rules_identity


@dataclass
class StubRule:
    id: str
    title: str
    severity: str = "error"
    kind: str = "forbidden"
    element: str | None = None
    message: str = "bad wording"
    rationale: str = "Bad wording is bad."
    remediation: str = "Remove it."
    references: list[str] = field(default_factory=list)


@dataclass
class StubRuleSet:
    rules: list[StubRule]
    hash: str = "stub-ruleset"

    def get(self, rule_id: str) -> StubRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def stub_lint_path(path, ruleset, *, engine=None, max_pages=None, source=None) -> DocumentResult:
    text = Path(path).read_text(encoding="utf-8")
    if "UNREADABLE" in text:
        return DocumentResult(path=str(path), error="stub cannot read this", error_code="unreadable")
    findings, offset = [], 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if "BAD" in line:
            findings.append(Finding("T-BAD-001", Severity.ERROR, "bad wording", line=number, start=offset,
                                    end=offset + len(line), excerpt=line.strip()))
        offset += len(line)
    return DocumentResult(path=str(path), sha256="0" * 64, format="txt", findings=findings)


@pytest.fixture
def load_rules_calls() -> list[dict]:
    """Keyword arguments of every stub load_rules call."""
    return []


@pytest.fixture
def project(tmp_path, monkeypatch, load_rules_calls):
    """A temp project root (cwd) with the stub engine in place."""
    calls = load_rules_calls

    def stub_load_rules(extra=(), **kwargs):
        calls.append({"extra": list(extra), **kwargs})
        return StubRuleSet([StubRule("T-BAD-001", "No bad wording")])

    monkeypatch.setattr(api, "load_rules", stub_load_rules)
    monkeypatch.setattr(api, "lint_path", stub_lint_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MSALINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "a.txt").write_text("BAD one\nfine\nBAD two\n", encoding="utf-8")
    (tmp_path / "contracts" / "b.txt").write_text("fine\nBAD three\n", encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def baseline_documents(root: Path) -> dict:
    return json.loads((root / ".msalint" / "baseline.json").read_text(encoding="utf-8"))["documents"]


def test_write_check_fix_prune_round_trip(project):
    result = run("baseline", "contracts")
    assert result.exit_code == 0, result.stderr
    assert "recorded 3 accepted finding(s) in 2 document(s)" in result.stderr
    docs = baseline_documents(project)
    assert {k: v["findings"]["T-BAD-001"]["count"] for k, v in docs.items()} == {"contracts/a.txt": 2,
                                                                                "contracts/b.txt": 1}

    # a new finding appears (and old ones move lines): check reports only the new one
    (project / "contracts" / "a.txt").write_text("intro\nBAD one\nBAD new\nBAD two\n", encoding="utf-8")
    check = run("check", "contracts", "--baseline", ".msalint/baseline.json", "--format", "json-lines",
                "--no-cache")
    records = [json.loads(line) for line in check.stdout.splitlines()]
    active = [r["excerpt"] for r in records if not r.get("suppressed")]
    assert active == ["BAD new"]
    assert sum(1 for r in records if r.get("suppressed") == "baseline") == 3
    assert check.exit_code == 1

    # b.txt is fixed: --prune drops its entry and does not add the new finding
    (project / "contracts" / "b.txt").write_text("fine\n", encoding="utf-8")
    pruned = run("baseline", "contracts", "--prune")
    assert pruned.exit_code == 0, pruned.stderr
    assert "removed 1 stale entry" in pruned.stderr
    docs = baseline_documents(project)
    assert list(docs) == ["contracts/a.txt"]
    assert docs["contracts/a.txt"]["findings"]["T-BAD-001"]["count"] == 2


def test_baselining_one_folder_keeps_other_documents(project):
    assert run("baseline", "contracts").exit_code == 0
    (project / "other").mkdir()
    (project / "other" / "c.txt").write_text("BAD four\n", encoding="utf-8")
    assert run("baseline", "other").exit_code == 0
    assert sorted(baseline_documents(project)) == ["contracts/a.txt", "contracts/b.txt", "other/c.txt"]


def test_custom_output_and_rule_options_reach_load_rules(project, load_rules_calls):
    result = run("baseline", "contracts/a.txt", "-o", "base.json", "--select", "T-BAD,T-X", "--ignore", "T-Y",
                 "--profile", "customer")
    assert result.exit_code == 0, result.stderr
    data = json.loads((project / "base.json").read_text())
    # the baseline names the rule set by the same identity the result cache and batch database use
    settings = RuleSettings(profile="customer", select=("T-BAD", "T-X"), ignore=("T-Y",))
    assert list(data["documents"]) == ["contracts/a.txt"] and data["ruleset"] == rules_identity(settings)
    call = load_rules_calls[0]
    assert call["select"] == ["T-BAD", "T-X"] and call["ignore"] == ["T-Y"] and call["profile"] == "customer"


def test_waived_findings_are_not_baselined(project):
    (project / ".msalint").mkdir()
    (project / ".msalint" / "waivers.yaml").write_text(
        "- {path: contracts/b.txt, rule: T-BAD, reason: accepted by legal}\n", encoding="utf-8")
    assert run("baseline", "contracts").exit_code == 0
    assert list(baseline_documents(project)) == ["contracts/a.txt"]


def test_prune_without_baseline_is_a_usage_error(project):
    result = run("baseline", "contracts", "--prune")
    assert result.exit_code == 2
    assert "no baseline to prune" in result.stderr


def test_unreadable_document_exits_3_and_keeps_entries(project):
    assert run("baseline", "contracts").exit_code == 0
    (project / "contracts" / "b.txt").write_text("UNREADABLE\n", encoding="utf-8")
    result = run("baseline", "contracts")
    assert result.exit_code == 3
    assert "could not be read" in result.stderr
    assert sorted(baseline_documents(project)) == ["contracts/a.txt", "contracts/b.txt"]


def test_check_sarif_marks_baselined_results_as_suppressed(project):
    assert run("baseline", "contracts").exit_code == 0
    (project / "contracts" / "b.txt").write_text("fine\nBAD three\nBAD brand new\n", encoding="utf-8")
    check = run("check", "contracts", "--baseline", ".msalint/baseline.json", "--format", "sarif", "--no-cache")
    run_ = json.loads(check.stdout)["runs"][0]
    by_excerpt = {r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]: r for r in run_["results"]}
    assert sorted(by_excerpt) == ["BAD brand new", "BAD one", "BAD three", "BAD two"]
    assert "suppressions" not in by_excerpt["BAD brand new"]
    assert by_excerpt["BAD three"]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "baseline"}]
    uri = by_excerpt["BAD three"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "contracts/b.txt"
    assert check.exit_code == 1
