"""File names are untrusted: they cannot forge report lines, drive the terminal or point SARIF at another file."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from msalint.cli import cli

WEAK = "The Supplier will use reasonable efforts and/or best endeavours to respond.\n"
TERMINAL_NAME = "evil\x1b]0;owned\x07\x1b[2J\nFAKE: error MSA-X-000 forged line\u202etxt.txt"
SARIF_NAMES = ["a#1.txt", "b?x=1.txt", "c%2fd.txt", "d e,f:g.txt"]


def lint(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["check", "--no-cache", "--color", "never", *args, str(folder)])


def test_text_report_escapes_control_characters_in_file_names(tmp_path):
    try:
        (tmp_path / TERMINAL_NAME).write_text(WEAK, encoding="utf-8")
    except OSError:
        pytest.skip("this file system refuses control characters in names")
    result = lint(tmp_path)
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert not any(line.startswith("FAKE") for line in result.stdout.splitlines())
    assert "evil\\x1b]0;owned\\x07\\x1b[2J\\nFAKE" in result.stdout


def sarif_uris(folder: Path) -> set[str]:
    log = json.loads(lint(folder, "--format", "sarif").stdout)
    return {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"] for loc in r["locations"]}


@pytest.mark.parametrize("inside_root", [True, False], ids=["relative to %SRCROOT%", "file: URI outside it"])
def test_sarif_uris_are_percent_encoded(tmp_path, monkeypatch, inside_root):
    folder = tmp_path / "contracts"
    folder.mkdir()
    for name in SARIF_NAMES:
        (folder / name).write_text(WEAK, encoding="utf-8")
    root = tmp_path if inside_root else tmp_path / "elsewhere"
    (root / ".git").mkdir(parents=True)
    monkeypatch.chdir(root)
    uris = sarif_uris(folder)
    assert {unquote(u).rsplit("/", 1)[-1] for u in uris} == set(SARIF_NAMES)
    if inside_root:
        assert all(u.startswith("contracts/") for u in uris)
    else:
        assert all(u.startswith("file:///") for u in uris)
    names = {u.rsplit("/", 1)[-1] for u in uris}
    assert not any(ch in n for n in names for ch in "#? ,:")
    assert "c%252fd.txt" in names  # the literal '%' is encoded, so no reader decodes '%2f' to a '/'
