import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import type { ScanReport } from '../core/report.js';
import { defaultStorePath, openStore, repoIdentity, stripCredentials } from './index.js';
import { SCHEMA_VERSION } from './migrations.js';

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

test('records scans; trend oldest first; previous fingerprints; resolve by id and commit prefix', () => {
  const t = tmp();
  try {
    const s = openStore(t.db);
    assert.equal(s.previousFingerprints('k'), null);
    const a = s.recordScan(report('aaaa111122223333', ['f1', 'f2'], 60), 'k');
    const b = s.recordScan(report('bbbb111122223333', ['f2', 'f3', 'f4'], 70), 'k');
    s.recordScan(report('cccc', ['z'], 10), 'other');
    assert.deepEqual([...s.previousFingerprints('k', b)!].sort(), ['f1', 'f2']);
    assert.deepEqual([...s.previousFingerprints('k')!].sort(), ['f2', 'f3', 'f4']);
    assert.equal(s.previousFingerprints('k', a), null);
    const trend = s.trend('k');
    assert.deepEqual(trend.map((p) => p.id), [a, b]);
    assert.equal(trend[1]!.score, 70);
    assert.equal(trend[1]!.bySeverity.high, 1);
    assert.equal(trend[1]!.bySeverity.low, 2);
    assert.equal(trend[1]!.findings, 3);
    assert.deepEqual(s.trend('k', 1).map((p) => p.id), [b]);
    assert.equal(s.resolveScan('k', String(a)), a);
    assert.equal(s.resolveScan('k', 'bbbb11'), b);
    assert.equal(s.resolveScan('k', 'cccc'), null, 'a scan of another repository does not resolve');
    assert.equal(s.resolveScan('k', 'main'), null);
    assert.equal(s.findings(b).length, 3);
    assert.equal(s.report(a)!.commit, 'aaaa111122223333');
    const repos = s.repos();
    assert.equal(repos.length, 2);
    assert.equal(repos.find((r) => r.key === 'k')!.scans, 2);
    s.close();
  } finally {
    t.done();
  }
});

test('prune keeps the newest scans of one repository and deletes the findings of the rest', () => {
  const t = tmp();
  const s = openStore(t.db);
  try {
    const ids = [1, 2, 3, 4].map((i) => s.recordScan(report(`c${i}`, [`f${i}`, 'shared']), 'k'));
    const other = s.recordScan(report('o', ['z']), 'other');
    assert.equal(s.prune('k', 2), 2);
    assert.deepEqual(s.trend('k').map((p) => p.id), ids.slice(2));
    assert.equal(s.findings(ids[0]!).length, 0);
    assert.equal(s.findings(ids[3]!).length, 2);
    assert.equal(s.scan(other)?.repoKey, 'other', 'other repositories are untouched');
    assert.equal(s.prune('k', 10), 0);
    assert.equal(s.prune('nobody', 1), 0);
    assert.throws(() => s.prune('k', 0), StoreError);
  } finally {
    s.close();
    t.done();
  }
});

test('a finding missing its line or message is still recorded', () => {
  const t = tmp();
  try {
    const s = openStore(t.db);
    const r = report('c', ['f1']);
    Object.assign(r.findings[0]!, { line: undefined, message: undefined });
    const id = s.recordScan(r, 'k');
    assert.deepEqual(s.findings(id)[0], { fingerprint: 'f1', rule: 'health.x', severity: 'high', path: 'f0.py', line: 0, message: '' });
    s.close();
  } finally {
    t.done();
  }
});

test('the stored report carries no nested history', () => {
  const t = tmp();
  try {
    const s = openStore(t.db);
    const r = report('c', []);
    r.history = [{ id: 9, scannedAt: 'x', commit: null, score: 1, bySeverity: {}, findings: 0 }];
    const id = s.recordScan(r, 'k');
    assert.equal(s.report(id)!.history, undefined);
    s.close();
  } finally {
    t.done();
  }
});

test('schema is versioned with user_version and the store uses WAL', () => {
  const t = tmp();
  try {
    openStore(t.db).close();
    openStore(t.db).close(); // re-open: migrations are not re-run
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
    openStore(t.db).close();
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

test('read-only open never creates a database and refuses writes', () => {
  const t = tmp();
  try {
    assert.throws(() => openStore(t.db, { readonly: true }), /no history database/);
    assert.equal(existsSync(t.db), false);
    openStore(t.db).close();
    const ro = openStore(t.db, { readonly: true });
    assert.throws(() => ro.recordScan(report('c', []), 'k'), StoreError);
    ro.close();
  } finally {
    t.done();
  }
});
