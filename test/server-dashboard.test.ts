import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { Command } from 'commander';
import { openStore } from '../src/store/index.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { registerServe } from '../src/cli/serve.js';
import { StoreError } from '../src/core/errors.js';
import { esc } from '../src/report/html/escape.js';
import { runCli, TempTree } from './helpers.js';
import { finding, fullReport, hostileReport, XSS_NAME, XSS_SCRIPT } from './report-fixtures.js';

const tree = new TempTree();
const db = tree.path('history.db');
const HOSTILE_KEY = `/srv/${XSS_SCRIPT}/repo`;
let server: RunningServer;

before(async () => {
  const s = openStore(db);
  await s.recordScan(fullReport({ scannedAt: '2026-01-01T00:00:00.000Z', history: undefined }), 'https://example.com/shop.git');
  // The second scan fixed the missing tests and brought a new bare except.
  const second = fullReport({ scannedAt: '2026-02-01T00:00:00.000Z', history: undefined });
  second.findings = second.findings.filter((f) => f.rule !== 'health.no-tests');
  second.findings.push(finding({ rule: 'health.bare-except', severity: 'medium', path: 'app/new.py', line: 3, message: 'bare except in the new module', remediation: 'Catch what you expect.' }));
  await s.recordScan(second, 'https://example.com/shop.git');
  await s.recordScan(hostileReport(), HOSTILE_KEY);
  await s.close();
  server = await startServer({ store: db, port: 0 });
});

after(async () => {
  await server.close();
  tree.cleanup();
});

