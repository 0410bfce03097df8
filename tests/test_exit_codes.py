"""One rule for every command: a document named on the command line that is missing or cannot be read is exit 3
(a document error, reported with its name and cause), never a usage error (2) and never a traceback."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.cli import cli

COMMANDS = {
    "check": lambda doc, tmp: ["check", "--no-cache", doc],
    "clauses": lambda doc, tmp: ["clauses", doc],
    "annotate": lambda doc, tmp: ["annotate", doc, "-o", str(tmp / "out.html")],
    "baseline": lambda doc, tmp: ["baseline", doc, "-o", str(tmp / "baseline.json")],
    "batch": lambda doc, tmp: ["batch", doc, "--db", str(tmp / "r.sqlite"), "-j", "1", "--progress", "none"],
}


def bad_document(tmp_path: Path, kind: str) -> str:
    if kind == "missing":
        return str(tmp_path / "missing.pdf")
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this platform")
        os.mkfifo(tmp_path / "pipe.txt")
        return str(tmp_path / "pipe.txt")
    legacy = tmp_path / "legacy.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    return str(legacy)


@pytest.mark.parametrize("kind", ["missing", "fifo", "legacy .doc"])
@pytest.mark.parametrize("command", COMMANDS)
def test_unreadable_document_named_directly_is_exit_3(tmp_path, monkeypatch, command, kind):
    monkeypatch.chdir(tmp_path)
    doc = bad_document(tmp_path, kind)
    result = CliRunner().invoke(cli, COMMANDS[command](doc, tmp_path))
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert Path(doc).name in result.output
    assert "Usage:" not in result.output


def test_a_missing_config_or_rule_file_stays_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The Supplier shall provide the Services.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", "a.txt", "--rules", "nope.yaml"]).exit_code == 2
    assert CliRunner().invoke(cli, ["check", "a.txt", "--config", "nope.toml"]).exit_code == 2
