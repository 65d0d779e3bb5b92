/**
 * Numbered schema migrations. Migration N (1-based) moves the database from user_version N-1 to N.
 * Append only: a released migration is never edited, so every store upgrades along the same path.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: repositories, scans with their counts and full report, and one row per finding for diffs.
  `
  CREATE TABLE repos (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    root TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE scans (
    id INTEGER PRIMARY KEY,
    repo_id INTEGER NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    scanned_at TEXT NOT NULL,
    commit_sha TEXT,
    score REAL,
    critical INTEGER NOT NULL DEFAULT 0,
    high INTEGER NOT NULL DEFAULT 0,
    medium INTEGER NOT NULL DEFAULT 0,
    low INTEGER NOT NULL DEFAULT 0,
    unknown INTEGER NOT NULL DEFAULT 0,
    info INTEGER NOT NULL DEFAULT 0,
    findings INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    version TEXT NOT NULL,
    report TEXT NOT NULL
  );
  CREATE INDEX scans_repo ON scans(repo_id, id);
  CREATE INDEX scans_commit ON scans(commit_sha);
  CREATE TABLE findings (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    message TEXT NOT NULL
  );
  CREATE INDEX findings_scan ON findings(scan_id, fingerprint);
  CREATE INDEX findings_fingerprint ON findings(fingerprint);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
