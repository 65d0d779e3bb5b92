import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson, runCli, TempRepo } from './helpers.js';
import { freshDatabase, PG_SKIP } from './pg.js';

test('scan, history and diff record to and read from a PostgreSQL store given by --store or PYVET_STORE', { skip: PG_SKIP, timeout: 300_000 }, async () => {
  const db = await freshDatabase();
  const repo = new TempRepo();
  try {
    repo.commit('init', { 'app.py': 'def f():\n    return 1\n', 'requirements.txt': 'requests==2.19.0\n' });
    const first = await runCli(['scan', repo.dir, '--store', db.url, '-q', '--format', 'json', '-o', repo.path('out/a.json')]);
    assert.ok(first.code <= 1, first.stderr);
    repo.commit('more', { 'app.py': 'def f():\n    try:\n        return 1\n    except:\n        pass\n' });
    const second = await runCli(['scan', repo.dir, '-q', '--format', 'json', '-o', repo.path('out/b.json')], { env: { PYVET_STORE: db.url } });
    assert.ok(second.code <= 1, second.stderr);

    const history = parseJson<{ scans: { commit: string }[] }>((await runCli(['history', repo.dir, '--store', db.url, '--format', 'json'])).stdout);
    assert.equal(history.scans.length, 2);
    assert.equal(history.scans[1]!.commit, repo.git('rev-parse', 'HEAD').trim());
    const diff = await runCli(['diff', repo.dir, '--format', 'json'], { env: { PYVET_STORE: db.url } });
    assert.equal(diff.code, 0, diff.stderr);
    const d = parseJson<{ new: { rule: string }[] }>(diff.stdout);
    assert.ok(d.new.some((f) => f.rule === 'health.bare-except'), JSON.stringify(d.new));
  } finally {
    repo.cleanup();
    await db.drop();
  }
});
