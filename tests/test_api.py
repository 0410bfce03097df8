"""The Python API isolates failures: a crash on one document becomes that document's error."""
from __future__ import annotations

from msalint import api


def test_lint_path_turns_an_unexpected_crash_into_a_document_error(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("1. Services\nProvider shall provide the services.\n")

    def boom(document):
        raise RuntimeError("segmenter exploded")

    monkeypatch.setattr(api, "analyse", boom)
    result = api.lint_path(path, ruleset=None)
    assert result.error_code == "internal"
    assert "segmenter exploded" in result.error and "analysing" in result.error
    assert result.sha256 and result.format == "txt"


def test_lint_path_reports_unreadable_file_without_raising(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = api.lint_path(path, ruleset=None)
    assert result.error and result.error_code == "empty"


def test_iter_documents_walks_folders_skips_hidden_and_excluded(tmp_path):
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.docx").write_bytes(b"PK")
    (tmp_path / "sub" / "notes.json").write_text("{}")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x")
    (tmp_path / "draft-old.txt").write_text("x")
    found = api.iter_documents([tmp_path], exclude=["draft-*"])
    assert [p.name for p in found] == ["a.md", "b.docx"]
