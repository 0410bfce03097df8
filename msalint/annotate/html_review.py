"""The one-page HTML review: the contract text with findings highlighted inline, a findings list, filters.

One self-contained file (inline CSS and one hashed script, a strict Content-Security-Policy, no external
assets); every piece of contract text is escaped. Several documents give one section per document in the same
file, so ``check --format html`` can write one report to stdout.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, TextIO

from msalint.annotate.html_assets import CSS, JS
from msalint.annotate.notes import document_kind, element_states, rule_pack
from msalint.config import SEVERITIES
from msalint.model import ELEMENT_STATES, Document, DocumentResult, Finding

if TYPE_CHECKING:
    from msalint.report import RenderContext



def e(value: object) -> str:
    """HTML-escape any value (quotes too, so it is safe inside attributes)."""
    return escape("" if value is None else str(value), quote=True)


@dataclass(slots=True)
class ReviewEntry:
    """One document to show: its lint result and, when it could be read, its text and blocks."""

    result: DocumentResult
    document: Document | None


def render(results: list[DocumentResult], stream: TextIO, ctx: "RenderContext") -> None:
    """The ``html`` report format: re-reads each document for its text (the results hold only offsets)."""
    stream.write(render_review([ReviewEntry(r, _reread(r)) for r in results], ctx))


def _reread(result: DocumentResult) -> Document | None:
    if result.error:
        return None
    from msalint.api import read_document
    from msalint.errors import IngestError

    try:
        document = read_document(result.path)
    except (IngestError, OSError):
        return None
    return document if not result.sha256 or document.sha256 == result.sha256 else None


def render_review(entries: list[ReviewEntry], ctx: "RenderContext", *, title: str = "msalint review") -> str:
    """The whole HTML page as a string."""
    from msalint import __version__

    script_hash = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")
    # Only this exact script may run, even if something unescaped ever slipped into the page.
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    packs = sorted({rule_pack(ctx, f.rule) for entry in entries for f in entry.result.findings})
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{e(csp)}\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<link rel=\"icon\" href=\"data:,\">",
        f"<title>{e(_page_title(entries, title))}</title><style>{CSS}</style></head><body>",
        f"<header class=\"top\"><h1>{e(_page_title(entries, title))}</h1><div class=\"sub\">msalint "
        f"{e(__version__)} &middot; {len(entries)} document(s) &middot; click a highlight for the finding; "
        f"print for a review memo</div></header>",
        _toolbar(packs),
        "<main>",
        *(_document_section(i, entry, ctx) for i, entry in enumerate(entries, start=1)),
        "</main>",
        f"<script>{JS}</script></body></html>\n",
    ]
    return "\n".join(parts)


def _page_title(entries: list[ReviewEntry], default: str) -> str:
    if len(entries) == 1:
        return f"msalint review: {Path(entries[0].result.path).name}"
    return default


def _toolbar(packs: list[str]) -> str:
    sev = "".join(f"<label><input type=\"checkbox\" checked data-filter=\"sev:{s}\"> {s}</label>" for s in SEVERITIES)
    pk = "".join(f"<label><input type=\"checkbox\" checked data-filter=\"pack:{e(p)}\"> {e(p)}</label>" for p in packs)
    return (f"<div class=\"toolbar\"><fieldset><legend>Severity</legend>{sev}</fieldset>"
            f"<fieldset><legend>Rule pack</legend>{pk}</fieldset></div>")


def _document_section(index: int, entry: ReviewEntry, ctx: "RenderContext") -> str:
    result = entry.result
    prefix = f"d{index}"
    head = [f"<section class=\"doc\" id=\"{prefix}\"><h2>{e(result.path)}</h2>", _facts(result)]
    if result.error:
        head.append(f"<p class=\"error-text\">Could not be checked: {e(result.error)}</p></section>")
        return "\n".join(head)
    head += [_counts([f for f in result.findings if not f.suppressed]), _chips(result)]
    findings = [(n, f) for n, f in enumerate(result.findings, start=1) if not f.suppressed]
    text_html = _contract_html(prefix, entry.document, findings) if entry.document else (
        "<p class=\"facts\">The document text is not available (it changed since it was checked).</p>")
    body = (f"<div class=\"review\"><div class=\"contract\">{text_html}</div>"
            f"<aside class=\"findings\">{_findings_list(prefix, findings, ctx, entry.document is not None)}</aside></div>")
    return "\n".join([*head, body, "</section>"])


def _facts(result: DocumentResult) -> str:
    facts = []
    kind = document_kind(result)
    if kind:
        facts.append(f"document kind: <b>{e(kind.replace('_', ' '))}</b>")
    if result.format:
        facts.append(f"format: {e(result.format)}")
    if result.pages:
        facts.append(f"{result.pages} page(s)")
    if result.sha256:
        facts.append(f"sha256 {e(result.sha256[:12])}")
    return f"<div class=\"facts\">{' &middot; '.join(facts)}</div>"


def _counts(findings: list[Finding]) -> str:
    counts = Counter(str(f.severity) for f in findings)
    spans = "".join(f"<span class=\"{s}\">{counts.get(s, 0)} {s}</span>" for s in SEVERITIES)
    return f"<div class=\"counts\">{spans}</div>"


def _chips(result: DocumentResult) -> str:
    states = element_states(result)
    if not states:
        return ""
    totals = Counter(states.values())
    summary = ", ".join(f"{totals[s]} {s.replace('_', ' ')}" for s in ELEMENT_STATES if totals.get(s))
    order = {s: i for i, s in enumerate(("missing", "incomplete", "referenced", "present", "not_applicable"))}
    chips = "".join(
        f"<span class=\"chip-{e(state)}\" title=\"{e(state.replace('_', ' '))}\">{e(element.replace('_', ' '))}</span>"
        for element, state in sorted(states.items(), key=lambda kv: (order.get(kv[1], 9), kv[0])))
    return f"<div class=\"facts\">Elements: {e(summary)}</div><div class=\"chips\">{chips}</div>"


# ---- the contract text ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Row:
    start: int
    end: int
    number: str | None
    kind: str
    page: int | None


def _rows(document: Document) -> list[_Row]:
    """Blocks in reading order, plus any non-blank text between them, so every offset has a row."""
    rows: list[_Row] = []
    text = document.text
    pos = 0
    for block in sorted(document.blocks, key=lambda b: b.start):
        if block.start > pos and text[pos:block.start].strip():
            rows.append(_Row(pos, block.start, None, "paragraph", block.page))
        if block.end > block.start and block.start >= pos:
            rows.append(_Row(block.start, block.end, block.number, block.kind, block.page))
            pos = block.end
    if text[pos:].strip():
        rows.append(_Row(pos, len(text), None, "paragraph", rows[-1].page if rows else None))
    return rows


def finding_span(finding: Finding, text_length: int) -> tuple[int, int] | None:
    """The finding's [start, end) clamped to the text, at least one character long; None without a span."""
    if finding.start is None or text_length == 0:
        return None
    start = min(max(finding.start, 0), text_length - 1)
    end = min(max(finding.end or start, start + 1), text_length)
    return start, end


