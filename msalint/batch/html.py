"""Render the batch report as one self-contained HTML file; every piece of contract data is escaped."""
from __future__ import annotations

import base64
import hashlib
from html import escape

from msalint.batch.html_template import CSS, JS
from msalint.workers.jobs import OK
from msalint.batch.report import ELEMENT_STATES, SEVERITIES, Contract, ReportData

EXCERPT_LIMIT = 600
PER_RULE_LIMIT = 5  # findings of one rule shown per contract; keeps the page usable for thousands of contracts
_STATE_CLASS = {"present": "p", "incomplete": "i", "referenced": "r", "missing": "m", "not_applicable": "x"}


def e(value: object) -> str:
    """HTML-escape any value (quotes too, so it is safe inside attributes)."""
    return escape("" if value is None else str(value), quote=True)


def render_html(data: ReportData, *, title: str = "msalint batch review") -> str:
    """The whole report.html as a string."""
    from msalint import __version__

    contracts = data.worst_first()
    anchors = {c.path: f"doc-{i}" for i, c in enumerate(contracts, start=1)}
    script_hash = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")
    # Only this exact script may run, even if something unescaped ever slipped into the page.
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{e(csp)}\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        _header(data, title, __version__),
        "<main>",
        _cards(data),
        _failed_section(contracts, anchors),
        _toolbar(len(contracts)),
        _heatmap(data, contracts, anchors),
        _coverage(data),
        _rules_section(data),
        _contracts_section(data, contracts, anchors),
        "</main>",
        f"<script>{JS}</script></body></html>\n",
    ]
    return "\n".join(p for p in parts if p)


def _header(data: ReportData, title: str, version: str) -> str:
    hashes = sorted({c.row["ruleset_hash"] for c in data.contracts})
    rules = ", ".join(h[:12] for h in hashes) or "-"
    return (f"<header><h1>{e(title)}</h1><div class=\"sub\">generated {e(data.generated_at)} by msalint "
            f"{e(version)} from {e(_basename(data.database))} &middot; rule set {e(rules)} &middot; "
            f"{len(data.runs)} run(s)</div><nav><a href=\"#heatmap\">Heat map</a><a href=\"#coverage\">Coverage</a>"
            f"<a href=\"#rules\">Findings per rule</a><a href=\"#contracts\">Contracts</a></nav></header>")


def _basename(path: str | None) -> str:
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


def _cards(data: ReportData) -> str:
    totals = data.totals()
    statuses = totals["statuses"]
    failed = sum(n for s, n in statuses.items() if s != OK)
    cards = [(totals["contracts"], "contracts"), (statuses.get(OK, 0), "checked"), (failed, "could not be checked")]
    cards += [(totals["findings"][s], f"{s} findings") for s in SEVERITIES]
    return ("<div class=\"cards\">"
            + "".join(f"<div class=\"card\"><b>{n}</b><span>{e(label)}</span></div>" for n, label in cards)
            + "</div>")


def _coverage(data: ReportData) -> str:
    """Per element share of checked contracts, most often missing first."""
    stats = sorted(data.element_stats(), key=lambda s: (-s["missing"], -s["incomplete"], s["element"]))
    html = ["<section id=\"coverage\"><h2>Element coverage (checked contracts, most often missing first)</h2>",
            "<table><tr><th>element</th><th>coverage</th>"
            + "".join(f"<th class=\"num\">{s}</th>" for s in ELEMENT_STATES) + "<th class=\"num\">not assessed</th></tr>"]
    for s in stats:
        total = s["checked"] or 1
        bar = "".join(f"<i class=\"{_STATE_CLASS[k]}\" style=\"width:{100.0 * s[k] / total:.1f}%\"></i>"
                      for k in ELEMENT_STATES)
        html.append(f"<tr><td>{e(s['element'])}</td><td><div class=\"bar\">{bar}</div></td>"
                    + "".join(f"<td class=\"num\">{s[k]}</td>" for k in ELEMENT_STATES)
                    + f"<td class=\"num\">{s['n/a']}</td></tr>")
    html.append("</table></section>")
    return "".join(html)


def _failed_section(contracts: list[Contract], anchors: dict[str, str]) -> str:
    failed = [c for c in contracts if c.status != OK]
    if not failed:
        return ""
    rows = "".join(f"<tr><td><a href=\"#{anchors[c.path]}\">{e(c.display)}</a></td>"
                   f"<td><span class=\"badge {e(c.status)}\">{e(c.status)}</span></td>"
                   f"<td class=\"error-text\">{e(c.row['error'])}</td></tr>" for c in failed)
    return (f"<section id=\"failed\"><h2>Could not be checked ({len(failed)})</h2>"
            f"<table><tr><th>contract</th><th>status</th><th>reason</th></tr>{rows}</table></section>")


