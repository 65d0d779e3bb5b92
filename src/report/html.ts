import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ScanReport } from '../core/report.js';
import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES } from '../core/severity.js';
import type { RuleMeta } from '../core/rule.js';
import { isAside, type Dependency } from '../deps/types.js';
import { ruleById } from '../pipeline/rules.js';
import { renderBriefSection } from '../brief/render.js';
import { CSS, SCRIPT } from './html/assets.js';
import { barChart, columnChart, lineChart, scatterChart, scoreRing } from './html/charts.js';
import { esc, jsonForScript } from './html/escape.js';
import { loc, orderChecks } from './text.js';
import type { HealthCheck } from '../health/types.js';
import { databaseLine, staleWarning } from '../deps/osv/provenance.js';

export interface HtmlOptions {
  /** Findings rendered visible at load; the rest wait in an inert template until filtered, linked or printed. */
  initialRows?: number;
  /** Trusted HTML placed above the title (the dashboard's breadcrumb). */
  nav?: string;
  /** Trusted HTML opening the page, before the overview (the dashboard's summary of what this scan changed). */
  lead?: string;
  /** Rule metadata lookup (the registry by default). */
  rules?: (id: string) => RuleMeta | undefined;
}

const CATEGORIES = [
  ['deps', 'Dependencies'],
  ['secrets', 'Secrets'],
  ['health', 'Health'],
] as const;

/** Radon's complexity ranks: the buckets engineers already read. */
const COMPLEXITY_RANKS: [string, number, number][] = [
  ['A 1–5', 1, 5],
  ['B 6–10', 6, 10],
  ['C 11–20', 11, 20],
  ['D 21–30', 21, 30],
  ['E 31–40', 31, 40],
  ['F 41+', 41, Infinity],
];

/** The page's policy: its one inline script by hash, inline styles, nothing from the network. Also sent as a header by the dashboard. */
export const REPORT_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'`;

const MAX_INVENTORY_ROWS = 1000;
const MAX_HOTSPOTS = 150;


function chip(cls: string, text?: string): string {
  return `<span class="chip ${esc(cls)}">${esc(text ?? cls)}</span>`;
}

function projectName(report: ScanReport): string {
  return path.basename(report.root) || report.root;
}

function safeUrl(u: string): string | null {
  return /^https?:\/\//i.test(u) ? u : null;
}

/**
 * What pulled the score down: each failing or warning check with the points it cost the overall score
 * (category score = mean of its checks; overall = weighted mean of the categories), most costly first.
 */
export function scoreDrivers(health: NonNullable<ScanReport['health']>): { id: string; category: string; score: number; lost: number; message: string }[] {
  const applicable = health.checks.filter((c) => c.status !== 'skip');
  const cats = [...new Set(applicable.map((c) => c.category))];
  const wsum = cats.reduce((a, c) => a + (health.weights?.[c] ?? 1), 0);
  if (!wsum) return [];
  return applicable
    .filter((c) => c.status === 'fail' || c.status === 'warn')
    .map((c) => {
      const n = applicable.filter((x) => x.category === c.category).length;
      const lost = ((10 - c.score) / n) * 10 * ((health.weights?.[c.category] ?? 1) / wsum);
      return { id: c.id, category: c.category, score: c.score, lost, message: c.evidence[0]?.message ?? '' };
    })
    .filter((d) => d.lost >= 0.05)
    .sort((a, b) => b.lost - a.lost || a.id.localeCompare(b.id));
}

/** The score in one sentence and the checks that cost it most, each linked to its row. */
function scoreWhy(report: ScanReport): string {
  const h = report.health;
  if (!h) return '';
  const drivers = scoreDrivers(h);
  if (!drivers.length) return `<p id="score-why"><strong>Health ${h.score}/100.</strong> No check failed.</p>`;
  const top = drivers.slice(0, 5);
  const rest = drivers.length - top.length;
  const items = top.map(
    (d) =>
      `<li><span class="lost">−${d.lost.toFixed(1)}</span> <a href="#check-${esc(d.id)}"><code>${esc(d.id)}</code></a> <span class="muted">${esc(d.message)}</span></li>`,
  );
  return (
    `<div id="score-why"><p><strong>Health ${h.score}/100.</strong> What pulled it down (points of the overall score):</p><ul class="drivers">${items.join('')}</ul>` +
    (rest > 0 ? `<p class="muted">${rest} more check${rest === 1 ? '' : 's'} cost less; see <a href="#health">Health checks</a>.</p>` : '') +
    '</div>'
  );
}

