"""Human-readable report, grouped by document, with an optional ANSI colour scheme."""
from __future__ import annotations

from typing import Any, TextIO

from msalint.model import DocumentResult, Finding, Severity
from msalint.report.json_format import active, finding_order, summarize

EXCERPT_WIDTH = 160
DETAIL_WIDTH = 320  # near-miss explanations are the point of a missing-element finding: cut them late
SEVERITY_STYLE = {
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


def render(results: list[DocumentResult], stream: TextIO, ctx) -> None:
    """Write findings grouped by document, then a summary line."""
    paint = _Painter(ctx.color)
    blocks = [_document_lines(r, paint, listing=not ctx.statistics) for r in results]
    blocks = [b for b in blocks if b]
    if ctx.statistics:
        blocks.append(_statistics_lines(results, ctx.ruleset))
    notes = _suppression_notes(ctx, paint)
    if notes:
        blocks.append(notes)
    blocks.append([_summary_line(results, paint)])
    stream.write("\n\n".join("\n".join(b) for b in blocks if b) + "\n")


def _document_lines(result: DocumentResult, paint: _Painter, *, listing: bool) -> list[str]:
    if result.error:
        code = f" [{result.error_code}]" if result.error_code else ""
        return [f"{paint(result.path, bold=True)}: {paint('unreadable', fg='red', bold=True)}: {result.error}{code}"]
    findings = sorted(active(result.findings), key=finding_order)
    if not findings or not listing:
        return []
    lines = [paint(result.path, bold=True, underline=True)]
    for f in findings:
        lines.extend(_finding_lines(result.path, f, paint))
    return lines


def _finding_lines(path: str, f: Finding, paint: _Painter) -> list[str]:
    page = str(f.page) if f.page is not None else "-"
    line = str(f.line) if f.line is not None else "-"
    clause = f"§{f.clause}" if f.clause else "§-"
    severity = paint(str(f.severity), **SEVERITY_STYLE[f.severity])
    out = [f"  {path}:{page}:{line}  {clause}  {severity}  {paint(f.rule, bold=True)}  {f.message}"]
    if f.excerpt:
        out.append("      " + paint(f"> {_shorten(f.excerpt)}", dim=True))
    for key, value in f.details.items():
        out.append(f"      {key.replace('_', ' ')}: {_format_value(value)}")
    if f.suggestion:
        out.append(f"      suggestion: {_shorten(f.suggestion)}")
    return out


def _shorten(text: str, width: int = EXCERPT_WIDTH) -> str:
    flat = " ".join(text.split())
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
    head = [str(entry[k]) for k in ("path", "rule") if entry.get(k)]
    rest = [f"{k} {_format_value(v)}" for k, v in entry.items() if k not in ("path", "rule")]
    return " ".join(head) + (f" ({', '.join(rest)})" if rest else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def _summary_line(results: list[DocumentResult], paint: _Painter) -> str:
    s = summarize(results)
    sev = s["by_severity"]
    text = (
        f"{_plural(s['findings'], 'finding')}: {_plural(sev['error'], 'error')}, "
        f"{_plural(sev['warning'], 'warning')}, {_plural(sev['info'], 'info')} "
        f"in {_plural(s['documents'], 'document')}"
    )
    if s["unreadable"]:
        text += f"; {s['unreadable']} unreadable"
    if s["suppressed"]:
        text += f"; {s['suppressed']} suppressed"
    bad = s["findings"] or s["unreadable"]
    return paint(text, fg="red" if bad else "green", bold=True)
