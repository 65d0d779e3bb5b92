import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { parseJson, runCli, TempTree } from './helpers.js';
import { BUNDLED_DB } from '../src/deps/osv/database.js';

// `deps` reads the cache location from the process environment; `db` commands from the CLI's.
const cache = mkdtempSync(path.join(os.tmpdir(), 'pyvet-db-cache-'));
process.env.PYVET_CACHE_DIR = cache;
const cached = path.join(cache, 'PyPI-all.zip');

function record(id: string, name: string, fixed: string, modified: string, withdrawn?: string): Uint8Array {
  return strToU8(
    JSON.stringify({
      id,
      modified,
      ...(withdrawn ? { withdrawn } : {}),
      affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
    }),
  );
}

const GOOD = zipSync({
  'TEST-1.json': record('TEST-1', 'Demo_Pkg', '1.2', '2025-01-02T03:04:05Z'),
  'TEST-2.json': record('TEST-2', 'other', '3.0', '2024-06-01T00:00:00Z'),
  'TEST-3.json': record('TEST-3', 'other', '2.0', '2023-01-01T00:00:00Z', '2023-02-01T00:00:00Z'),
});
const NEWER = zipSync({ 'TEST-9.json': record('TEST-9', 'demo-pkg', '9.0', '2026-01-01T00:00:00Z') });
const NOT_OSV = zipSync({ 'readme.json': strToU8('{"hello": "world"}'), 'x.txt': strToU8('nope') });

let server: http.Server;
let base = '';
before(async () => {
  server = http.createServer((req, res) => {
    const send = (body: Uint8Array) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length });
      res.end(body);
    };
    if (req.url === '/good.zip') send(GOOD);
    else if (req.url === '/newer.zip') send(NEWER);
    else if (req.url === '/truncated.zip') send(NEWER.subarray(0, Math.floor(NEWER.length / 2)));
    else if (req.url === '/not-osv.zip') send(NOT_OSV);
    else if (req.url === '/drop.zip') {
      // Promise the whole file, send half, then cut the connection: an interrupted download.
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': NEWER.length });
      res.write(NEWER.subarray(0, 40), () => res.socket?.destroy());
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(cache, { recursive: true, force: true });
});

const update = (file: string) => runCli(['db', 'update'], { env: { PYVET_OSV_URL: `${base}/${file}`, PYVET_CACHE_DIR: cache } });

test('db update downloads, checks and installs the database; info and deps then use it', async () => {
  const r = await update('good.zip');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Updated .*PyPI-all\.zip .*3 records for 2 packages, newest modified 2025-01-02T03:04:05Z/);
  assert.deepEqual(readFileSync(cached), Buffer.from(GOOD));

  const info = await runCli(['db', 'info'], { env: { PYVET_CACHE_DIR: cache } });
  assert.equal(info.code, 0);
  assert.match(info.stdout, new RegExp(`path: +${cached.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(cache\\)`));
  assert.match(info.stdout, /modified: +2025-01-02T03:04:05Z/);
  assert.match(info.stdout, /records: +3\n/);
  assert.match(info.stdout, /packages: +2\n/);
  assert.match(info.stdout, /withdrawn: +1\n/);
  const j = parseJson<Record<string, unknown>>((await runCli(['db', 'info', '--json'], { env: { PYVET_CACHE_DIR: cache } })).stdout);
  assert.deepEqual(j, { path: cached, origin: 'cache', records: 3, packages: 2, withdrawn: 1, unreadable: 0, newestModified: '2025-01-02T03:04:05Z', ecosystems: { TEST: 3 } });

  const t = new TempTree().files({ 'requirements.txt': 'demo-pkg==1.1\n' });
  try {
    const deps = parseJson<{ dependencies: { vulns: { id: string }[]; fix: string }[] }>((await runCli(['deps', t.dir, '--format', 'json'])).stdout);
    assert.deepEqual(deps.dependencies[0]!.vulns.map((v) => v.id), ['TEST-1']);
    assert.equal(deps.dependencies[0]!.fix, '1.2');
  } finally {
    t.cleanup();
  }
});

test('a truncated, interrupted, non-OSV or missing download fails with exit 2 and leaves the old copy', async () => {
  const before = (await update('good.zip')).code;
  assert.equal(before, 0);
  for (const [file, message] of [
    ['truncated.zip', /not a readable zip/],
    ['drop.zip', /download of .*drop\.zip failed: .*the previous database is kept/],
    ['not-osv.zip', /holds no OSV records/],
    ['missing.zip', /HTTP 404/],
  ] as const) {
    const r = await update(file);
    assert.equal(r.code, 2, file);
    assert.match(r.stderr, message, file);
    assert.deepEqual(readFileSync(cached), Buffer.from(GOOD), `${file}: the old copy is intact`);
    // The update that succeeded wrote the database and its per-package index; nothing else is left.
    assert.deepEqual(readdirSync(cache).sort(), ['PyPI-all.zip', 'PyPI-all.zip.pyvet-index'], `${file}: no temporary file left behind`);
  }
  const newer = await update('newer.zip');
  assert.equal(newer.code, 0);
  assert.deepEqual(readFileSync(cached), Buffer.from(NEWER));
});

test('db info on an explicit --db, and on a corrupt one', async () => {
  const t = new TempTree().write('bad.zip', 'not a zip at all');
  try {
    const bundled = await runCli(['db', 'info', '--db', BUNDLED_DB]);
    assert.equal(bundled.code, 0);
    assert.match(bundled.stdout, /records: +2661\n/);
    assert.match(bundled.stdout, /\(option\)/);
    const bad = await runCli(['db', 'info', '--db', t.path('bad.zip')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.zip is not a readable zip/);
  } finally {
    t.cleanup();
  }
});
