import path from 'node:path';
import { SEVERITIES } from '../core/severity.js';
import { REPORT_CSP } from '../report/html.js';
import { CSS, SCRIPT } from '../report/html/assets.js';
import { lineChart } from '../report/html/charts.js';
import { esc, num } from '../report/html/escape.js';
import type { HistoryStore, RepoSummary, StoredFinding, TrendPoint } from '../store/index.js';
import { diffScans, type ScanDiff } from '../store/diff.js';

/** Dashboard pages: the report's look, every string from the store escaped. */

export function shell(title: string, body: string, nav = ''): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>`,
    nav,
    `<header class="top"><div><h1>${esc(title)}</h1></div><button id="theme-toggle" type="button" title="Switch light/dark">◐ Theme</button></header>`,
    `<main>${body}</main>`,
    `<footer>pyvet dashboard · read-only view of the history database</footer><script>${SCRIPT}</script></body></html>`,
  ].join('\n');
}

/** Breadcrumb above a page: links are ours, labels come from the store. */
export function breadcrumb(parts: { href?: string; label: string }[]): string {
  return `<nav class="crumbs">${parts
    .map((p) => (p.href ? `<a href="${esc(p.href)}">${esc(p.label)}</a>` : `<span>${esc(p.label)}</span>`))
    .join(' › ')}</nav>`;
}

export function counts(p: TrendPoint): string {
  const chips = SEVERITIES.filter((s) => (p.bySeverity[s] ?? 0) > 0).map((s) => `<span class="chip ${s}">${p.bySeverity[s]} ${s}</span>`);
  return chips.join(' ') || '<span class="muted">none</span>';
}

export function score(p: TrendPoint | null): string {
  return p?.score === null || p?.score === undefined ? '<span class="muted">–</span>' : `<strong>${Math.round(p.score)}</strong>`;
}

export function when(iso: string): string {
  return esc(iso.replace('T', ' ').slice(0, 16));
}

/**
 * What a team calls a repository: owner/name from its remote (https, ssh, scp-like, or a local path used as
 * a remote: its last two folders), with the sub-folder for a monorepo part; the folder name when it has no
 * remote (the key is then the folder's absolute path).
 */
export function repoName(key: string): string {
  const [base = key, sub] = key.split('#');
  const isLocalFolder = !sub && path.isAbsolute(base) && !/\.git\/?$/.test(base) && !base.includes('://');
  const parts = base
    .replace(/^[a-z+]+:\/\/[^/]*\/?/i, '') // scheme and host
    .replace(/^[^@/]+@[^:/]+:/, '') // scp-like user@host:
    .replace(/\.git\/?$/, '')
    .split(/[/\\]/)
    .filter(Boolean);
  const name = isLocalFolder ? (parts.pop() ?? key) : parts.slice(-2).join('/') || key;
  return sub ? `${name}/${sub}` : name;
}

/** A small score line for the repositories table, with the first and latest values written beside it. */
export function sparkline(points: TrendPoint[]): string {
  const vals = points.map((p) => p.score).filter((s): s is number => s !== null);
  if (vals.length < 2) return vals.length ? `<span class="spark-values">${Math.round(vals[0]!)}</span>` : '';
  const w = 120;
  const h = 28;
  const xy = (v: number, i: number) => [num((i / (vals.length - 1)) * (w - 4) + 2), num(h - 2 - (v / 100) * (h - 4))] as const;
  const d = vals.map((v, i) => `${i ? 'L' : 'M'}${xy(v, i).join(' ')}`).join(' ');
  const [lx, ly] = xy(vals[vals.length - 1]!, vals.length - 1);
  const first = Math.round(vals[0]!);
  const last = Math.round(vals[vals.length - 1]!);
  const dots = vals.map((v, i) => `<circle class="pt s-score" cx="${xy(v, i)[0]}" cy="${xy(v, i)[1]}" r="1.5"><title>${Math.round(v)}</title></circle>`).join('');
  return (
    `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="score ${first} to ${last} over ${vals.length} scans" xmlns="http://www.w3.org/2000/svg">` +
    `<path class="line s-score" d="${d}" fill="none"/>${dots}<circle class="pt s-score" cx="${lx}" cy="${ly}" r="3"/></svg>` +
    ` <span class="spark-values">${first} → <strong>${last}</strong></span>`
  );
}

/** Findings at this severity or above that the latest scan of a repository has and the one before did not. */
const NEW_SEVERITIES = new Set(['critical', 'high']);

export async function reposPage(store: HistoryStore): Promise<string> {
  const repos = await store.repos();
  if (!repos.length) return shell('pyvet dashboard', '<p class="empty">No scans recorded yet. Run <code>pyvet scan</code> in a repository.</p>');
  const fresh: { repo: RepoSummary; scanId: number; f: StoredFinding }[] = [];
  const rows = await Promise.all(repos.map(async (r: RepoSummary) => {
    const name = repoName(r.key);
    const [latest, previous] = await store.scans(r.key, 2);
    if (latest && previous) for (const f of (await diffScans(store, r.key, previous.id, latest.id)).new) if (NEW_SEVERITIES.has(f.severity)) fresh.push({ repo: r, scanId: latest.id, f });
    const trend = await store.trend(r.key, 30);
    const sev = (s: string) => r.latest?.bySeverity[s] ?? 0;
    // data-value: what the column sorts by (numbers compare as numbers).
    return (
      `<tr class="repo" data-search="${esc(`${name} ${r.key}`.toLowerCase())}"><td data-value="${esc(name.toLowerCase())}"><a href="/repo/${r.id}">${esc(name)}</a><br><span class="muted mono">${esc(r.key)}</span></td>` +
      `<td class="num" data-value="${r.latest?.score ?? -1}">${score(r.latest)}</td><td>${sparkline(trend)}</td>` +
      `<td data-value="${sev('critical') * 1e6 + sev('high') * 1e3 + sev('medium')}">${r.latest ? counts(r.latest) : ''}</td>` +
      `<td class="num" data-value="${r.scans}">${r.scans}</td><td data-value="${esc(r.latest?.scannedAt ?? '')}">${r.latest ? `<a href="/scan/${r.latest.id}">${when(r.latest.scannedAt)}</a>` : ''}</td>` +
      `<td class="mono">${esc(r.latest?.commit?.slice(0, 10) ?? '')}</td></tr>`
    );
  }));
  const sortable = (label: string, cls = '') => `<th${cls ? ` class="${cls}"` : ''}><button type="button" class="sort">${label}</button></th>`;
  const freshRows = fresh
    .sort((a, b) => (a.f.severity === b.f.severity ? 0 : a.f.severity === 'critical' ? -1 : 1))
    .map(
      ({ repo, scanId, f }) =>
        `<tr><td><span class="chip ${esc(f.severity)}">${esc(f.severity)}</span></td><td><a href="/repo/${repo.id}">${esc(repoName(repo.key))}</a></td><td class="ident"><code title="${esc(f.rule)}">${esc(f.rule)}</code></td>` +
        `<td class="mono">${esc(f.path)}${f.line ? `:${f.line}` : ''}</td><td><a href="/scan/${scanId}#finding-${esc(encodeURIComponent(f.fingerprint))}">${esc(f.message)}</a></td></tr>`,
    );
  const freshSection =
    `<section id="new-critical"><h2>New critical and high findings (${fresh.length})</h2>` +
    (fresh.length
      ? `<p class="muted">In each repository's latest scan and not in the scan before it.</p><table><thead><tr><th>Severity</th><th>Repository</th><th>Rule</th><th>Where</th><th>What</th></tr></thead><tbody>${freshRows.join('')}</tbody></table>`
      : '<p class="empty">No repository gained a critical or high finding in its latest scan.</p>') +
    '</section>';
  return shell(
    'pyvet dashboard',
    freshSection +
      `<section id="repos"><h2>Repositories (${repos.length})</h2>` +
      '<div class="controls"><input id="filter-repos" type="search" placeholder="Filter repositories…" aria-label="Filter repositories"><span class="muted">Click a column to sort.</span></div>' +
      `<table id="repos-table" class="sortable"><thead><tr>${sortable('Repository')}${sortable('Score', 'num')}<th>Score trend</th>${sortable('Findings')}${sortable('Scans', 'num')}${sortable('Last scan')}<th>Commit</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
  );
}

/** The top of a scan's page in the dashboard: what it changed against the scan before, before the full report. */
export function scanLead(scanId: number, d: ScanDiff | null): string {
  if (!d) return '<section id="scan-changes"><h2>This scan</h2><p class="empty">The first recorded scan of this repository: nothing to compare with.</p></section>';
  const top = (rows: StoredFinding[]) => rows.slice(0, 10);
  return (
    `<section id="scan-changes"><h2>What changed since scan #${d.from.id} (${when(d.from.scannedAt)})</h2>` +
    `<p><strong>${d.new.length}</strong> new, <strong>${d.fixed.length}</strong> fixed` +
    (d.from.score !== null && d.to.score !== null ? `; score ${Math.round(d.from.score)} → <strong>${Math.round(d.to.score)}</strong>` : '') +
    ` · <a href="/scan/${scanId}/diff">all changes</a></p>` +
    (d.new.length ? `<h3>New</h3>${diffTable(top(d.new), scanId, '')}${d.new.length > 10 ? `<p class="muted">+${d.new.length - 10} more in <a href="/scan/${scanId}/diff">all changes</a>.</p>` : ''}` : '') +
    (d.fixed.length ? `<h3>Fixed</h3>${diffTable(top(d.fixed), d.from.id, '')}${d.fixed.length > 10 ? `<p class="muted">+${d.fixed.length - 10} more.</p>` : ''}` : '') +
    '</section>'
  );
}

