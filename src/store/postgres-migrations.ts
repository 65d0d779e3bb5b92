/**
 * Numbered schema migrations of the PostgreSQL store, in the `pyvet` schema. Migration N (1-based) moves
 * `pyvet.schema_version` from N-1 to N. Append only, like the SQLite list beside it.
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: the same tables as SQLite migration 1; the report is jsonb so queries across repositories can read it.
  `
  CREATE TABLE pyvet.repos (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL UNIQUE,
    name text NOT NULL,
    root text NOT NULL,
    created_at text NOT NULL
  );
  CREATE TABLE pyvet.scans (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repo_id integer NOT NULL REFERENCES pyvet.repos(id) ON DELETE CASCADE,
    scanned_at text NOT NULL,
    commit_sha text,
    score double precision,
    critical integer NOT NULL DEFAULT 0,
    high integer NOT NULL DEFAULT 0,
    medium integer NOT NULL DEFAULT 0,
    low integer NOT NULL DEFAULT 0,
    unknown integer NOT NULL DEFAULT 0,
    info integer NOT NULL DEFAULT 0,
    findings integer NOT NULL DEFAULT 0,
    duration_ms integer NOT NULL DEFAULT 0,
    version text NOT NULL,
    report jsonb NOT NULL
  );
  CREATE INDEX scans_repo ON pyvet.scans(repo_id, id);
  CREATE INDEX scans_commit ON pyvet.scans(commit_sha);
  CREATE TABLE pyvet.findings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scan_id integer NOT NULL REFERENCES pyvet.scans(id) ON DELETE CASCADE,
    fingerprint text NOT NULL,
    rule text NOT NULL,
    severity text NOT NULL,
    path text NOT NULL,
    line integer NOT NULL,
    message text NOT NULL
  );
  CREATE INDEX findings_scan ON pyvet.findings(scan_id, fingerprint);
  CREATE INDEX findings_fingerprint ON pyvet.findings(fingerprint);
  `,
  // 2: the fleet: repositories to scan and where to fetch them from (never with credentials), and
  // one row per dependency of each scan so "who depends on X" is an index lookup, not a scan of reports.
  `
  CREATE TABLE pyvet.fleet_repos (
    key text PRIMARY KEY,
    source text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE pyvet.dependencies (
    scan_id integer NOT NULL REFERENCES pyvet.scans(id) ON DELETE CASCADE,
    name text NOT NULL,
    version text
  );
  CREATE INDEX dependencies_name ON pyvet.dependencies(name, scan_id);
  CREATE INDEX dependencies_scan ON pyvet.dependencies(scan_id);
  CREATE INDEX findings_rule ON pyvet.findings(rule, scan_id);
  `,
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;
