import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseJson, runCli, TempRepo, TempTree } from './helpers.js';
import { freshDatabase, PG_SKIP } from './pg.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'bin.js');

/** A repository of the generated fleet: a small Python package with a pinned dependency and a test. */
function makeRepo(i: number): TempRepo {
  const r = new TempRepo(`pyvet-fleet-${i}-`);
  r.commit('init', {
    'requirements.txt': `requests==2.${i}.0\nflask==1.0\n`,
    [`pkg${i}/__init__.py`]: '',
    [`pkg${i}/core.py`]: `import os\n\n\ndef handler(x):\n    if x > ${i}:\n        return os.environ.get("HOME")\n    return None\n`,
    'tests/test_core.py': `from pkg${i}.core import handler\n\n\ndef test_handler():\n    assert handler(0) is None\n`,
  });
  return r;
}

interface Worker {
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
  /** Resolves at the first log line matching. */
  waitFor(re: RegExp): Promise<void>;
}

function startWorker(url: string, cacheDir: string): Worker {
  const child = spawn(process.execPath, [BIN, 'worker', '--store', url, '--exit-when-idle', '--cache-dir', cacheDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const w: Worker = {
    child,
    log: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    waitFor: (re) => (re.test(w.log) ? Promise.resolve() : new Promise((resolve) => waiters.push({ re, resolve }))),
  };
  child.stderr!.on('data', (d: Buffer) => {
    w.log += d.toString();
    for (const x of waiters.splice(0)) {
      if (x.re.test(w.log)) x.resolve();
      else waiters.push(x);
    }
  });
  return w;
}

test('fleet end to end: 20 repositories, two workers, one killed with SIGKILL mid-job; each repository recorded exactly once', { skip: PG_SKIP, timeout: 600_000 }, async () => {
  const db = await freshDatabase();
  const repos = Array.from({ length: 20 }, (_, i) => makeRepo(i));
  const caches = new TempTree('pyvet-fleet-cache-');
  const client = new pg.Client({ connectionString: db.url });
  try {
    // A short lease so the killed worker's job comes back within seconds, not the default half hour.
    const add = await runCli(['fleet', 'add', '--store', db.url, '--lease', '10', '--retry-delay', '1', ...repos.map((r) => r.dir)]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /^Queued 20 scans\./);
    const again = await runCli(['fleet', 'add', '--store', db.url, repos[0]!.dir]);
    assert.match(again.stdout, /Queued 0 scans; 1 already queued/, 'the singleton key keeps one job per repository and commit');

    const a = startWorker(db.url, caches.path('a'));
    const b = startWorker(db.url, caches.path('b'));
    // Worker A dies the moment it has claimed a job: the fetch and scan it started never finish.
    await a.waitFor(/ start /);
    a.child.kill('SIGKILL');
    assert.equal(await a.exited, null);
    assert.equal(await b.exited, 0, b.log);

    const status = await runCli(['fleet', 'status', '--store', db.url, '--format', 'json']);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(parseJson(status.stdout), { queued: 0, running: 0, done: 20, failed: 0, deadLetter: 0, failures: [] });

    await client.connect();
    const perRepo = await client.query<{ key: string; n: number }>('SELECT r.key, count(*)::int AS n FROM pyvet.scans s JOIN pyvet.repos r ON r.id = s.repo_id GROUP BY r.key');
    assert.equal(perRepo.rows.length, 20);
    assert.deepEqual(new Set(perRepo.rows.map((r) => r.n)), new Set([1]), 'no repository recorded twice');
    const retried = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'pyvet-scan' AND retry_count > 0");
    assert.ok(retried.rows[0]!.n >= 1, 'the killed worker\'s job was taken again after its lease expired');

    const report = await runCli(['fleet', 'report', '--store', db.url, '--format', 'json']);
    const rows = parseJson<Record<string, unknown>[]>(report.stdout);
    assert.equal(rows.length, 20);
    for (const row of rows) {
      for (const k of ['name', 'remote', 'root', 'commit', 'scannedAt', 'score', 'bySeverity', 'scans', 'trend']) assert.ok(k in row, `report row has ${k}`);
      assert.equal(row.scans, 1);
      assert.match(String(row.commit), /^[0-9a-f]{40}$/);
    }
    assert.deepEqual(new Set(rows.map((r) => r.root)), new Set(repos.map((r) => r.dir)));

    // The schedule re-queues only repositories whose HEAD moved.
    assert.match((await runCli(['fleet', 'schedule', '--store', db.url, '--now'])).stdout, /Queued 0 scans; 20 up to date/);
    repos[3]!.commit('more', { 'pkg3/extra.py': 'X = 1\n' });
    assert.match((await runCli(['fleet', 'schedule', '--store', db.url, '--now'])).stdout, /Queued 1 scan; 19 up to date/);
    const cron = await runCli(['fleet', 'schedule', '--store', db.url, '--cron', '0 2 * * *']);
    assert.equal(cron.code, 0, cron.stderr);
    assert.deepEqual((await client.query("SELECT cron FROM pgboss.schedule WHERE name = 'pyvet-fleet-tick'")).rows, [{ cron: '0 2 * * *' }]);
  } finally {
    await client.end().catch(() => undefined);
    await db.drop();
    for (const r of repos) r.cleanup();
    caches.cleanup();
  }
});

test('fleet: a repository that cannot be fetched fails with its error after its retries and lands in the dead-letter queue', { skip: PG_SKIP, timeout: 120_000 }, async () => {
  const db = await freshDatabase();
  const caches = new TempTree('pyvet-fleet-cache-');
  try {
    const add = await runCli(['fleet', 'add', '--store', db.url, '--retries', '0', 'https://user:hunter2@127.0.0.1:1/nowhere.git']);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stderr, /credentials removed/);
    assert.match(add.stdout, /Queued 1 scan\./);
    const w = startWorker(db.url, caches.path('w'));
    assert.equal(await w.exited, 0, w.log);
    const status = parseJson<{ failed: number; deadLetter: number; failures: { repo: string; error: string }[] }>((await runCli(['fleet', 'status', '--store', db.url, '--format', 'json'])).stdout);
    assert.equal(status.failed, 1);
    assert.equal(status.deadLetter, 1);
    assert.equal(status.failures[0]!.repo, 'https://127.0.0.1:1/nowhere.git');
    assert.match(status.failures[0]!.error, /git clone/);
    assert.doesNotMatch(JSON.stringify(status) + w.log, /hunter2/, 'no credentials in the database or the logs');
  } finally {
    await db.drop();
    caches.cleanup();
  }
});

test('fleet commands need a PostgreSQL store', async () => {
  const r = await runCli(['fleet', 'status', '--store', '/tmp/x.db'], { env: { PYVET_STORE: '' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /needs a postgres:\/\/ URL/);
  const none = await runCli(['worker'], { env: { PYVET_STORE: '' } });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /needs a PostgreSQL store/);
});