def _toolbar(count: int) -> str:
    return ("<div class=\"toolbar\"><input id=\"filter\" type=\"search\" placeholder=\"Filter contracts by name\">"
            "<select id=\"status-filter\"><option value=\"all\">all</option>"
            "<option value=\"errors\">with error findings</option><option value=\"failed\">not checked</option>"
            "<option value=\"ok\">checked</option></select>"
            "<button id=\"expand\" type=\"button\">expand all</button>"
            "<button id=\"collapse\" type=\"button\">collapse all</button>"
            f"<span class=\"meta\"><span id=\"shown\">{count}</span> of {count} contracts shown</span></div>")


def _row_attrs(c: Contract) -> str:
    return (f"data-search=\"{e(c.display.lower())}\" data-status=\"{e(c.status)}\" "
            f"data-errors=\"{c.counts['error']}\"")


def _heatmap(data: ReportData, contracts: list[Contract], anchors: dict[str, str]) -> str:
    legend = "".join(f"<i class=\"{_STATE_CLASS[s]}\"></i>{s}" for s in ELEMENT_STATES)
    head = "".join(f"<th class=\"el\" title=\"{e(el)}\">{e(el)}</th>" for el in data.elements)
    html = [f"<section id=\"heatmap\"><h2>Coverage heat map (contracts &times; elements, worst first)</h2>"
            f"<div class=\"legend meta\">{legend}<i class=\"n\"></i>not assessed / not checked</div>"
            "<div class=\"heat-wrap\"><table class=\"heat\"><thead><tr><th>contract</th>"
            f"<th class=\"num\">E</th><th class=\"num\">W</th><th class=\"num\">I</th>{head}</tr></thead><tbody>"]
    for c in contracts:
        counts = c.counts
        cells = []
        reasons = c.not_applicable if c.status == OK else {}
        for el in data.elements:
            state = c.elements.get(el) if c.status == OK else None
            cls = _STATE_CLASS.get(state or "", "n")
            found_in = (c.family or {}).get("found_in", {}).get(el) if c.status == OK else None
            # no per-cell title (it doubles the page size) except where another family member holds the element
            # or where the element is not asked of the document, to say why
            if found_in:
                cells.append(f"<td class=\"cell {cls} f\" title=\"{e(state)}: found in {e(_basename(found_in))}\"></td>")
            elif state == "not_applicable" and el in reasons:
                cells.append(f"<td class=\"cell {cls}\" title=\"not applicable: {e(reasons[el])}\"></td>")
            else:
                cells.append(f"<td class=\"cell {cls}\"></td>")
        failed = " class=\"failed\"" if c.status != OK else ""
        html.append(f"<tr{failed} {_row_attrs(c)}><td class=\"name\"><a href=\"#{anchors[c.path]}\" "
                    f"title=\"{e(c.display)}\">{e(c.display)}</a></td>"
                    + "".join(f"<td class=\"num sev-{s}\">{counts[s] or ''}</td>" for s in SEVERITIES)
                    + "".join(cells) + "</tr>")
    html.append("</tbody></table></div></section>")
    return "".join(html)


def _rules_section(data: ReportData) -> str:
    rows = "".join(
        f"<tr><td>{e(s['rule'])}</td><td class=\"sev-{e(s['severity'])}\">{e(s['severity'])}</td>"
        f"<td class=\"num\">{s['findings']}</td><td class=\"num\">{s['contracts']}</td><td>{e(s['message'])}</td></tr>"
        for s in data.rule_stats())
    if not rows:
        return "<section id=\"rules\"><h2>Findings per rule</h2><p>No findings.</p></section>"
    return ("<section id=\"rules\"><h2>Findings per rule</h2><table><tr><th>rule</th><th>severity</th>"
            "<th class=\"num\">findings</th><th class=\"num\">contracts</th><th>example message</th></tr>"
            f"{rows}</table></section>")


def _contracts_section(data: ReportData, contracts: list[Contract], anchors: dict[str, str]) -> str:
    html = ["<section id=\"contracts\"><h2>Contracts (worst first)</h2>"]
    html += [_contract(c, anchors[c.path]) for c in contracts]
    html.append("</section>")
    return "".join(html)


