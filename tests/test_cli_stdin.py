"""`-` reads the agreement from stdin (check and clauses); --stdin-filename names it and hints its format."""
from __future__ import annotations

import json

from click.testing import CliRunner

from msalint.cli import cli

MARKDOWN = """# Hosting Terms

## 1. Fees

The Client shall pay each invoice within 30 days.

## 2. Liability

Either party's liability is limited to the fees paid in the prior 12 months.
"""
PAGE = ("<!DOCTYPE html><html><head><title>T</title></head><body><main>\n<h1>Hosting Terms</h1>\n"
        "<h2>1. Fees</h2>\n<p>The Client shall pay each invoice within 30 days.</p>\n</main></body></html>\n")


def _clauses(stdin: str, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["clauses", "-", "--format", "json", *args], input=stdin.encode("utf-8"))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_clauses_reads_stdin_and_sniffs_the_format():
    data = _clauses(PAGE)
    assert data["path"] == "<stdin>" and data["format"] == "html"
    assert [(c["id"], c["heading"]) for c in data["clauses"]] == [("Hosting Terms", "Hosting Terms"), ("1", "Fees")]
    assert _clauses(MARKDOWN)["format"] == "md"


def test_stdin_filename_names_the_document_and_hints_the_format():
    data = _clauses("1. Fees\n\nThe Client pays monthly.\n", "--stdin-filename", "contracts/hosting.md")
    assert data["path"] == "contracts/hosting.md" and data["format"] == "md"


def test_check_reports_findings_under_the_stdin_name():
    result = CliRunner().invoke(cli, ["check", "-", "--format", "json", "--no-cache", "--stdin-filename",
                                      "hosting.md"], input=MARKDOWN.encode("utf-8"))
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    documents = report["documents"]
    assert [d["path"] for d in documents] == ["hosting.md"]
    assert all(f["line"] in (None, 0) or 1 <= f["line"] <= MARKDOWN.count("\n") for d in documents
               for f in d["findings"])


def test_empty_stdin_is_an_unreadable_document():
    result = CliRunner().invoke(cli, ["check", "-", "--no-cache"], input=b"")
    assert result.exit_code == 3
    assert "<stdin>" in result.output and "empty" in result.output