function overview(report: ScanReport): string {
  const out: string[] = ['<section id="overview"><h2>Overview</h2>', scoreWhy(report), '<div class="overview">'];
  const score = report.health?.score ?? report.summary.score;
  if (score !== null && score !== undefined) out.push(`<div class="card" id="score"><h3>Health score</h3>${scoreRing(score, 'Overall health score')}</div>`);
  else out.push('<div class="card" id="score"><h3>Health score</h3><p class="empty">The health review did not run.</p></div>');
  const cats = Object.entries(report.health?.categories ?? {});
  if (cats.length) {
    const bars = cats.map(([label, value]) => ({ label, value: Math.round(value), cls: value >= 80 ? 'score-good' : value >= 60 ? 'score-fair' : 'score-poor' }));
    out.push(`<div class="card" id="category-scores"><h3>Category scores</h3>${barChart(bars, 'Category scores out of 100', { max: 100 })}</div>`);
  }
  const vulnerable = report.dependencies.filter((d) => d.vulns.length && !isAside(d.role)).length;
  const secrets = report.findings.filter((f) => categoryOf(f.rule) === 'secrets').length;
  const sevChips = SEVERITIES.filter((s) => (report.summary.bySeverity[s] ?? 0) > 0).map((s) => chip(s, `${report.summary.bySeverity[s]} ${s}`));
  out.push(
    '<div class="card" id="key-figures"><h3>At a glance</h3>',
    `<p><span class="big">${report.findings.length}</span> finding${report.findings.length === 1 ? '' : 's'}</p>`,
    `<div class="chips">${sevChips.join('') || '<span class="muted">nothing to report</span>'}</div>`,
    '<p>',
    report.sections.includes('deps') || report.dependencies.length
      ? `${report.dependencies.length} dependenc${report.dependencies.length === 1 ? 'y' : 'ies'} declared, <strong>${vulnerable}</strong> with known vulnerabilities<br>`
      : '',
    report.sections.includes('secrets') ? `<strong>${secrets}</strong> committed secret${secrets === 1 ? '' : 's'}<br>` : '',
    `${report.summary.files} files scanned in ${(report.summary.durationMs / 1000).toFixed(1)} s`,
    '</p>',
    databaseNote(report),
    sincePrevious(report),
    '</div></div>',
  );
  const top = report.findings.slice(0, 5);
  if (top.length) {
    out.push('<h3>Most important findings</h3><ol class="top-findings">');
    for (const f of top) out.push(`<li>${chip(f.severity)} <a href="#finding-${esc(f.fingerprint)}">${esc(f.message)}</a> <span class="mono muted">${esc(loc(f))}</span></li>`);
    out.push('</ol>');
  }
  out.push('</section>');
  return out.join('');
}

/** The OSV data the dependencies were matched against, with a warning when it is stale. */
function databaseNote(report: ScanReport): string {
  if (!report.database) return '';
  const stale = staleWarning(report.database);
  return `${stale ? `<p id="db-stale"><strong>Warning:</strong> ${esc(stale)}</p>` : ''}<p class="muted" id="db-provenance">${esc(databaseLine(report.database))}</p>`;
}

/** Change since the scan before this one, from the history the scan attached (which may already hold this scan). */
function sincePrevious(report: ScanReport): string {
  const h = report.history ?? [];
  const prev = h.length && h[h.length - 1]!.scannedAt === report.scannedAt ? h[h.length - 2] : h[h.length - 1];
  if (!prev) return '';
  const parts: string[] = [];
  const score = report.health?.score ?? report.summary.score;
  const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');
  if (score !== null && score !== undefined && prev.score !== null) parts.push(`score ${signed(Math.round(score) - Math.round(prev.score))}`);
  parts.push(`findings ${signed(report.findings.length - prev.findings)}`);
  return `<p id="since-previous" class="muted">Since the scan of ${esc(prev.scannedAt.slice(0, 10))}${prev.commit ? ` (${esc(prev.commit.slice(0, 10))})` : ''}: ${parts.join(', ')}</p>`;
}

