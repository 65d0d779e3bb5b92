import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AjvDraft7 from 'ajv';
import addFormats from 'ajv-formats';
import { parseJson, runCli, TempTree } from './helpers.js';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ScanReport } from '../src/core/report.js';

// No `pyvet db update` cache of the machine running the tests may change what is matched.
process.env.PYVET_CACHE_DIR = mkdtempSync(path.join(os.tmpdir(), 'pyvet-cache-'));
const trees: TempTree[] = [];
after(() => trees.forEach((t) => t.cleanup()));
function tree(files: Record<string, string | Uint8Array>): TempTree {
  const t = new TempTree('pyvet-deps-');
  for (const [rel, content] of Object.entries(files)) t.write(rel, content);
  trees.push(t);
  return t;
}

/** Each dependency against schema/dependency.schema.json, the fragment the report schema composes. */
function validateDependencies(report: ScanReport): void {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schema/dependency.schema.json', import.meta.url), 'utf8')) as object);
  for (const d of report.dependencies) assert.ok(validate(d), `${JSON.stringify(d)}\n${JSON.stringify(validate.errors, null, 2)}`);
}

async function json(args: string[]): Promise<{ code: number; report: ScanReport; stderr: string }> {
  const r = await runCli([...args, '--format', 'json']);
  return { code: r.code, report: parseJson<ScanReport>(r.stdout), stderr: r.stderr };
}

const PIPFILE_LOCK = JSON.stringify(
  {
    _meta: { hash: { sha256: '00' }, 'pipfile-spec': 6, requires: { python_version: '3.11' }, sources: [] },
    default: { django: { hashes: [], version: '==2.2.3' }, 'py-yaml': { version: '==6.0.1' } },
    develop: { pytest: { hashes: [], version: '==8.0.0' } },
  },
  null,
  4,
);

/** One project per manifest format, each with a known-vulnerable pin (django 2.2.3, PYSEC-2019-13 among others). */
const EVERY_FORMAT: Record<string, string> = {
  'req/requirements.txt': '# app\nDjango==2.2.3 \\\n    --hash=sha256:00\nrequests>=2.0\n',
  'pep621/pyproject.toml': '[project]\nname = "a"\ndependencies = [\n  "django==2.2.3",\n]\n',
  'poetry/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^2.2"\n',
  'poetry/poetry.lock': '[[package]]\nname = "django"\nversion = "2.2.3"\n\n[[package]]\nname = "pytz"\nversion = "2024.1"\n',
  'pipenv/Pipfile': '[packages]\ndjango = "*"\n\n[dev-packages]\npytest = "*"\n',
  'pipenv/Pipfile.lock': PIPFILE_LOCK,
  'uv/pyproject.toml': '[project]\nname = "u"\ndependencies = ["django>=2.2"]\n',
  'uv/uv.lock': 'version = 1\n\n[[package]]\nname = "u"\nversion = "0.1.0"\nsource = { editable = "." }\n\n[[package]]\nname = "django"\nversion = "2.2.3"\nsource = { registry = "https://pypi.org/simple" }\n',
  'pdm/pdm.lock': '[metadata]\ngroups = ["default"]\n\n[[package]]\nname = "django"\nversion = "2.2.3"\ngroups = ["default"]\n',
  'cfg/setup.cfg': '[options]\ninstall_requires =\n    django==2.2.3\n',
  'py/setup.py': 'from setuptools import setup\nREQS = ["django==2.2.3"]\nsetup(name="p", install_requires=REQS)\n',
  'compiled/requirements.in': 'django>=2.2\n',
  'compiled/requirements.txt': '# pip-compile output\ndjango==2.2.3\n    # via -r requirements.in\n',
};

