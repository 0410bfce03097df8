"""SARIF 2.1.0 output for GitHub code scanning and other SARIF consumers.

Decisions: every rule of the ruleset is listed in ``tool.driver.rules`` (a clean run then still says
what was checked; a rulebook is tens to a few hundred rules, far below GitHub's 25,000 limit), plus a
minimal descriptor for any rule id that appears only in findings. Suppressed (baselined/waived)
findings stay in the log with ``suppressions``. Unreadable documents become error-level
``toolExecutionNotifications``; ``executionSuccessful`` is false only when no document could be read,
because GitHub rejects unsuccessful runs wholesale. Families (several files read as one agreement) are in the run's
``properties.families``, each document's in its artifact's ``properties.family``, and each result names its family
in ``properties.family``.
"""
from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from msalint.model import DocumentResult, Finding, Severity
from msalint.report.ci_common import (
    INFORMATION_URI,
    TOOL_NAME,
    camel_case_name,
    document_uri,
    iter_occurrences,
    message_with_location,
    rule_severity,
    ruleset_rules,
    start_line,
)
from msalint.report.json_format import families_list, family_dict

if TYPE_CHECKING:
    from msalint.report import RenderContext

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "msalintFingerprint/v1"
MAX_RESULTS = 25_000  # GitHub rejects runs with more results than this
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(results: list[DocumentResult], stream: TextIO, ctx: "RenderContext") -> None:
    """Write one SARIF log with a single msalint run."""
    json.dump(build_log(results, ctx), stream, indent=2, ensure_ascii=False, default=str)
    stream.write("\n")


