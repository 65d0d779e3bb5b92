import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BOB, parseJson, runCli, TempRepo, TempTree } from './helpers.js';
import { ALNUM, fake } from '../src/secrets/fake.js';

interface JsonFinding {
  rule: string;
  path: string;
  line: number;
  commit?: string;
  date?: string;
  message: string;
  fingerprint: string;
}
interface JsonReport {
  findings: JsonFinding[];
  secrets: { commitsScanned?: number; historyOnly?: number; baselined?: number };
  errors: { message: string }[];
}

const ghToken = (seed: string) => 'ghp' + '_' + fake(ALNUM, 36, seed);
const stripeKey = (seed: string) => 'sk_' + 'live_' + fake(ALNUM, 40, seed);

async function scan(dir: string, ...extra: string[]): Promise<JsonReport> {
  const r = await runCli(['secrets', dir, '--format', 'json', '--fail-on', 'none', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return parseJson<JsonReport>(r.stdout);
}

test('history: a removed secret is reported with the commit that added it; a present one once, with its first commit', async () => {
  const repo = new TempRepo();
  try {
    const token = ghToken('hist-1');
    const stripe = stripeKey('hist-2');
    const first = repo.commit('add config', {
      'app/config.py': `import os\n\nGITHUB_TOKEN = "${token}"\n`,
      'app/billing.py': `import stripe\nstripe.api_key = "${stripe}"\n`,
      'assets/blob.bin': Buffer.from([0, 1, 2]).toString('latin1') + token,
    }, { date: '2026-01-10T09:00:00Z' });
    repo.commit('more code above the key', { 'app/billing.py': `"""Billing."""\nimport os\nimport stripe\nstripe.api_key = "${stripe}"\n` }, { date: '2026-02-01T09:00:00Z' });
    const removal = repo.commit('remove the token', { 'app/config.py': 'import os\n\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n', 'assets/blob.bin': null }, { author: BOB, date: '2026-03-01T09:00:00Z' });
    assert.notEqual(first, removal);

    const tree = await scan(repo.dir);
    assert.deepEqual(tree.findings.map((f) => `${f.rule} ${f.path}:${f.line}`), ['secret.stripe-live-key app/billing.py:4']);
    assert.equal(tree.findings[0]!.commit, undefined, 'no history asked, no commit');

    const r = await scan(repo.dir, '--history');
    assert.equal(r.secrets.commitsScanned, 3);
    const byRule = new Map(r.findings.map((f) => [f.rule, f]));
    assert.equal(r.findings.length, 2, JSON.stringify(r.findings.map((f) => [f.rule, f.path, f.line])));
    const live = byRule.get('secret.stripe-live-key')!;
    assert.deepEqual([live.path, live.line, live.commit], ['app/billing.py', 4, first], 'still in HEAD: the tree finding, with the commit that introduced it');
    assert.ok(live.date?.startsWith('2026-01-10'));
    const gone = byRule.get('secret.github-token')!;
    assert.deepEqual([gone.path, gone.line, gone.commit], ['app/config.py', 3, first], 'gone: path and line in the commit that added it');
    assert.ok(gone.date?.startsWith('2026-01-10'));
    assert.match(gone.message, /removed from the tree but remains in git history/);
    assert.match(gone.message, /^Rotate/);
    assert.equal(r.secrets.historyOnly, 1);
  } finally {
    repo.cleanup();
  }
});

test('history: a secret suppressed in the tree stays silent in the commits before the comment was added', async () => {
  const repo = new TempRepo();
  try {
    const token = ghToken('hist-10');
    repo.commit('add', { 'app.py': `T = "${token}"\n` });
    repo.commit('allow it', { 'app.py': `T = "${token}"  # pyvet: ignore[secret]\n` });
    const r = await scan(repo.dir, '--history');
    assert.deepEqual(r.findings, []);
    assert.equal((r.secrets as { suppressed?: number }).suppressed, 1);
  } finally {
    repo.cleanup();
  }
});

test('history covers every ref (an unmerged branch) and names that branch commit', async () => {
  const repo = new TempRepo();
  try {
    repo.commit('init', { 'README.md': '# app\n' }, { date: '2026-01-01T00:00:00Z' });
    repo.git('checkout', '-q', '-b', 'experiment');
    const pw = 'Spring' + fake(ALNUM, 6, 'hist-3') + '!';
    const side = repo.commit('try prod settings', { '.env': `DEBUG=1\nDB_PASSWORD=${pw}\n` }, { date: '2026-01-05T00:00:00Z' });
    repo.git('checkout', '-q', 'main');
    const r = await scan(repo.dir, '--history');
    assert.deepEqual(r.findings.map((f) => [f.rule, f.path, f.line, f.commit]), [['secret.generic-credential', '.env', 2, side]]);
    assert.equal(r.secrets.commitsScanned, 2);
    const text = await runCli(['secrets', repo.dir, '--history']);
    assert.ok(!text.stdout.includes(pw) && text.stdout.includes('.env:2'));
  } finally {
    repo.cleanup();
  }
});

test('history of a subfolder: paths relative to the scanned folder, other folders ignored', async () => {
  const repo = new TempRepo();
  try {
    const a = ghToken('hist-4');
    const b = ghToken('hist-5');
    const c = repo.commit('two services', { 'svc/a.py': `T = "${a}"\n`, 'other/b.py': `T = "${b}"\n` });
    repo.commit('drop both', { 'svc/a.py': 'T = None\n', 'other/b.py': 'T = None\n' });
    const r = await scan(repo.path('svc'), '--history');
    assert.deepEqual(r.findings.map((f) => [f.path, f.line, f.commit]), [['a.py', 1, c]]);
  } finally {
    repo.cleanup();
  }
});

test('history: non-UTF-8 added lines are scanned, binary diffs skipped, oversized additions counted', async () => {
  const repo = new TempRepo();
  try {
    const token = ghToken('hist-7');
    repo.write('pyproject.toml', '[tool.pyvet]\nmax-file-size = "2KB"\n');
    repo.write('legacy.py', Buffer.concat([Buffer.from('# r\xe9glages\n', 'latin1'), Buffer.from(`T = "${token}"\n`)]));
    repo.write('blob.dat', Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(ghToken('hist-8'))]));
    repo.write('dump.sql', `-- ${ghToken('hist-9')}\n` + 'INSERT INTO t VALUES (1);\n'.repeat(200));
    const c = repo.commit('odd files');
    repo.commit('clean up', { 'legacy.py': null, 'blob.dat': null, 'dump.sql': null });
    const r = await scan(repo.dir, '--history');
    assert.deepEqual(r.findings.map((f) => [f.rule, f.path, f.line, f.commit]), [['secret.github-token', 'legacy.py', 2, c]]);
    assert.equal((r.secrets as { skippedLarge?: number }).skippedLarge, 1);
  } finally {
    repo.cleanup();
  }
});

