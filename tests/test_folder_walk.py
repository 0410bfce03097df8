"""Folder walks report every agreement they cannot read: legacy and other word-processor formats and folders
that cannot be listed give a document error (exit 3), never silence."""
from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from msalint.api import iter_documents
from msalint.cli import cli

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
TEXT = "1. Services\n\nThe Supplier shall provide the Services described in Schedule 1.\n"


def contracts(tmp_path: Path) -> Path:
    folder = tmp_path / "contracts"
    (folder / "old").mkdir(parents=True)
    (folder / "msa.txt").write_text(TEXT, encoding="utf-8")
    (folder / "old" / "legacy.doc").write_bytes(OLE2)
    (folder / "old" / "terms.rtf").write_bytes(b"{\\rtf1\\ansi Terms}")
    (folder / "old" / "macro.docm").write_text(TEXT, encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return folder


def documents_by_name(result) -> dict[str, dict]:
    return {Path(d["path"]).name: d for d in json.loads(result.stdout)["documents"]}


def test_folder_walk_lists_unreadable_agreement_formats(tmp_path):
    names = sorted(p.name for p in iter_documents([contracts(tmp_path)]))
    assert names == ["legacy.doc", "macro.docm", "msa.txt", "terms.rtf"]


def test_check_reports_them_with_advice_and_exit_3(tmp_path):
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", str(contracts(tmp_path))])
    assert result.exit_code == 3
    docs = documents_by_name(result)
    assert "save it as DOCX" in docs["legacy.doc"]["error"]
    assert "RTF" in docs["terms.rtf"]["error"]
    assert docs["msa.txt"]["error"] is None and docs["macro.docm"]["error"] is None


def test_a_sub_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    folder = contracts(tmp_path)
    locked = folder / "old"
    real_scandir, real_access = os.scandir, os.access

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root can list every folder, so permissions cannot stage this
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode))
    assert [p.name for p in iter_documents([folder])] == ["msa.txt", "old"]
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", str(folder)])
    assert result.exit_code == 3
    assert "folder cannot be read" in documents_by_name(result)["old"]["error"]