/** How many findings each scan added and removed against the scan before it. */
async function churn(store: HistoryStore, scans: TrendPoint[]): Promise<Map<number, { added: number; removed: number }>> {
  const out = new Map<number, { added: number; removed: number }>();
  let prev: Set<string> | null = null;
  for (const s of [...scans].reverse()) {
    const fps = new Set((await store.findings(s.id)).map((f) => f.fingerprint));
    if (prev) out.set(s.id, { added: [...fps].filter((f) => !prev!.has(f)).length, removed: [...prev].filter((f) => !fps.has(f)).length });
    prev = fps;
  }
  return out;
}

const CHURN_SCANS = 50;

export async function repoPage(store: HistoryStore, repo: RepoSummary): Promise<string> {
  const scans = await store.scans(repo.key, 500);
  const oldestFirst = [...scans].reverse();
  const chart =
    oldestFirst.length >= 2
      ? lineChart(
          oldestFirst.map((p) => p.scannedAt.slice(5, 16).replace('T', ' ')),
          [
            { name: 'health score', cls: 's-score', values: oldestFirst.map((p) => (p.score === null ? null : Math.round(p.score))), max: 100 },
            { name: 'findings', cls: 's-findings', values: oldestFirst.map((p) => p.findings) },
          ],
          `Score and findings over ${oldestFirst.length} scans`,
          { x: `scan time (UTC), ${oldestFirst[0]!.scannedAt.slice(0, 4)}`, left: 'health score', right: 'findings' },
        )
      : '<p class="empty">One scan so far; the trend appears from the next one.</p>';
  const delta = await churn(store, scans.slice(0, CHURN_SCANS + 1));
  const rows = scans.map((s) => {
    const d = delta.get(s.id);
    return (
      `<tr class="scan"><td><a href="/scan/${s.id}">#${s.id}</a></td><td>${when(s.scannedAt)}</td><td class="mono">${esc(s.commit?.slice(0, 10) ?? '–')}</td>` +
      `<td class="num">${score(s)}</td><td>${counts(s)}</td><td class="num">${d ? `<a href="/scan/${s.id}/diff">+${d.added} / −${d.removed}</a>` : ''}</td></tr>`
    );
  });
  return shell(
    repoName(repo.key),
    `<p class="meta mono">${esc(repo.key)}</p><section id="trend"><h2>Over time</h2><div class="card">${chart}</div></section>` +
      `<section id="scans"><h2>Scans (${scans.length})</h2><table><thead><tr><th>Scan</th><th>Date</th><th>Commit</th><th class="num">Score</th><th>Findings</th><th class="num">New / fixed</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    breadcrumb([{ href: '/', label: 'Repositories' }, { label: repoName(repo.key) }]),
  );
}

function diffTable(rows: StoredFinding[], scanId: number, empty: string): string {
  if (!rows.length) return `<p class="empty">${empty}</p>`;
  const body = rows.map(
    (f) =>
      `<tr class="diff-row"><td><span class="chip ${esc(f.severity)}">${esc(f.severity)}</span></td><td><code>${esc(f.rule)}</code></td>` +
      `<td class="mono">${esc(f.path)}${f.line ? `:${f.line}` : ''}</td><td><a href="/scan/${scanId}#finding-${esc(encodeURIComponent(f.fingerprint))}">${esc(f.message)}</a></td></tr>`,
  );
  return `<table><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>What</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** What one scan changed against the scan before it; each finding links into the report that has it. */
export function diffPage(repo: RepoSummary, d: ScanDiff): string {
  const label = (p: TrendPoint) => `#${p.id} (${when(p.scannedAt)}${p.commit ? `, ${esc(p.commit.slice(0, 10))}` : ''})`;
  return shell(
    `${repoName(repo.key)}: scan #${d.to.id}`,
    `<p class="meta">Scan ${label(d.to)} against ${label(d.from)}</p>` +
      `<section id="new"><h2>New (${d.new.length})</h2>${diffTable(d.new, d.to.id, 'No new findings.')}</section>` +
      `<section id="fixed"><h2>Fixed (${d.fixed.length})</h2>${diffTable(d.fixed, d.from.id, 'Nothing fixed.')}</section>`,
    breadcrumb([{ href: '/', label: 'Repositories' }, { href: `/repo/${repo.id}`, label: repoName(repo.key) }, { href: `/scan/${d.to.id}`, label: `scan #${d.to.id}` }, { label: 'changes' }]),
  );
}
