import { SEVERITIES } from '../core/severity.js';
import { esc } from '../report/html/escape.js';
import type { TrendPoint } from '../store/index.js';
import type { PostgresStore } from '../store/postgres.js';
import { fleetRows, type FleetRow } from '../fleet/report.js';
import { dependents, newCriticals, withRule, type NewFinding } from '../fleet/queries.js';
import { counts, score, shell, sparkline, when } from './pages.js';

/** Ways to order the fleet table; `risk` is the default (criticals, then highs, then lowest score). */
const SORTS: Record<string, (a: FleetRow, b: FleetRow) => number> = {
  risk: () => 0,
  score: (a, b) => (a.score ?? 101) - (b.score ?? 101),
  name: (a, b) => a.name.localeCompare(b.name),
  findings: (a, b) => b.findings - a.findings,
  scanned: (a, b) => (b.scannedAt ?? '').localeCompare(a.scannedAt ?? ''),
};

export interface FleetQuery {
  sort: string;
  /** Text in the name or key. */
  q: string;
  /** Only repositories with a finding at this severity. */
  severity: string;
  dep: string;
  range: string;
  rule: string;
  /** Only repositories with this bus factor. */
  bus: string;
}

export function parseFleetQuery(p: URLSearchParams): FleetQuery {
  const get = (k: string) => (p.get(k) ?? '').trim().slice(0, 200);
  const sort = get('sort');
  return { sort: sort in SORTS ? sort : 'risk', q: get('q'), severity: (SEVERITIES as readonly string[]).includes(get('severity')) ? get('severity') : '', dep: get('dep'), range: get('range'), rule: get('rule'), bus: /^\d{1,3}$/.test(get('bus')) ? get('bus') : '' };
}

/** The fleet table's rows after every filter of the query; errors in the query (a bad range) are returned, not thrown. */
export async function filteredFleet(store: PostgresStore, q: FleetQuery): Promise<{ rows: FleetRow[]; notes: Map<string, string>; error: string | null }> {
  let rows = await fleetRows(store);
  const notes = new Map<string, string>();
  let error: string | null = null;
  if (q.q) rows = rows.filter((r) => r.name.toLowerCase().includes(q.q.toLowerCase()) || r.key.toLowerCase().includes(q.q.toLowerCase()));
  if (q.severity) rows = rows.filter((r) => (r.bySeverity[q.severity] ?? 0) > 0);
  if (q.bus) rows = rows.filter((r) => r.busFactor === Number(q.bus));
  if (q.dep) {
    try {
      const hits = await dependents(store, q.dep, q.range || undefined);
      const byKey = new Map<string, string[]>();
      for (const h of hits) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.version ?? 'unpinned']);
      rows = rows.filter((r) => byKey.has(r.key));
      for (const [k, v] of byKey) notes.set(k, `${q.dep} ${v.join(', ')}`);
    } catch (err) {
      error = (err as Error).message;
      rows = [];
    }
  }
  if (q.rule) {
    const hits = new Map((await withRule(store, q.rule)).map((h) => [h.key, h.findings]));
    rows = rows.filter((r) => hits.has(r.key));
    for (const r of rows) notes.set(r.key, [notes.get(r.key), `${hits.get(r.key)} × ${q.rule}`].filter(Boolean).join('; '));
  }
  rows = [...rows].sort(SORTS[q.sort]);
  return { rows, notes, error };
}

function link(q: FleetQuery, change: Partial<FleetQuery>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...change })) if (v && !(k === 'sort' && v === 'risk')) p.set(k, v);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

