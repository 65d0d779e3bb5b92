import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseJson, runCli, TempRepo, TempTree } from './helpers.js';
import { ALNUM, fake, fakePem } from '../src/secrets/fake.js';

interface JsonFinding {
  rule: string;
  path: string;
  line: number;
  commit?: string;
  date?: string;
  message: string;
  severity: string;
  data?: { branches?: string[]; onHead?: boolean; inTree?: boolean; historyOnly?: boolean };
}
interface JsonReport {
  findings: JsonFinding[];
  secrets: { commitsScanned?: number; historyOnly?: number; skippedCommits?: string[]; shallow?: boolean };
  errors: { message: string }[];
}

const ghToken = (seed: string) => 'ghp' + '_' + fake(ALNUM, 36, seed);

async function scan(dir: string): Promise<JsonReport> {
  const r = await runCli(['secrets', dir, '--history', '--format', 'json', '--fail-on', 'none']);
  assert.equal(r.code, 0, r.stderr);
  return parseJson<JsonReport>(r.stdout);
}

test('history: a private key replaced in place (only the body between BEGIN and END edited) is found', async () => {
  const repo = new TempRepo();
  try {
    const first = fakePem('RSA', 'inplace-1', 20);
    const second = fakePem('RSA', 'inplace-2', 20);
    repo.commit('key', { 'deploy/signing.pem': first + '\n' });
    const swap = repo.commit('rotate', { 'deploy/signing.pem': second + '\n' });
    repo.commit('gone', { 'deploy/signing.pem': null });
    const r = await scan(repo.dir);
    const keys = r.findings.filter((f) => f.rule === 'secret.private-key');
    assert.equal(keys.length, 2, JSON.stringify(keys.map((f) => [f.commit, f.line])));
    assert.ok(keys.some((f) => f.commit === swap && f.line === 1), 'the edited block is reported at its BEGIN line in the commit that edited it');
  } finally {
    repo.cleanup();
  }
});

test('history: a secret only on an unmerged branch names the branch; every history finding says whether it is in the tree', async () => {
  const repo = new TempRepo();
  try {
    repo.commit('base', { 'app.py': 'import os\n' });
    repo.git('checkout', '-q', '-b', 'feature/payments');
    const leak = repo.commit('wip', { 'app/pay.py': `GITHUB_TOKEN = "${ghToken('branch-1')}"\n` });
    repo.git('checkout', '-q', 'main');
    const r = await scan(repo.dir);
    const f = r.findings.find((x) => x.rule === 'secret.github-token');
    assert.ok(f, JSON.stringify(r.findings));
    assert.equal(f.commit, leak);
    assert.deepEqual(f.data?.branches, ['feature/payments']);
    assert.equal(f.data?.onHead, false);
    assert.equal(f.data?.inTree, false);
    assert.match(f.message, /branch feature\/payments, not merged into HEAD/);
    assert.doesNotMatch(f.message, /removed from the tree/);
  } finally {
    repo.cleanup();
  }
});

test('history: commit counts stay exact when a diff holds a lone \\r followed by the record separator', async () => {
  const repo = new TempRepo();
  try {
    repo.commit('one', { 'data.txt': 'a\r\u001eb\r\u001ec\n' });
    repo.commit('two', { 'data.txt': 'a\r\u001eb\r\u001ec\r\u001ed\n' });
    repo.commit('three', { 'app.py': `TOKEN = "${ghToken('cr-1')}"\n` });
    const r = await scan(repo.dir);
    assert.equal(r.secrets.commitsScanned, 3);
  } finally {
    repo.cleanup();
  }
});

test('history: a shallow clone says so', async () => {
  const repo = new TempRepo();
  const clone = new TempTree('pyvet-shallow-');
  try {
    repo.commit('one', { 'a.py': 'x = 1\n' });
    repo.commit('two', { 'a.py': 'x = 2\n' });
    repo.commit('three', { 'a.py': 'x = 3\n' });
    const dest = path.join(clone.dir, 'c');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, dest]);
    const r = await scan(dest);
    assert.equal(r.secrets.shallow, true);
    assert.equal(r.secrets.commitsScanned, 1);
    assert.ok(r.errors.some((e) => /shallow clone/.test(e.message)), JSON.stringify(r.errors));
  } finally {
    repo.cleanup();
    clone.cleanup();
  }
});

test('history: an unreadable object skips its commit (named) and the scan goes on', async () => {
  const repo = new TempRepo();
  try {
    const old = ghToken('miss-1');
    const later = ghToken('miss-2');
    repo.commit('one', { 'a.py': `A = "${old}"\n` });
    repo.commit('two', { 'big.txt': 'lost contents\n' });
    const blob = repo.git('rev-parse', 'HEAD:big.txt').trim();
    const broken = repo.git('rev-parse', 'HEAD').trim();
    repo.commit('three', { 'a.py': 'import os\n', 'b.py': `B = "${later}"\n` });
    repo.commit('four', { 'b.py': 'import os\n' });
    rmSync(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const r = await scan(repo.dir);
    assert.deepEqual(r.secrets.skippedCommits, [broken]);
    assert.ok(r.errors.some((e) => e.message.includes(broken.slice(0, 10))), JSON.stringify(r.errors));
    // Commits on both sides of the broken one were read.
    assert.equal(r.findings.filter((f) => f.rule === 'secret.github-token').length, 2, JSON.stringify(r.findings));
    assert.equal(r.secrets.commitsScanned, 3);
  } finally {
    repo.cleanup();
  }
});
