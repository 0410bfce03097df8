"""Helpers shared by the CI formats (SARIF, GitHub, JUnit, GitLab, JSON Lines)."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterator

from msalint.model import DocumentResult, Finding, Severity
from msalint.suppress.identity import fingerprint_of, repo_relative

if TYPE_CHECKING:
    from msalint.report import RenderContext

TOOL_NAME = "msalint"
# Placeholder until the project has a public home; SARIF wants an absolute URI here.
INFORMATION_URI = "https://github.com/msalint/msalint"

_WORD = re.compile(r"[A-Za-z0-9]+")


def document_uri(result: DocumentResult, ctx: "RenderContext") -> str:
    """The document's repo-relative POSIX path (relative to ``ctx.root``)."""
    return repo_relative(result.path, ctx.root)


def location_label(finding: Finding) -> str:
    """Where a finding is, as a reader cites it: 'page 3, §8.1(b)', 'line 12' or 'whole document'."""
    parts = []
    if finding.page is not None:
        parts.append(f"page {finding.page}")
    if finding.clause:
        # "§8.1(b)" for numbered clauses; named ones ("Schedule B", "ARTICLE IV") read better bare.
        numbered = finding.clause[:1].isdigit() or finding.clause.startswith("(")
        parts.append(f"§{finding.clause}" if numbered else finding.clause)
    if not parts:
        parts.append("whole document" if finding.start is None else f"line {finding.line or 1}")
    return ", ".join(parts)


def message_with_location(finding: Finding) -> str:
    """The finding message followed by its page/clause, e.g. '... (page 3, §8.1(b))'."""
    return f"{finding.message} ({location_label(finding)})"


def start_line(finding: Finding) -> int:
    """1-based line in the extracted text; 1 for whole-document findings."""
    return finding.line if finding.line and finding.line > 0 else 1


def iter_occurrences(result: DocumentResult) -> Iterator[tuple[Finding, str, int]]:
    """Each finding with its fingerprint and 1-based occurrence number among identical (rule, fingerprint)."""
    seen: Counter[tuple[str, str]] = Counter()
    for finding in result.findings:
        fp = fingerprint_of(finding)
        seen[(finding.rule, fp)] += 1
        yield finding, fp, seen[(finding.rule, fp)]


def rule_lookup(ctx: "RenderContext", rule_id: str) -> Any | None:
    """The rule object with this id from ``ctx.ruleset`` (duck-typed), or None."""
    ruleset = ctx.ruleset
    if ruleset is None:
        return None
    getter = getattr(ruleset, "get", None)
    if callable(getter):
        try:
            found = getter(rule_id)
        except KeyError:
            found = None
        if found is not None:
            return found
    return next((r for r in getattr(ruleset, "rules", ()) if r.id == rule_id), None)


def ruleset_rules(ctx: "RenderContext") -> list[Any]:
    """The rules of ``ctx.ruleset`` in ruleset order (empty without a ruleset)."""
    return list(getattr(ctx.ruleset, "rules", ()) or ())


def rule_title(ctx: "RenderContext", rule_id: str) -> str | None:
    """A rule's title, or None when the ruleset does not know it."""
    rule = rule_lookup(ctx, rule_id)
    return (getattr(rule, "title", None) or None) if rule is not None else None


def rule_heading(ctx: "RenderContext", rule_id: str) -> str:
    """'MSA-SLA-001: Service levels must be defined', or just the id for an unknown rule."""
    title = rule_title(ctx, rule_id)
    return f"{rule_id}: {title}" if title else rule_id


def rule_severity(rule: Any) -> Severity:
    """A rule's default severity (warning when unset or unparsable)."""
    try:
        return Severity.parse(getattr(rule, "severity", "warning"))
    except ValueError:
        return Severity.WARNING


def camel_case_name(title: str, fallback: str) -> str:
    """'Service levels must be defined' -> 'ServiceLevelsMustBeDefined' (max 255 chars)."""
    name = "".join(w[:1].upper() + w[1:] for w in _WORD.findall(title or ""))
    if not name or name[0].isdigit():
        name = "".join(w.capitalize() for w in _WORD.findall(fallback)) + name
    return name[:255] or "Rule"


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
