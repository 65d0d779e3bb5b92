import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import { runCli, parseJson, TempTree, TempRepo, ALICE, BOB } from './helpers.js';
import type { Brief } from '../src/brief/types.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/brief.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function assertValid(doc: unknown): void {
  assert.ok(validate(doc), `brief does not match schema/brief.schema.json:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`);
}

/** The scan document of `pyvet scan`, written outside the scanned tree, without touching the history store. */
async function scanDoc<T>(dir: string): Promise<T> {
  const out = new TempTree();
  try {
    const r = await runCli(['scan', dir, '--format', 'json', '--output', out.path('pyvet.json'), '--no-store', '--quiet']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return parseJson<T>(readFileSync(out.path('pyvet.json'), 'utf8'));
  } finally {
    out.cleanup();
  }
}

async function briefOf(dir: string): Promise<{ brief: Brief; stderr: string }> {
  const r = await runCli(['brief', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return { brief: parseJson<Brief>(r.stdout), stderr: r.stderr };
}

test('an empty folder yields a valid brief that says what it could not determine', async () => {
  const t = new TempTree();
  try {
    const { brief } = await briefOf(t.dir);
    assertValid(brief);
    assert.deepEqual(brief.routes, []);
    assert.ok(brief.sectionGaps.run.includes('no documented test command (README, CONTRIBUTING, docs, Makefile, justfile, tox/nox, pyproject tasks, scripts/, Docker, Procfile)'));
    assert.ok(brief.sectionGaps.owners.includes('not a git repository: who knows what cannot be determined'));
    assert.ok(brief.gaps.includes('owners: not a git repository: who knows what cannot be determined'));
  } finally {
    t.cleanup();
  }
});

test('malformed inputs are reported and the brief goes on: bad TOML, bad YAML, binary and broken Python', async () => {
  const t = new TempTree().files({
    'pyproject.toml': '[project\nname = ',
    'docker-compose.yml': 'services:\n  web: [unclosed\n',
    '.github/workflows/ci.yml': 'jobs: {{{{',
    'app/__init__.py': '',
    'app/broken.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/ok")\ndef ok(:\n',
    'app/views.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/fine")\ndef fine():\n    return ""\n',
  });
  t.write('app/blob.py', new Uint8Array([0, 1, 2, 0xff, 0xfe, 0]));
  try {
    const report = await scanDoc<{ brief: Brief; errors: { path: string; message: string }[] }>(t.dir);
    assertValid(report.brief);
    assert.ok(report.errors.some((e) => e.path === 'docker-compose.yml' && /YAML/.test(e.message)), JSON.stringify(report.errors));
    assert.ok(report.brief.sectionGaps.what.some((g) => /pyproject\.toml could not be parsed/.test(g)));
    assert.ok(report.brief.sectionGaps.what.some((g) => /ci\.yml could not be parsed/.test(g)));
    assert.ok(report.brief.routes.some((x) => x.path === '/fine'));
  } finally {
    t.cleanup();
  }
});

test('a project touching every section validates against the schema, in the scan document too', async () => {
  const t = new TempRepo().files({
    'setup.cfg': '[metadata]\nname = tool\ndescription = A tool.\n\n[options]\npython_requires = >=3.8\n\n[options.entry_points]\nconsole_scripts =\n    tool = tool.__main__:main\n',
    'tox.ini': '[tox]\nenvlist = py{38,39}, lint\n\n[testenv:lint]\ncommands = ruff check .\n',
    'tool/__init__.py': '',
    'tool/__main__.py': 'import argparse\n\ndef main():\n    p = argparse.ArgumentParser()\n    s = p.add_subparsers()\n    s.add_parser("sync")\n\nif __name__ == "__main__":\n    main()\n',
    'tool/jobs.py': 'import dramatiq\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\nsched = BlockingScheduler()\n\n@dramatiq.actor\ndef crunch():\n    pass\n\nsched.add_job(crunch, "cron", hour=3)\n',
    'tool/store.py': 'import os\nimport boto3\nBUCKET = os.environ.get("BUCKET", "data")\ns3 = boto3.resource("s3")\n',
    'tests/test_tool.py': 'import tool\n',
    '.env.example': 'BUCKET=data\n',
  });
  try {
    t.commit('initial', {}, { author: ALICE, date: '2025-01-10T10:00:00Z' });
    t.commit('more', { 'tool/more.py': 'X = 1\n' }, { author: BOB, date: '2026-01-10T10:00:00Z' });
    const { brief } = await briefOf(t.dir);
    assertValid(brief);
    assert.deepEqual(brief.tasks, [{ name: 'crunch', kind: 'dramatiq', file: 'tool/jobs.py', line: 6 }]);
    assert.deepEqual(brief.schedules, [{ name: 'crunch', task: 'tool.jobs.crunch', schedule: 'cron hour=3', kind: 'apscheduler', file: 'tool/jobs.py', line: 10 }]);
    assert.deepEqual(brief.cli.map((c) => c.name), ['sync']);
    assert.deepEqual(brief.entryPoints.map((e) => `${e.kind} ${e.name}`), ['console-script tool', 'main-module python -m tool']);
    assert.deepEqual(brief.commands.map((c) => c.command), ['tool', 'tox', 'tox -e lint']);
    assert.deepEqual(brief.python.ci.map((c) => c.version), ['3.8', '3.9']);
    assert.deepEqual(brief.envVars.map((e) => [e.name, e.documented, e.default]), [['BUCKET', true, 'data']]);
    assert.ok(brief.settings.files.includes('.env.example'));
    assert.deepEqual(brief.integrations.map((i) => `${i.name} ${i.detail ?? ''}`), ['AWS s3']);

    assertValid((await scanDoc<{ brief: Brief }>(t.dir)).brief);
  } finally {
    t.cleanup();
  }
});

test('open security findings are listed once, linked to their row in the full report, never with the secret', async () => {
  // a GitHub-token-shaped value built at run time, never a literal in this file
  const token = `ghp_${createHash('sha256').update('pyvet-brief-test').digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 36)}`;
  const t = new TempTree().files({ 'app/__init__.py': '', 'app/settings.py': `GITHUB_TOKEN = "${token}"\n` });
  try {
    const report = await scanDoc<{ brief: Brief; findings: { rule: string; fingerprint: string }[] }>(t.dir);
    const secret = report.findings.find((f) => f.rule.startsWith('secret'));
    assert.ok(secret, 'the secrets analyzer found the token');
    const security = report.brief.fragile.filter((f) => f.kind === 'security');
    assert.deepEqual(security.map((f) => f.link), [`pyvet.html#finding-${secret.fingerprint}`]);
    assert.match(security[0]!.message, /^\[high\] .*\(app\/settings\.py:1\)$/);
    for (const fmt of ['json', 'markdown', 'html']) {
      const r = await runCli(['brief', t.dir, '--format', fmt]);
      assert.ok(!r.stdout.includes(token), `${fmt} prints the secret`);
    }
  } finally {
    t.cleanup();
  }
});

test('the scan HTML report embeds the brief section with the package map', async () => {
  const t = new TempTree().files({ 'shop/__init__.py': 'from . import api\n', 'shop/api/__init__.py': 'from shop import core\n', 'shop/core/__init__.py': 'X = 1\n' });
  const out = new TempTree();
  try {
    const r = await runCli(['scan', t.dir, '--format', 'html', '--output', out.path('pyvet.html'), '--no-store', '--quiet']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const html = readFileSync(out.path('pyvet.html'), 'utf8');
    assert.match(html, /<section id="brief">/);
    assert.match(html, /<svg[^>]+id="architecture"/);
    assert.match(html, /data-package="shop.api"/);
    assert.match(html, /class="arch-edge"/);
  } finally {
    t.cleanup();
    out.cleanup();
  }
});
