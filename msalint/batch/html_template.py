"""Inline CSS and JavaScript of the batch report.html (no external assets: it must work offline)."""
from __future__ import annotations

CSS = """
:root { --ok:#2e7d32; --warn:#ef8c00; --bad:#c62828; --na:#cfd8dc; --ink:#1d2430; --muted:#5f6b7a;
        --line:#dde3ea; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0; background: #fff; }
header { background: var(--ink); color: #fff; padding: 14px 24px; }
header h1 { margin: 0; font-size: 20px; }
header .sub { color: #b8c2cf; font-size: 12px; margin-top: 2px; }
main { padding: 16px 24px 48px; max-width: 1600px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
nav a { color: #b8c2cf; margin-right: 14px; font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev-error { color: var(--bad); font-weight: 600; }
.sev-warning { color: var(--warn); font-weight: 600; }
.sev-info { color: var(--muted); }
.badge { display: inline-block; border-radius: 9px; padding: 0 7px; font-size: 12px; color: #fff; background: var(--muted); }
.badge.ok { background: var(--ok); } .badge.error, .badge.crashed, .badge.timeout { background: var(--bad); }
.bar { display: flex; width: 220px; height: 12px; border-radius: 3px; overflow: hidden; background: var(--na); }
.bar i { display: block; height: 100%; }
.p { background: var(--ok); } .i { background: var(--warn); } .m { background: var(--bad); } .n { background: var(--na); }
.r { background: #8fb3d9; } .x { background: #eef0f2; }
.toolbar { position: sticky; top: 0; background: #fff; padding: 8px 0; z-index: 3; display: flex; gap: 8px;
           align-items: center; border-bottom: 1px solid var(--line); }
.toolbar input { width: 320px; padding: 4px 8px; }
.heat-wrap { overflow: auto; max-height: 70vh; border: 1px solid var(--line); }
table.heat { font-size: 12px; }
table.heat th.el { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; height: 180px;
                   padding: 4px 1px; font-size: 11px; font-weight: 500; line-height: 1.1; position: sticky; top: 0; }
table.heat thead th { position: sticky; top: 0; z-index: 2; }
table.heat td.cell { width: 14px; min-width: 14px; padding: 0; border: 1px solid #fff; }
table.heat td.cell.f { outline: 2px dotted #555; outline-offset: -4px; }  /* held by another family member */
table.heat td.name { white-space: nowrap; max-width: 420px; overflow: hidden; text-overflow: ellipsis;
                     position: sticky; left: 0; background: #fff; z-index: 1; }
table.heat tr.failed td.name a { color: var(--bad); }
.legend i { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin: 0 4px 0 10px; }
details.doc { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
details.doc > summary { cursor: pointer; padding: 6px 10px; background: var(--bg); list-style: revert; }
details.doc[open] > summary { border-bottom: 1px solid var(--line); }
details.doc .body { padding: 8px 12px; }
.meta { color: var(--muted); font-size: 12px; }
.chips span { display: inline-block; margin: 2px 4px 2px 0; padding: 0 6px; border-radius: 4px; font-size: 12px; color: #fff; }
.excerpt { margin: 4px 0 0; padding: 4px 8px; border-left: 3px solid var(--line); background: var(--bg);
           white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.suggestion { color: var(--muted); font-size: 12px; margin-top: 2px; }
.error-text { color: var(--bad); }
.hidden { display: none !important; }
.nowrap { white-space: nowrap; }
@media print { .toolbar { display: none; } details.doc { break-inside: avoid; } }
"""

# Filtering, expand/collapse and opening the contract a link points to. Data never enters this script.
JS = """
(function () {
  var q = document.getElementById('filter');
  var statusSel = document.getElementById('status-filter');
  function matches(el) {
    var text = (q.value || '').trim().toLowerCase();
    var want = statusSel.value;
    var okText = !text || (el.getAttribute('data-search') || '').indexOf(text) !== -1;
    var okStatus = want === 'all' || (want === 'failed' ? el.getAttribute('data-status') !== 'ok'
                   : want === 'errors' ? Number(el.getAttribute('data-errors')) > 0
                   : el.getAttribute('data-status') === want);
    return okText && okStatus;
  }
  function apply() {
    var shown = 0;
    document.querySelectorAll('[data-search]').forEach(function (el) {
      var m = matches(el);
      el.classList.toggle('hidden', !m);
      if (m && el.tagName === 'DETAILS') { shown++; }
    });
    document.getElementById('shown').textContent = shown;
  }
  q.addEventListener('input', apply);
  statusSel.addEventListener('change', apply);
  function setAll(open) {
    document.querySelectorAll('details.doc').forEach(function (d) {
      if (!d.classList.contains('hidden')) { d.open = open; }
    });
  }
  document.getElementById('expand').addEventListener('click', function () { setAll(true); });
  document.getElementById('collapse').addEventListener('click', function () { setAll(false); });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === 'DETAILS') { el.open = true; el.scrollIntoView(); }
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  apply();
})();
"""
