"""GitLab Code Quality report (a JSON array of Code Climate issues).

Suppressed findings are left out (GitLab has no notion of suppression). Fingerprints hash the
document path, rule, content fingerprint and occurrence number, so they are unique per issue and
stable when pages shift. Severity: error -> major, warning -> minor, info -> info; an unreadable
document -> critical.
"""
from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, TextIO

from msalint.model import DocumentResult, Finding, Severity
from msalint.report.ci_common import document_uri, iter_occurrences, message_with_location, start_line

if TYPE_CHECKING:
    from msalint.report import RenderContext

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
UNREADABLE_CHECK = "msalint/unreadable"


def issue_fingerprint(path: str, rule: str, fingerprint: str, occurrence: int) -> str:
    """Unique, stable fingerprint of one issue."""
    return hashlib.sha256(f"{path}\x00{rule}\x00{fingerprint}\x00{occurrence}".encode("utf-8")).hexdigest()


def render(results: list[DocumentResult], stream: TextIO, ctx: "RenderContext") -> None:
    """Write the Code Quality JSON array."""
    json.dump(build_issues(results, ctx), stream, indent=2, ensure_ascii=False, default=str)
    stream.write("\n")


def build_issues(results: list[DocumentResult], ctx: "RenderContext") -> list[dict[str, Any]]:
    """The Code Quality issues for ``results``."""
    issues: list[dict[str, Any]] = []
    for result in results:
        path = document_uri(result, ctx)
        if result.error:
            issues.append(_unreadable_issue(path, result))
            continue
        for finding, fp, occurrence in iter_occurrences(result):
            if not finding.suppressed:
                issues.append(_issue(finding, path, issue_fingerprint(path, finding.rule, fp, occurrence)))
    return issues


def _issue(finding: Finding, path: str, fingerprint: str) -> dict[str, Any]:
    # GitLab's widget shows only the description, so it carries the rule id too.
    return {
        "description": f"{finding.rule}: {message_with_location(finding)}",
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[Severity.parse(finding.severity)],
        "location": {"path": path, "lines": {"begin": start_line(finding)}},
    }


def _unreadable_issue(path: str, result: DocumentResult) -> dict[str, Any]:
    return {
        "description": f"{UNREADABLE_CHECK}: document could not be read: {result.error}",
        "check_name": UNREADABLE_CHECK,
        "fingerprint": issue_fingerprint(path, UNREADABLE_CHECK, result.error_code or "unreadable", 1),
        "severity": "critical",
        "location": {"path": path, "lines": {"begin": 1}},
    }
