import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ScanReport } from '../core/report.js';
import type { TrendPoint } from '../core/trend.js';
import type { Severity } from '../core/severity.js';
import { SEVERITIES } from '../core/severity.js';
import { StoreError } from '../core/errors.js';
import type { RepoInfo } from '../sources/git.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { stripCredentials } from '../core/url.js';

export { redactUrl, stripCredentials } from '../core/url.js';

/** The scan history: one SQLite file or one PostgreSQL database, many repositories. Async so both backends fit. */
export interface HistoryStore {
  /** Record a finished scan; returns its id. */
  recordScan(report: ScanReport, repoKey: string): Promise<number>;
  /** Fingerprints of the most recent scan of the repository recorded before `beforeId` (or the latest), or null if none. */
  previousFingerprints(repoKey: string, beforeId?: number): Promise<Set<string> | null>;
  /** Earlier scans of the repository, oldest first, for trend charts (at most `limit`). */
  trend(repoKey: string, limit?: number): Promise<TrendPoint[]>;
  /** Every repository with its latest scan, most recently scanned first. */
  repos(): Promise<RepoSummary[]>;
  repo(id: number): Promise<RepoSummary | null>;
  /** Scans of one repository, newest first. */
  scans(repoKey: string, limit?: number): Promise<TrendPoint[]>;
  scan(id: number): Promise<(TrendPoint & { repoId: number; repoKey: string }) | null>;
  /** The full report document recorded with a scan. */
  report(id: number): Promise<ScanReport | null>;
  findings(scanId: number): Promise<StoredFinding[]>;
  /** A scan of the repository by id, or by a commit SHA prefix (the newest scan of that commit). */
  resolveScan(repoKey: string, ref: string): Promise<number | null>;
  /** Delete all but the newest `keep` scans of the repository (their findings go with them); returns how many went. */
  prune(repoKey: string, keep: number): Promise<number>;
  close(): Promise<void>;
}

export type { TrendPoint } from '../core/trend.js';

export interface RepoSummary {
  id: number;
  key: string;
  name: string;
  root: string;
  scans: number;
  latest: TrendPoint | null;
}

export interface StoredFinding {
  fingerprint: string;
  rule: string;
  severity: Severity;
  path: string;
  line: number;
  message: string;
}

/** A PostgreSQL store is named by URL; anything else is an SQLite file path. */
export function isDatabaseUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** Default store path: $PYVET_STORE, else $XDG_DATA_HOME/pyvet/history.db, else ~/.local/share/pyvet/history.db. */
export function defaultStorePath(env: NodeJS.ProcessEnv): string {
  if (env.PYVET_STORE) return isDatabaseUrl(env.PYVET_STORE) ? env.PYVET_STORE : path.resolve(env.PYVET_STORE);
  const data = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(env.HOME || os.homedir(), '.local', 'share');
  return path.join(data, 'pyvet', 'history.db');
}

/**
 * Repository identity: git remote URL (credentials stripped), else the absolute path.
 * A sub-folder of a repository is its own identity (`remote#sub/dir`) so scans of two packages of a monorepo do not mix.
 */
export function repoIdentity(root: string, repo: RepoInfo | null): string {
  if (!repo?.remote) return path.resolve(root);
  const sub = path.relative(repo.top, root).split(path.sep).join('/');
  const remote = stripCredentials(repo.remote);
  return sub && !sub.startsWith('..') ? `${remote}#${sub}` : remote;
}

export function displayName(key: string): string {
  const [base, sub] = key.split('#');
  const name = (base ?? key).replace(/\/+$/, '').replace(/\.git$/, '').split(/[/:\\]/).pop() || key;
  return sub ? `${name}/${sub}` : name;
}

export interface ScanRow {
  id: number;
  scanned_at: string;
  commit_sha: string | null;
  score: number | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
  unknown: number;
  info: number;
  findings: number;
}

export const POINT_COLUMNS = 's.id, s.scanned_at, s.commit_sha, s.score, s.critical, s.high, s.medium, s.low, s.unknown, s.info, s.findings';

export function toPoint(r: ScanRow): TrendPoint {
  const bySeverity: Record<string, number> = {};
  for (const s of SEVERITIES) bySeverity[s] = r[s];
  return { id: r.id, scannedAt: r.scanned_at, commit: r.commit_sha, score: r.score, bySeverity, findings: r.findings };
}

/** Any SQLite failure (corrupt file, not a database, disk full) becomes one clear StoreError. */
function guard<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StoreError) throw err;
    const e = err as { code?: string; message?: string };
    const hint = e.code === 'SQLITE_NOTADB' || e.code === 'SQLITE_CORRUPT' ? ' (the file is corrupt or not a pyvet history database; move it aside to start a new one)' : '';
    throw new StoreError(`history database ${file}: ${e.message ?? String(err)}${hint}`);
  }
}

