import pg from 'pg';
import type { ScanReport } from '../core/report.js';
import { StoreError } from '../core/errors.js';
import { displayName, POINT_COLUMNS, scanDocument, scanRow, redactUrl, toPoint, type HistoryStore, type RepoSummary, type ScanRow, type StoredFinding, type TrendPoint } from './index.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './postgres-migrations.js';

/** One lock id for "migrating the pyvet schema", so two processes opening a new database do not both migrate it. */
const MIGRATE_LOCK = 7_007_001;


/**
 * The history store in PostgreSQL: the same interface and results as the SQLite store, shared by every
 * machine of a fleet. Tables live in the `pyvet` schema beside whatever else the database holds.
 */
export class PostgresStore implements HistoryStore {
  constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
    private readonly readonly: boolean,
  ) {}

  /** Any PostgreSQL failure becomes one StoreError naming the database (password hidden). */
  async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(`history database ${redactUrl(this.url)}: ${(err as Error).message ?? String(err)}`);
    }
  }

  /** Run `fn` in one transaction on one connection. */
  async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    });
  }

  private writable(): void {
    if (this.readonly) throw new StoreError(`history database ${redactUrl(this.url)} is open read-only`);
  }

  async recordScan(report: ScanReport, repoKey: string): Promise<number> {
    this.writable();
    return this.tx((c) => insertScan(c, report, repoKey));
  }

  /**
   * Record a scan unless the repository already has one of this commit; null when it had. Serialised per
   * repository by an advisory lock, so two workers finishing the same commit record it once.
   */
  async recordScanOnce(report: ScanReport, repoKey: string, commit: string): Promise<number | null> {
    this.writable();
    return this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [repoKey]);
      const seen = await c.query('SELECT 1 FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE r.key = $1 AND s.commit_sha = $2 LIMIT 1', [repoKey, commit]);
      if (seen.rowCount) return null;
      return insertScan(c, report, repoKey);
    });
  }

  /** Whether a scan of this repository at this commit is recorded. */
  async hasScan(repoKey: string, commit: string): Promise<boolean> {
    return this.guard(async () => {
      const r = await this.pool.query('SELECT 1 FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE r.key = $1 AND s.commit_sha = $2 LIMIT 1', [repoKey, commit]);
      return (r.rowCount ?? 0) > 0;
    });
  }

  async previousFingerprints(repoKey: string, beforeId?: number): Promise<Set<string> | null> {
    return this.guard(async () => {
      const row = await this.pool.query<{ id: number }>(
        'SELECT s.id FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE r.key = $1 AND s.id < $2 ORDER BY s.id DESC LIMIT 1',
        [repoKey, beforeId ?? 2_147_483_647],
      );
      const id = row.rows[0]?.id;
      if (id === undefined) return null;
      const fps = await this.pool.query<{ fingerprint: string }>('SELECT fingerprint FROM pyvet.findings WHERE scan_id = $1', [id]);
      return new Set(fps.rows.map((r) => r.fingerprint));
    });
  }

  async trend(repoKey: string, limit = 100): Promise<TrendPoint[]> {
    return (await this.scans(repoKey, limit)).reverse();
  }

  async scans(repoKey: string, limit = 1000): Promise<TrendPoint[]> {
    return this.guard(async () => {
      const r = await this.pool.query<ScanRow>(
        `SELECT ${POINT_COLUMNS} FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE r.key = $1 ORDER BY s.id DESC LIMIT $2`,
        [repoKey, limit],
      );
      return r.rows.map(toPoint);
    });
  }

  async repos(): Promise<RepoSummary[]> {
    return this.guard(async () => {
      const r = await this.pool.query<RepoRow>(`${REPO_SELECT} ORDER BY s.id DESC NULLS LAST`);
      return r.rows.map(toRepo);
    });
  }

  async repo(id: number): Promise<RepoSummary | null> {
    return this.guard(async () => {
      const r = await this.pool.query<RepoRow>(`${REPO_SELECT} WHERE r.id = $1`, [id]);
      return r.rows[0] ? toRepo(r.rows[0]) : null;
    });
  }

  async scan(id: number): Promise<(TrendPoint & { repoId: number; repoKey: string }) | null> {
    return this.guard(async () => {
      const r = await this.pool.query<ScanRow & { repo_id: number; repo_key: string }>(
        `SELECT ${POINT_COLUMNS}, r.id AS repo_id, r.key AS repo_key FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE s.id = $1`,
        [id],
      );
      const row = r.rows[0];
      return row ? { ...toPoint(row), repoId: row.repo_id, repoKey: row.repo_key } : null;
    });
  }

  async report(id: number): Promise<ScanReport | null> {
    return this.guard(async () => {
      const r = await this.pool.query<{ report: ScanReport }>('SELECT report FROM pyvet.scans WHERE id = $1', [id]);
      return r.rows[0]?.report ?? null;
    });
  }

  async findings(scanId: number): Promise<StoredFinding[]> {
    return this.guard(async () => {
      const r = await this.pool.query<StoredFinding>('SELECT fingerprint, rule, severity, path, line, message FROM pyvet.findings WHERE scan_id = $1 ORDER BY id', [scanId]);
      return r.rows;
    });
  }

  async resolveScan(repoKey: string, ref: string): Promise<number | null> {
    return this.guard(async () => {
      if (/^\d{1,9}$/.test(ref)) {
        const byId = await this.pool.query<{ id: number }>('SELECT s.id FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE s.id = $1 AND r.key = $2', [Number(ref), repoKey]);
        if (byId.rows[0]) return byId.rows[0].id;
      }
      if (!/^[0-9a-f]{4,40}$/i.test(ref)) return null;
      const byCommit = await this.pool.query<{ id: number }>(
        "SELECT s.id FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE r.key = $1 AND s.commit_sha LIKE $2 || '%' ORDER BY s.id DESC LIMIT 1",
        [repoKey, ref.toLowerCase()],
      );
      return byCommit.rows[0]?.id ?? null;
    });
  }

  async prune(repoKey: string, keep: number): Promise<number> {
    this.writable();
    if (!Number.isInteger(keep) || keep < 1) throw new StoreError(`keep must be a positive whole number, not ${keep}`);
    return this.tx(async (c) => {
      const r = await c.query(
        `DELETE FROM pyvet.scans WHERE repo_id = (SELECT id FROM pyvet.repos WHERE key = $1)
           AND id NOT IN (SELECT s.id FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id WHERE r.key = $1 ORDER BY s.id DESC LIMIT $2)`,
        [repoKey, keep],
      );
      return r.rowCount ?? 0;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

interface RepoRow extends Partial<ScanRow> {
  repo_id: number;
  key: string;
  name: string;
  root: string;
  scan_count: number;
}

/** Every repository with its scan count and latest scan, in one query (a LATERAL join per repository). */
const REPO_SELECT = `
  SELECT r.id AS repo_id, r.key, r.name, r.root, c.n AS scan_count, ${POINT_COLUMNS}
  FROM pyvet.repos r
  CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM pyvet.scans WHERE repo_id = r.id) c
  LEFT JOIN LATERAL (SELECT * FROM pyvet.scans WHERE repo_id = r.id ORDER BY id DESC LIMIT 1) s ON true`;

function toRepo(r: RepoRow): RepoSummary {
  return { id: r.repo_id, key: r.key, name: r.name, root: r.root, scans: r.scan_count, latest: r.id == null ? null : toPoint(r as ScanRow) };
}

async function insertScan(c: pg.PoolClient, report: ScanReport, repoKey: string): Promise<number> {
  const repo = await c.query<{ id: number }>(
    'INSERT INTO pyvet.repos (key, name, root, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET root = excluded.root RETURNING id',
    [repoKey, displayName(repoKey), report.root, report.scannedAt],
  );
  const repoId = repo.rows[0]!.id;
  const scan = await c.query<{ id: number }>(
    `INSERT INTO pyvet.scans (repo_id, scanned_at, commit_sha, score, critical, high, medium, low, unknown, info, findings, duration_ms, version, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    // jsonb has no NUL in strings; JSON.stringify escapes it as \u0000, which jsonb also refuses, so drop it.
    [repoId, ...scanRow(report), scanDocument(report).replace(/\\u0000/g, '')],
  );
  const scanId = scan.rows[0]!.id;
  const f = report.findings;
  if (f.length) {
    // One statement per table: arrays unnested server-side instead of a round trip per finding.
    await c.query(
      `INSERT INTO pyvet.findings (scan_id, fingerprint, rule, severity, path, line, message)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])`,
      [
        scanId,
        f.map((x) => x.fingerprint ?? ''),
        f.map((x) => x.rule ?? ''),
        f.map((x) => x.severity ?? 'unknown'),
        f.map((x) => x.path ?? ''),
        f.map((x) => (Number.isInteger(x.line) ? x.line : 0)),
        f.map((x) => (x.message ?? '').replace(/\0/g, '')),
      ],
    );
  }
  const deps = report.dependencies ?? [];
  if (deps.length) {
    await c.query('INSERT INTO pyvet.dependencies (scan_id, name, version) SELECT $1, * FROM unnest($2::text[], $3::text[])', [
      scanId,
      deps.map((d) => d.name),
      deps.map((d) => d.version ?? null),
    ]);
  }
  return scanId;
}

async function migrate(pool: pg.Pool, url: string): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query('CREATE SCHEMA IF NOT EXISTS pyvet');
    await c.query('CREATE TABLE IF NOT EXISTS pyvet.schema_version (version integer NOT NULL)');
    const r = await c.query<{ version: number }>('SELECT version FROM pyvet.schema_version');
    const v = r.rows[0]?.version ?? 0;
    if (v > PG_SCHEMA_VERSION) throw new StoreError(`history database ${redactUrl(url)} has schema version ${v}; this pyvet knows up to ${PG_SCHEMA_VERSION}. Upgrade pyvet.`);
    for (let i = v; i < PG_SCHEMA_VERSION; i++) await c.query(PG_MIGRATIONS[i]!);
    if (!r.rows.length) await c.query('INSERT INTO pyvet.schema_version VALUES ($1)', [PG_SCHEMA_VERSION]);
    else await c.query('UPDATE pyvet.schema_version SET version = $1', [PG_SCHEMA_VERSION]);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** Open (and create or upgrade) the PostgreSQL store. Read-only opens never migrate: the dashboard only reads. */
export async function openPostgresStore(url: string, opts: { readonly?: boolean; max?: number } = {}): Promise<PostgresStore> {
  const readonly = !!opts.readonly;
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, application_name: 'pyvet' });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const store = new PostgresStore(pool, url, readonly);
  try {
    await store.guard(async () => {
      if (!readonly) return migrate(pool, url);
      const exists = await pool.query("SELECT 1 FROM pg_tables WHERE schemaname = 'pyvet' AND tablename = 'schema_version'");
      const v = exists.rowCount ? ((await pool.query<{ version: number }>('SELECT version FROM pyvet.schema_version')).rows[0]?.version ?? 0) : 0;
      if (v !== PG_SCHEMA_VERSION) {
        throw new StoreError(
          v === 0
            ? `no pyvet history in ${redactUrl(url)} (run \`pyvet scan --store URL\` or \`pyvet worker\` first)`
            : `history database ${redactUrl(url)} has schema version ${v}, expected ${PG_SCHEMA_VERSION}${v < PG_SCHEMA_VERSION ? ' (run `pyvet scan` with this pyvet to upgrade it)' : ' (upgrade pyvet)'}`,
        );
      }
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return store;
}
