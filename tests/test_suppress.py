"""Baselines and waivers: matching, counts, stale entries, pruning, expiry and validation."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from msalint.errors import ConfigError
from msalint.model import DocumentResult, Finding, Severity, fingerprint
from msalint.suppress import apply, fingerprint_of, repo_relative
from msalint.suppress.baseline import build_baseline, count_entries, load_baseline, prune_baseline, write_baseline


def finding(rule: str, excerpt: str | None, *, page: int | None = 1, line: int = 1) -> Finding:
    start = None if excerpt is None else 0
    return Finding(rule, Severity.WARNING, f"{rule} problem", page=page, line=line, start=start, excerpt=excerpt)


def doc(root: Path, name: str, *findings: Finding) -> DocumentResult:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")  # exists on disk, so its entries are not "deleted" stale
    return DocumentResult(path=str(path), sha256="0" * 64, findings=list(findings))


def active(results: list[DocumentResult]) -> list[tuple[str, str | None]]:
    return [(f.rule, f.excerpt) for r in results for f in r.findings if not f.suppressed]


# --- identity -------------------------------------------------------------------------------


def test_fingerprint_ignores_case_and_whitespace_only():
    a = fingerprint("R-1", "Provider shall use best efforts.")
    assert a == fingerprint("R-1", "provider  shall use\nbest   efforts.")
    assert len(a) == 20 and a == fingerprint("R-1", "  PROVIDER shall use best efforts. ")
    assert a != fingerprint("R-2", "Provider shall use best efforts.")
    assert a != fingerprint("R-1", "Provider shall use reasonable efforts.")
    assert fingerprint("R-1", None) == fingerprint("R-1", "missing")  # whole-document findings: one per rule


def test_engine_fingerprint_wins_over_computed_one():
    f = finding("R-1", "text")
    assert fingerprint_of(f) == fingerprint("R-1", "text")
    f.fingerprint = "abc"
    assert fingerprint_of(f) == "abc"


def test_repo_relative_paths(tmp_path):
    assert repo_relative(tmp_path / "a" / "b.pdf", tmp_path) == "a/b.pdf"
    assert repo_relative("/elsewhere/c.pdf", tmp_path) == "/elsewhere/c.pdf"


# --- baseline ---------------------------------------------------------------------------------


def test_baseline_round_trip_new_finding_stale_and_prune(tmp_path):
    base_file = tmp_path / ".msalint" / "baseline.json"
    old = [doc(tmp_path, "c/a.pdf", finding("R-1", "late payment"), finding("R-2", None)),
           doc(tmp_path, "c/b.pdf", finding("R-1", "best efforts"))]
    write_baseline(base_file, build_baseline(old, tmp_path, tool="msalint test"))
    data = json.loads(base_file.read_text())
    assert sorted(data["documents"]) == ["c/a.pdf", "c/b.pdf"]
    assert data["documents"]["c/a.pdf"]["findings"]["R-1"]["count"] == 1

    # same findings on other pages, plus one new finding: only the new one stays active
    now = [doc(tmp_path, "c/a.pdf", finding("R-1", "Late  payment", page=7, line=90), finding("R-2", None),
               finding("R-3", "auto renewal")),
           doc(tmp_path, "c/b.pdf", finding("R-1", "best efforts"))]
    outcome = apply(now, baseline=base_file, waivers=None, root=tmp_path)
    assert active(now) == [("R-3", "auto renewal")]
    assert outcome.baselined == 3 and outcome.stale == []
    assert {f.suppressed for f in now[0].findings[:2]} == {"baseline"}

    # a fix removes the b.pdf finding: its entry becomes stale, and pruning drops it
    fixed = [doc(tmp_path, "c/a.pdf", finding("R-1", "late payment"), finding("R-2", None)),
             doc(tmp_path, "c/b.pdf")]
    outcome = apply(fixed, baseline=base_file, waivers=None, root=tmp_path)
    assert [(s["path"], s["rule"], s["count"]) for s in outcome.stale] == [("c/b.pdf", "R-1", 1)]
    pruned = prune_baseline(load_baseline(base_file), outcome.stale)
    assert sorted(pruned["documents"]) == ["c/a.pdf"]
    assert count_entries(pruned) == 2
    write_baseline(base_file, pruned)
    assert apply(fixed, baseline=base_file, waivers=None, root=tmp_path).stale == []


def test_counts_limit_how_many_duplicates_are_accepted(tmp_path):
    base_file = tmp_path / "b.json"
    write_baseline(base_file, build_baseline([doc(tmp_path, "a.txt", finding("R-1", "same"))], tmp_path))
    now = [doc(tmp_path, "a.txt", finding("R-1", "same"), finding("R-1", "same", line=5))]
    apply(now, baseline=base_file, waivers=None, root=tmp_path)
    assert [f.suppressed for f in now[0].findings] == ["baseline", None]


def test_fewer_duplicates_than_recorded_leaves_partial_stale_and_prune_reduces_count(tmp_path):
    base_file = tmp_path / "b.json"
    two = [doc(tmp_path, "a.txt", finding("R-1", "same"), finding("R-1", "same"))]
    write_baseline(base_file, build_baseline(two, tmp_path))
    one = [doc(tmp_path, "a.txt", finding("R-1", "same"))]
    outcome = apply(one, baseline=base_file, waivers=None, root=tmp_path)
    assert [s["count"] for s in outcome.stale] == [1]
    pruned = prune_baseline(load_baseline(base_file), outcome.stale)
    entry = pruned["documents"]["a.txt"]["findings"]["R-1"]
    assert entry["count"] == 1 and list(entry["fingerprints"].values()) == [1]


def test_documents_not_linted_are_not_stale_unless_deleted(tmp_path):
    base_file = tmp_path / "b.json"
    results = [doc(tmp_path, "a.txt", finding("R-1", "x")), doc(tmp_path, "gone.txt", finding("R-1", "y"))]
    write_baseline(base_file, build_baseline(results, tmp_path))
    only_a = [doc(tmp_path, "a.txt", finding("R-1", "x"))]
    assert apply(only_a, baseline=base_file, waivers=None, root=tmp_path).stale == []
    (tmp_path / "gone.txt").unlink()
    stale = apply(only_a, baseline=base_file, waivers=None, root=tmp_path).stale
    assert [s["path"] for s in stale] == ["gone.txt"]


def test_unreadable_document_keeps_its_entries(tmp_path):
    base_file = tmp_path / "b.json"
    write_baseline(base_file, build_baseline([doc(tmp_path, "a.pdf", finding("R-1", "x"))], tmp_path))
    broken = DocumentResult(path=str(tmp_path / "a.pdf"), error="encrypted", error_code="encrypted")
    assert apply([broken], baseline=base_file, waivers=None, root=tmp_path).stale == []
    rebuilt = build_baseline([broken], tmp_path, previous=load_baseline(base_file))
    assert "a.pdf" in rebuilt["documents"]


def test_apply_is_idempotent(tmp_path):
    base_file = tmp_path / "b.json"
    write_baseline(base_file, build_baseline([doc(tmp_path, "a.txt", finding("R-1", "x"))], tmp_path))
    now = [doc(tmp_path, "a.txt", finding("R-1", "x"))]
    first = apply(now, baseline=base_file, waivers=None, root=tmp_path)
    second = apply(now, baseline=base_file, waivers=None, root=tmp_path)
    assert (first.baselined, first.stale) == (second.baselined, second.stale) == (1, [])


@pytest.mark.parametrize("content", ["not json", "[]", '{"version": 9, "documents": {}}',
                                     '{"version": 1, "documents": {"a": {"findings": {"R": {"fingerprints": {"x": 0}}}}}}'])
def test_malformed_baseline_is_a_config_error(tmp_path, content):
    bad = tmp_path / "baseline.json"
    bad.write_text(content)
    with pytest.raises(ConfigError, match="baseline.json"):
        apply([], baseline=bad, waivers=None, root=tmp_path)


def test_absent_files_suppress_nothing(tmp_path):
    results = [doc(tmp_path, "a.txt", finding("R-1", "x"))]
    outcome = apply(results, baseline=tmp_path / "none.json", waivers=tmp_path / "none.yaml", root=tmp_path)
    assert active(results) == [("R-1", "x")] and outcome.stale == [] and outcome.expired == []


# --- waivers ---------------------------------------------------------------------------------


def write_waivers(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".msalint" / "waivers.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


WAIVERS = """\
- path: "contracts/acme/*.pdf"
  rule: MSA-SLA
  reason: "Negotiated SLA annex, LEG-1432"
  expires: 2027-06-30
