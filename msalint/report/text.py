"""Human-readable report, grouped by document, with an optional ANSI colour scheme."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from msalint.model import DocumentResult, Finding, Severity
from msalint.report.json_format import active, finding_order, summarize

EXCERPT_WIDTH = 160
DETAIL_WIDTH = 320  # near-miss explanations are the point of a missing-element finding: cut them late
CLAUSE_WIDTH = 40
GROUP_PLACES = 6  # sections listed on a grouped line before "…"
_REPEAT_SUFFIX = re.compile(r"#\d+")
# Control characters (a file name or contract text can hold ESC sequences that recolour or rewrite the terminal,
# or newlines that forge report lines) and bidi overrides that reorder what the reader sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SEVERITY_STYLE: dict[Severity, dict[str, Any]] = {
    Severity.ERROR: {"fg": "red", "bold": True},
    Severity.WARNING: {"fg": "yellow"},
    Severity.INFO: {"fg": "cyan"},
}


class _Painter:
    """click.style when colour is on, identity otherwise."""

    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, **style: Any) -> str:
        if not self.color:
            return text
        import click

        return click.style(text, **style)


def printable(text: str) -> str:
    """``text`` with control and bidi characters shown as escapes (``\\x1b``, ``\\n``, ``\\u202e``)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def render(results: list[DocumentResult], stream: TextIO, ctx) -> None:
    """Write one line per finding (identical ones grouped), errors first, per document; then a summary line."""
    paint = _Painter(ctx.color)
    floor = Severity.parse(ctx.min_severity)
    blocks = [_document_lines(r, paint, floor, listing=not ctx.statistics, details=ctx.show_details)
              for r in results]
    blocks = [b for b in blocks if b]
    if ctx.statistics:
        blocks.append(_statistics_lines(results, ctx.ruleset))
    notes = _suppression_notes(ctx, paint)
    if notes:
        blocks.append(notes)
    blocks.append([_summary_line(results, paint, floor)])
    stream.write("\n\n".join("\n".join(b) for b in blocks if b) + "\n")


def _document_lines(result: DocumentResult, paint: _Painter, floor: Severity, *, listing: bool,
                    details: bool) -> list[str]:
    if result.error:
        code = f" [{result.error_code}]" if result.error_code else ""
        return [f"{paint(printable(result.path), bold=True)}: {paint('unreadable', fg='red', bold=True)}: "
                f"{printable(result.error)}{code}"]
    if result.skipped:
        return [f"{paint(printable(result.path), bold=True)}: {paint('skipped', fg='cyan')}: {result.skipped}"]
    shown = [f for f in active(result.findings) if f.severity >= floor]
    if not shown or not listing:
        return []
    header = f"{paint(printable(result.path), bold=True, underline=True)}  {_counts(shown)}"
    lines = [header + paint(_kind_note(result.kind) + _family_note(result), dim=True)]
    for group in _groups(shown):
        lines.append(_group_line(result, group, paint))
        if details:
            lines.extend(_detail_lines(group[0], paint))
    return lines


def _kind_note(kind: dict[str, Any] | None) -> str:
    """'  (sla, IT; confidence 0.92)': what msalint took the document for, so a surprising checklist explains itself."""
    if not kind:
        return ""
    subject = ", IT" if kind.get("subject") == "it" else ""
    how = "set by configuration" if kind.get("source") != "detected" else f"confidence {kind.get('confidence')}"
    return f"  ({kind['kind']}{subject}; {how})"


def _family_note(result: DocumentResult) -> str:
    """'  [family 'Master Services Agreement': msa.docx, sla.pdf]': the agreement this file was checked with."""
    family = (result.meta or {}).get("family")
    if not family:
        return ""
    others = [Path(p).name for p in family["members"] if p != result.path]
    return f"  [family '{printable(family['name'])}' with {', '.join(printable(o) for o in others)}]"


def _counts(findings: list[Finding]) -> str:
    n = Counter(f.severity for f in findings)
    return ", ".join(_plural(n[s], str(s)) for s in sorted(n, reverse=True))


def _groups(findings: list[Finding]) -> list[list[Finding]]:
    """Identical findings (same rule, severity and message) as one group; errors first, then reading order."""
    groups: dict[tuple, list[Finding]] = {}
    for f in sorted(findings, key=finding_order):
        groups.setdefault((f.rule, f.severity, f.message), []).append(f)
    return sorted(groups.values(), key=lambda g: -g[0].severity)  # stable: reading order within a severity


