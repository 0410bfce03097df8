"""`msalint rules` and `msalint rule ID`: table, JSON, explanation, unknown ids and rule-file errors."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from msalint.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args, cwd: Path):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(cli, list(args), catch_exceptions=False)


def test_rules_table_lists_fixture_rules(tmp_path):
    result = run("rules", "--rules", str(FIXTURES), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith("TST-NUM-001"))
    assert line.split()[:3] == ["TST-NUM-001", "warning", "numeric"]
    assert result.stdout.splitlines()[0].split() == ["ID", "SEVERITY", "KIND", "ELEMENT", "TITLE"]


def test_rules_json_with_profile(tmp_path):
    result = run("rules", "--rules", str(FIXTURES), "--profile", "provider", "--format", "json", cwd=tmp_path)
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["TST-REQ-001"] == {"id": "TST-REQ-001", "severity": "info", "kind": "required",
                                   "element": "service_levels",
                                   "title": "Service levels are stated, with a percentage and a measurement window"}


def test_rule_explains_rationale_params_and_examples(tmp_path):
    result = run("rule", "TST-NUM-001", "--rules", str(FIXTURES), cwd=tmp_path)
    assert result.exit_code == 0
    out = result.stdout
    for text in ("Rationale:", "Remediation:", "max_days = 45", "Fails on:", "Passes:",
                 "payable within ninety (90) days", "provider: params="):
        assert text in out, text


def test_rule_json(tmp_path):
    result = run("rule", "TST-CND-001", "--rules", str(FIXTURES), "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["kind"] == "conditional" and data["examples"]["fail"]
    file, line = data["source"].rsplit(":", 1)
    assert file.endswith("seed.yaml") and int(line) > 1


def test_unknown_rule_exits_2(tmp_path):
    result = run("rule", "NOPE-001", "--rules", str(FIXTURES), cwd=tmp_path)
    assert result.exit_code == 2
    assert "msalint: error: unknown rule 'NOPE-001'" in result.stderr


def test_rule_file_error_exits_2_with_file_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: BAD-001\n    title: t\n    kind: nonsense\n")
    result = run("rules", "--rules", str(bad), cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"msalint: error: {bad}:4: rule BAD-001, key 'kind': unknown kind")


def test_rule_shows_its_precedence(tmp_path):
    from .test_qa_engine import PRECEDENCE, pack

    path = pack(tmp_path, PRECEDENCE.replace("{suppressed}", "suppressed_by: [T-SLA-004]").replace("{suppressed4}", ""))
    text = run("rule", "T-SLA-005", "--rules", str(path), cwd=tmp_path)
    assert text.exit_code == 0, text.output
    assert "Suppressed by" in text.stdout and "T-SLA-004 (within same)" in text.stdout
    data = json.loads(run("rule", "T-SLA-005", "--rules", str(path), "--format", "json", cwd=tmp_path).stdout)
    assert data["suppressed_by"] == [{"rule": "T-SLA-004", "within": "same"}]


def test_rule_and_rules_read_the_rulebook_cache_on_a_second_run(tmp_path, monkeypatch):
    monkeypatch.setenv("MSALINT_CACHE_DIR", str(tmp_path / "cache"))
    first = run("rule", "TST-NUM-001", "--rules", str(FIXTURES), cwd=tmp_path)
    assert first.exit_code == 0, first.output
    assert list((tmp_path / "cache" / "rulebooks").glob("*.pickle"))

    def no_yaml(**_kwargs):
        raise AssertionError("the rule files were parsed again")

    monkeypatch.setattr("msalint.rulebook.loader.load_ruleset", no_yaml)
    again = run("rule", "TST-NUM-001", "--rules", str(FIXTURES), cwd=tmp_path)
    assert again.stdout == first.stdout
    table = run("rules", "--rules", str(FIXTURES), cwd=tmp_path)
    assert table.exit_code == 0 and "TST-NUM-001" in table.stdout