- path: "**/beta.docx"
  rule: "MSA-PAY-*"
  fingerprint: "{fp}"
  reason: Payment terms approved by finance
- path: "contracts/*"
  rule: MSA-OLD-001
  reason: Legacy exception
  expires: "2026-01-31"
"""


def waiver_results(tmp_path: Path) -> list[DocumentResult]:
    return [
        doc(tmp_path, "contracts/acme/msa.pdf", finding("MSA-SLA-001", None), finding("MSA-SLAX-002", "a"),
            finding("MSA-OLD-001", "old")),
        doc(tmp_path, "contracts/beta.docx", finding("MSA-PAY-003", "sixty days"), finding("MSA-PAY-004", "net 90")),
    ]


def test_waivers_match_by_glob_prefix_and_fingerprint_and_expire(tmp_path):
    path = write_waivers(tmp_path, WAIVERS.format(fp=fingerprint("MSA-PAY-003", "sixty days")))
    results = waiver_results(tmp_path)
    outcome = apply(results, baseline=None, waivers=path, root=tmp_path, today=dt.date(2026, 6, 1))
    reasons = {f.rule: f.suppressed for r in results for f in r.findings}
    assert reasons == {
        "MSA-SLA-001": "waived: Negotiated SLA annex, LEG-1432",  # prefix MSA-SLA matches MSA-SLA-001 ...
        "MSA-SLAX-002": None,                                     # ... but not MSA-SLAX-002
        "MSA-OLD-001": None,                                      # expired on 2026-01-31
        "MSA-PAY-003": "waived: Payment terms approved by finance",
        "MSA-PAY-004": None,                                      # fingerprint differs
    }
    assert [w["index"] for w in outcome.expired] == [3]
    assert outcome.expired[0]["expires"] == "2026-01-31"
    assert outcome.waived == 2


def test_waiver_applies_through_its_expiry_day(tmp_path):
    path = write_waivers(tmp_path, WAIVERS.format(fp="0"))
    for today, expected in ((dt.date(2027, 6, 30), "waived: Negotiated SLA annex, LEG-1432"),
                            (dt.date(2027, 7, 1), None)):
        results = waiver_results(tmp_path)
        apply(results, baseline=None, waivers=path, root=tmp_path, today=today)
        assert results[0].findings[0].suppressed == expected


def test_waiver_relabels_a_baselined_finding_without_making_the_baseline_stale(tmp_path):
    base_file = tmp_path / "b.json"
    write_baseline(base_file, build_baseline(waiver_results(tmp_path), tmp_path))
    path = write_waivers(tmp_path, WAIVERS.format(fp="0"))
    results = waiver_results(tmp_path)
    outcome = apply(results, baseline=base_file, waivers=path, root=tmp_path, today=dt.date(2026, 6, 1))
    assert outcome.stale == []
    assert results[0].findings[0].suppressed.startswith("waived: ")
    assert results[0].findings[1].suppressed == "baseline"
    assert outcome.baselined == 4 and outcome.waived == 1


def test_versioned_mapping_form_and_unused_waivers(tmp_path):
    path = write_waivers(tmp_path, "version: 1\nwaivers:\n  - {path: nothing/*, rule: R-1, reason: r}\n")
    outcome = apply(waiver_results(tmp_path), baseline=None, waivers=path, root=tmp_path)
    assert [w["index"] for w in outcome.unused_waivers] == [1]


@pytest.mark.parametrize("text, key", [
    ("- {path: a.pdf, rule: R-1}\n", "reason"),
    ("- {path: a.pdf, rule: R-1, reason: '  '}\n", "reason"),
    ("- {rule: R-1, reason: ok}\n", "path"),
    ("- {path: a.pdf, rule: R-1, reason: ok, expires: 30/06/2027}\n", "expires"),
    ("- {path: a.pdf, rule: R-1, reason: ok, expire: 2027-06-30}\n", "expire"),
    ("- just a string\n", "mapping"),
    ("waivers: {path: a}\n", "list"),
    ("- {path: a.pdf, rule: R-1, reason: ok, fingerprint: 1234567890123456}\n", "quoted"),
    ("- [unclosed\n", "invalid YAML"),
])
def test_malformed_waivers_name_file_and_entry(tmp_path, text, key):
    path = write_waivers(tmp_path, "- {path: ok.pdf, rule: R-0, reason: fine}\n" + text
                         if text.startswith("- {") else text)
    with pytest.raises(ConfigError) as info:
        apply([], baseline=None, waivers=path, root=tmp_path)
    message = str(info.value)
    assert "waivers.yaml" in message and key in message
    if text.startswith("- {"):
        assert "waiver #2" in message


HOSTILE_DATA = {
    "baseline.json": {
        "a 5,000-digit integer": '{"version": 1, "documents": {}, "n": ' + "9" * 5000 + "}",
        "arrays nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
        "an array instead of an object": "[[]]",
    },
    "waivers.yaml": {
        "a 5,000-digit integer": "- {path: a.pdf, rule: R-1, reason: " + "9" * 5000 + "}\n",
        "flow sequences nested 100,000 deep": "[" * 100_000 + "]" * 100_000 + "\n",
        "a mapping of mappings": "waivers:\n  waivers:\n    - 1\n",
    },
}


@pytest.mark.parametrize("name, text", [(n, t) for n, cases in HOSTILE_DATA.items() for t in cases.values()],
                         ids=[f"{n}: {c}" for n, cases in HOSTILE_DATA.items() for c in cases])
def test_hostile_baseline_and_waiver_files_are_one_line_config_errors(tmp_path, name, text):
    from msalint.suppress.baseline import load_baseline
    from msalint.suppress.waivers import load_waivers

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    load = load_baseline if name.endswith(".json") else load_waivers
    with pytest.raises(ConfigError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
