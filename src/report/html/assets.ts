/**
 * The report's stylesheet and script, inlined into every page so the file works from file:// with no network.
 * Shared with the dashboard, which serves the same look.
 */

const LIGHT = `
  --bg: #ffffff; --fg: #1d2330; --muted: #5b6476; --card: #f6f7f9; --line: #dde1e8; --accent: #2457c5;
  --critical: #8e24aa; --high: #d32f2f; --medium: #ef6c00; --unknown: #8d7309; --low: #0288d1; --info: #78909c;
  --good: #2e7d32; --fair: #ef6c00; --poor: #c62828; --quadrant: rgba(211, 47, 47, 0.07); --code: #eef1f5; --chip-fg: #ffffff;`;
const DARK = `
  --bg: #12151b; --fg: #e3e7ee; --muted: #9aa3b2; --card: #1b2029; --line: #2d3440; --accent: #7aa2ff;
  --critical: #ce93d8; --high: #ef5350; --medium: #ffa726; --unknown: #e6c84f; --low: #4fc3f7; --info: #90a4ae;
  --good: #66bb6a; --fair: #ffa726; --poor: #ef5350; --quadrant: rgba(239, 83, 80, 0.10); --code: #232a35; --chip-fg: #12151b;`;

export const CSS = `
:root {${LIGHT} color-scheme: light; }
@media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) {${DARK} color-scheme: dark; } }
:root[data-theme="dark"] {${DARK} color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
nav.crumbs, main, header.top { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header.top { display: flex; align-items: baseline; justify-content: space-between; gap: 16px; padding-top: 20px; flex-wrap: wrap; }
nav.crumbs { padding-top: 12px; }
header.top h1 { margin: 0; font-size: 1.5rem; }
.meta { color: var(--muted); font-size: 0.9rem; overflow-wrap: anywhere; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; overflow-wrap: anywhere; }
pre { background: var(--code); padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
section { margin: 28px 0; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(260px, 100%), 1fr)); gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; break-inside: avoid; }
.card h3 { margin: 0 0 8px; font-size: 1rem; }
.overview { display: flex; gap: 24px; align-items: stretch; flex-wrap: wrap; }
.big { font-size: 2rem; font-weight: 700; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; color: var(--chip-fg); background: var(--info); white-space: nowrap; }
.chip.critical { background: var(--critical); } .chip.high { background: var(--high); } .chip.medium { background: var(--medium); }
.chip.unknown { background: var(--unknown); } .chip.low { background: var(--low); } .chip.info { background: var(--info); }
.chip.pass { background: var(--good); } .chip.warn { background: var(--fair); } .chip.fail { background: var(--poor); } .chip.skip { background: var(--info); }
.muted { color: var(--muted); }
table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; }
tr.finding.target { outline: 2px solid var(--accent); }
details > summary { cursor: pointer; }
.finding-detail { margin: 6px 0 2px; }
.finding-detail h4 { margin: 8px 0 2px; font-size: 0.85rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
.controls { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
.controls input, .controls select, button { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button { cursor: pointer; }
svg.chart { max-width: min(440px, 100%); height: auto; display: block; }
svg.chart.wide { max-width: min(680px, 100%); }
svg text { fill: var(--fg); font-size: 13px; }
.cards.charts { grid-template-columns: repeat(auto-fit, minmax(min(360px, 100%), 1fr)); }
svg .tick, svg .axis-label { fill: var(--muted); }
svg .axis { stroke: var(--line); stroke-width: 1; }
svg .quadrant { fill: var(--quadrant); }
svg .bar-default { fill: var(--accent); }
svg .sev-critical { fill: var(--critical); } svg .sev-high { fill: var(--high); } svg .sev-medium { fill: var(--medium); }
svg .sev-unknown { fill: var(--unknown); } svg .sev-low { fill: var(--low); } svg .sev-info { fill: var(--info); }
svg .score-good { fill: var(--good); } svg .score-fair { fill: var(--fair); } svg .score-poor { fill: var(--poor); }
svg .dot { fill: var(--high); fill-opacity: 0.7; stroke: var(--bg); }
svg .line { stroke-width: 2.5; }
svg .line.s-score { stroke: var(--good); } svg .line.s-findings { stroke: var(--high); }
svg .pt.s-score, svg .key.s-score { fill: var(--good); } svg .pt.s-findings, svg .key.s-findings { fill: var(--high); }
svg text.s-score { fill: var(--good); } svg text.s-findings { fill: var(--high); }
.score-ring .ring-bg { stroke: var(--line); }
.score-ring.good .ring-fg { stroke: var(--good); } .score-ring.fair .ring-fg { stroke: var(--fair); } .score-ring.poor .ring-fg { stroke: var(--poor); }
.score-ring .ring-value { font-size: 34px; font-weight: 700; }
.score-ring .ring-label { font-size: 12px; fill: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
th button.sort { border: 0; background: none; padding: 0; font-weight: 600; color: var(--muted); }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; } th[aria-sort="descending"] button.sort::after { content: " ▼"; }
.spark { vertical-align: middle; }
.spark-values { font-variant-numeric: tabular-nums; white-space: nowrap; }
#score-why { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 10px; padding: 8px 16px; margin-bottom: 16px; }
#score-why p { margin: 4px 0; }
ul.drivers { margin: 4px 0; padding: 0; list-style: none; }
ul.drivers li { margin: 2px 0; }
.lost { display: inline-block; min-width: 3.2em; font-weight: 700; color: var(--poor); font-variant-numeric: tabular-nums; }
/* Identifiers never break: cut with an ellipsis, the whole id in the tooltip. Paths break only after a '/'. */
td.ident code { display: inline-block; max-width: 17em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; overflow-wrap: normal; }
.mono.path { overflow-wrap: normal; }
.path .seg { white-space: nowrap; }
#findings-table td { padding-top: 4px; padding-bottom: 4px; }
.finding-detail a { overflow-wrap: anywhere; }
#findings-table summary { overflow-wrap: break-word; }
#brief-fold > summary > h2 { display: inline; border: 0; }
#brief-fold > summary { margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
#brief-fold #brief > h2:first-child { display: none; }
/* Long brief tables scroll inside their box instead of stretching the page. */
#brief table { display: block; max-height: 26em; overflow: auto; }
@media (max-width: 700px) {
  nav.crumbs, main, header.top, footer { padding-left: 12px; padding-right: 12px; }
  table { display: block; overflow-x: auto; }
  #findings-table, #findings-table tbody { display: block; overflow: visible; }
  #findings-table thead { display: none; }
  #findings-table tr.finding { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 2px 8px; padding: 8px 0; border-bottom: 1px solid var(--line); }
  #findings-table tr.finding[hidden] { display: none; }
  #findings-table td { border: 0; padding: 0; }
  #findings-table td:nth-child(3), #findings-table td:nth-child(4) { grid-column: 1 / -1; }
  td.ident code { max-width: 100%; }
  .mono.path, #findings-table summary { overflow-wrap: anywhere; }
}
footer { color: var(--muted); font-size: 0.85rem; margin: 40px auto 24px; max-width: 1180px; padding: 0 20px; }
@media print {
  /* Paper is white whatever the screen theme. */
  :root, :root:not([data-theme="light"]), :root[data-theme] {${LIGHT} color-scheme: light; }
  .controls, #theme-toggle, #show-all, nav.toc, nav.crumbs { display: none !important; }
  body { font-size: 11pt; }
  section, .card, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  details > summary::marker { content: ""; }
}
`;