/** A raw request: the path goes on the wire exactly as written (fetch would normalize `..` away). */
function get(pathname: string, opts: { method?: string; host?: string } = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: pathname, method: opts.method ?? 'GET', headers: opts.host ? { host: opts.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('binds loopback by default and prints an http://127.0.0.1 URL', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('/ lists repositories with their latest score, each string escaped', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'] ?? '', /text\/html/);
  assert.match(r.body, /<a href="\/repo\/1">shop<\/a>/);
  assert.match(r.body, /<strong>72<\/strong>/);
  assert.ok(!r.body.includes(XSS_SCRIPT), 'the hostile repository key is not raw HTML');
  assert.ok(r.body.includes(esc(HOSTILE_KEY)));
  assert.match(String(r.headers['content-security-policy']), /default-src 'none'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
});

test('/repo/<id>: trend chart and scans list', async () => {
  const r = await get('/repo/1');
  assert.equal(r.status, 200);
  assert.match(r.body, /<svg class="chart wide"[\s\S]*?<path class="line s-score"/);
  assert.equal((r.body.match(/<tr class="scan">/g) ?? []).length, 2);
  assert.match(r.body, /href="\/scan\/2"/);
  assert.match(r.body, /<a href="\/scan\/2\/diff">\+1 \/ −1<\/a>/, 'one new, one fixed against the first scan');
});

test('/scan/<id>/diff: findings new and fixed against the scan before, each linked into the report that has it', async () => {
  const r = await get('/scan/2/diff');
  assert.equal(r.status, 200);
  assert.match(r.body, /<h2>New \(1\)<\/h2>[\s\S]*?app\/new\.py:3[\s\S]*?<h2>Fixed \(1\)/);
  assert.match(r.body, /<section id="fixed">[\s\S]*?href="\/scan\/1#finding-[0-9a-f]+">no test suite found/);
  assert.match(r.body, /<section id="new">[\s\S]*?href="\/scan\/2#finding-[0-9a-f]+">bare except in the new module/);
  assert.equal((await get('/scan/1/diff')).status, 404, 'the first scan has nothing before it');
  assert.equal((await get('/scan/3/diff')).status, 404, 'nor does the only scan of another repository');
});

test('/scan/<id>: the full report re-rendered from the stored JSON, with the trend up to that scan', async () => {
  const r = await get('/scan/2');
  assert.equal(r.status, 200);
  assert.match(r.body, /pyvet report: shop/);
  assert.match(r.body, /Over time \(2 scans\)/);
  assert.match(r.body, /<nav class="crumbs"><a href="\/">Repositories<\/a> › <a href="\/repo\/1">shop<\/a>/);
  const first = await get('/scan/1');
  assert.match(first.body, /first recorded scan/);
});

test('a file name, message and dependency with <script> or onerror render as text on the report page', async () => {
  const r = await get('/scan/3');
  assert.equal(r.status, 200);
  assert.ok(!r.body.includes(XSS_NAME));
  assert.ok(!r.body.includes(XSS_SCRIPT));
  assert.ok(r.body.includes(`${esc(XSS_NAME)}.py`));
  assert.equal((r.body.match(/<script\b/gi) ?? []).length, 2);
});

test('/api: repositories, one repository with scans, a report, its findings', async () => {
  const repos = JSON.parse((await get('/api/repos')).body) as { id: number; key: string; scans: number }[];
  assert.deepEqual(repos.map((x) => x.key).sort(), [HOSTILE_KEY, 'https://example.com/shop.git'].sort());
  const one = JSON.parse((await get('/api/repos/1')).body) as { scans: { id: number }[] };
  assert.deepEqual(one.scans.map((s) => s.id), [2, 1]);
  const report = JSON.parse((await get('/api/scans/1')).body) as { tool: string; findings: unknown[] };
  assert.equal(report.tool, 'pyvet');
  const findings = JSON.parse((await get('/api/scans/1/findings')).body) as unknown[];
  assert.equal(findings.length, report.findings.length);
  assert.equal((await get('/api/scans/99')).status, 404);
  assert.equal((await get('/repo/99')).status, 404);
  assert.equal((await get('/scan/99')).status, 404);
});

test('no path traversal: plain, encoded, double-encoded and backslash variants are 404 and leak nothing', async () => {
  const attempts = [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/scan/1/../../../../etc/passwd',
    '/repo/..%2F..%2Fetc%2Fpasswd',
    '/..\\..\\etc\\passwd',
    '/%5c..%5c..%5cetc%5cpasswd',
    '//etc/passwd',
    '/api/scans/1%2f..%2f..%2fetc%2fpasswd',
    '/scan/1%00',
    '/assets/../../../../etc/passwd',
  ];
  for (const p of attempts) {
    const r = await get(p);
    assert.equal(r.status, 404, p);
    assert.doesNotMatch(r.body, /root:|\/bin\/(ba)?sh/, p);
  }
});

test('read-only: other methods are refused and the database file is not touched', async () => {
  const before = statSync(db).mtimeMs;
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const r = await get('/api/repos', { method });
    assert.equal(r.status, 405, method);
  }
  assert.equal(statSync(db).mtimeMs, before);
});

test('a foreign Host header (DNS rebinding) is refused on a loopback server', async () => {
  const r = await get('/api/repos', { host: 'attacker.example:80' });
  assert.equal(r.status, 421);
  assert.equal((await get('/api/repos', { host: 'localhost' })).status, 200);
});

test('a missing store is a StoreError before listening, and is not created', async () => {
  const missing = tree.path('none/h.db');
  await assert.rejects(startServer({ store: missing, port: 0 }), StoreError);
  assert.equal(existsSync(missing), false);
  const r = await runCli(['serve', '--store', missing, '--port', '0']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no history database/);
  const bad = await runCli(['serve', '--store', db, '--port', '70000']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--port must be/);
});

test('pyvet serve prints the URL, serves, and stops when asked', async () => {
  let out = '';
  let code = -1;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const program = new Command().exitOverride();
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, cwd: tree.dir, env: {} };
  registerServe(program, io, (n) => (code = n), () => stopped);
  const running = program.parseAsync(['serve', '--store', db, '--port', '0'], { from: 'user' });
  while (!out.includes('http://')) await new Promise((r) => setImmediate(r));
  const url = /http:\/\/\S+/.exec(out)![0];
  const res = await fetch(new URL('/api/repos', url));
  assert.equal(res.status, 200);
  stop();
  await running;
  assert.equal(code, 0);
  await assert.rejects(fetch(new URL('/api/repos', url)), 'the port is closed after stopping');
});
