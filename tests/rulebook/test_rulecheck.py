"""`msalint rules --check`: long raw regexes, and patterns that match a single development document."""
from __future__ import annotations

import json

from click.testing import CliRunner

from msalint.cli import cli

LONG = "(" + "|".join(f"word{i}" for i in range(20)) + ")"  # a 131-character alternation

PACK = f"""pack: t
rules:
  - id: T-001
    title: t
    kind: required
    element: fees_named
    severity: warning
    message: m
    rationale: r
    remediation: r
    examples: {{fail: ["x"], pass: ["pay the fee"]}}
    patterns:
      - "fee"                                               # in both documents
      - "hosting"                                           # in one document
      - {{phrase: "support", note: "names a service; general in any support contract"}}   # in one, explained
      - {{regex: '{LONG}'}}
"""


def check(tmp_path, *extra):
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "t.yaml").write_text(PACK, encoding="utf-8")
    return CliRunner().invoke(cli, ["rules", "--check", "--rules", str(tmp_path / "rules"), "--select", "T-",
                                    "--format", "json", *extra], catch_exceptions=False)


def test_long_raw_regexes_are_reported_without_development_documents(tmp_path):
    result = check(tmp_path)
    assert result.exit_code == 1
    warnings = json.loads(result.stdout)
    assert [(w["rule"], w["code"]) for w in warnings] == [("T-001", "long-regex")]
    assert "131 characters" in warnings[0]["message"]


def test_a_pattern_matching_one_development_document_needs_a_note(tmp_path):
    dev = tmp_path / "dev"
    dev.mkdir()
    (dev / "a.txt").write_text("The Customer pays the fee for hosting.\n", encoding="utf-8")
    (dev / "b.txt").write_text("The Customer pays the fee for support.\n", encoding="utf-8")
    warnings = json.loads(check(tmp_path, "--dev", str(dev)).stdout)
    one = [w["pattern"] for w in warnings if w["code"] == "one-document"]
    assert one == ['"hosting"']  # "fee" is in both; "support" is in one but explains why it is general


def test_dev_without_check_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["rules", "--dev", str(tmp_path)])
    assert result.exit_code == 2
    assert "--dev needs --check" in result.output
