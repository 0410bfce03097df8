"""The content-addressed result cache."""
from __future__ import annotations

import json
import os
from pathlib import Path

from msalint.cache import CACHE_ENV, ResultCache, default_cache_dir, file_sha256
from msalint.model import DocumentResult, Finding, Severity


def result(path="a.md") -> DocumentResult:
    return DocumentResult(
        path=path, sha256="11" * 32, format="md", pages=None, elements={"governing_law": "missing"},
        findings=[Finding(rule="MSA-X-1", severity=Severity.WARNING, message="m", clause="2", line=4, column=7, paragraph=3, start=10,
                          end=14, excerpt="text", fingerprint="fp", details={"closest": {"clause": "3"}},
                          suppressed="baseline")],
    )


def test_round_trip_relabels_path_and_drops_suppression(tmp_path):
    cache = ResultCache(tmp_path / "c")
    cache.put(result(), "ff" * 32, "rules-1")
    hit = cache.get("ff" * 32, "rules-1", "copy/of/a.md")
    assert hit is not None and hit.path == "copy/of/a.md"
    f = hit.findings[0]
    assert (f.rule, f.severity, f.clause, f.line, f.start, f.end) == ("MSA-X-1", Severity.WARNING, "2", 4, 10, 14)
    assert (f.column, f.paragraph) == (7, 3)  # every Finding field survives the cache
    assert f.details == {"closest": {"clause": "3"}} and f.suppressed is None
    assert hit.elements == {"governing_law": "missing"} and hit.format == "md"


def test_key_depends_on_content_ruleset_and_version(tmp_path):
    cache = ResultCache(tmp_path)
    cache.put(result(), "ff" * 32, "rules-1")
    assert cache.get("ee" * 32, "rules-1", "a.md") is None
    assert cache.get("ff" * 32, "rules-2", "a.md") is None
    assert ResultCache(tmp_path, version="9.9.9").get("ff" * 32, "rules-1", "a.md") is None


def test_unreadable_results_are_not_cached(tmp_path):
    cache = ResultCache(tmp_path / "c")
    cache.put(DocumentResult(path="x.pdf", error="bad"), "ff" * 32, "r")
    assert cache.get("ff" * 32, "r", "x.pdf") is None
    assert not (tmp_path / "c").exists()


def test_corrupt_entry_is_a_miss(tmp_path):
    cache = ResultCache(tmp_path)
    cache.put(result(), "ff" * 32, "r")
    [entry] = [p for p in tmp_path.rglob("*.json")]
    entry.write_text("{not json", encoding="utf-8")
    assert cache.get("ff" * 32, "r", "a.md") is None
    entry.write_text(json.dumps({"findings": [{"rule": "x"}]}), encoding="utf-8")
    assert cache.get("ff" * 32, "r", "a.md") is None


def test_writes_leave_one_file_per_key_and_a_gitignore(tmp_path):
    cache = ResultCache(tmp_path / "c")
    cache.put(result(), "ff" * 32, "r")
    cache.put(result(), "ff" * 32, "r")  # rewriting the same key replaces it
    files = sorted(p.name for p in (tmp_path / "c").rglob("*") if p.is_file())
    assert files == sorted([".gitignore", "CACHEDIR.TAG", cache.key("ff" * 32, "r") + ".json"])
    assert (tmp_path / "c" / ".gitignore").read_text() == "*\n"


def test_unserialisable_meta_does_not_raise(tmp_path):
    r = result()
    r.meta = {"obj": object()}
    ResultCache(tmp_path).put(r, "ff" * 32, "r")
    assert ResultCache(tmp_path).get("ff" * 32, "r", "a.md") is None
    assert not list(tmp_path.rglob("*.json")) and not list(tmp_path.rglob(".tmp-*"))


def test_default_dir_and_env_override(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    assert default_cache_dir(tmp_path) == tmp_path / ".msalint-cache"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert default_cache_dir(tmp_path) == tmp_path / "elsewhere"


def test_file_sha256(tmp_path):
    import hashlib

    p = tmp_path / "f.bin"
    p.write_bytes(b"\x00contract" * 1000)
    assert file_sha256(p) == hashlib.sha256(b"\x00contract" * 1000).hexdigest()


def test_editing_msalint_code_changes_the_key(tmp_path, monkeypatch):
    import msalint.cache as cache_module

    before = ResultCache(tmp_path).version
    cache_module.code_fingerprint.cache_clear()
    real_stat = Path.stat

    def shifted_stat(self, *args, **kwargs):
        st = real_stat(self, *args, **kwargs)
        if self.name == "engine.py":
            return os.stat_result((*st[:8], st.st_mtime + 5, st.st_ctime))
        return st

    monkeypatch.setattr(Path, "stat", shifted_stat)
    try:
        assert ResultCache(tmp_path).version != before
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()
    assert ResultCache(tmp_path).version == before


def test_loaded_rule_sets_are_kept_between_runs_and_regexes_compile_on_first_use(tmp_path):
    import pickle

    from msalint.cache import load_rules_cached
    from msalint.rulebook.ruleset import RuleSet
    from msalint.rulebook.patterns import SafeRegex

    calls = []

    def load():
        calls.append(1)
        return RuleSet([])

    first = load_rules_cached(load, "ab" * 32, tmp_path)
    second = load_rules_cached(load, "ab" * 32, tmp_path)
    assert len(calls) == 1 and isinstance(second, RuleSet) and second is not first
    load_rules_cached(load, "cd" * 32, tmp_path)  # another identity is another rule set
    assert len(calls) == 2
    for stored in (tmp_path / "rulebooks").glob("*.pickle"):
        stored.write_bytes(b"not a pickle")  # damaged: loaded from the rule files again
    load_rules_cached(load, "ab" * 32, tmp_path)
    assert len(calls) == 3
    load_rules_cached(lambda: object(), "ef" * 32, tmp_path)  # only real rule sets are stored
    assert len(list((tmp_path / "rulebooks").glob("*.pickle"))) == 2

    regex = pickle.loads(pickle.dumps(SafeRegex(r"service\s+credits?")))
    assert regex._compiled is None and regex.search("Service  Credits apply") and regex._compiled is not None