function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(`history database ${file} has schema version ${current}; this pyvet knows up to ${SCHEMA_VERSION}. Upgrade pyvet.`);
  }
  if (current === SCHEMA_VERSION) return;
  // IMMEDIATE takes the write lock first, so two processes opening a new store do not both migrate it;
  // the version is read again under the lock, where no other process can be halfway through.
  db.transaction(() => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v === 0) {
      // Another program's database: adding our tables to it would be a surprise, not a migration.
      const foreign = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().get() as number;
      if (foreign > 0) throw new StoreError(`${file} is an SQLite database but not a pyvet history database; choose another --store`);
    }
    for (let i = v; i < SCHEMA_VERSION; i++) {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    }
  }).immediate();
}

/**
 * Open (and create or upgrade) the history database. Readonly opens never create or migrate:
 * the dashboard only ever reads.
 */
export function openStore(file: string, opts: { readonly?: boolean } = {}): HistoryStore {
  const readonly = !!opts.readonly;
  if (readonly && !existsSync(file)) throw new StoreError(`no history database at ${file} (run \`pyvet scan\` first, or pass --store)`);
  const db = guard(file, () => {
    if (!readonly) mkdirSync(path.dirname(file), { recursive: true });
    const d = new Database(file, { readonly, fileMustExist: readonly, timeout: 10_000 });
    try {
      if (!readonly) {
        d.pragma('journal_mode = WAL');
        d.pragma('synchronous = NORMAL');
        d.pragma('foreign_keys = ON');
        migrate(d, file);
      } else {
        const v = d.pragma('user_version', { simple: true }) as number;
        if (v !== SCHEMA_VERSION) {
          throw new StoreError(`history database ${file} has schema version ${v}, expected ${SCHEMA_VERSION}${v < SCHEMA_VERSION ? ' (run `pyvet scan` with this pyvet to upgrade it)' : ' (upgrade pyvet)'}`);
        }
      }
      // Touch the schema so a file that is not a database fails here, not halfway through a command.
      d.prepare('SELECT count(*) FROM repos').get();
      return d;
    } catch (err) {
      d.close();
      throw err;
    }
  });
  return new SqliteStore(db, file, readonly);
}

/**
 * The scans row of a report, shared by the SQLite and PostgreSQL stores (columns scanned_at … version,
 * in that order; repo_id before and the document after): both store the same numbers.
 */
export function scanRow(report: ScanReport): [string, string | null, number | null, number, number, number, number, number, number, number, number, string] {
  const count = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  return [
    report.scannedAt,
    report.commit ?? null,
    report.summary.score,
    count('critical'),
    count('high'),
    count('medium'),
    count('low'),
    count('unknown'),
    count('info'),
    report.findings.length,
    // duration_ms is an integer column in PostgreSQL: both stores keep whole milliseconds.
    Math.round(report.summary.durationMs),
    report.version,
  ];
}

/** The report as stored; the trend is derived from the store itself, so keeping it would nest history in history. */
export function scanDocument(report: ScanReport): string {
  return JSON.stringify({ ...report, history: undefined });
}

