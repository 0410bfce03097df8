"""JSON report: ``{"version": 1, "documents": [...], "summary": {...}}``, deterministic for equal input."""
from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from msalint.model import DocumentResult, Finding, Severity
from msalint.suppress.identity import repo_relative

JSON_VERSION = 1


def finding_order(finding: Finding) -> tuple:
    """Sort key: located findings in reading order, whole-document findings last."""
    return (
        finding.start is None,
        finding.page or 0,
        finding.line or 0,
        finding.start or 0,
        finding.rule,
        finding.message,
    )


def active(findings: list[Finding]) -> list[Finding]:
    """Findings that count: not baselined or waived."""
    return [f for f in findings if not f.suppressed]


def summarize(results: list[DocumentResult]) -> dict[str, Any]:
    """Counts shared by the text and JSON reports (suppressed findings are counted apart)."""
    counted = [f for r in results for f in active(r.findings)]
    by_severity = Counter(str(f.severity) for f in counted)
    return {
        "findings": len(counted),
        "by_severity": {str(s): by_severity.get(str(s), 0) for s in sorted(Severity, reverse=True)},
        "documents": len(results),
        "unreadable": sum(1 for r in results if r.error),
        "skipped": sum(1 for r in results if r.skipped),
        "suppressed": sum(1 for r in results for f in r.findings if f.suppressed),
        "by_rule": dict(sorted(Counter(f.rule for f in counted).items())),
    }


def document_dict(result: DocumentResult, root: Path | None) -> dict[str, Any]:
    """The public JSON shape of one document: a projection of ``DocumentResult.to_dict`` (the one serialisation
    the cache and the batch database store too), findings in reading order."""
    full = dataclasses.replace(result, findings=sorted(result.findings, key=finding_order)).to_dict()
    return {
        "path": repo_relative(result.path, root),
        **{key: full[key] for key in ("sha256", "pages", "error")},
        "kind": result.kind,
        "skipped": result.skipped,
        "elements": full["elements"],
        "not_applicable": result.not_applicable,
        "family": family_dict(result, root),
        "findings": full["findings"],
    }


def family_dict(result: DocumentResult, root: Path | None) -> dict[str, Any] | None:
    """The document's family (name, principal, members, where each element it lacks was found), paths as above."""
    from msalint.families import family_summary

    family = family_summary(result)
    if family is None:
        return None
    rel = lambda p: repo_relative(p, root)  # noqa: E731
    return {**family, "principal": rel(family["principal"]), "members": [rel(p) for p in family["members"]],
            "found_in": {e: rel(p) for e, p in family["found_in"].items()}}


def families_list(results: list[DocumentResult], root: Path | None) -> list[dict[str, Any]]:
    """Every family of the run (name, source, principal, members, links), paths as above."""
    from msalint.families import families_of

    rel = lambda p: repo_relative(p, root)  # noqa: E731
    return [{**family, "principal": rel(family["principal"]), "members": [rel(p) for p in family["members"]],
             "links": [{**link, "from": rel(link["from"]), "to": rel(link["to"])} for link in family["links"]]}
            for family in families_of(results)]


def report_dict(results: list[DocumentResult], ctx) -> dict[str, Any]:
    """The whole JSON report as a dict."""
    summary = summarize(results)
    summary["stale_baseline"] = list(ctx.stale)
    summary["expired_waivers"] = list(ctx.expired_waivers)
    return {
        "version": JSON_VERSION,
        "documents": [document_dict(r, ctx.root) for r in results],
        "families": families_list(results, ctx.root),
        "summary": summary,
    }


def render(results: list[DocumentResult], stream: TextIO, ctx) -> None:
    """Write the JSON report (2-space indent, UTF-8, trailing newline)."""
    json.dump(report_dict(results, ctx), stream, indent=2, ensure_ascii=False, default=str)
    stream.write("\n")