test('--history outside a git repository: the tree is scanned and the gap is recorded', async () => {
  const t = new TempTree().files({ 'app.py': `T = "${ghToken('hist-6')}"\n` });
  try {
    const r = await scan(t.dir, '--history');
    assert.equal(r.findings.length, 1);
    assert.ok(r.errors.some((e) => /needs a git repository/.test(e.message)));
  } finally {
    t.cleanup();
  }
});

test('baseline: --write-baseline then --baseline reports only new secrets; a bad baseline is a usage error', async () => {
  const t = new TempTree().files({ 'app.py': `A = "${ghToken('base-1')}"\nSMTP_PASSWORD = "${'Autumn' + '#2019'}"\n` });
  try {
    const file = t.path('.pyvet/secrets-baseline.json');
    const w = await runCli(['secrets', t.dir, '--write-baseline', file, '--format', 'json']);
    assert.equal(w.code, 1);
    const baseline = parseJson<{ tool: string; kind: string; version: number; fingerprints: { fingerprint: string; rule: string; path: string; line: number }[] }>(
      (await import('node:fs')).readFileSync(file, 'utf8'),
    );
    assert.equal(baseline.kind, 'secrets-baseline');
    assert.deepEqual(baseline.fingerprints.map((e) => [e.rule, e.path, e.line]), [['secret.github-token', 'app.py', 1], ['secret.generic-credential', 'app.py', 2]]);

    // Moving a known secret to another line keeps its fingerprint; a new one is reported.
    t.write('app.py', `import os\n\nA = "${ghToken('base-1')}"\nSMTP_PASSWORD = "${'Autumn' + '#2019'}"\nB = "${ghToken('base-2')}"\n`);
    const r = await scan(t.dir, '--baseline', file);
    assert.deepEqual(r.findings.map((f) => `${f.rule} ${f.path}:${f.line}`), ['secret.github-token app.py:5']);
    assert.equal(r.secrets.baselined, 2);

    const bad = path.join(t.dir, 'bad.json');
    writeFileSync(bad, '{"kind": "something-else"}');
    const e1 = await runCli(['secrets', t.dir, '--baseline', bad]);
    assert.equal(e1.code, 2);
    assert.match(e1.stderr, /bad\.json is not a pyvet secrets baseline/);
    const e2 = await runCli(['secrets', t.dir, '--baseline', path.join(t.dir, 'missing.json')]);
    assert.equal(e2.code, 2);
    assert.match(e2.stderr, /cannot read secrets baseline .*missing\.json: ENOENT/);
    writeFileSync(bad, '{not json');
    const e3 = await runCli(['secrets', t.dir, '--baseline', bad]);
    assert.match(e3.stderr, /not valid JSON/);
  } finally {
    t.cleanup();
  }
});