class SqliteStore implements HistoryStore {
  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly readonly: boolean,
  ) {}

  private repoId(repoKey: string): number | null {
    const row = this.db.prepare('SELECT id FROM repos WHERE key = ?').get(repoKey) as { id: number } | undefined;
    return row?.id ?? null;
  }

  async recordScan(report: ScanReport, repoKey: string): Promise<number> {
    if (this.readonly) throw new StoreError(`history database ${this.file} is open read-only`);
    return guard(this.file, () =>
      this.db
        .transaction(() => {
          this.db
            .prepare('INSERT INTO repos (key, name, root, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET root = excluded.root')
            .run(repoKey, displayName(repoKey), report.root, report.scannedAt);
          const repoId = this.repoId(repoKey)!;
          const info = this.db
            .prepare(
              `INSERT INTO scans (repo_id, scanned_at, commit_sha, score, critical, high, medium, low, unknown, info, findings, duration_ms, version, report)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(repoId, ...scanRow(report), scanDocument(report));
          const scanId = Number(info.lastInsertRowid);
          const insert = this.db.prepare('INSERT INTO findings (scan_id, fingerprint, rule, severity, path, line, message) VALUES (?, ?, ?, ?, ?, ?, ?)');
          // Columns are NOT NULL: a finding missing a part is still recorded rather than failing the scan.
          for (const f of report.findings) insert.run(scanId, f.fingerprint ?? '', f.rule ?? '', f.severity ?? 'unknown', f.path ?? '', Number.isInteger(f.line) ? f.line : 0, f.message ?? '');
          return scanId;
        })
        .immediate(),
    );
  }

  async previousFingerprints(repoKey: string, beforeId?: number): Promise<Set<string> | null> {
    return guard(this.file, () => {
      const row = this.db
        .prepare('SELECT s.id FROM scans s JOIN repos r ON r.id = s.repo_id WHERE r.key = ? AND s.id < ? ORDER BY s.id DESC LIMIT 1')
        .get(repoKey, beforeId ?? Number.MAX_SAFE_INTEGER) as { id: number } | undefined;
      if (!row) return null;
      const fps = this.db.prepare('SELECT fingerprint FROM findings WHERE scan_id = ?').pluck().all(row.id) as string[];
      return new Set(fps);
    });
  }

  async trend(repoKey: string, limit = 100): Promise<TrendPoint[]> {
    return (await this.scans(repoKey, limit)).reverse();
  }

  async scans(repoKey: string, limit = 1000): Promise<TrendPoint[]> {
    return guard(this.file, () => {
      const rows = this.db
        .prepare(`SELECT ${POINT_COLUMNS} FROM scans s JOIN repos r ON r.id = s.repo_id WHERE r.key = ? ORDER BY s.id DESC LIMIT ?`)
        .all(repoKey, limit) as ScanRow[];
      return rows.map(toPoint);
    });
  }

  async repos(): Promise<RepoSummary[]> {
    return guard(this.file, () => {
      const rows = this.db.prepare('SELECT id FROM repos').pluck().all() as number[];
      const out = rows.map((id) => this.repoRow(id)!);
      return out.sort((a, b) => (b.latest?.id ?? 0) - (a.latest?.id ?? 0));
    });
  }

  async repo(id: number): Promise<RepoSummary | null> {
    return this.repoRow(id);
  }

  private repoRow(id: number): RepoSummary | null {
    return guard(this.file, () => {
      const r = this.db.prepare('SELECT id, key, name, root FROM repos WHERE id = ?').get(id) as Omit<RepoSummary, 'scans' | 'latest'> | undefined;
      if (!r) return null;
      const scans = this.db.prepare('SELECT count(*) FROM scans WHERE repo_id = ?').pluck().get(id) as number;
      const latest = this.db.prepare(`SELECT ${POINT_COLUMNS} FROM scans s WHERE s.repo_id = ? ORDER BY s.id DESC LIMIT 1`).get(id) as ScanRow | undefined;
      return { ...r, scans, latest: latest ? toPoint(latest) : null };
    });
  }

  async scan(id: number): Promise<(TrendPoint & { repoId: number; repoKey: string }) | null> {
    return guard(this.file, () => {
      const row = this.db
        .prepare(`SELECT ${POINT_COLUMNS}, r.id AS repo_id, r.key AS repo_key FROM scans s JOIN repos r ON r.id = s.repo_id WHERE s.id = ?`)
        .get(id) as (ScanRow & { repo_id: number; repo_key: string }) | undefined;
      return row ? { ...toPoint(row), repoId: row.repo_id, repoKey: row.repo_key } : null;
    });
  }

  async report(id: number): Promise<ScanReport | null> {
    return guard(this.file, () => {
      const text = this.db.prepare('SELECT report FROM scans WHERE id = ?').pluck().get(id) as string | undefined;
      if (text === undefined) return null;
      try {
        return JSON.parse(text) as ScanReport;
      } catch {
        throw new StoreError(`history database ${this.file}: the report of scan ${id} is not valid JSON`);
      }
    });
  }

  async findings(scanId: number): Promise<StoredFinding[]> {
    return guard(
      this.file,
      () => this.db.prepare('SELECT fingerprint, rule, severity, path, line, message FROM findings WHERE scan_id = ? ORDER BY rowid').all(scanId) as StoredFinding[],
    );
  }

  async resolveScan(repoKey: string, ref: string): Promise<number | null> {
    return guard(this.file, () => {
      const repoId = this.repoId(repoKey);
      if (repoId === null) return null;
      if (/^\d+$/.test(ref)) {
        const byId = this.db.prepare('SELECT id FROM scans WHERE id = ? AND repo_id = ?').pluck().get(Number(ref), repoId) as number | undefined;
        if (byId !== undefined) return byId;
      }
      if (!/^[0-9a-f]{4,40}$/i.test(ref)) return null;
      const byCommit = this.db
        .prepare("SELECT id FROM scans WHERE repo_id = ? AND commit_sha LIKE ? || '%' ORDER BY id DESC LIMIT 1")
        .pluck()
        .get(repoId, ref.toLowerCase()) as number | undefined;
      return byCommit ?? null;
    });
  }

  async prune(repoKey: string, keep: number): Promise<number> {
    if (this.readonly) throw new StoreError(`history database ${this.file} is open read-only`);
    if (!Number.isInteger(keep) || keep < 1) throw new StoreError(`keep must be a positive whole number, not ${keep}`);
    return guard(this.file, () =>
      this.db
        .transaction(() => {
          const repoId = this.repoId(repoKey);
          if (repoId === null) return 0;
          // Findings go by ON DELETE CASCADE (foreign_keys is on for writable stores).
          const res = this.db
            .prepare('DELETE FROM scans WHERE repo_id = ? AND id NOT IN (SELECT id FROM scans WHERE repo_id = ? ORDER BY id DESC LIMIT ?)')
            .run(repoId, repoId, keep);
          return res.changes;
        })
        .immediate(),
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