/** Theme toggle, findings filter and search, reveal of linked findings, print expansion. No data leaves the page. */
export const SCRIPT = `
(function () {
  var root = document.documentElement;
  var KEY = 'pyvet-theme';
  try { var saved = localStorage.getItem(KEY); if (saved === 'dark' || saved === 'light') root.setAttribute('data-theme', saved); } catch (e) { /* file:// may forbid storage */ }
  var toggle = document.getElementById('theme-toggle');
  if (toggle) toggle.addEventListener('click', function () {
    var current = root.getAttribute('data-theme') || (window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    var next = current === 'dark' ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try { localStorage.setItem(KEY, next); } catch (e) { /* ignore */ }
  });

  // A link into a folded part (the brief, the passed checks) unfolds it and scrolls there.
  function unfold() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    var folded = false;
    for (var a = el; a; a = a.parentElement) if (a.tagName === 'DETAILS' && !a.open) { a.open = true; folded = true; }
    if (folded) el.scrollIntoView();
  }
  window.addEventListener('hashchange', unfold);
  unfold();

  // Sortable tables (the dashboard's repositories): a header button sorts by its cells' data-value, again to reverse.
  var tables = document.querySelectorAll('table.sortable');
  for (var t = 0; t < tables.length; t++) (function (table) {
    var buttons = table.querySelectorAll('th button.sort');
    for (var b = 0; b < buttons.length; b++) buttons[b].addEventListener('click', function (ev) {
      var th = ev.currentTarget.parentNode;
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      var ths = table.querySelectorAll('th');
      for (var k = 0; k < ths.length; k++) ths[k].removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var tb = table.tBodies[0];
      var rows = Array.prototype.slice.call(tb.rows);
      function key(r) { var c = r.cells[col]; var v = c ? (c.getAttribute('data-value') || c.textContent || '') : ''; var n = Number(v); return v !== '' && !isNaN(n) ? n : v; }
      rows.sort(function (x, y) { var a = key(x), c = key(y); return (typeof a === 'number' && typeof c === 'number' ? a - c : String(a).localeCompare(String(c))) * dir; });
      rows.forEach(function (r) { tb.appendChild(r); });
    });
  })(tables[t]);
  var repoFilter = document.getElementById('filter-repos');
  if (repoFilter) repoFilter.addEventListener('input', function () {
    var q = repoFilter.value.trim().toLowerCase();
    var rows = document.querySelectorAll('#repos-table tbody tr');
    for (var i = 0; i < rows.length; i++) rows[i].hidden = !!q && (rows[i].getAttribute('data-search') || '').indexOf(q) < 0;
  });

  var body = document.getElementById('findings-body');
  if (!body) return;
  var dataEl = document.getElementById('pyvet-data');
  var data = dataEl ? JSON.parse(dataEl.textContent || '{}') : {};
  var more = document.getElementById('more-findings');
  var showAll = document.getElementById('show-all');
  // Rows past the first page sit in an inert <template> until a filter, a link or printing needs them.
  function expand() {
    if (!more) return;
    body.appendChild(more.content.cloneNode(true));
    more.parentNode.removeChild(more);
    more = null;
    if (showAll) showAll.hidden = true;
  }
  var cat = document.getElementById('filter-category');
  var sev = document.getElementById('filter-severity');
  var q = document.getElementById('filter-text');
  var count = document.getElementById('findings-count');
  function apply() {
    var c = cat ? cat.value : '', s = sev ? sev.value : '', text = q ? q.value.trim().toLowerCase() : '';
    if (c || s || text) expand();
    var rows = body.querySelectorAll('tr.finding');
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!c || r.getAttribute('data-category') === c) && (!s || r.getAttribute('data-severity') === s) &&
        (!text || (r.getAttribute('data-search') || '').indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    }
    if (count) count.textContent = shown + ' of ' + (data.findings || 0) + ' shown';
  }
  [cat, sev].forEach(function (el) { if (el) el.addEventListener('change', apply); });
  if (q) q.addEventListener('input', apply);
  if (showAll) showAll.addEventListener('click', function () { expand(); apply(); });

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf('finding-') !== 0) return;
    var el = document.getElementById(id);
    if (!el) { expand(); el = document.getElementById(id); }
    if (!el) return;
    el.hidden = false;
    var d = el.querySelector('details');
    if (d) d.open = true;
    var prev = body.querySelector('tr.target');
    if (prev) prev.classList.remove('target');
    el.classList.add('target');
    el.scrollIntoView({ block: 'center' });
  }
  window.addEventListener('hashchange', reveal);
  reveal();
  window.addEventListener('beforeprint', function () {
    expand();
    var ds = document.querySelectorAll('details');
    for (var i = 0; i < ds.length; i++) ds[i].open = true;
    apply();
  });
  apply();
})();
`;