def _contract(c: Contract, anchor: str) -> str:
    counts = c.counts
    tally = " &middot; ".join(f"<span class=\"sev-{s}\">{counts[s]} {s}</span>" for s in SEVERITIES if counts[s])
    missing = c.state_count("missing")
    summary = (f"<summary><span class=\"badge {e(c.status)}\">{e(c.status)}</span> <b>{e(c.display)}</b> "
               f"<span class=\"meta\">{tally or 'no findings'}"
               f"{f' &middot; {missing} missing element(s)' if missing else ''}</span></summary>")
    row = c.row
    pages = f"{row['pages']} page(s) &middot; " if row["pages"] else ""
    kind = f"{e(c.kind)} &middot; " if c.kind else ""
    meta = (f"<div class=\"meta\">{kind}{e(row['format'] or '?')} &middot; {pages}"
            f"{row['size']:,} bytes &middot; sha256 {e((row['sha256'] or '')[:16])} &middot; checked "
            f"{e(row['checked_at'])}{_elapsed(row['elapsed_s'])}</div>")
    body = [meta]
    if c.family:
        body.append(_family_line(c.family))
    if row["error"]:
        body.append(f"<p class=\"error-text\">{e(row['error_code'] or row['status'])}: {e(row['error'])}</p>")
    gaps = [(k, v) for k, v in c.elements.items() if v not in ("present", "not_applicable")]
    if c.elements:
        chips = "".join(f"<span class=\"{_STATE_CLASS.get(v, 'n')}\" title=\"{e(v)}\">{e(k)}</span>" for k, v in gaps)
        present = len(c.elements) - len(gaps)
        body.append(f"<div class=\"chips\"><span class=\"p\">{present} element(s) present</span>{chips}</div>")
    if c.findings:
        body.append(_findings_table(c.findings))
    return (f"<details class=\"doc\" id=\"{anchor}\" {_row_attrs(c)}>{summary}"
            f"<div class=\"body\">{''.join(body)}</div></details>")


def _family_line(family: dict) -> str:
    """Which agreement the document was checked with, and which elements its siblings hold."""
    members = ", ".join(e(_basename(m)) for m in family["members"])
    found = ", ".join(f"{e(el)} ({e(_basename(path))})" for el, path in sorted(family.get("found_in", {}).items()))
    role = "principal" if family["role"] == "principal" else f"principal {_basename(family['principal'])}"
    return (f"<div class=\"meta\">family {e(family['name'])} ({e(role)}): {members}{f' &middot; found in another member: {found}' if found else ''}"
            "</div>")


def _elapsed(seconds: float | None) -> str:
    return f" in {seconds:.2f} s" if seconds is not None else ""


def _findings_table(findings: list[dict]) -> str:
    order = {s: i for i, s in enumerate(SEVERITIES)}
    rows = []
    shown: dict[str, int] = {}
    totals = {rule: sum(1 for f in findings if f["rule"] == rule) for rule in {f["rule"] for f in findings}}
    for f in sorted(findings, key=lambda f: (order.get(f["severity"], 9), f["rule"], f.get("start") or 0)):
        shown[f["rule"]] = shown.get(f["rule"], 0) + 1
        if shown[f["rule"]] > PER_RULE_LIMIT:
            if shown[f["rule"]] == PER_RULE_LIMIT + 1:
                rest = totals[f["rule"]] - PER_RULE_LIMIT
                rows.append(f"<tr><td></td><td class=\"nowrap\">{e(f['rule'])}</td><td></td><td class=\"meta\">"
                            f"&hellip; and {rest} more finding(s) of this rule (all are in results.json)</td></tr>")
            continue
        where = " ".join(x for x in (f"§{f['clause']}" if f.get("clause") else "",
                                     f"p.{f['page']}" if f.get("page") else "",
                                     f"l.{f['line']}" if f.get("line") else "") if x)
        excerpt = f.get("excerpt") or ""
        if len(excerpt) > EXCERPT_LIMIT:
            excerpt = excerpt[:EXCERPT_LIMIT] + "\u2026"
        extra = f"<blockquote class=\"excerpt\">{e(excerpt)}</blockquote>" if excerpt else ""
        if f.get("suggestion"):
            extra += f"<div class=\"suggestion\">Suggestion: {e(f['suggestion'])}</div>"
        if f.get("suppressed"):
            extra += f"<div class=\"suggestion\">Suppressed: {e(f['suppressed'])}</div>"
        rows.append(f"<tr><td class=\"sev-{e(f['severity'])}\">{e(f['severity'])}</td>"
                    f"<td class=\"nowrap\">{e(f['rule'])}</td><td class=\"nowrap\">{e(where)}</td>"
                    f"<td>{e(f['message'])}{extra}</td></tr>")
    return ("<table><tr><th>severity</th><th>rule</th><th>where</th><th>finding</th></tr>"
            + "".join(rows) + "</table>")
