"""Machine-written baselines: accepted findings per document, rule and content fingerprint, with counts.

File shape (``.msalint/baseline.json``, sorted keys so it diffs cleanly)::

    {"version": 1, "tool": "msalint 0.1.0", "ruleset": "<hash or null>",
     "documents": {"contracts/acme.pdf": {"sha256": "...",
        "findings": {"MSA-SLA-001": {"count": 2, "fingerprints": {"9c1f0e27a4b3d6e1f2a8": 2}}}}}}
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from msalint.datafiles import load_json
from msalint.errors import ConfigError
from msalint.model import DocumentResult
from msalint.suppress.identity import fingerprint_of, repo_relative

BASELINE_VERSION = 1
BASELINE_REASON = "baseline"


def empty_baseline() -> dict[str, Any]:
    """A baseline with no documents."""
    return {"version": BASELINE_VERSION, "tool": None, "ruleset": None, "documents": {}}


def load_baseline(path: Path) -> dict[str, Any]:
    """Read and validate a baseline file; an absent file is an empty baseline."""
    path = Path(path)
    if not path.exists():
        return empty_baseline()
    data = load_json(path)
    _validate(path, data)
    return data


def _validate(path: Path, data: Any) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise ConfigError(f"{path}: a baseline must be an object with a 'documents' mapping")
    if data.get("version") != BASELINE_VERSION:
        raise ConfigError(f"{path}: unsupported baseline version {data.get('version')!r} (expected 1)")
    for doc_path, doc in data["documents"].items():
        findings = doc.get("findings") if isinstance(doc, dict) else None
        if not isinstance(findings, dict):
            raise ConfigError(f"{path}: document {doc_path!r} needs a 'findings' mapping")
        for rule, entry in findings.items():
            fps = entry.get("fingerprints") if isinstance(entry, dict) else None
            if not isinstance(fps, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in fps.values()
            ):
                raise ConfigError(
                    f"{path}: document {doc_path!r}, rule {rule!r}: 'fingerprints' must map fingerprint -> count"
                )


def _document_entry(result: DocumentResult) -> dict[str, Any]:
    counts: dict[str, Counter[str]] = {}
    for finding in result.findings:
        if finding.suppressed and finding.suppressed != BASELINE_REASON:
            continue  # waived (or otherwise suppressed) findings are not baseline material
        counts.setdefault(finding.rule, Counter())[fingerprint_of(finding)] += 1
    return {
        "sha256": result.sha256,
        "findings": {
            rule: {"count": sum(fps.values()), "fingerprints": dict(sorted(fps.items()))}
            for rule, fps in sorted(counts.items())
        },
    }


def build_baseline(
    results: Iterable[DocumentResult],
    root: Path,
    *,
    previous: dict[str, Any] | None = None,
    tool: str | None = None,
    ruleset: str | None = None,
) -> dict[str, Any]:
    """A baseline accepting every current finding of the readable documents in ``results``.

    Entries of ``previous`` for documents not linted now (or unreadable now) are kept, so baselining
    one folder does not forget the rest of the repository.
    """
    documents = dict((previous or empty_baseline())["documents"])
    for result in results:
        if result.error:
            continue
        entry = _document_entry(result)
        key = repo_relative(result.path, root)
        if entry["findings"]:
            documents[key] = entry
        else:
            documents.pop(key, None)
    return {
        "version": BASELINE_VERSION,
        "tool": tool,
        "ruleset": ruleset,
        "documents": dict(sorted(documents.items())),
    }


def match_baseline(results: Iterable[DocumentResult], baseline: dict[str, Any], root: Path) -> list[dict[str, Any]]:
    """Mark findings recorded in ``baseline`` as suppressed; return the stale entries.

    A finding matches by path + rule + fingerprint, at most as many times as recorded. Stale entries
    come from documents linted now (recorded but no longer found) and from documents that no
    longer exist under ``root``; documents not linted in this run are left alone.
    """
    stale: list[dict[str, Any]] = []
    documents = baseline["documents"]
    seen: set[str] = set()
    for result in results:
        key = repo_relative(result.path, root)
        seen.add(key)
        if result.error or key not in documents:
            continue
        remaining = {
            rule: Counter(entry["fingerprints"]) for rule, entry in documents[key]["findings"].items()
        }
        for finding in result.findings:
            budget = remaining.get(finding.rule)
            fp = fingerprint_of(finding)
            if finding.suppressed is None and budget and budget[fp] > 0:
                budget[fp] -= 1
                finding.suppressed = BASELINE_REASON
        stale.extend(_leftovers(key, remaining))
    for key, doc in documents.items():
        if key not in seen and not Path(key).is_absolute() and not (Path(root) / key).exists():
            remaining = {rule: Counter(entry["fingerprints"]) for rule, entry in doc["findings"].items()}
            stale.extend(_leftovers(key, remaining))
    return stale


def _leftovers(path: str, remaining: dict[str, Counter[str]]) -> list[dict[str, Any]]:
    return [
        {"path": path, "rule": rule, "fingerprint": fp, "count": n}
        for rule, fps in sorted(remaining.items())
        for fp, n in sorted(fps.items())
        if n > 0
    ]


def prune_baseline(baseline: dict[str, Any], stale: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``baseline`` without the ``stale`` entries (counts reduced; empty parts removed)."""
    documents = json.loads(json.dumps(baseline["documents"]))  # deep copy of plain JSON data
    for item in stale:
        rule_entry = documents.get(item["path"], {}).get("findings", {}).get(item["rule"])
        if not rule_entry:
            continue
        fps = rule_entry["fingerprints"]
        left = fps.get(item["fingerprint"], 0) - item["count"]
        if left > 0:
            fps[item["fingerprint"]] = left
        else:
            fps.pop(item["fingerprint"], None)
        rule_entry["count"] = sum(fps.values())
        if not fps:
            del documents[item["path"]]["findings"][item["rule"]]
        if not documents[item["path"]]["findings"]:
            del documents[item["path"]]
    return {**baseline, "documents": documents}


def write_baseline(path: Path, baseline: dict[str, Any]) -> None:
    """Write ``baseline`` as stable, diff-friendly JSON (parent folders created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(baseline, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)  # an interrupted run never leaves a half-written baseline


def count_entries(baseline: dict[str, Any]) -> int:
    """Total number of accepted findings recorded in ``baseline``."""
    return sum(
        sum(entry["fingerprints"].values())
        for doc in baseline["documents"].values()
        for entry in doc["findings"].values()
    )
