"""Inline CSS and JavaScript of the one-page HTML review (no external assets: it must work offline)."""
from __future__ import annotations

CSS = """
:root { --error:#c62828; --warning:#ef8c00; --info:#546e7a; --ok:#2e7d32; --ink:#1d2430; --muted:#5f6b7a;
        --line:#dde3ea; --bg:#f6f8fa; --na:#b0bec5; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; }
header.top { background: var(--ink); color: #fff; padding: 10px 24px; }
header.top h1 { margin: 0; font-size: 18px; }
header.top .sub { color: #b8c2cf; font-size: 12px; }
.toolbar { position: sticky; top: 0; z-index: 3; background: #fff; border-bottom: 1px solid var(--line);
           padding: 6px 24px; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; font-size: 13px; }
.toolbar fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 10px; }
.toolbar legend { float: left; margin-right: 6px; color: var(--muted); }
section.doc { padding: 12px 24px 32px; border-bottom: 4px solid var(--line); }
section.doc > h2 { font-size: 17px; margin: 4px 0; word-break: break-all; }
.facts { color: var(--muted); font-size: 12px; }
.counts span, .chips span { display: inline-block; margin: 2px 4px 2px 0; padding: 0 7px; border-radius: 9px;
                            font-size: 12px; color: #fff; }
.counts .error, .chip-missing { background: var(--error); }
.counts .warning, .chip-incomplete { background: var(--warning); }
.counts .info, .chip-referenced { background: var(--info); }
.chip-present { background: var(--ok); }
.chip-not_applicable { background: var(--na); color: var(--ink) !important; }
.chips { margin: 4px 0; }
.review { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 20px; margin-top: 10px; }
.contract { border: 1px solid var(--line); border-radius: 6px; padding: 8px 0; }
.row { display: grid; grid-template-columns: 5.5em minmax(0, 1fr); gap: 8px; padding: 1px 12px 1px 0; }
.row .no { text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; font-size: 12px;
           padding-top: 2px; user-select: none; }
.row .tx { white-space: pre-wrap; overflow-wrap: anywhere; }
.row.heading .tx { font-weight: 600; }
.row.cell .tx { border-left: 2px solid var(--line); padding-left: 6px; }
.page { color: var(--muted); font-size: 11px; text-align: right; border-top: 1px dashed var(--line);
        margin: 6px 12px 2px 0; }
mark { background: #fff3c4; border-bottom: 2px solid var(--warning); cursor: pointer; color: inherit; }
mark.error { background: #fde0e0; border-bottom-color: var(--error); }
mark.info { background: #e8eef1; border-bottom-color: var(--info); }
mark.off { background: none; border-bottom: 0; cursor: text; }
mark.current { outline: 2px solid var(--ink); }
aside.findings { position: sticky; top: 48px; max-height: calc(100vh - 60px); overflow: auto; }
aside.findings h3 { font-size: 14px; margin: 0 0 6px; }
ol.list { list-style: none; margin: 0; padding: 0; }
ol.list li { border: 1px solid var(--line); border-left: 4px solid var(--warning); border-radius: 4px;
             padding: 5px 8px; margin: 0 0 6px; }
ol.list li.error { border-left-color: var(--error); }
ol.list li.info { border-left-color: var(--info); }
ol.list li.current { box-shadow: 0 0 0 2px var(--ink); }
.sev { font-size: 11px; text-transform: uppercase; font-weight: 700; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.rule { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.where { color: var(--muted); font-size: 12px; }
.msg { margin: 2px 0; }
.more { display: none; font-size: 13px; }
li.current .more, li.open .more { display: block; }
.more p { margin: 3px 0; }
.more b { color: var(--muted); font-weight: 600; }
a.jump { font-size: 12px; }
button.toggle { font-size: 12px; border: 0; background: none; color: #1565c0; cursor: pointer; padding: 0; }
.hidden { display: none !important; }
.error-text { color: var(--error); }
@media (max-width: 900px) { .review { grid-template-columns: 1fr; } aside.findings { position: static; max-height: none; } }
@media print {
  .toolbar, a.jump, button.toggle { display: none; }
  header.top { background: none; color: var(--ink); padding: 0 0 6px; border-bottom: 2px solid var(--ink); }
  header.top .sub { color: var(--muted); }
  section.doc { padding: 8px 0; border: 0; break-before: page; }
  section.doc:first-of-type { break-before: auto; }
  .review { display: block; }
  aside.findings { position: static; max-height: none; overflow: visible; break-before: page; }
  ol.list li { break-inside: avoid; }
  .more { display: block; }
  mark { background: none; border-bottom: 1.5px solid var(--warning); }
  mark.error { border-bottom-color: var(--error); } mark.info { border-bottom-color: var(--info); }
  .counts span, .chips span { color: var(--ink) !important; background: none !important; border: 1px solid var(--muted); }
}
"""

# Filters, highlight <-> finding navigation. It only reads attributes msalint wrote; contract text never
# enters this script.
JS = """
(function () {
  var items = {};
  document.querySelectorAll('ol.list li[data-key]').forEach(function (li) { items[li.getAttribute('data-key')] = li; });
  function marksOf(key) {
    return Array.prototype.filter.call(document.querySelectorAll('mark[data-f]'), function (m) {
      return m.getAttribute('data-f').split(' ').indexOf(key) !== -1;
    });
  }
  function clearCurrent() {
    document.querySelectorAll('.current').forEach(function (el) { el.classList.remove('current'); });
  }
  function select(key, scrollList) {
    var li = items[key];
    if (!li) { return; }
    clearCurrent();
    li.classList.add('current');
    marksOf(key).forEach(function (m) { m.classList.add('current'); });
    if (scrollList) { li.scrollIntoView({block: 'nearest'}); }
  }
  document.querySelectorAll('mark[data-f]').forEach(function (m) {
    m.addEventListener('click', function () {
      var keys = m.getAttribute('data-f').split(' ').filter(function (k) {
        return items[k] && !items[k].classList.contains('hidden');
      });
      if (keys.length) { select(keys[0], true); }
    });
  });
  document.querySelectorAll('a.jump').forEach(function (a) {
    a.addEventListener('click', function () { select(a.closest('li').getAttribute('data-key'), false); });
  });
  document.querySelectorAll('button.toggle').forEach(function (b) {
    b.addEventListener('click', function () { b.closest('li').classList.toggle('open'); });
  });
  function apply() {
    var on = {};
    document.querySelectorAll('.toolbar input[type=checkbox]').forEach(function (box) {
      on[box.getAttribute('data-filter')] = box.checked;
    });
    Object.keys(items).forEach(function (key) {
      var li = items[key];
      var shown = on['sev:' + li.getAttribute('data-sev')] !== false && on['pack:' + li.getAttribute('data-pack')] !== false;
      li.classList.toggle('hidden', !shown);
    });
    document.querySelectorAll('mark[data-f]').forEach(function (m) {
      var any = m.getAttribute('data-f').split(' ').some(function (k) { return items[k] && !items[k].classList.contains('hidden'); });
      m.classList.toggle('off', !any);
    });
  }
  document.querySelectorAll('.toolbar input[type=checkbox]').forEach(function (box) {
    box.addEventListener('change', apply);
  });
  apply();
  document.documentElement.setAttribute('data-ready', '1');
})();
"""
