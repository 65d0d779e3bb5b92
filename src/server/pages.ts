import { SEVERITIES } from '../core/severity.js';
import { REPORT_CSP } from '../report/html.js';
import { CSS, SCRIPT } from '../report/html/assets.js';
import { lineChart } from '../report/html/charts.js';
import { esc, num } from '../report/html/escape.js';
import type { HistoryStore, RepoSummary, StoredFinding, TrendPoint } from '../store/index.js';
import type { ScanDiff } from '../store/diff.js';

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

/** A small score line for the repositories table. */
export function sparkline(points: TrendPoint[]): string {
  const vals = points.map((p) => p.score).filter((s): s is number => s !== null);
  if (vals.length < 2) return '';
  const w = 120;
  const h = 28;
  const d = vals.map((v, i) => `${i ? 'L' : 'M'}${num((i / (vals.length - 1)) * (w - 4) + 2)} ${num(h - 2 - (v / 100) * (h - 4))}`).join(' ');
  return `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="score trend" xmlns="http://www.w3.org/2000/svg"><path class="line s-score" d="${d}" fill="none"/></svg>`;
}

export async function reposPage(store: HistoryStore): Promise<string> {
  const repos = await store.repos();
  const trends = await Promise.all(repos.map((r) => store.trend(r.key, 30)));
  if (!repos.length) return shell('pyvet dashboard', '<p class="empty">No scans recorded yet. Run <code>pyvet scan</code> in a repository.</p>');
  const rows = repos.map(
    (r: RepoSummary, i) =>
      `<tr class="repo"><td><a href="/repo/${r.id}">${esc(r.name)}</a><br><span class="muted mono">${esc(r.key)}</span></td>` +
      `<td class="num">${score(r.latest)}</td><td>${sparkline(trends[i]!)}</td><td>${r.latest ? counts(r.latest) : ''}</td>` +
      `<td class="num">${r.scans}</td><td>${r.latest ? `<a href="/scan/${r.latest.id}">${when(r.latest.scannedAt)}</a>` : ''}</td>` +
      `<td class="mono">${esc(r.latest?.commit?.slice(0, 10) ?? '')}</td></tr>`,
  );
  return shell(
    'pyvet dashboard',
    `<section id="repos"><h2>Repositories (${repos.length})</h2><table><thead><tr><th>Repository</th><th class="num">Score</th><th>Trend</th><th>Findings</th><th class="num">Scans</th><th>Last scan</th><th>Commit</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
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
          oldestFirst.map((p) => p.scannedAt.slice(0, 10)),
          [
            { name: 'health score', cls: 's-score', values: oldestFirst.map((p) => (p.score === null ? null : Math.round(p.score))), max: 100 },
            { name: 'findings', cls: 's-findings', values: oldestFirst.map((p) => p.findings) },
          ],
          `Score and findings over ${oldestFirst.length} scans`,
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
    repo.name,
    `<p class="meta mono">${esc(repo.key)}</p><section id="trend"><h2>Over time</h2><div class="card">${chart}</div></section>` +
      `<section id="scans"><h2>Scans (${scans.length})</h2><table><thead><tr><th>Scan</th><th>Date</th><th>Commit</th><th class="num">Score</th><th>Findings</th><th class="num">New / fixed</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    breadcrumb([{ href: '/', label: 'Repositories' }, { label: repo.name }]),
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
    `${repo.name}: scan #${d.to.id}`,
    `<p class="meta">Scan ${label(d.to)} against ${label(d.from)}</p>` +
      `<section id="new"><h2>New (${d.new.length})</h2>${diffTable(d.new, d.to.id, 'No new findings.')}</section>` +
      `<section id="fixed"><h2>Fixed (${d.fixed.length})</h2>${diffTable(d.fixed, d.from.id, 'Nothing fixed.')}</section>`,
    breadcrumb([{ href: '/', label: 'Repositories' }, { href: `/repo/${repo.id}`, label: repo.name }, { href: `/scan/${d.to.id}`, label: `scan #${d.to.id}` }, { label: 'changes' }]),
  );
}
