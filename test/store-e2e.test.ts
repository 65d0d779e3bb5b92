import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, TempRepo, TempTree, parseJson } from './helpers.js';
import type { ScanDiff } from '../src/store/diff.js';
import type { TrendPoint } from '../src/store/index.js';

// Fake credentials assembled at run time so no live-looking literal sits in the repository.
const tokenA = 'ghp_' + 'x7Kq9Lm2Np4Rs6Tv8Wy0Za1Bc3De5Fg7Hj9K'.slice(0, 36);
const tokenB = 'ghp_' + 'Q2w4E6r8T0y1U3i5O7p9A2s4D6f8G0h1J3k5'.slice(0, 36);

test('scan → history → diff → --fail-on-new across commits of a real repository', async () => {
  const repo = new TempRepo();
  const out = new TempTree();
  const db = out.path('history.db');
  const scan = (...extra: string[]) => runCli(['scan', repo.dir, '--store', db, '--output-dir', out.path('report'), '--format', 'json', '--quiet', '--fail-on', 'high', ...extra]);
  try {
    const c1 = repo.commit('first', { 'app/settings.py': `TOKEN = "${tokenA}"\n`, 'app/__init__.py': '' }, { date: '2026-01-10T12:00:00Z' });

    // No earlier scan: every finding at or above --fail-on is new.
    const s1 = await scan('--fail-on-new');
    assert.equal(s1.code, 1, s1.stderr);
    // The same commit again: nothing new.
    const s2 = await scan('--fail-on-new');
    assert.equal(s2.code, 0, s2.stderr);

    // A new secret appears; the old one moves down the file (its fingerprint survives the edit above it).
    const c2 = repo.commit('second', { 'app/settings.py': `# settings\nDEBUG = False\nTOKEN = "${tokenA}"\n`, 'app/client.py': `KEY = "${tokenB}"\n` }, { date: '2026-02-10T12:00:00Z' });
    const s3 = await scan('--fail-on-new');
    assert.equal(s3.code, 1, 'the new secret fails the build');
    const report = parseJson<{ history: TrendPoint[]; commit: string }>(readFileSync(out.path('report/pyvet.json'), 'utf8'));
    assert.equal(report.commit, c2);
    assert.deepEqual(report.history.map((p) => p.commit), [c1, c1, c2], 'the report charts this scan among the earlier ones');

    // Both secrets removed: nothing new, so --fail-on-new passes even though the plain scan would not have failed either.
    repo.commit('third', { 'app/settings.py': 'import os\nTOKEN = os.environ["TOKEN"]\n', 'app/client.py': null }, { date: '2026-03-10T12:00:00Z' });
    const s4 = await scan('--fail-on-new');
    assert.equal(s4.code, 0);

    const hist = await runCli(['history', repo.dir, '--store', db]);
    assert.equal(hist.code, 0, hist.stderr);
    const lines = hist.stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, new RegExp(`^#1 .* ${c1.slice(0, 10)} .*score .*critical \\d+  high \\d+`));
    const histJson = parseJson<{ scans: TrendPoint[] }>((await runCli(['history', repo.dir, '--store', db, '--format', 'json'])).stdout);
    assert.deepEqual(histJson.scans.map((s) => s.id), [1, 2, 3, 4]);
    assert.ok(histJson.scans[2]!.findings > histJson.scans[1]!.findings, 'scan 3 has more findings than scan 2');

    // Default diff: latest (#4) against the one before (#3): both secrets fixed, nothing new.
    const d = parseJson<ScanDiff>((await runCli(['diff', repo.dir, '--store', db, '--format', 'json'])).stdout);
    assert.equal(d.from.id, 3);
    assert.equal(d.to.id, 4);
    assert.ok(d.fixed.some((f) => f.path === 'app/client.py'));
    assert.ok(d.fixed.some((f) => f.path === 'app/settings.py'));
    assert.equal(d.new.filter((f) => f.rule.startsWith('secret')).length, 0);

    // --since a scan id, a commit prefix (newest scan of that commit), or a git ref.
    const byId = parseJson<ScanDiff>((await runCli(['diff', repo.dir, '--store', db, '--since', '3', '--format', 'json'])).stdout);
    assert.equal(byId.from.id, 3);
    const byCommit = parseJson<ScanDiff>((await runCli(['diff', repo.dir, '--store', db, '--since', c1.slice(0, 8), '--format', 'json'])).stdout);
    assert.equal(byCommit.from.id, 2);
    assert.ok(byCommit.fixed.some((f) => f.path === 'app/settings.py'));
    assert.ok(!byCommit.fixed.some((f) => f.path === 'app/client.py'), 'client.py came and went after that commit');
    const byRef = await runCli(['diff', repo.dir, '--store', db, '--since', 'HEAD~1']);
    assert.equal(byRef.code, 0, byRef.stderr);
    assert.match(byRef.stdout, /scan #3 .*→ scan #4/);
    assert.match(byRef.stdout, /Fixed \(\d+\):\n.*app\/client\.py/);

    const bogus = await runCli(['diff', repo.dir, '--store', db, '--since', 'no-such-ref']);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /--since no-such-ref: no recorded scan/);

    // --keep prunes the oldest scans of this repository, findings included; the rest stay as they were.
    const pruned = await runCli(['history', repo.dir, '--store', db, '--keep', '2']);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /^Deleted 2 older scans of .*; kept the newest 2\.\n#3 /);
    const after = parseJson<{ scans: TrendPoint[]; pruned: number }>((await runCli(['history', repo.dir, '--store', db, '--keep', '5', '--format', 'json'])).stdout);
    assert.deepEqual([after.scans.map((p) => p.id), after.pruned], [[3, 4], 0]);
    assert.equal((await runCli(['diff', repo.dir, '--store', db, '--since', '3'])).code, 0);
    const bad = await runCli(['history', repo.dir, '--store', db, '--keep', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--keep must be a positive whole number/);
  } finally {
    repo.cleanup();
    out.cleanup();
  }
});

