"""Reports from a batch database: matrix.csv, results.json and a self-contained report.html."""
from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, TextIO

from msalint.workers.jobs import OK
from msalint.batch.store import BatchStore, now_iso
from msalint.config import SEVERITIES
from msalint.model import ELEMENT_STATES



@dataclass
class Contract:
    """One document row of the database with its findings, ready for reporting."""

    path: str
    display: str
    row: dict[str, Any]
    elements: dict[str, str]
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        """ok | error | timeout | crashed."""
        return self.row["status"]

    @property
    def kind(self) -> str:
        """The document kind msalint linted it as ('' when not classified, e.g. unreadable)."""
        meta = json.loads(self.row.get("meta") or "{}")
        return (meta.get("kind") or {}).get("kind", "")

    @property
    def family(self) -> dict[str, Any] | None:
        """The family this document was checked with (name, principal, members, found_in), when it has one."""
        family = json.loads(self.row.get("meta") or "{}").get("family")
        return {k: v for k, v in family.items() if k != "own_elements"} if family else None

    @property
    def not_applicable(self) -> dict[str, str]:
        """Element -> why it is not asked of this document (kind, or an element that makes it moot)."""
        return json.loads(self.row.get("meta") or "{}").get("not_applicable") or {}

    @property
    def counts(self) -> Counter:
        """Active (not suppressed) findings by severity."""
        return Counter(f["severity"] for f in self.findings if not f.get("suppressed"))

    def state_count(self, state: str) -> int:
        """How many elements are in ``state``."""
        return sum(1 for v in self.elements.values() if v == state)

    def badness(self) -> tuple:
        """Sort key, worst first: checked before failed, then errors, warnings, missing, incomplete."""
        c = self.counts
        return (self.status != OK, -c["error"], -c["warning"], -self.state_count("missing"),
                -self.state_count("incomplete"), -c["info"], self.display)


@dataclass
class ReportData:
    """Everything a report shows, loaded once from the database."""

    database: str
    contracts: list[Contract]
    elements: list[str]
    runs: list[dict[str, Any]]
    generated_at: str
    families: list[dict[str, Any]] = field(default_factory=list)  # name, source, principal, members

    def worst_first(self) -> list[Contract]:
        """Contracts ordered by how much needs review."""
        return sorted(self.contracts, key=Contract.badness)

    def rule_stats(self) -> list[dict[str, Any]]:
        """Per rule: severity, finding count, contracts affected and an example message, most frequent first."""
        stats: dict[str, dict[str, Any]] = {}
        for contract in self.contracts:
            for f in contract.findings:
                if f.get("suppressed"):
                    continue
                s = stats.setdefault(f["rule"], {"rule": f["rule"], "severity": f["severity"], "findings": 0,
                                                 "contracts": set(), "message": f["message"]})
                s["findings"] += 1
                s["contracts"].add(contract.path)
                if SEVERITIES.index(_sev(f["severity"])) < SEVERITIES.index(_sev(s["severity"])):
                    s["severity"] = f["severity"]
        rows = [dict(s, contracts=len(s["contracts"])) for s in stats.values()]
        return sorted(rows, key=lambda s: (-s["contracts"], -s["findings"], s["rule"]))

    def element_stats(self) -> list[dict[str, Any]]:
        """Per element: how many checked contracts have it present, incomplete, missing or not assessed."""
        checked = [c for c in self.contracts if c.status == OK]
        out = []
        for element in self.elements:
            counts = Counter(c.elements.get(element, "n/a") for c in checked)
            out.append({"element": element, "checked": len(checked), **{s: counts[s] for s in ELEMENT_STATES},
                        "n/a": counts["n/a"]})
        return out

    def totals(self) -> dict[str, Any]:
        """Headline numbers."""
        statuses = Counter(c.status for c in self.contracts)
        severities: Counter = Counter()
        for c in self.contracts:
            severities.update(c.counts)
        return {"contracts": len(self.contracts), "statuses": dict(statuses),
                "findings": {s: severities[s] for s in SEVERITIES}}


