import { SEVERITIES } from '../core/severity.js';
import { POINT_COLUMNS, toPoint, type ScanRow, type TrendPoint } from '../store/index.js';
import type { PostgresStore } from '../store/postgres.js';

/** One repository of the fleet with its latest scan. */
export interface FleetRow {
  name: string;
  key: string;
  /** Where the fleet fetches it (credentials never stored), or null for a repository only scanned by hand. */
  remote: string | null;
  root: string;
  commit: string | null;
  scannedAt: string | null;
  score: number | null;
  bySeverity: Record<string, number>;
  findings: number;
  /** How many scans of it are recorded. */
  scans: number;
  /** Its last scans, oldest first. */
  trend: { scannedAt: string; commit: string | null; score: number | null; findings: number }[];
  /** Fewest authors who wrote most of the current code, from the latest scan's health review. */
  busFactor: number | null;
  repoId: number;
  scanId: number | null;
}

/** Every repository in the store (fleet or not), riskiest first: most criticals, then highs, then lowest score. */
export async function fleetRows(store: PostgresStore, trendLength = 10): Promise<FleetRow[]> {
  return store.guard(async () => {
    const r = await store.pool.query<
      Partial<ScanRow> & { repo_id: number; key: string; name: string; root: string; source: string | null; scan_count: number; bus_factor: number | null; trend: TrendPoint[] | null }
    >(
      `SELECT r.id AS repo_id, r.key, r.name, r.root, fr.source, c.n AS scan_count, ${POINT_COLUMNS},
              (s.report #>> '{health,metrics,git,busFactor}')::int AS bus_factor, t.trend
       FROM pyvet.repos r
       LEFT JOIN pyvet.fleet_repos fr ON fr.key = r.key
       CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM pyvet.scans WHERE repo_id = r.id) c
       LEFT JOIN LATERAL (SELECT * FROM pyvet.scans WHERE repo_id = r.id ORDER BY id DESC LIMIT 1) s ON true
       CROSS JOIN LATERAL (
         SELECT json_agg(json_build_object('scannedAt', x.scanned_at, 'commit', x.commit_sha, 'score', x.score, 'findings', x.findings) ORDER BY x.id) AS trend
         FROM (SELECT * FROM pyvet.scans WHERE repo_id = r.id ORDER BY id DESC LIMIT $1) x
       ) t
       ORDER BY s.critical DESC NULLS LAST, s.high DESC NULLS LAST, s.score ASC NULLS LAST, r.name`,
      [trendLength],
    );
    return r.rows.map((row) => {
      const latest = row.id == null ? null : toPoint(row as ScanRow);
      return {
        name: row.name,
        key: row.key,
        remote: row.source ?? (/^[a-z][a-z0-9+.-]*:\/\/|^[\w.-]+@[\w.-]+:/i.test(row.key) ? row.key : null),
        root: row.root,
        commit: latest?.commit ?? null,
        scannedAt: latest?.scannedAt ?? null,
        score: latest?.score ?? null,
        bySeverity: latest?.bySeverity ?? Object.fromEntries(SEVERITIES.map((s) => [s, 0])),
        findings: latest?.findings ?? 0,
        scans: row.scan_count,
        trend: (row.trend ?? []) as FleetRow['trend'],
        busFactor: row.bus_factor,
        repoId: row.repo_id,
        scanId: latest?.id ?? null,
      };
    });
  });
}

export function renderFleetText(rows: FleetRow[]): string {
  if (!rows.length) return 'No repositories recorded yet. Queue some with `pyvet fleet add`.\n';
  const w = Math.min(40, Math.max(10, ...rows.map((r) => r.name.length)));
  const head = `${'repository'.padEnd(w)}  score  crit  high   med   low  scans  commit      scanned`;
  const body = rows.map((r) => {
    const n = (s: string) => String(r.bySeverity[s] ?? 0).padStart(4);
    const score = r.score === null ? '    -' : String(Math.round(r.score)).padStart(5);
    return `${r.name.slice(0, w).padEnd(w)}  ${score}  ${n('critical')}  ${n('high')}  ${n('medium')}  ${n('low')}  ${String(r.scans).padStart(5)}  ${(r.commit ?? '-').slice(0, 10).padEnd(10)}  ${(r.scannedAt ?? '-').replace('T', ' ').slice(0, 16)}`;
  });
  return [head, ...body].join('\n') + '\n';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page (no script, no external resource) with one row per repository. */
export function renderFleetHtml(rows: FleetRow[]): string {
  const tr = rows.map((r) => {
    const cells = [
      `<td>${esc(r.name)}<br><small>${esc(r.remote ?? r.key)}</small></td>`,
      `<td class="n">${r.score === null ? '–' : Math.round(r.score)}</td>`,
      ...['critical', 'high', 'medium', 'low'].map((s) => `<td class="n">${r.bySeverity[s] ?? 0}</td>`),
      `<td class="n">${r.busFactor ?? '–'}</td>`,
      `<td class="n">${r.scans}</td>`,
      `<td><code>${esc((r.commit ?? '').slice(0, 10))}</code></td>`,
      `<td>${esc((r.scannedAt ?? '').replace('T', ' ').slice(0, 16))}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pyvet fleet report</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}small{color:#666}</style>
</head><body><h1>pyvet fleet report</h1><p>${rows.length} repositories, riskiest first.</p>
<table><thead><tr><th>Repository</th><th>Score</th><th>Critical</th><th>High</th><th>Medium</th><th>Low</th><th>Bus factor</th><th>Scans</th><th>Commit</th><th>Scanned</th></tr></thead>
<tbody>${tr.join('\n')}</tbody></table></body></html>
`;
}
