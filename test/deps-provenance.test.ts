import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { parseJson, runCli, TempTree } from './helpers.js';
import type { ScanReport } from '../src/core/report.js';
import type { OsvRecord } from '../src/deps/osv/types.js';

// An OSV PyPI export in small: one record of each kind the real export holds (PYSEC, GHSA, MAL),
// served by a local HTTP server to `pyvet db update`, then matched by `pyvet deps`.
const cache = mkdtempSync(path.join(os.tmpdir(), 'pyvet-prov-cache-'));
process.env.PYVET_CACHE_DIR = cache;
const DAY = 86_400_000;
const recent = new Date(Date.now() - 3 * DAY).toISOString();

const range = (name: string, events: Record<string, string>[]) => [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }] }];
const RECORDS: OsvRecord[] = [
  // PYSEC carries no severity; its GHSA alias does (CVSS v3.1 9.8).
  { id: 'PYSEC-2099-1', modified: '2025-01-01T00:00:00Z', aliases: ['GHSA-aaaa-bbbb-cccc', 'CVE-2099-1'], summary: 'Remote code execution in demo-web', affected: range('demo-web', [{ introduced: '0' }, { fixed: '2.0' }]) },
  {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: recent,
    aliases: ['CVE-2099-1'],
    summary: 'Remote code execution in demo-web',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    database_specific: { severity: 'CRITICAL' },
    affected: range('demo-web', [{ introduced: '0' }, { fixed: '2.0' }]),
  },
  { id: 'MAL-2099-7', modified: '2025-02-01T00:00:00Z', summary: 'Malicious code in demo-evil (PyPI)', affected: range('demo-evil', [{ introduced: '0' }]) },
];
const zip = (records: OsvRecord[]) => zipSync(Object.fromEntries(records.map((r) => [`${r.id}.json`, strToU8(JSON.stringify(r))])));