def _sev(value: str) -> str:
    return value if value in SEVERITIES else "info"


def load_report_data(db: str | os.PathLike) -> ReportData:
    """Read every document and finding of a batch database."""
    with BatchStore(db, create=False) as store:
        rows = [dict(r) for r in store.documents()]
        by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for document_id, finding in store.findings():
            by_doc[document_id].append(finding.to_dict())  # the shape `check --format json` prints
        runs = [dict(r) for r in store.runs()]
        families = [{"name": f["name"], "source": f["source"], "principal": f["principal"],
                     "members": json.loads(f["members"])} for f in store.families()]
    displays = _display_paths([r["path"] for r in rows])
    contracts: list[Contract] = []
    elements: dict[str, None] = {}  # element names in first-seen order
    for row in rows:
        doc_elements = json.loads(row["elements"] or "{}")
        for name in doc_elements:
            elements.setdefault(name, None)
        contracts.append(Contract(path=row["path"], display=displays[row["path"]], row=row,
                                  elements=doc_elements, findings=by_doc.get(row["id"], [])))
    for run in runs:
        run["options"] = json.loads(run["options"] or "{}")
    return ReportData(database=os.fspath(db), contracts=contracts, elements=list(elements), runs=runs,
                      generated_at=now_iso(), families=families)


def _display_paths(paths: list[str]) -> dict[str, str]:
    """Paths relative to their common folder (what a reviewer recognises), keyed by full path."""
    if not paths:
        return {}
    folders = [os.path.dirname(p) for p in paths]
    try:
        root = os.path.commonpath(folders)
    except ValueError:  # mixed drives or relative/absolute
        return {p: p for p in paths}
    return {p: os.path.relpath(p, root) if root else p for p in paths}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gets a leading apostrophe
    (OWASP's advice against CSV injection); numbers are left alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_matrix_csv(data: ReportData, fh: TextIO) -> None:
    """One row per contract: read status, counts by severity, then one column per element."""
    writer = csv.writer(fh)
    writer.writerow(["path", "status", "read_error", "format", "pages", "kind", "family",
                     *(f"{s}s" for s in SEVERITIES),
                     "findings", *map(spreadsheet_safe, data.elements)])
    for c in sorted(data.contracts, key=lambda c: c.display):
        counts = c.counts
        elements = [c.elements.get(e, "") for e in data.elements]
        row = [c.display, c.status, c.row["error"] or "", c.row["format"] or "", c.row["pages"] or "",
               c.kind, (c.family or {}).get("name", ""), *(counts[s] for s in SEVERITIES), sum(counts.values()),
               *elements]
        writer.writerow([spreadsheet_safe(cell) for cell in row])


def to_json(data: ReportData) -> dict[str, Any]:
    """The JSON export: run history, elements, totals and every document with its findings."""
    from msalint import __version__

    documents = []
    for c in sorted(data.contracts, key=lambda c: c.display):
        row = c.row
        documents.append({
            "path": c.path, "display_path": c.display, "sha256": row["sha256"], "size": row["size"],
            "format": row["format"], "pages": row["pages"], "status": row["status"], "error": row["error"],
            "kind": json.loads(row.get("meta") or "{}").get("kind"),
            "error_code": row["error_code"], "msalint_version": row["msalint_version"],
            "ruleset_hash": row["ruleset_hash"], "checked_at": row["checked_at"], "elapsed_s": row["elapsed_s"],
            "timings": json.loads(row["timings"] or "{}"), "copied_from": row["copied_from"],
            "elements": c.elements, "not_applicable": c.not_applicable, "family": c.family, "counts": {s: c.counts[s] for s in SEVERITIES},
            "findings": c.findings,
        })
    return {"generator": {"name": "msalint", "version": __version__}, "generated_at": data.generated_at,
            "database": os.path.basename(data.database), "totals": data.totals(), "elements": data.elements,
            "element_coverage": data.element_stats(), "rules": data.rule_stats(), "runs": data.runs,
            "families": data.families,
            "documents": documents}