function newCriticalsSection(items: NewFinding[]): string {
  if (!items.length) return '<section id="new-criticals"><h2>New criticals since yesterday</h2><p class="empty">None.</p></section>';
  const rows = items.map(
    (f) =>
      `<tr class="new-critical"><td><a href="/repo/${f.repoId}">${esc(f.name)}</a></td><td><code>${esc(f.rule)}</code></td>` +
      `<td class="mono">${esc(f.path)}${f.line ? `:${f.line}` : ''}</td><td><a href="/scan/${f.scanId}#finding-${esc(encodeURIComponent(f.fingerprint))}">${esc(f.message)}</a></td></tr>`,
  );
  return `<section id="new-criticals"><h2>New criticals since yesterday (${items.length})</h2><table><thead><tr><th>Repository</th><th>Rule</th><th>Where</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** The fleet overview: new criticals, a filter and query form, and every repository ranked by risk. */
export async function fleetPage(store: PostgresStore, q: FleetQuery, now = new Date()): Promise<string> {
  const [{ rows, notes, error }, fresh] = await Promise.all([filteredFleet(store, q), newCriticals(store, new Date(now.getTime() - 24 * 3600_000))]);
  const input = (name: keyof FleetQuery, label: string, placeholder: string) =>
    `<label>${label} <input name="${name}" value="${esc(q[name])}" placeholder="${esc(placeholder)}"></label>`;
  const form =
    '<form id="fleet-query" method="get" action="/" class="card">' +
    input('q', 'Name', 'text in the name') +
    `<label>Severity <select name="severity"><option value="">any</option>${SEVERITIES.map((s) => `<option${q.severity === s ? ' selected' : ''}>${s}</option>`).join('')}</select></label>` +
    input('dep', 'Depends on', 'package') +
    input('range', 'Version range', 'e.g. <2.20') +
    input('rule', 'Has findings of rule', 'e.g. deps.vulnerable') +
    input('bus', 'Bus factor', '1') +
    (q.sort !== 'risk' ? `<input type="hidden" name="sort" value="${esc(q.sort)}">` : '') +
    '<button type="submit">Apply</button> <a href="/">Clear</a></form>';
  const th = (key: string, label: string, cls = '') => `<th${cls ? ` class="${cls}"` : ''}><a href="${esc(link(q, { sort: key }))}"${q.sort === key ? ' aria-sort="ascending"' : ''}>${label}</a></th>`;
  const body = rows.map((r) => {
    const latest: TrendPoint | null = r.scanId === null ? null : { id: r.scanId, scannedAt: r.scannedAt ?? '', commit: r.commit, score: r.score, bySeverity: r.bySeverity, findings: r.findings };
    const trend: TrendPoint[] = r.trend.map((t, i) => ({ id: i, scannedAt: t.scannedAt, commit: t.commit, score: t.score, bySeverity: {}, findings: t.findings }));
    const note = notes.get(r.key);
    return (
      `<tr class="repo"><td><a href="/repo/${r.repoId}">${esc(r.name)}</a><br><span class="muted mono">${esc(r.remote ?? r.key)}</span>${note ? `<br><span class="muted">${esc(note)}</span>` : ''}</td>` +
      `<td class="num">${score(latest)}</td><td>${sparkline(trend)}</td><td>${latest ? counts(latest) : ''}</td>` +
      `<td class="num">${r.busFactor ?? '–'}</td><td class="num">${r.scans}</td><td>${latest ? `<a href="/scan/${latest.id}">${when(latest.scannedAt)}</a>` : ''}</td></tr>`
    );
  });
  const table = rows.length
    ? `<table><thead><tr>${th('name', 'Repository')}${th('score', 'Score', 'num')}<th>Trend</th>${th('findings', 'Findings')}<th class="num">Bus factor</th><th class="num">Scans</th>${th('scanned', 'Last scan')}</tr></thead><tbody>${body.join('')}</tbody></table>`
    : '<p class="empty">No repository matches.</p>';
  return shell(
    'pyvet fleet',
    newCriticalsSection(fresh) +
      `<section id="query"><h2>Find</h2>${form}${error ? `<p class="error">${esc(error)}</p>` : ''}</section>` +
      `<section id="repos"><h2>Repositories (${rows.length}), ${q.sort === 'risk' ? 'riskiest first' : `by ${esc(q.sort)}`}</h2>${table}</section>`,
  );
}