test('every manifest format: the vulnerable pin is found at its manifest line, locks resolve their manifests', async () => {
  const t = tree(EVERY_FORMAT);
  const { code, report } = await json(['deps', t.dir, '--fail-on', 'none']);
  assert.equal(code, 0);
  validateDependencies(report);
  const django = report.dependencies.filter((d) => d.name === 'django');
  assert.deepEqual(
    django.map((d) => `${d.path}:${d.line} ${d.source} ${d.kind} ${d.version}`).sort(),
    [
      'cfg/setup.cfg:3 setup-cfg pinned 2.2.3',
      'compiled/requirements.txt:2 requirements pinned 2.2.3',
      'pdm/pdm.lock:5 pdm-lock pinned 2.2.3',
      'pep621/pyproject.toml:4 pyproject-pep621 pinned 2.2.3',
      'pipenv/Pipfile.lock:13 pipfile-lock pinned 2.2.3',
      'poetry/poetry.lock:2 poetry-lock pinned 2.2.3',
      'py/setup.py:2 setup-py pinned 2.2.3',
      'req/requirements.txt:2 requirements pinned 2.2.3',
      'uv/uv.lock:9 uv-lock pinned 2.2.3',
    ],
  );
  for (const d of django) {
    assert.ok(d.vulns.some((v) => v.id === 'PYSEC-2019-13'), d.path);
    assert.equal(d.fix, '2.2.28');
  }
  // The lock entry carries where the manifest declared it; the manifest's range is not reported again.
  const poetry = django.find((d) => d.path === 'poetry/poetry.lock')!;
  assert.deepEqual(poetry.declared, { path: 'poetry/pyproject.toml', line: 3, specifier: '^2.2' });
  assert.equal(poetry.direct, true);
  assert.equal(report.dependencies.find((d) => d.name === 'pytz')!.direct, false);
  assert.equal(report.dependencies.find((d) => d.name === 'pytest' && d.path === 'pipenv/Pipfile.lock')!.group, 'dev');
  const pinning = report.findings.filter((f) => f.rule === 'deps.range' || f.rule === 'deps.unpinned');
  assert.deepEqual(pinning.map((f) => `${f.rule} ${f.path}:${f.line}`), ['deps.range req/requirements.txt:4']);
  assert.match(pinning[0]!.message, /requests >=2\.0 is a range, not a pin: it admits \d+ versions named in advisories that are vulnerable \(PYSEC-/);
  assert.deepEqual(report.errors, []);
});

test('deps.vulnerable: one finding per advisory, aliased records merged, severity from CVSS, remediation clears all', async () => {
  const t = tree({ 'requirements.txt': 'accesscontrol==4.2\nlangchain==0.0.170\n' });
  const { code, report } = await json(['deps', t.dir]);
  assert.equal(code, 1, 'critical advisories fail the default --fail-on high');
  validateDependencies(report);
  const ac = report.dependencies.find((d) => d.name === 'accesscontrol')!;
  assert.deepEqual(ac.vulns.map((v) => v.id), ['PYSEC-2021-335', 'PYSEC-2021-370'], 'one entry per OSV record');
  const acFindings = report.findings.filter((f) => f.data?.package === 'accesscontrol');
  assert.equal(acFindings.length, 1, 'PYSEC-2021-335 and PYSEC-2021-370 share GHSA-qcx9-j53g-ccgf: one vulnerability');
  assert.equal(acFindings[0]!.data!.advisory, 'PYSEC-2021-335');
  assert.ok((acFindings[0]!.data!.aliases as string[]).includes('PYSEC-2021-370'));
  assert.equal(acFindings[0]!.remediation, 'upgrade accesscontrol to 4.3 (clears the one known advisory of 4.2)');
  const crit = report.findings.find((f) => f.data?.advisory === 'PYSEC-2023-138')!;
  assert.equal(crit.severity, 'critical', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H is 9.8');
  assert.equal(crit.line, 2);
  assert.match(crit.message, /^langchain 0\.0\.170 is affected by PYSEC-2023-138 \(CVE-2023-36095\): /);
  assert.match(crit.remediation, /^upgrade langchain to 0\.1\.11 \(clears all 13 known advisories of 0\.0\.170\)$/);
  assert.deepEqual(crit.data!.fixed, ['0.0.236']);
});

test('exit codes: --fail-on none never fails, unknown severity ranks with medium, clean is 0', async () => {
  const crit = tree({ 'requirements.txt': 'langchain==0.0.170\n' });
  assert.equal((await runCli(['deps', crit.dir, '--fail-on', 'none'])).code, 0);
  const unknown = tree({ 'requirements.txt': 'django==2.2.3\n' });
  assert.equal((await runCli(['deps', unknown.dir])).code, 0, 'no CVSS vector: unknown, below high');
  assert.equal((await runCli(['deps', unknown.dir, '--fail-on', 'medium'])).code, 1);
  const clean = tree({ 'requirements.txt': 'django==2.2.28\n' });
  const r = await runCli(['deps', clean.dir, '--fail-on', 'low']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /No findings\./);
});

test('text, markdown and SARIF outputs; SARIF has a rule per advisory at the manifest line and meets the schema', async () => {
  const t = tree({ 'requirements.txt': 'flask\nlangchain==0.0.170\n' });
  const text = await runCli(['deps', t.dir, '--fail-on', 'none']);
  assert.match(text.stdout, /langchain 0\.0\.170 {2}→ upgrade to 0\.1\.11/);
  assert.match(text.stdout, /deps\.unpinned {2}requirements\.txt:1/);
  for (const line of text.stdout.split('\n')) assert.ok(line.length <= 100, line);
  const md = await runCli(['deps', t.dir, '--format', 'markdown', '--fail-on', 'none']);
  assert.match(md.stdout, /`langchain`/);
  const out = path.join(t.dir, 'out.sarif');
  const s = await runCli(['deps', t.dir, '--format', 'sarif', '--output', out, '--fail-on', 'none']);
  assert.equal(s.code, 0);
  const sarif = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
  };
  const ajv = new AjvDraft7.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../test/fixtures/sarif-github.schema.json', import.meta.url), 'utf8')) as object);
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  const run = sarif.runs[0]!;
  assert.ok(run.tool.driver.rules.some((r) => r.id === 'PYSEC-2023-138'));
  assert.ok(run.tool.driver.rules.some((r) => r.id === 'deps.unpinned'));
  const res = run.results.find((r) => r.ruleId === 'PYSEC-2023-138')!;
  assert.equal(res.locations[0]!.physicalLocation.artifactLocation.uri, 'requirements.txt');
  assert.equal(res.locations[0]!.physicalLocation.region.startLine, 2);
});

test('a manifest given as a file: only it is read, and its -r include is followed relative to it', async () => {
  const t = tree({
    'reqs/requirements.txt': '-r base.txt\nsix==1.16.0\n',
    'reqs/base.txt': 'django==2.2.3\n',
    'other/requirements.txt': 'flask\n',
  });
  const { report } = await json(['deps', path.join(t.dir, 'reqs/requirements.txt'), '--fail-on', 'none']);
  assert.deepEqual(report.dependencies.map((d) => `${d.name} ${d.path}:${d.line}`), ['django base.txt:1', 'six requirements.txt:2']);
  t.write('reqs/constraints.txt', 'django==2.2.3\n');
  const named = await json(['deps', path.join(t.dir, 'reqs/constraints.txt'), '--fail-on', 'none']);
  assert.deepEqual(named.report.dependencies.map((d) => `${d.name} ${d.path}:${d.line}`), ['django constraints.txt:1'], 'a .txt given by name is read whatever its name');
});

test('a manifest given alone is still resolved by the lock beside it', async () => {
  const t = tree({
    'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^2.2"\n',
    'poetry.lock': '[[package]]\nname = "django"\nversion = "2.2.3"\n',
  });
  const { report } = await json(['deps', t.path('pyproject.toml'), '--fail-on', 'none']);
  assert.deepEqual(report.dependencies.map((d) => `${d.name} ${d.version} ${d.path}:${d.line}`), ['django 2.2.3 poetry.lock:2']);
  assert.ok(report.dependencies[0]!.vulns.length > 0);
  assert.deepEqual(report.findings.filter((f) => f.rule === 'deps.range'), []);
});

test('bad input is recorded with path and line, and the scan goes on', async () => {
  const t = tree({
    'requirements.txt': 'django==2.2.3\n-r missing.txt\ndjango=>2\n',
    'a/pyproject.toml': '[project\nname = "x"\n',
    'b/requirements.txt': new Uint8Array([0x64, 0x00, 0x01, 0x02]),
    'c/Pipfile.lock': '{ not json',
    'd/requirements-dev.txt': '-r ../d/requirements-dev.txt\n',
    'e/poetry.lock': '[[package]]\nname = "weird"\nversion = "0.7.4.svn.r2010"\n',
    'f/requirements.txt': `${'# filler\n'.repeat(20)}six==1.16.0\n`,
    'g/requirements.txt': new Uint8Array([...Buffer.from('# caf'), 0xe9, 0x0a, ...Buffer.from('six==1.16.0\n')]),
  });
  const { code, report } = await json(['deps', t.dir, '--fail-on', 'none', '--config', writeConfig(t, 'max-file-size = 100\n')]);
  assert.equal(code, 0);
  const errs = report.errors.map((e) => `${e.path}:${e.line ?? '-'} ${e.message}`);
  const expect = [
    /^requirements\.txt:2 cannot read included file missing\.txt/,
    /^requirements\.txt:3 invalid version specifier "=>2"/,
    /^a\/pyproject\.toml:1 invalid TOML/,
    /^b\/requirements\.txt:- binary file; not read$/,
    /^c\/Pipfile\.lock:1 invalid JSON/,
    /^d\/requirements-dev\.txt:1 include cycle/,
    /^e\/poetry\.lock:2 weird: version "0\.7\.4\.svn\.r2010" is not PEP 440/,
    /^f\/requirements\.txt:- too large \(\d+ bytes, limit 100\); not read$/,
    /^g\/requirements\.txt:- not valid UTF-8; read as latin-1$/,
  ];
  for (const re of expect) assert.ok(errs.some((e) => re.test(e)), `${re} in\n${errs.join('\n')}`);
  assert.ok(report.dependencies.some((d) => d.name === 'django' && d.vulns.length > 0));
  assert.ok(report.dependencies.some((d) => d.name === 'six' && d.path === 'g/requirements.txt'), 'a latin-1 file is still read');
});

function writeConfig(t: TempTree, body: string): string {
  t.write('.pyvet.toml', body);
  return t.path('.pyvet.toml');
}

test('a missing or corrupt database is one clear error and exit 2', async () => {
  const t = tree({ 'requirements.txt': 'django==2.2.3\n', 'corrupt.zip': 'PK\u0003\u0004 this is not a zip', 'empty/.keep': '' });
  const corrupt = await runCli(['deps', t.dir, '--db', t.path('corrupt.zip')]);
  assert.equal(corrupt.code, 2);
  assert.match(corrupt.stderr, /^pyvet: error: .*corrupt\.zip is not a readable zip/);
  const missing = await runCli(['deps', t.dir, '--db', t.path('nope.zip')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /OSV database not found: .*nope\.zip/);
  const empty = await runCli(['deps', t.dir, '--db', t.path('empty')]);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /holds no OSV records/);
});

test('a folder of OSV JSON works as --db, and fingerprints survive lines added above', async () => {
  const rec = {
    id: 'TEST-2024-1',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['CVE-2024-0001'],
    summary: 'Test advisory',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
    affected: [{ package: { ecosystem: 'PyPI', name: 'Demo_Pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] }] }],
  };
  const t = tree({ 'osv/TEST-2024-1.json': JSON.stringify(rec), 'requirements.txt': 'demo.pkg==1.1\n' });
  const first = await json(['deps', t.dir, '--db', t.path('osv')]);
  assert.equal(first.code, 1);
  const f1 = first.report.findings[0]!;
  assert.equal(f1.severity, 'high');
  assert.equal(f1.data!.advisory, 'TEST-2024-1');
  assert.equal(first.report.dependencies[0]!.fix, '1.2');
  t.write('requirements.txt', '# a comment\n\ndemo.pkg==1.1\n');
  const second = await json(['deps', t.dir, '--db', t.path('osv')]);
  assert.equal(second.report.findings[0]!.line, 3);
  assert.equal(second.report.findings[0]!.fingerprint, f1.fingerprint);
});
