"""The batch's family pass: once every document is stored on its own, check the families among them.

Each document row keeps what it holds itself (``meta.family.own_elements``; findings a family retired are only
marked suppressed), so the pass starts from those every run and a resumed batch gives the same families as a fresh
one, whichever documents it had to re-lint.
"""
from __future__ import annotations

import json
from typing import Any

from msalint.batch.store import BatchStore
from msalint.model import DocumentResult, Finding
from msalint.workers.jobs import OK


def refresh_families(store: BatchStore, task: Any, run_id: int) -> int:
    """Find and check the families among the stored documents with ``task``'s session; returns how many."""
    lint_families = getattr(task, "lint_families", None)
    if lint_families is None:
        return 0  # a custom task brings no family settings
    stored = _stored_results(store)
    results = [r for r, _, _ in stored]
    lint_families(results)
    families: dict[tuple, dict[str, Any]] = {}
    updates = []
    for result, row, finding_rows in stored:
        family = result.meta.get("family")
        if family:
            families.setdefault((family["name"], tuple(family["members"])), family)
        suppressed = {fid: f.suppressed for f, (fid, before) in zip(result.findings, finding_rows)
                      if f.suppressed != before}
        elements, meta = result.elements, result.meta
        if suppressed or json.loads(row["elements"] or "{}") != elements or json.loads(row["meta"] or "{}") != meta:
            updates.append({"id": row["id"], "elements": elements, "meta": meta, "suppressed": suppressed})
    store.replace_families(list(families.values()), updates, run_id)
    return len(families)


def _stored_results(store: BatchStore) -> list[tuple[DocumentResult, Any, list[tuple[int, str | None]]]]:
    """Each checked document as a result holding only what it holds itself, with its row and (finding id, stored
    suppression) pairs in finding order."""
    from msalint.families import FAMILY_REASON

    findings: dict[int, list[tuple[int, Finding]]] = {}
    for finding_id, document_id, finding in store.findings_with_ids():
        findings.setdefault(document_id, []).append((finding_id, finding))
    out = []
    for row in store.documents():
        if row["status"] != OK:
            continue
        meta = json.loads(row["meta"] or "{}")
        family = meta.pop("family", None)
        elements = family["own_elements"] if family else json.loads(row["elements"] or "{}")
        stored = findings.get(row["id"], [])
        before = [(fid, f.suppressed) for fid, f in stored]
        for _, f in stored:
            if (f.suppressed or "").startswith(FAMILY_REASON):
                f.suppressed = None
        result = DocumentResult(path=row["path"], sha256=row["sha256"], format=row["format"], pages=row["pages"],
                                findings=[f for _, f in stored], elements=dict(elements), meta=meta)
        out.append((result, row, before))
    return out