test('history and diff on a store that does not exist or is corrupt: one clear error, exit 2', async () => {
  const t = new TempTree();
  try {
    const missing = await runCli(['history', t.dir, '--store', t.path('nope.db')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no history database at/);
    t.write('bad.db', 'garbage'.repeat(1000));
    for (const cmd of ['history', 'diff']) {
      const r = await runCli([cmd, t.dir, '--store', t.path('bad.db')]);
      assert.equal(r.code, 2, cmd);
      assert.match(r.stderr, /^pyvet: error: history database .*corrupt/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  } finally {
    t.cleanup();
  }
});

test('diff with a single recorded scan says there is nothing to compare', async () => {
  const t = new TempTree().files({ 'app.py': 'x = 1\n' });
  try {
    const db = t.path('h.db');
    assert.equal((await runCli(['scan', t.dir, '--store', db, '--output-dir', t.path('out'), '--quiet'])).code, 0);
    const r = await runCli(['diff', t.dir, '--store', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /only one scan/);
    const h = await runCli(['history', t.dir, '--store', db]);
    assert.equal(h.stdout.trim().split('\n').length, 1);
    const empty = await runCli(['history', t.path('out'), '--store', db]);
    assert.match(empty.stdout, /No scans of .* recorded/);
  } finally {
    t.cleanup();
  }
});

test('history and diff find the store named by the config, as scan does', async () => {
  const t = new TempTree().files({ '.pyvet.toml': 'store = ".pyvet/history.db"\n', 'app.py': 'x = 1\n' });
  const fallback = new TempTree();
  try {
    // The default store is elsewhere: the config's store must win over it for every command
    // ($PYVET_STORE, the user's own choice, would win over the scanned repository's config).
    const env = { PYVET_STORE: '', XDG_DATA_HOME: fallback.dir };
    for (let i = 0; i < 2; i++) assert.equal((await runCli(['scan', t.dir, '--output-dir', t.path('out'), '--quiet'], { env })).code, 0);
    const h = await runCli(['history', t.dir, '--format', 'json'], { env });
    assert.equal(h.code, 0, h.stderr);
    const doc = parseJson<{ store: string; scans: unknown[] }>(h.stdout);
    assert.equal(doc.store, t.path('.pyvet/history.db'));
    assert.equal(doc.scans.length, 2);
    const d = await runCli(['diff', t.dir], { env });
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /scan #1 .*→ scan #2/);
  } finally {
    t.cleanup();
    fallback.cleanup();
  }
});