def _group_line(result: DocumentResult, group: list[Finding], paint: _Painter) -> str:
    first = group[0]
    severity = paint(str(first.severity), **SEVERITY_STYLE[first.severity])
    head = f"{_link(result, first)}: {severity} {paint(first.rule, bold=True)} {printable(first.message)}"
    if len(group) > 1:
        places = [p for p in dict.fromkeys(_place(result, f) for f in group) if p]
        shown = ", ".join(places[:GROUP_PLACES]) + (", …" if len(places) > GROUP_PLACES else "")
        return f"{head} ×{len(group)}" + (f" — {shown}" if shown else "")
    place = _place(result, first, with_page=True)
    return f"{head}" + (f"  ({place})" if place else "")


def _link(result: DocumentResult, f: Finding) -> str:
    """``path:line:col`` where an editor can open it; just the path for DOCX and whole-document findings."""
    path = printable(result.path)
    if f.line is None or result.format == "docx":
        return path
    return f"{path}:{f.line}:{f.column or 1}"


def _place(result: DocumentResult, f: Finding, *, with_page: bool = False) -> str:
    """Where a reader finds it: page and section (for DOCX the section and Word paragraph number)."""
    parts = []
    if with_page and f.page is not None:
        parts.append(f"p. {f.page}")
    if f.clause:
        parts.append(f"§{display_clause(f.clause)}")
    if result.format == "docx" and f.paragraph is not None:
        parts.append(f"paragraph {f.paragraph}")
    if not parts and not with_page and f.line is not None:
        parts.append(f"line {f.line}")
    return ", ".join(parts)


def display_clause(clause_id: str) -> str:
    """A clause id as the document prints it: no '#2' suffix for repeated numbers, long headings cut."""
    plain = _REPEAT_SUFFIX.sub("", clause_id)
    return _shorten(plain, CLAUSE_WIDTH)


def _detail_lines(f: Finding, paint: _Painter) -> list[str]:
    out = []
    if f.excerpt:
        out.append("    " + paint(f"> {_shorten(f.excerpt)}", dim=True))
    for key, value in f.details.items():
        out.append(f"    {key.replace('_', ' ')}: {_format_value(value)}")
    if f.suggestion:
        out.append(f"    suggestion: {_shorten(f.suggestion)}")
    return out


def _shorten(text: str, width: int = EXCERPT_WIDTH) -> str:
    flat = printable(" ".join(text.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _format_value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ') if isinstance(k, str) else k} {_format_value(v)}"
                         for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        items = [_format_value(v) for v in value]
        return "; ".join(items) if any(", " in item for item in items) else ", ".join(items)
    if value is None:
        return "-"
    return _shorten(str(value), DETAIL_WIDTH)


def _statistics_lines(results: list[DocumentResult], ruleset) -> list[str]:
    counts = summarize(results)["by_rule"]
    severity: dict[str, str] = {}
    for r in results:
        for f in active(r.findings):
            severity.setdefault(f.rule, str(f.severity))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    width = max((len(rule) for rule in counts), default=0)
    return [
        f"{n:5d}  {rule:<{width}}  {severity[rule]:<7}  {_rule_title(ruleset, rule)}".rstrip()
        for rule, n in rows
    ]


def _rule_title(ruleset, rule_id: str) -> str:
    if ruleset is None:
        return ""
    try:
        rule = ruleset.get(rule_id)
    except (KeyError, LookupError):
        return ""
    return getattr(rule, "title", "") or ""


def _suppression_notes(ctx, paint: _Painter) -> list[str]:
    lines = [f"{paint('stale baseline entry', fg='yellow')}: {_describe(e)}" for e in ctx.stale]
    lines += [f"{paint('expired waiver', fg='yellow')}: {_describe(e)}" for e in ctx.expired_waivers]
    return lines


def _describe(entry: dict[str, Any]) -> str:
    head = [printable(str(entry[k])) for k in ("path", "rule") if entry.get(k)]
    rest = [f"{k} {_format_value(v)}" for k, v in entry.items() if k not in ("path", "rule")]
    return " ".join(head) + (f" ({', '.join(rest)})" if rest else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def _summary_line(results: list[DocumentResult], paint: _Painter, floor: Severity = Severity.INFO) -> str:
    s = summarize(results)
    sev = s["by_severity"]
    text = (
        f"Found {_plural(s['findings'], 'finding')}: {_plural(sev['error'], 'error')}, "
        f"{_plural(sev['warning'], 'warning')}, {_plural(sev['info'], 'info')} "
        f"in {_plural(s['documents'], 'document')}"
    )
    if s["unreadable"]:
        text += f"; {s['unreadable']} unreadable"
    if s["skipped"]:
        text += f"; {s['skipped']} skipped (not an agreement)"
    if s["suppressed"]:
        text += f"; {s['suppressed']} suppressed"
    hidden = sum(n for name, n in sev.items() if Severity.parse(name) < floor)
    if hidden:
        text += f"; {hidden} below {floor} hidden"
    bad = s["findings"] or s["unreadable"]
    return paint(text, fg="red" if bad else "green", bold=True)