def _contract_html(prefix: str, document: Document, findings: list[tuple[int, Finding]]) -> str:
    spans = [(n, f, finding_span(f, len(document.text))) for n, f in findings]
    spans = [(n, f, s) for n, f, s in spans if s is not None]
    out: list[str] = []
    anchored: set[int] = set()
    page = None
    for row in _rows(document):
        if row.page is not None and row.page != page:
            page = row.page
            out.append(f"<div class=\"page\">page {page}</div>")
        inside = [(n, f, s) for n, f, s in spans if s[0] < row.end and row.start < s[1]]
        body = _highlighted(prefix, document.text, row.start, row.end, inside, anchored)
        classes = "row" + {"heading": " heading", "table_cell": " cell"}.get(row.kind, "")
        out.append(f"<div class=\"{classes}\"><span class=\"no\">{e(row.number or '')}</span>"
                   f"<span class=\"tx\">{body}</span></div>")
    return "\n".join(out)


def _highlighted(prefix: str, text: str, start: int, end: int, spans, anchored: set[int]) -> str:
    """text[start:end] escaped, each stretch covered by findings wrapped in one <mark> naming them all."""
    cuts = sorted({start, end, *(max(s[0], start) for _, _, s in spans), *(min(s[1], end) for _, _, s in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(n, f) for n, f, s in spans if s[0] <= a and b <= s[1]]
        piece = e(text[a:b])
        if not covering:
            out.append(piece)
            continue
        worst = max(f.severity for _, f in covering)
        ids = []
        for n, _ in covering:
            if n not in anchored:
                anchored.add(n)
                ids.append(n)
        id_attr = f" id=\"{prefix}-f{ids[0]}\"" if ids else ""
        extra = "".join(f"<a id=\"{prefix}-f{n}\"></a>" for n in ids[1:])
        keys = " ".join(f"{prefix}-{n}" for n, _ in covering)
        out.append(f"{extra}<mark{id_attr} class=\"{worst}\" data-f=\"{keys}\">{piece}</mark>")
    return "".join(out)


# ---- the findings list ---------------------------------------------------------------------------------

def _findings_list(prefix: str, findings: list[tuple[int, Finding]], ctx: "RenderContext", has_text: bool) -> str:
    if not findings:
        return "<h3>No findings</h3>"
    ordered = sorted(findings, key=lambda nf: (nf[1].start is not None, nf[1].start or 0, -nf[1].severity))
    items = [_finding_item(prefix, n, f, ctx, has_text) for n, f in ordered]
    return f"<h3>{len(findings)} finding(s)</h3><ol class=\"list\">{''.join(items)}</ol>"


def _finding_item(prefix: str, n: int, f: Finding, ctx: "RenderContext", has_text: bool) -> str:
    from msalint.report.ci_common import location_label, rule_lookup

    rule = rule_lookup(ctx, f.rule)
    sev = str(f.severity)
    title = getattr(rule, "title", "") if rule is not None else ""
    jump = (f" <a class=\"jump\" href=\"#{prefix}-f{n}\">show in text</a>"
            if has_text and f.start is not None else "")
    more = []
    for label, value in (("Excerpt", f.excerpt), ("Why", getattr(rule, "rationale", None)),
                         ("What to do", getattr(rule, "remediation", None)), ("Suggestion", f.suggestion)):
        if value:
            more.append(f"<p><b>{label}:</b> {e(value)}</p>")
    near = (f.details or {}).get("near_miss") if isinstance(f.details, dict) else None
    if isinstance(near, dict) and near.get("clause"):
        more.append(f"<p><b>Closest clause:</b> {e(near.get('clause'))}</p>")
    return (f"<li class=\"{sev}\" data-key=\"{prefix}-{n}\" data-sev=\"{sev}\" data-pack=\"{e(rule_pack(ctx, f.rule))}\">"
            f"<span class=\"sev {sev}\">{sev}</span> <span class=\"rule\">{e(f.rule)}</span> "
            f"<span class=\"where\">{e(location_label(f))}</span>{jump}"
            f"<div class=\"msg\">{e(f.message)}</div>"
            + (f"<div class=\"where\">{e(title)}</div>" if title else "")
            + (f"<button class=\"toggle\" type=\"button\">details</button><div class=\"more\">{''.join(more)}</div>"
               if more else "")
            + "</li>")


def write_review(entries: Iterable[ReviewEntry], ctx: "RenderContext", out: str | Path) -> None:
    """Write the review page to ``out`` (through a temporary file, then an atomic rename)."""
    from msalint.annotate.output import atomic_write

    html = render_review(list(entries), ctx)
    atomic_write(out, html.encode("utf-8"))


__all__ = ["ReviewEntry", "finding_span", "render", "render_review", "write_review"]
