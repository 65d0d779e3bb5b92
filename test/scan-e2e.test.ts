import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BOB, parseJson, runCli, TempRepo, TempTree } from './helpers.js';
import { reportValidator } from './schema.js';
import type { ScanReport } from '../src/core/report.js';

/** A small but real service: manifests, code, tests, CI, a leaked key, two authors. */
function buildService(): TempRepo {
  const repo = new TempRepo();
  repo.commit('Initial service', {
    'requirements.txt': 'django==2.2.3\nrequests>=2.20\n',
    'pyproject.toml': '[project]\nname = "svc"\nversion = "1.0"\ndescription = "A small service."\nrequires-python = ">=3.10"\n',
    'README.md': '# svc\n\nA small service.\n\n## Install\n\n```sh\npip install -r requirements.txt\n```\n\n## Test\n\n```sh\npytest\n```\n',
    'svc/__init__.py': '',
    'svc/app.py': 'import os\nimport requests\n\nDB_URL = os.environ.get("SVC_DB_URL", "sqlite://")\n\n\ndef fetch(url):\n    if url:\n        return requests.get(url)\n    return None\n',
    'tests/test_app.py': 'from svc.app import fetch\n\n\ndef test_fetch():\n    assert fetch("") is None\n',
  });
  // A credential assigned in settings: generated, never a literal in this repository.
  const password = ['Autumn', '#', String(2000 + 19)].join('');
  repo.commit('Add settings', { 'svc/settings.py': `SMTP_PASSWORD = "${password}"\nDEBUG = True\n` }, { author: BOB, date: '2026-02-01T10:00:00Z' });
  return repo;
}

test('scan writes every format from one run, the JSON matches its schema, and the summary names the reports', async () => {
  const repo = buildService();
  const out = new TempTree('pyvet-out-');
  try {
    const r = await runCli(['scan', repo.dir, '--format', 'text,json,sarif,markdown,html,cyclonedx', '--output-dir', out.dir, '--no-store', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['pyvet.txt', 'pyvet.json', 'pyvet.sarif', 'pyvet.md', 'pyvet.html', 'pyvet.cdx.json']) {
      assert.ok(existsSync(path.join(out.dir, f)), `${f} not written`);
      assert.match(r.stdout, new RegExp(`report: .*${f.replace('.', '\\.')}`));
    }
    const doc = parseJson<ScanReport>(readFileSync(path.join(out.dir, 'pyvet.json'), 'utf8'));
    reportValidator()(doc);
    assert.deepEqual(doc.sections, ['deps', 'secrets', 'health', 'brief']);
    assert.ok(doc.findings.some((f) => f.rule === 'deps.vulnerable' && f.path === 'requirements.txt' && f.line === 1));
    assert.ok(doc.findings.some((f) => f.rule.startsWith('secret.') && f.path === 'svc/settings.py' && f.line === 1));
    assert.equal(typeof doc.health?.score, 'number');
    assert.equal(doc.summary.score, doc.health?.score);
    assert.equal(doc.commit, repo.git('rev-parse', 'HEAD').trim());
    // The summary leads with the score and the most serious findings, with file:line.
    assert.match(r.stdout, /health \d+\/100/);
    assert.match(r.stdout, /requirements\.txt:1|svc\/settings\.py:1/);
  } finally {
    repo.cleanup();
    out.cleanup();
  }
});

test('scan exit code follows --fail-on', async () => {
  const repo = buildService();
  const out = new TempTree('pyvet-out-');
  try {
    const base = ['scan', repo.dir, '--output-dir', out.dir, '--no-store', '--quiet'];
    assert.equal((await runCli([...base, '--fail-on', 'high'])).code, 1);
    assert.equal((await runCli([...base, '--fail-on', 'none'])).code, 0);
    assert.equal((await runCli([...base, '--fail-on', 'none', '--quiet'])).stdout, '');
  } finally {
    repo.cleanup();
    out.cleanup();
  }
});

test('a progress bar goes to stderr on a TTY only, never with --quiet', async () => {
  const repo = buildService();
  const out = new TempTree('pyvet-out-');
  try {
    const base = ['scan', repo.dir, '--output-dir', out.dir, '--no-store', '--fail-on', 'none'];
    assert.match((await runCli(base, { tty: true })).stderr, /pyvet: (walk|deps|secrets|python|health)/);
    assert.equal((await runCli(base, { tty: false })).stderr, '');
    assert.equal((await runCli([...base, '--quiet'], { tty: true })).stderr, '');
    // --history reads commits: the bar counts them against the total.
    assert.match((await runCli([...base, '--history'], { tty: true })).stderr, /secrets history \[[#-]+\] 2\/2 commits/);
  } finally {
    repo.cleanup();
    out.cleanup();
  }
});

test('a tree with broken inputs still scans: errors name the file, the rest is reported', async () => {
  const t = new TempTree().files({
    'pyproject.toml': '[project\nname = "broken"\n',
    'requirements.txt': 'django==2.2.3\n',
    'Pipfile.lock': '{ not json',
    'svc/bad.py': 'def broken(:\n    pass\n',
  });
  t.write('blob.bin', Buffer.from([0, 1, 2, 3, 0xff, 0]));
  t.write('latin1.py', Buffer.from('x = "caf\xe9"\n', 'latin1'));
  const out = new TempTree('pyvet-out-');
  try {
    const r = await runCli(['scan', t.dir, '--format', 'json', '--output-dir', out.dir, '--no-store', '--fail-on', 'none', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const doc = parseJson<ScanReport>(readFileSync(path.join(out.dir, 'pyvet.json'), 'utf8'));
    const errPaths = doc.errors.map((e) => e.path);
    assert.ok(errPaths.includes('pyproject.toml'), JSON.stringify(doc.errors));
    assert.ok(errPaths.includes('Pipfile.lock'), JSON.stringify(doc.errors));
    assert.ok(doc.findings.some((f) => f.rule === 'deps.vulnerable' && f.path === 'requirements.txt'));
  } finally {
    t.cleanup();
    out.cleanup();
  }
});
