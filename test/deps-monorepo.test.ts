import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJson, runCli, TempTree } from './helpers.js';
import type { ScanReport } from '../src/core/report.js';

// The bundled snapshot, whatever `pyvet db update` left on the machine running the tests.
process.env.PYVET_CACHE_DIR = mkdtempSync(path.join(os.tmpdir(), 'pyvet-mono-cache-'));
const trees: TempTree[] = [];
after(() => trees.forEach((t) => t.cleanup()));

async function deps(files: Record<string, string>, extra: string[] = []): Promise<{ code: number; report: ScanReport; text: string }> {
  const t = new TempTree('pyvet-mono-').files(files);
  trees.push(t);
  const j = await runCli(['deps', t.dir, '--format', 'json', ...extra]);
  const text = await runCli(['deps', t.dir, '--fail-on', 'none']);
  return { code: j.code, report: parseJson<ScanReport>(j.stdout), text: text.stdout };
}

const UV_LOCK = `version = 1
requires-python = ">=3.12"

[manifest]
members = ["app"]

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "backend" }
dependencies = [{ name = "django" }]

[[package]]
name = "django"
version = "4.2.16"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "sqlparse"
version = "0.5.1"
source = { registry = "https://pypi.org/simple" }
`;

test('a uv workspace member is resolved by the root lock: no range findings, its packages direct', async () => {
  const { report } = await deps({
    'pyproject.toml': '[project]\nname = "root"\nversion = "0"\n\n[tool.uv.workspace]\nmembers = ["backend"]\n',
    'uv.lock': UV_LOCK,
    'backend/pyproject.toml': '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n  "django>=4.2,<5",\n]\n',
  });
  assert.deepEqual(report.findings.filter((f) => f.rule === 'deps.range'), []);
  const django = report.dependencies.find((d) => d.name === 'django')!;
  assert.equal(django.path, 'uv.lock');
  assert.equal(django.direct, true);
  assert.deepEqual(django.declared, { path: 'backend/pyproject.toml', line: 5, specifier: '>=4.2,<5' });
  assert.equal(report.dependencies.find((d) => d.name === 'sqlparse')!.direct, false);
});

test('fixtures, examples and docs: findings at info, apart, never failing the run; configurable by role', async () => {
  const files = {
    'requirements.txt': 'flask==3.0.3\n',
    'tests/fixtures/old/poetry.lock': '[[package]]\nname = "django"\nversion = "2.2.3"\n',
    'examples/demo/requirements.txt': 'django==2.2.3\n',
    'docs/requirements.txt': 'sphinx>=1\n',
  };
  const { code, report, text } = await deps(files);
  assert.equal(code, 0, 'nothing the project installs is vulnerable');
  const vuln = report.findings.filter((f) => f.rule === 'deps.vulnerable');
  assert.ok(vuln.length > 1);
  for (const f of vuln) {
    assert.equal(f.severity, 'info');
    assert.ok(['fixture', 'example'].includes(String(f.data?.role)), f.path);
    assert.ok(f.data?.severityIfShipped);
  }
  assert.equal(report.dependencies.find((d) => d.path === 'tests/fixtures/old/poetry.lock')!.role, 'fixture');
  assert.equal(report.dependencies.find((d) => d.path === 'docs/requirements.txt')!.role, 'docs');
  assert.match(text, /Dependencies: \d+ declared, 0 vulnerable pin\(s\)/);
  assert.match(text, /Fixtures, examples and docs: \d+ finding\(s\), at info/);
  assert.match(text, /deps\.vulnerable {2}tests\/fixtures\/old\/poetry\.lock:2 \(fixture\)/);
  // A user who ships the example says so with a role override, and it counts again.
  assert.equal((await deps(files, ['--fail-on', 'low'])).code, 0);
  const configured = await deps({ ...files, '.pyvet.toml': '[roles]\n"examples/**" = "production"\n' }, ['--fail-on', 'low']);
  assert.equal(configured.code, 1);
  assert.ok(configured.report.findings.some((f) => f.path === 'examples/demo/requirements.txt' && f.severity !== 'info'));
});

test("the project's own name is never a dependency; every parser note reaches skipped with file and line", async () => {
  const { report } = await deps({
    'pyproject.toml': '[project]\nname = "Requests"\nversion = "1"\ndependencies = ["idna>=2.5"]\n\n[project.optional-dependencies]\ntest = [\n  "requests[socks]",\n  "pytest",\n]\n',
    'setup.py': 'from setuptools import setup\nkw = dict(name="x")\nsetup(**kw)\n',
    'requirements.txt': '--index-url https://example.com/simple\n-r https://example.com/more.txt\nflask==3.0.3\n',
  });
  assert.ok(!report.dependencies.some((d) => d.name === 'requests'));
  const skipped = report.skipped ?? [];
  const has = (p: string, line: number, re: RegExp) => assert.ok(skipped.some((s) => s.path === p && s.line === line && re.test(s.message)), `${p}:${line} ${re}: ${JSON.stringify(skipped)}`);
  has('pyproject.toml', 8, /requests\[socks\] is the project itself/);
  has('setup.py', 3, /setup\(\*\*kw\): arguments built at run time are not read/);
  has('requirements.txt', 1, /option line/);
  has('requirements.txt', 2, /remote include not fetched/);
});

test('a library (published, no lock) gets a floor above the vulnerable versions; an application a pin', async () => {
  const lib = await deps({ 'pyproject.toml': '[project]\nname = "mylib"\nversion = "1"\ndependencies = ["django>=2.0"]\n' });
  const f = lib.report.findings.find((x) => x.rule === 'deps.range')!;
  assert.match(f.remediation, /^raise the floor to django>=\d+\.\d+(\.\d+)?, which admits no known-vulnerable version/);
  assert.doesNotMatch(f.remediation, /pin an exact version/);
  assert.equal(f.data?.library, true);
  const app = await deps({ 'requirements.txt': 'django>=2.0\n' });
  assert.match(app.report.findings.find((x) => x.rule === 'deps.range')!.remediation, /^pin an exact version/);
});

test('a look-alike of a popular package is reported at low with the package it resembles', async () => {
  const { report } = await deps({ 'requirements.txt': 'reqeusts==2.31.0\nrequests==2.32.4\nboto==2.49.0\n' });
  const squat = report.findings.filter((f) => f.rule === 'deps.typosquat');
  assert.equal(squat.length, 1);
  assert.equal(squat[0]!.severity, 'low');
  assert.equal(squat[0]!.data?.resembles, 'requests');
  assert.equal(squat[0]!.line, 1);
});