let server: http.Server;
let base = '';
before(async () => {
  server = http.createServer((req, res) => {
    const body = req.url === '/all.zip' ? zip(RECORDS) : null;
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
const trees: TempTree[] = [];
after(() => {
  server.close();
  trees.forEach((t) => t.cleanup());
  rmSync(cache, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const t = new TempTree('pyvet-prov-').files(files);
  trees.push(t);
  return t.dir;
}

test('db update fetches an export holding PYSEC, GHSA and MAL records; every format names the data and its date', async () => {
  const up = await runCli(['db', 'update'], { env: { PYVET_OSV_URL: `${base}/all.zip`, PYVET_CACHE_DIR: cache } });
  assert.equal(up.code, 0, up.stderr);
  assert.match(up.stdout, /3 records for 2 packages/);
  assert.match(up.stdout, /By database: GHSA 1, MAL 1, PYSEC 1/);

  const dir = project({ 'requirements.txt': 'demo-web==1.5\ndemo-evil==0.1\n' });
  const j = await runCli(['deps', dir, '--format', 'json', '--fail-on', 'none']);
  const report = parseJson<ScanReport>(j.stdout);
  assert.equal(report.database?.origin, 'cache');
  assert.deepEqual(report.database?.ecosystems, { PYSEC: 1, GHSA: 1, MAL: 1 });
  assert.equal(report.database?.newest, recent);
  assert.equal(report.database?.ageDays, 3);
  assert.equal(report.database?.records, 3);

  // The GHSA copy gives the PYSEC record its severity; the MAL record is its own critical finding.
  const web = report.dependencies.find((d) => d.name === 'demo-web')!;
  const pysec = web.vulns.find((v) => v.id === 'PYSEC-2099-1')!;
  assert.equal(pysec.severity, 'critical');
  const evil = report.dependencies.find((d) => d.name === 'demo-evil')!;
  assert.deepEqual(evil.vulns, [], 'a malicious package is never a vulnerability');
  assert.deepEqual(evil.malicious, ['MAL-2099-7']);
  const mal = report.findings.filter((f) => f.rule === 'deps.malicious');
  assert.equal(mal.length, 1);
  assert.equal(mal[0]!.severity, 'critical');
  assert.equal(mal[0]!.line, 2);
  assert.ok(!report.findings.some((f) => f.rule === 'deps.vulnerable' && f.message.includes('MAL-')));

  const text = await runCli(['deps', dir, '--fail-on', 'none']);
  assert.match(text.stdout, /OSV PyPI data: 3 records \(GHSA 1, MAL 1, PYSEC 1\), newest record \d{4}-\d\d-\d\d \(3 days old\)/);
  assert.doesNotMatch(text.stdout, /days old: run/, 'fresh data: no warning');
  const md = await runCli(['deps', dir, '--format', 'markdown', '--fail-on', 'none']);
  assert.match(md.stdout, /OSV PyPI data: 3 records/);
  const sarif = parseJson<{ runs: { properties: { database: { newest: string } } }[] }>((await runCli(['deps', dir, '--format', 'sarif', '--fail-on', 'none'])).stdout);
  assert.equal(sarif.runs[0]!.properties.database.newest, recent);
  const htmlDir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-prov-html-'));
  try {
    const html = await runCli(['scan', dir, '--format', 'html', '--output-dir', htmlDir, '--no-store', '-q', '--fail-on', 'none']);
    assert.equal(html.code, 0, html.stderr);
    const page = readFileSync(path.join(htmlDir, 'pyvet.html'), 'utf8');
    assert.match(page, /id="db-provenance">OSV PyPI data: 3 records/);
    assert.doesNotMatch(page, /id="db-stale"/);
  } finally {
    rmSync(htmlDir, { recursive: true, force: true });
  }
});

test('stale data: text and HTML warn, --max-db-age fails the run with exit 2 after writing the report', async () => {
  const dir = project({ 'requirements.txt': 'django==2.2.3\n' });
  // The bundled snapshot's newest record is from 2024-10-10.
  const bundled = { PYVET_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), 'pyvet-empty-cache-')) };
  const text = await runCli(['deps', dir, '--fail-on', 'none'], { env: bundled });
  assert.equal(text.code, 0);
  assert.match(text.stdout, /OSV PyPI data: \d+ records \(PYSEC \d+\), newest record 2024-10-10 \(\d+ days old\)\n +bundled snapshot .*PyPI-all\.zip\n/);
  assert.match(text.stdout, /warning: advisory data is \d+ days old: run `pyvet db update`/);
  const strict = await runCli(['deps', dir, '--fail-on', 'none', '--max-db-age', '30'], { env: bundled });
  assert.equal(strict.code, 2);
  assert.match(strict.stdout, /django 2\.2\.3/, 'the report is still written');
  assert.match(strict.stderr, /advisory data is \d+ days old \(newest record 2024-10-10\), more than --max-db-age 30/);
  const lenient = await runCli(['deps', dir, '--fail-on', 'none', '--max-db-age', '100000'], { env: bundled });
  assert.equal(lenient.code, 0);
  const htmlDir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-prov-html-'));
  try {
    const html = await runCli(['scan', dir, '--format', 'html', '--output-dir', htmlDir, '--no-store', '-q', '--fail-on', 'none'], { env: bundled });
    assert.equal(html.code, 0, html.stderr);
    assert.match(readFileSync(path.join(htmlDir, 'pyvet.html'), 'utf8'), /id="db-stale"><strong>Warning:<\/strong> advisory data is \d+ days old: run `pyvet db update`/);
  } finally {
    rmSync(htmlDir, { recursive: true, force: true });
  }
  const bad = await runCli(['deps', dir, '--max-db-age', 'soon'], { env: bundled });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-db-age: expected a whole number of days/);
});

test('text: two pins of one package are two blocks, each with its own advisories and upgrade', async () => {
  const dir = project({ 'requirements.txt': 'django==4.2\n', 'lab/requirements.txt': 'django==3.2.18\n' });
  const env = { PYVET_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), 'pyvet-empty-cache-')) };
  const text = (await runCli(['deps', dir, '--fail-on', 'none'], { env })).stdout;
  const json = parseJson<ScanReport>((await runCli(['deps', dir, '--format', 'json', '--fail-on', 'none'], { env })).stdout);
  const d42 = json.dependencies.find((d) => d.version === '4.2')!;
  const d32 = json.dependencies.find((d) => d.version === '3.2.18')!;
  assert.match(text, new RegExp(`django 4\\.2  → upgrade to ${d42.fix!.replace(/\./g, '\\.')}\\n    at requirements\\.txt:1`));
  assert.match(text, new RegExp(`django 3\\.2\\.18  → upgrade to ${d32.fix!.replace(/\./g, '\\.')}\\n    at lab/requirements\\.txt:1`));
  // Every vulnerable finding's advisory is printed.
  for (const f of json.findings.filter((x) => x.rule === 'deps.vulnerable')) assert.ok(text.includes(String(f.data?.advisory)), String(f.data?.advisory));
});