def build_log(results: list[DocumentResult], ctx: "RenderContext", *, include_suppressed: bool = True
              ) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict.

    GitHub code scanning ignores ``suppressions`` unless the repository opts in, so a suppressed
    result opens an alert there; ``include_suppressed=False`` leaves them out for such uploads.
    """
    rules, index = _rule_descriptors(results, ctx)
    sarif_results = [
        _result(finding, fp, n, artifact, index, editable=_source_is_text(result), family=_family_name(result))
        for result in results
        if not result.error
        for artifact in [artifact_location(result, ctx)]
        for finding, fp, n in iter_occurrences(result)
        if include_suppressed or not finding.suppressed
    ]
    notifications = [_unreadable_notification(r, ctx) for r in results if r.error]
    if len(sarif_results) > MAX_RESULTS:
        sarif_results = _truncate(sarif_results, notifications)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": ctx.tool_version or _package_version(),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [_invocation(results, notifications, ctx)],
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    artifacts = [_artifact(r, ctx) for r in results if r.kind]
    if artifacts:
        run["artifacts"] = artifacts
    if ctx.root is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(ctx.root).resolve().as_uri() + "/"}}
    properties: dict[str, Any] = {}
    ruleset_hash = getattr(ctx.ruleset, "hash", None)
    if ruleset_hash:
        properties["rulesetHash"] = str(ruleset_hash)
    families = families_list(results, ctx.root)
    if families:
        properties["families"] = families
    if properties:
        run["properties"] = properties
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _artifact(result: DocumentResult, ctx: "RenderContext") -> dict[str, Any]:
    """One document with what msalint took it for (its kind object) and why it was skipped, if it was."""
    properties: dict[str, Any] = {"kind": result.kind}
    if result.skipped:
        properties["skipped"] = result.skipped
    family = family_dict(result, ctx.root)
    if family is not None:
        properties["family"] = family
    return {"location": {"uri": document_uri(result, ctx), "uriBaseId": SRCROOT}, "properties": properties}


def _package_version() -> str:
    from msalint import __version__

    return __version__


def _rule_descriptors(results: list[DocumentResult], ctx: "RenderContext") -> tuple[list[dict], dict[str, int]]:
    descriptors = [_descriptor(rule) for rule in ruleset_rules(ctx)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    unknown = sorted({f.rule for r in results for f in r.findings} - set(index))
    for rule_id in unknown:
        index[rule_id] = len(descriptors)
        descriptors.append(_minimal_descriptor(rule_id, results))
    return descriptors, index


def _descriptor(rule: Any) -> dict[str, Any]:
    rule_id = str(rule.id)
    title = (getattr(rule, "title", "") or rule_id).strip()
    rationale = (getattr(rule, "rationale", "") or "").strip() or title
    remediation = (getattr(rule, "remediation", "") or "").strip() or title
    properties: dict[str, Any] = {"tags": _tags(rule)}
    if getattr(rule, "element", None):
        properties["element"] = rule.element
    if getattr(rule, "kind", None):
        properties["kind"] = str(rule.kind)
    return {
        "id": rule_id,
        "name": camel_case_name(title, rule_id),
        "shortDescription": {"text": title[:1024]},
        "fullDescription": {"text": rationale},
        "help": {"text": remediation, "markdown": _help_markdown(rationale, remediation, rule)},
        "defaultConfiguration": {"level": LEVELS[rule_severity(rule)]},
        "properties": properties,
    }


def _tags(rule: Any) -> list[str]:
    raw = list(getattr(rule, "tags", None) or [])
    raw += [getattr(rule, "category", None), getattr(rule, "kind", None), "contract"]
    tags: list[str] = []
    for tag in raw:
        if tag and str(tag) not in tags:
            tags.append(str(tag))
    return tags[:20]


def _help_markdown(rationale: str, remediation: str, rule: Any) -> str:
    lines = [f"**Why it matters.** {rationale}", "", f"**How to fix it.** {remediation}"]
    references = [str(r) for r in (getattr(rule, "references", None) or []) if r]
    if references:
        lines += ["", "**References**", ""] + [f"- {ref}" for ref in references]
    return "\n".join(lines)


def _minimal_descriptor(rule_id: str, results: list[DocumentResult]) -> dict[str, Any]:
    severity = max((f.severity for r in results for f in r.findings if f.rule == rule_id), default=Severity.WARNING)
    text = f"msalint rule {rule_id}"
    return {
        "id": rule_id,
        "name": camel_case_name("", rule_id),
        "shortDescription": {"text": text},
        "fullDescription": {"text": f"{text} (not described by the loaded ruleset)."},
        "help": {"text": f"See `msalint rule {rule_id}`.", "markdown": f"See `msalint rule {rule_id}`."},
        "defaultConfiguration": {"level": LEVELS[Severity.parse(severity)]},
        "properties": {"tags": ["contract"]},
    }


def artifact_location(result: DocumentResult, ctx: "RenderContext") -> dict[str, str]:
    """SARIF artifactLocation: a percent-encoded URI ('#', '?', '%', spaces in names stay part of the path),
    relative to %SRCROOT% inside the root, a file: URI outside it."""
    path = document_uri(result, ctx)
    if PurePosixPath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _family_name(result: DocumentResult) -> str | None:
    return ((result.meta or {}).get("family") or {}).get("name")


def _result(finding: Finding, fp: str, occurrence: int, artifact: dict[str, str], index: dict[str, int], *,
            editable: bool = False, family: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": start_line(finding)}
    if finding.line and finding.column:
        region["startColumn"] = finding.column
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    where = {k: v for k, v in (("page", finding.page), ("clause", finding.clause), ("paragraph", finding.paragraph))
             if v is not None}
    if where:
        region["properties"] = where
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact, "region": region}
    }
    if finding.clause:
        qualified = f"page[{finding.page}]/clause[{finding.clause}]" if finding.page else f"clause[{finding.clause}]"
        location["logicalLocations"] = [{"name": finding.clause, "fullyQualifiedName": qualified, "kind": "element"}]
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[Severity.parse(finding.severity)],
        "message": {"text": message_with_location(finding)},
        "locations": [location],
        # GitHub reads only primaryLocationLineHash; without it upload-sarif would hash the PDF's bytes.
        "partialFingerprints": {FINGERPRINT_KEY: fp, "primaryLocationLineHash": f"{fp}:{occurrence}"},
    }
    fix = _fix(finding, artifact) if editable else None
    if fix is not None:
        out["fixes"] = [fix]
    if finding.suppressed:
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": finding.suppressed}]
    properties: dict[str, Any] = {k: v for k, v in (("element", finding.element), ("suggestion", finding.suggestion),
                                                    ("family", family)) if v}
    if finding.details:
        properties["details"] = finding.details
    if properties:
        out["properties"] = properties
    return out


def _source_is_text(result: DocumentResult) -> bool:
    """Whether the document's lines and columns are the file's own (plain text and Markdown as written), so
    that a fix can name the characters to replace; PDF, DOCX and rendered markup have no such places."""
    return result.format in ("txt", "md") and not result.meta.get("rendered")


def _fix(finding: Finding, artifact: dict[str, str]) -> dict[str, Any] | None:
    """SARIF's fix object for a finding's literal edit within one line (never for display-only fixes)."""
    fix = finding.fix
    if fix is None or fix.applicability == "display-only" or not finding.line or not finding.column:
        return None
    if "\n" in fix.original:
        return None
    region = {"startLine": finding.line, "startColumn": finding.column,
              "endLine": finding.line, "endColumn": finding.column + len(fix.original)}
    text = fix.description or f"Replace '{fix.original}' with '{fix.replacement}'"
    return {
        "description": {"text": text},
        "artifactChanges": [{
            "artifactLocation": artifact,
            "replacements": [{"deletedRegion": region, "insertedContent": {"text": fix.replacement}}],
        }],
        "properties": {"applicability": fix.applicability},
    }


def _unreadable_notification(result: DocumentResult, ctx: "RenderContext") -> dict[str, Any]:
    uri = document_uri(result, ctx)
    return {
        "level": "error",
        "message": {"text": f"{uri}: document could not be read: {result.error}"},
        "descriptor": {"id": result.error_code or "unreadable"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result, ctx)}}],
    }


def _invocation(results: list[DocumentResult], notifications: list[dict], ctx: "RenderContext") -> dict[str, Any]:
    readable = any(not r.error for r in results)
    invocation: dict[str, Any] = {
        "executionSuccessful": readable or not results,
        "toolExecutionNotifications": notifications,
    }
    config_notes = _config_notifications(ctx)
    if config_notes:
        invocation["toolConfigurationNotifications"] = config_notes
    return invocation


def _config_notifications(ctx: "RenderContext") -> list[dict[str, Any]]:
    notes = []
    if ctx.stale:
        notes.append({
            "level": "warning",
            "message": {"text": f"{len(ctx.stale)} baseline entries no longer match any finding; "
                                "run `msalint baseline --prune`."},
            "descriptor": {"id": "stale-baseline"},
        })
    for waiver in ctx.expired_waivers:
        notes.append({
            "level": "warning",
            "message": {"text": f"Waiver for {waiver.get('rule')} on {waiver.get('path')} expired on "
                                f"{waiver.get('expires')}: {waiver.get('reason')}"},
            "descriptor": {"id": "expired-waiver"},
        })
    return notes


def _truncate(sarif_results: list[dict], notifications: list[dict]) -> list[dict]:
    rank = {"error": 0, "warning": 1, "note": 2}
    kept = sorted(sarif_results, key=lambda r: rank[r["level"]])[:MAX_RESULTS]
    notifications.append({
        "level": "warning",
        "message": {"text": f"{len(sarif_results)} results exceed the upload limit; kept the "
                            f"{MAX_RESULTS} most severe. Use --format json for the full list."},
        "descriptor": {"id": "results-truncated"},
    })
    return kept
