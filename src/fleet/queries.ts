import { satisfies, validRange } from '@renovatebot/pep440';
import type { PostgresStore } from '../store/postgres.js';

/** The newest scan of every repository. */
const LATEST = 'SELECT DISTINCT ON (repo_id) id, repo_id FROM pyvet.scans ORDER BY repo_id, id DESC';

/** PEP 503 name normalisation, as the dependency inventory stores names. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export interface DependentRepo {
  repoId: number;
  name: string;
  key: string;
  version: string | null;
}

/**
 * Repositories whose latest scan depends on a package, optionally only where its pinned version is in a
 * PEP 440 range (`<2.20`, `>=1.0,<2`). An unpinned dependency matches no range: its version is unknown.
 */
export async function dependents(store: PostgresStore, pkg: string, range?: string): Promise<DependentRepo[]> {
  if (range && !validRange(range)) throw new Error(`not a PEP 440 version range: ${range}`);
  const r = await store.guard(() =>
    store.pool.query<DependentRepo>(
      `SELECT DISTINCT r.id AS "repoId", r.name, r.key, d.version FROM (${LATEST}) l
       JOIN pyvet.dependencies d ON d.scan_id = l.id JOIN pyvet.repos r ON r.id = l.repo_id
       WHERE d.name = $1 ORDER BY r.name, d.version`,
      [normalizeName(pkg)],
    ),
  );
  return range ? r.rows.filter((d) => d.version !== null && satisfies(d.version, range)) : r.rows;
}

export interface RuleHit {
  repoId: number;
  name: string;
  key: string;
  findings: number;
}

/** Repositories whose latest scan has findings of a rule, most findings first. */
export async function withRule(store: PostgresStore, rule: string): Promise<RuleHit[]> {
  const r = await store.guard(() =>
    store.pool.query<RuleHit>(
      `SELECT r.id AS "repoId", r.name, r.key, count(*)::int AS findings FROM (${LATEST}) l
       JOIN pyvet.findings f ON f.scan_id = l.id JOIN pyvet.repos r ON r.id = l.repo_id
       WHERE f.rule = $1 GROUP BY r.id ORDER BY findings DESC, r.name`,
      [rule],
    ),
  );
  return r.rows;
}

export interface NewFinding {
  repoId: number;
  name: string;
  scanId: number;
  rule: string;
  path: string;
  line: number;
  message: string;
  fingerprint: string;
}

/**
 * Critical findings of each repository's latest scan that its last scan before `since` did not have
 * (all of them when it had no scan before). A repository not scanned since then has nothing new.
 */
export async function newCriticals(store: PostgresStore, since: Date): Promise<NewFinding[]> {
  const r = await store.guard(() =>
    store.pool.query<NewFinding>(
      `WITH latest AS (${LATEST}),
            base AS (SELECT DISTINCT ON (repo_id) id, repo_id FROM pyvet.scans WHERE scanned_at < $1 ORDER BY repo_id, id DESC)
       SELECT r.id AS "repoId", r.name, l.id AS "scanId", f.rule, f.path, f.line, f.message, f.fingerprint
       FROM latest l JOIN pyvet.repos r ON r.id = l.repo_id
       JOIN pyvet.findings f ON f.scan_id = l.id AND f.severity = 'critical'
       LEFT JOIN base b ON b.repo_id = l.repo_id
       WHERE b.id IS DISTINCT FROM l.id
         AND NOT EXISTS (SELECT 1 FROM pyvet.findings g WHERE g.scan_id = b.id AND g.fingerprint = f.fingerprint)
       ORDER BY r.name, f.path, f.line`,
      [since.toISOString()],
    ),
  );
  return r.rows;
}