function charts(report: ScanReport): string {
  const cards: string[] = [];
  const sevBars = SEVERITIES.map((s) => ({ label: s, value: report.summary.bySeverity[s] ?? 0, cls: `sev-${s}` }));
  cards.push(`<div class="card" id="chart-severity"><h3>Findings by severity</h3>${barChart(sevBars, 'Findings by severity')}</div>`);
  const catBars = CATEGORIES.map(([c, label]) => ({ label, value: report.summary.byCategory[c] ?? 0 }));
  cards.push(`<div class="card" id="chart-category"><h3>Findings by category</h3>${barChart(catBars, 'Findings by category')}</div>`);
  const fns = report.health?.metrics.functions ?? [];
  if (fns.length) {
    const cols = COMPLEXITY_RANKS.map(([label, lo, hi], i) => ({
      label,
      value: fns.filter((f) => f.complexity >= lo && f.complexity <= hi).length,
      cls: i < 2 ? 'score-good' : i < 3 ? 'score-fair' : 'score-poor',
    }));
    cards.push(`<div class="card" id="chart-complexity"><h3>Complexity distribution</h3>${columnChart(cols, `Cyclomatic complexity of ${fns.length} functions`, 'cyclomatic complexity rank')}<p class="muted">${fns.length} functions; most complex: <code>${esc(topFunction(fns))}</code></p></div>`);
  }
  const hotspots = report.health?.metrics.git?.hotspots ?? [];
  if (hotspots.length) {
    const pts = [...hotspots]
      .sort((a, b) => b.churn * b.complexity - a.churn * a.complexity)
      .slice(0, MAX_HOTSPOTS)
      .map((h) => ({ x: h.churn, y: h.complexity, label: h.path }));
    cards.push(`<div class="card" id="chart-hotspots"><h3>Hotspots: churn × complexity</h3>${scatterChart(pts, 'Files by commits touching them and complexity', { x: 'commits', y: 'complexity' })}<p class="muted">Top right: changed often and hard to change.</p></div>`);
  }
  const history = report.history ?? [];
  if (history.length >= 2) {
    // Several scans a day are common: the time of day tells them apart.
    const labels = history.map((p) => p.scannedAt.slice(5, 16).replace('T', ' '));
    const svg = lineChart(
      labels,
      [
        { name: 'health score', cls: 's-score', values: history.map((p) => (p.score === null ? null : Math.round(p.score))), max: 100 },
        { name: 'findings', cls: 's-findings', values: history.map((p) => p.findings) },
      ],
      'Score and findings over time',
      { x: `scan time (UTC), ${history[0]!.scannedAt.slice(0, 4)}`, left: 'health score', right: 'findings' },
    );
    cards.push(`<div class="card" id="chart-trend" style="grid-column: 1 / -1"><h3>Over time (${history.length} scans)</h3>${svg}</div>`);
  } else if (history.length === 1) {
    cards.push('<div class="card" id="chart-trend"><h3>Over time</h3><p class="empty">This is the first recorded scan of this repository; trends appear from the next one.</p></div>');
  }
  return `<section id="charts"><h2>Charts</h2><div class="cards charts">${cards.join('')}</div></section>`;
}

function topFunction(fns: { path: string; name: string; line: number; complexity: number }[]): string {
  const f = fns.reduce((a, b) => (b.complexity > a.complexity ? b : a));
  return `${f.name} (${f.path}:${f.line}, ${f.complexity})`;
}

