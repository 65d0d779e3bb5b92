import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import type { ScanReport } from '../core/report.js';
import pg from 'pg';
import { defaultStorePath, openStore, redactUrl, repoIdentity, stripCredentials, type HistoryStore } from './index.js';
import { SCHEMA_VERSION } from './migrations.js';
import { openHistory, resolveStoreSpec } from './open.js';
import { PG_SCHEMA_VERSION } from './postgres-migrations.js';
import { freshDatabase, PG_SKIP } from '../../test/pg.js';

function tmp(): { dir: string; db: string; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-store-'));
  return { dir, db: path.join(dir, 'sub', 'history.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

function report(commit: string, fps: string[], score: number | null = 80): ScanReport {
  return {
    tool: 'pyvet',
    version: '0.1.0',
    root: '/r',
    scannedAt: '2026-01-01T00:00:00.000Z',
    commit,
    sections: ['health'],
    dependencies: [],
    findings: fps.map((fp, i) => ({ rule: 'health.x', severity: i ? 'low' : 'high', path: `f${i}.py`, line: i + 1, message: `m${i}`, remediation: '', fingerprint: fp })),
    errors: [],
    summary: { score, bySeverity: {}, byCategory: {}, files: 1, durationMs: 5, phases: {} },
  };
}

test('default path: $PYVET_STORE, then $XDG_DATA_HOME, then ~/.local/share', () => {
  assert.equal(defaultStorePath({ PYVET_STORE: '/x/h.db', XDG_DATA_HOME: '/d', HOME: '/home/u' }), '/x/h.db');
  assert.equal(defaultStorePath({ XDG_DATA_HOME: '/d', HOME: '/home/u' }), '/d/pyvet/history.db');
  assert.equal(defaultStorePath({ HOME: '/home/u' }), '/home/u/.local/share/pyvet/history.db');
  // A relative XDG_DATA_HOME is invalid per the spec and ignored.
  assert.equal(defaultStorePath({ XDG_DATA_HOME: 'rel', HOME: '/home/u' }), '/home/u/.local/share/pyvet/history.db');
});

test('identity: remote without credentials, sub-folders apart, else the absolute path', () => {
  assert.equal(stripCredentials('https://user:ghp_secret@github.com/o/r.git'), 'https://github.com/o/r.git');
  assert.equal(stripCredentials('git@github.com:o/r.git'), 'git@github.com:o/r.git');
  const info = { top: '/w/repo', head: null, branch: null, remote: 'https://tok@example.com/o/r.git' };
  assert.equal(repoIdentity('/w/repo', info), 'https://example.com/o/r.git');
  assert.equal(repoIdentity('/w/repo/pkg/a', info), 'https://example.com/o/r.git#pkg/a');
  assert.equal(repoIdentity('/w/plain', null), '/w/plain');
  assert.equal(repoIdentity('/w/repo', { ...info, remote: null }), '/w/repo');
});

/** Every behaviour test runs against both backends; PostgreSQL ones skip (saying why) without $PYVET_TEST_PG. */
const BACKENDS: { name: string; skip: string | false; open: () => Promise<{ s: HistoryStore; ro: () => Promise<HistoryStore>; done: () => Promise<void> }> }[] = [
  {
    name: 'sqlite',
    skip: false,
    open: async () => {
      const t = tmp();
      return { s: openStore(t.db), ro: async () => openStore(t.db, { readonly: true }), done: async () => t.done() };
    },
  },
  {
    name: 'postgres',
    skip: PG_SKIP,
    open: async () => {
      const db = await freshDatabase();
      return { s: await openHistory(db.url), ro: () => openHistory(db.url, { readonly: true }), done: db.drop };
    },
  },
];

for (const backend of BACKENDS) {
  const it = (name: string, fn: (s: HistoryStore, ro: () => Promise<HistoryStore>) => Promise<void>) =>
    test(`${backend.name}: ${name}`, { skip: backend.skip }, async () => {
      const { s, ro, done } = await backend.open();
      try {
        await fn(s, ro);
      } finally {
        await s.close();
        await done();
      }
    });

  it('records scans; trend oldest first; previous fingerprints; resolve by id and commit prefix', async (s) => {
    assert.equal(await s.previousFingerprints('k'), null);
    const a = await s.recordScan(report('aaaa111122223333', ['f1', 'f2'], 60), 'k');
    const b = await s.recordScan(report('bbbb111122223333', ['f2', 'f3', 'f4'], 70), 'k');
    await s.recordScan(report('cccc', ['z'], 10), 'other');
    assert.deepEqual([...(await s.previousFingerprints('k', b))!].sort(), ['f1', 'f2']);
    assert.deepEqual([...(await s.previousFingerprints('k'))!].sort(), ['f2', 'f3', 'f4']);
    assert.equal(await s.previousFingerprints('k', a), null);
    const trend = await s.trend('k');
    assert.deepEqual(trend.map((p) => p.id), [a, b]);
    assert.equal(trend[1]!.score, 70);
    assert.equal(trend[1]!.bySeverity.high, 1);
    assert.equal(trend[1]!.bySeverity.low, 2);
    assert.equal(trend[1]!.findings, 3);
    assert.deepEqual((await s.trend('k', 1)).map((p) => p.id), [b]);
    assert.equal(await s.resolveScan('k', String(a)), a);
    assert.equal(await s.resolveScan('k', 'bbbb11'), b);
    assert.equal(await s.resolveScan('k', 'cccc'), null, 'a scan of another repository does not resolve');
    assert.equal(await s.resolveScan('k', 'main'), null);
    assert.equal((await s.findings(b)).length, 3);
    assert.deepEqual((await s.findings(b)).map((f) => f.fingerprint), ['f2', 'f3', 'f4'], 'findings come back in recorded order');
    assert.equal((await s.report(a))!.commit, 'aaaa111122223333');
    const repos = await s.repos();
    assert.equal(repos.length, 2);
    assert.deepEqual(repos.map((r) => r.key), ['other', 'k'], 'most recently scanned first');
    const k = repos.find((r) => r.key === 'k')!;
    assert.equal(k.scans, 2);
    assert.equal(k.latest?.id, b);
    assert.deepEqual(await s.repo(k.id), k);
    assert.equal(await s.repo(999_999), null);
    assert.deepEqual(await s.scan(a), { ...trend[0]!, repoId: k.id, repoKey: 'k' });
    assert.equal(await s.scan(999_999), null);
  });

  it('prune keeps the newest scans of one repository and deletes the findings of the rest', async (s) => {
    const ids: number[] = [];
    for (const i of [1, 2, 3, 4]) ids.push(await s.recordScan(report(`c${i}`, [`f${i}`, 'shared']), 'k'));
    const other = await s.recordScan(report('o', ['z']), 'other');
    assert.equal(await s.prune('k', 2), 2);
    assert.deepEqual((await s.trend('k')).map((p) => p.id), ids.slice(2));
    assert.equal((await s.findings(ids[0]!)).length, 0);
    assert.equal((await s.findings(ids[3]!)).length, 2);
    assert.equal((await s.scan(other))?.repoKey, 'other', 'other repositories are untouched');
    assert.equal(await s.prune('k', 10), 0);
    assert.equal(await s.prune('nobody', 1), 0);
    await assert.rejects(s.prune('k', 0), StoreError);
  });

  it('a finding missing its line or message is still recorded', async (s) => {
    const r = report('c', ['f1']);
    Object.assign(r.findings[0]!, { line: undefined, message: undefined });
    const id = await s.recordScan(r, 'k');
    assert.deepEqual((await s.findings(id))[0], { fingerprint: 'f1', rule: 'health.x', severity: 'high', path: 'f0.py', line: 0, message: '' });
  });

  it('the stored report carries no nested history', async (s) => {
    const r = report('c', []);
    r.history = [{ id: 9, scannedAt: 'x', commit: null, score: 1, bySeverity: {}, findings: 0 }];
    const id = await s.recordScan(r, 'k');
    assert.equal((await s.report(id))!.history, undefined);
    assert.equal(await s.report(id + 1000), null);
  });

  it('a read-only open reads what was recorded and refuses writes', async (s, ro) => {
    const id = await s.recordScan(report('c', ['f']), 'k');
    const r = await ro();
    try {
      assert.equal((await r.trend('k'))[0]?.id, id);
      await assert.rejects(r.recordScan(report('d', []), 'k'), StoreError);
      await assert.rejects(r.prune('k', 1), StoreError);
    } finally {
      await r.close();
    }
  });
}

test('postgres: a read-only open of a database without pyvet history, and an unreachable server, are clear StoreErrors', { skip: PG_SKIP }, async () => {
  const db = await freshDatabase();
  try {
    await assert.rejects(openHistory(db.url, { readonly: true }), (e: unknown) => e instanceof StoreError && /no pyvet history/.test(e.message));
    const dead = new URL(db.url);
    dead.port = '1';
    dead.password = 'hunter2';
    await assert.rejects(openHistory(dead.toString()), (e: unknown) => e instanceof StoreError && e.message.includes(':***@') && !e.message.includes('hunter2'));
  } finally {
    await db.drop();
  }
});

test('postgres: opening a new database twice at once migrates it once; a newer schema is refused', { skip: PG_SKIP }, async () => {
  const db = await freshDatabase();
  try {
    const [a, b] = await Promise.all([openHistory(db.url), openHistory(db.url)]);
    await a.close();
    await b.close();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      assert.deepEqual((await c.query('SELECT version FROM pyvet.schema_version')).rows, [{ version: PG_SCHEMA_VERSION }]);
      await c.query('UPDATE pyvet.schema_version SET version = version + 1');
    } finally {
      await c.end();
    }
    await assert.rejects(openHistory(db.url), (e: unknown) => e instanceof StoreError && /Upgrade pyvet/.test(e.message));
  } finally {
    await db.drop();
  }
});

test('a database URL is kept as it is; a path is resolved', () => {
  assert.equal(resolveStoreSpec('/w', 'postgres://u@h:5/db'), 'postgres://u@h:5/db');
  assert.equal(resolveStoreSpec('/w', 'h.db'), '/w/h.db');
  assert.equal(defaultStorePath({ PYVET_STORE: 'postgresql://u@h/db' }), 'postgresql://u@h/db');
  assert.equal(redactUrl('postgres://u:secret@h:5/db'), 'postgres://u:***@h:5/db');
  assert.equal(redactUrl('postgres://u@h:5/db'), 'postgres://u@h:5/db');
});

test('schema is versioned with user_version and the store uses WAL', () => {
  const t = tmp();
  try {
    void openStore(t.db).close();
    void openStore(t.db).close(); // re-open: migrations are not re-run
    const db = new Database(t.db, { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  } finally {
    t.done();
  }
});

test('a newer schema version is a clear StoreError', () => {
  const t = tmp();
  try {
    void openStore(t.db).close();
    const db = new Database(t.db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => openStore(t.db), (e: unknown) => e instanceof StoreError && /Upgrade pyvet/.test(e.message));
    assert.throws(() => openStore(t.db, { readonly: true }), StoreError);
  } finally {
    t.done();
  }
});

test('a corrupt or foreign file is one StoreError, not a stack trace', () => {
  const t = tmp();
  try {
    const bad = path.join(t.dir, 'bad.db');
    writeFileSync(bad, 'this is not sqlite at all, just some text that goes on for a while'.repeat(100));
    assert.throws(() => openStore(bad), (e: unknown) => e instanceof StoreError && /corrupt or not a pyvet history database/.test(e.message));
    assert.throws(() => openStore(bad, { readonly: true }), StoreError);
  } finally {
    t.done();
  }
});

test('another program\'s SQLite database is refused, not migrated into', () => {
  const t = tmp();
  try {
    const other = path.join(t.dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    db.close();
    assert.throws(() => openStore(other), (e: unknown) => e instanceof StoreError && /not a pyvet history database/.test(e.message));
    const check = new Database(other, { readonly: true });
    assert.deepEqual(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(), ['notes']);
    check.close();
  } finally {
    t.done();
  }
});

test('read-only open never creates a database and refuses writes', async () => {
  const t = tmp();
  try {
    assert.throws(() => openStore(t.db, { readonly: true }), /no history database/);
    assert.equal(existsSync(t.db), false);
    void openStore(t.db).close();
    const ro = openStore(t.db, { readonly: true });
    await assert.rejects(ro.recordScan(report('c', []), 'k'), StoreError);
    await ro.close();
  } finally {
    t.done();
  }
});
