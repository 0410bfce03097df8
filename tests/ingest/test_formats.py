"""The supported formats are listed once (msalint.ingest.formats); everything else derives from that list."""
from __future__ import annotations

import re

import yaml
from shared_paths import REPO

from msalint.api import iter_documents
from msalint.ingest.formats import FORMATS, SUPPORTED_SUFFIXES, extension_kind, format_for_suffix


def test_every_suffix_names_exactly_one_format():
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) and all(s.startswith(".") and s == s.lower() for s in suffixes)
    assert format_for_suffix(".MD").name == "md" and format_for_suffix(".zip") is None


def test_extension_kind_covers_readable_and_known_unreadable_suffixes():
    assert extension_kind(".PDF") == "pdf" and extension_kind(".docx") == "zip" and extension_kind(".doc") == "ole2"
    assert extension_kind(".xyz") is None


def test_folder_walk_finds_every_supported_suffix(tmp_path):
    for i, suffix in enumerate(SUPPORTED_SUFFIXES):
        (tmp_path / f"a{i}{suffix.upper() if i % 2 else suffix}").write_text("x", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    found = {p.suffix.lower() for p in iter_documents([tmp_path])}
    assert found == set(SUPPORTED_SUFFIXES)


def test_pre_commit_hook_selects_every_supported_suffix():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hooks[0]["files"])
    missing = [s for s in SUPPORTED_SUFFIXES if not pattern.search(f"contracts/msa{s}")]
    assert missing == []