function dependencies(report: ScanReport): string {
  const out = ['<section id="dependencies"><h2>Dependencies</h2>'];
  if (!report.dependencies.length) {
    out.push(`<p class="empty">${report.sections.includes('deps') ? 'No dependency manifests were found.' : 'The dependency audit did not run.'}</p></section>`);
    return out.join('');
  }
  const depFindings = new Map<string, Finding>();
  for (const f of report.findings) if (f.rule.startsWith('deps.') && !depFindings.has(`${f.path}:${f.line}`)) depFindings.set(`${f.path}:${f.line}`, f);
  const findingFor = (d: Dependency) => depFindings.get(`${d.path}:${d.line}`);
  const vulnerable = report.dependencies.filter((d) => d.vulns.length && !isAside(d.role));
  if (vulnerable.length) {
    out.push('<table id="vulnerable-deps"><thead><tr><th>Package</th><th>Version</th><th>Where</th><th>Advisories</th><th>Fixed in</th></tr></thead><tbody>');
    for (const d of vulnerable) {
      const f = findingFor(d);
      const advisories = d.vulns
        .map(
          (v) =>
            `<li>${chip(v.severity)} <a class="mono" href="https://osv.dev/vulnerability/${esc(encodeURIComponent(v.id))}" rel="noreferrer">${esc(v.id)}</a>` +
            `${v.aliases.length ? ` <span class="muted mono">${esc(v.aliases.join(', '))}</span>` : ''} ${esc(v.summary)}</li>`,
        )
        .join('');
      out.push(
        `<tr><td><code>${esc(d.name)}</code>${f ? ` <a href="#finding-${esc(f.fingerprint)}" title="finding">↧</a>` : ''}</td><td class="mono">${esc(d.version ?? d.specifier)}</td>`,
        `<td class="mono">${esc(loc(d))}</td><td><ul>${advisories}</ul></td><td class="mono">${d.fix ? `<strong>${esc(d.fix)}</strong>` : '<span class="muted">no fixed version known</span>'}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  } else out.push('<p>No declared dependency has a known vulnerability in the OSV database used.</p>');
  const rows = report.dependencies.slice(0, MAX_INVENTORY_ROWS).map(
    (d) =>
      `<tr><td><code>${esc(d.name)}</code></td><td class="mono">${esc(d.version ?? d.specifier ?? '')}</td><td>${esc(d.kind)}</td><td>${esc(d.group)}</td><td class="mono">${esc(loc(d))}</td><td>${d.vulns.length ? chip('high', String(d.vulns.length)) : ''}</td></tr>`,
  );
  const more = report.dependencies.length - rows.length;
  out.push(
    `<details id="inventory"><summary>Full inventory (${report.dependencies.length})</summary><table><thead><tr><th>Package</th><th>Version</th><th>Kind</th><th>Group</th><th>Where</th><th>Advisories</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    more > 0 ? `<p class="muted">${more} more in the JSON report.</p>` : '',
    '</details></section>',
  );
  return out.join('');
}

function findingRow(f: Finding, rules: Map<string, RuleMeta | undefined>, lookup: (id: string) => RuleMeta | undefined, withId: boolean): string {
  if (!rules.has(f.rule)) rules.set(f.rule, lookup(f.rule));
  const rule = rules.get(f.rule);
  const cat = categoryOf(f.rule);
  // Secrets show only the redacted form: the evidence line could carry more of the secret than the mask.
  const shown = cat === 'secrets' ? f.redacted ?? '' : f.evidence ?? '';
  const search = [f.rule, f.path, f.message, shown, f.commit ?? ''].join(' ').toLowerCase();
  const detail: string[] = [];
  if (cat === 'secrets') detail.push(`<h4>Secret (redacted)</h4><pre>${esc(f.redacted ?? '(redacted)')}</pre>`);
  else if (f.evidence) detail.push(`<h4>Evidence</h4><pre>${esc(f.evidence)}</pre>`);
  if (f.commit) detail.push(`<h4>Commit</h4><p class="mono">${esc(f.commit)}${f.date ? ` · ${esc(f.date)}` : ''}</p>`);
  if (rule) detail.push(`<h4>Why it matters</h4><p>${esc(rule.docs.why)}</p>`);
  detail.push(`<h4>How to fix</h4><p>${esc(f.remediation || rule?.docs.fix || '')}</p>`);
  // The rule's general advice only when the finding's own does not already say it.
  if (rule && rule.docs.fix && f.remediation && !f.remediation.includes(rule.docs.fix)) detail.push(`<p class="muted">${esc(rule.docs.fix)}</p>`);
  const refs = (rule?.docs.references ?? []).map((u) => safeUrl(u)).filter((u): u is string => !!u);
  if (refs.length) detail.push(`<h4>References</h4><ul>${refs.map((u) => `<li><a href="${esc(u)}" rel="noreferrer">${esc(u)}</a></li>`).join('')}</ul>`);
  return (
    `<tr class="finding"${withId ? ` id="finding-${esc(f.fingerprint)}"` : ''} data-severity="${esc(f.severity)}" data-category="${cat}" data-search="${esc(search)}">` +
    `<td>${chip(f.severity)}</td><td class="ident"><code title="${esc(f.rule)}">${esc(f.rule)}</code></td>` +
    `<td class="mono path">${pathHtml(loc(f))}${f.commit ? ` <span class="muted">@${esc(f.commit.slice(0, 10))}</span>` : ''}</td>` +
    `<td><details><summary>${esc(f.message)}</summary><div class="finding-detail">${detail.join('')}</div></details></td></tr>`
  );
}

/** A path that may break only after a separator, never inside a name. */
export function pathHtml(p: string): string {
  return p
    .split('/')
    .map((part) => `<span class="seg">${esc(part)}</span>`)
    .join('/<wbr>');
}

function findings(report: ScanReport, initialRows: number, lookup: (id: string) => RuleMeta | undefined): string {
  const total = report.findings.length;
  const out = [`<section id="findings"><h2>Findings (${total})</h2>`];
  if (!total) return out.concat('<p class="empty">No findings.</p></section>').join('');
  const catOptions = CATEGORIES.filter(([c]) => (report.summary.byCategory[c] ?? 0) > 0).map(([c, label]) => `<option value="${c}">${label}</option>`);
  const sevOptions = SEVERITIES.filter((s) => (report.summary.bySeverity[s] ?? 0) > 0).map((s) => `<option value="${s}">${s}</option>`);
  out.push(
    '<div class="controls">',
    `<label>Category <select id="filter-category"><option value="">all</option>${catOptions.join('')}</select></label>`,
    `<label>Severity <select id="filter-severity"><option value="">all</option>${sevOptions.join('')}</select></label>`,
    '<input id="filter-text" type="search" placeholder="Search rule, path, message…" aria-label="Search findings">',
    `<span id="findings-count" class="muted">${Math.min(total, initialRows)} of ${total} shown</span>`,
    total > initialRows ? `<button id="show-all" type="button">Show all ${total}</button>` : '',
    '</div>',
  );
  const rules = new Map<string, RuleMeta | undefined>();
  const seen = new Set<string>();
  const rows = report.findings.map((f) => {
    const first = !seen.has(f.fingerprint);
    seen.add(f.fingerprint);
    return findingRow(f, rules, lookup, first);
  });
  out.push(`<table id="findings-table"><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>What (open for evidence, why and fix)</th></tr></thead><tbody id="findings-body">${rows.slice(0, initialRows).join('')}</tbody></table>`);
  if (rows.length > initialRows) out.push(`<template id="more-findings">${rows.slice(initialRows).join('')}</template>`);
  out.push('</section>');
  return out.join('');
}

function healthChecks(report: ScanReport): string {
  const h = report.health;
  if (!h?.checks.length) return '';
  const row = (c: HealthCheck) =>
    `<tr id="check-${esc(c.id)}"><td>${chip(c.status)}</td><td class="ident"><code title="${esc(c.id)}">${esc(c.id)}</code></td><td>${esc(c.category)}</td><td class="num">${esc(Math.round(c.score * 10) / 10)}/10</td>` +
    `<td>${c.evidence
      .slice(0, 2)
      .map((e) => `${e.path ? `<span class="mono path">${pathHtml(loc({ path: e.path, line: e.line }))}</span> ` : ''}${esc(e.message)}`)
      .join('<br>')}${c.evidence.length > 2 ? `<br><span class="muted">+${c.evidence.length - 2} more</span>` : ''}</td><td>${esc(c.remediation)}</td></tr>`;
  const ordered = orderChecks(h.checks);
  const open = ordered.filter((c) => c.status === 'fail' || c.status === 'warn');
  const rest = ordered.filter((c) => c.status !== 'fail' && c.status !== 'warn');
  const head = '<thead><tr><th>Status</th><th>Check</th><th>Category</th><th class="num">Score</th><th>Evidence</th><th>What to do</th></tr></thead>';
  return (
    `<section id="health"><h2>Health checks</h2>` +
    (open.length ? `<table id="health-open">${head}<tbody>${open.map(row).join('')}</tbody></table>` : '<p>Every check passed.</p>') +
    (rest.length ? `<details id="health-passed"><summary>${rest.length} passed or skipped</summary><table>${head}<tbody>${rest.map(row).join('')}</tbody></table></details>` : '') +
    '</section>'
  );
}

function brief(report: ScanReport): string {
  if (!report.brief) return '';
  try {
    // Folded: the brief is long (every route, every command) and has its own Markdown and HTML forms.
    const b = report.brief;
    const counts = [`${b.routes?.length ?? 0} routes`, `${b.cli?.length ?? 0} CLI commands`, `${b.envVars?.length ?? 0} environment variables`].join(', ');
    return `<details id="brief-fold"><summary><h2>Handoff brief</h2> <span class="muted">how to run it, where work enters, what it talks to, who knows what (${esc(counts)})</span></summary>${renderBriefSection(report)}</details>`;
  } catch (err) {
    // One broken section must not cost the reader the rest of the report.
    return `<section id="brief"><h2>Handoff brief</h2><p class="empty">The brief could not be rendered: ${esc((err as Error).message)}</p></section>`;
  }
}

function errors(report: ScanReport): string {
  if (!report.errors.length) return '';
  const rows = report.errors.slice(0, 500).map((e) => `<tr><td class="mono">${esc(loc(e))}</td><td>${esc(e.message)}</td></tr>`);
  return `<section id="errors"><h2>Inputs that could not be read (${report.errors.length})</h2><details><summary>Show</summary><table><tbody>${rows.join('')}</tbody></table></details></section>`;
}

/**
 * Defaults for every part a section reads. Stored reports come from older or newer pyvet versions and
 * the dashboard re-renders them: a missing array must render as empty, not crash the page.
 */
function complete(r: ScanReport): ScanReport {
  const h = r.health;
  return {
    ...r,
    sections: r.sections ?? [],
    dependencies: (r.dependencies ?? []).map((d) => ({ ...d, vulns: d.vulns ?? [] })),
    findings: r.findings ?? [],
    errors: r.errors ?? [],
    summary: { ...r.summary, score: r.summary?.score ?? null, files: r.summary?.files ?? 0, durationMs: r.summary?.durationMs ?? 0, bySeverity: r.summary?.bySeverity ?? {}, byCategory: r.summary?.byCategory ?? {}, phases: r.summary?.phases ?? {} },
    health: h && {
      ...h,
      categories: h.categories ?? {},
      checks: (h.checks ?? []).map((c) => ({ ...c, evidence: c.evidence ?? [] })),
      metrics: { ...h.metrics, functions: h.metrics?.functions ?? [], git: h.metrics?.git ? { ...h.metrics.git, hotspots: h.metrics.git.hotspots ?? [] } : null },
    },
  } as ScanReport;
}

/** One self-contained page: inline CSS, SVG and script; no network; every repository string escaped. */
export function renderHtml(input: ScanReport, opts: HtmlOptions = {}): string {
  const report = complete(input);
  const initialRows = opts.initialRows ?? 100;
  const name = projectName(report);
  const phases = Object.entries(report.summary.phases)
    .map(([k, v]) => `${esc(k)} ${v} ms`)
    .join(' · ');
  const toc = [
    ['overview', 'Overview'],
    ['charts', 'Charts'],
    ['dependencies', 'Dependencies'],
    ['findings', 'Findings'],
    ...(report.health?.checks.length ? [['health', 'Health checks']] : []),
    ...(report.brief ? [['brief', 'Handoff brief']] : []),
    ...(report.errors.length ? [['errors', 'Unreadable inputs']] : []),
  ];
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network, and only our own script runs: a payload that slipped past escaping could not execute.
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    `<title>pyvet report: ${esc(name)}</title><style>${CSS}</style></head><body>`,
    opts.nav ?? '',
    `<header class="top"><div><h1>pyvet report: ${esc(name)}</h1>`,
    `<div class="meta"><span class="mono">${esc(report.root)}</span>${report.commit ? ` · commit <span class="mono">${esc(report.commit.slice(0, 12))}</span>` : ''} · ${esc(report.scannedAt.slice(0, 16).replace('T', ' '))} UTC · pyvet ${esc(report.version)}</div></div>`,
    '<button id="theme-toggle" type="button" title="Switch light/dark">◐ Theme</button></header>',
    `<main><nav class="toc">${toc.map(([id, label]) => `<a href="#${id}">${label}</a>`).join(' · ')}</nav>`,
    opts.lead ?? '',
    overview(report),
    charts(report),
    dependencies(report),
    findings(report, initialRows, opts.rules ?? ruleById),
    healthChecks(report),
    brief(report),
    errors(report),
    '</main>',
    `<footer>${phases ? `Time per phase: ${phases}.` : ''}</footer>`,
    `<script type="application/json" id="pyvet-data">${jsonForScript({ findings: report.findings.length })}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
  ].join('\n');
}
