import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALNUM, fake } from '../src/secrets/fake.js';
import { parseJson, runCli, TempRepo } from './helpers.js';

/** The report without what changes from run to run (when, how long). */
function comparable(text: string): unknown {
  const r = parseJson<{ scannedAt?: string; summary: { durationMs?: number; phases?: unknown } }>(text);
  delete r.scannedAt;
  delete r.summary.durationMs;
  delete r.summary.phases;
  return r;
}

function packs(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.pack')).map((f) => path.join(dir, f));
}

/** Age every file of the tree, as files are between two scans (a file written this very second is re-read). */
function age(dir: string): void {
  const past = new Date(Date.now() - 3600_000);
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]) {
    if (!f.startsWith('.git')) utimesSync(path.join(dir, f), past, past);
  }
}

test('scan results are identical with and without the cache: cold, warm, after an edit, and with a damaged cache', async () => {
  const token = 'ghp_' + fake(ALNUM, 36, 'cache-e2e');
  const repo = new TempRepo();
  const cache = mkdtempSync(path.join(os.tmpdir(), 'pyvet-cache-'));
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'pyvet-cache-out-')), 'report.json');
  try {
    repo.commit('init', {
      'requirements.txt': 'django==2.2.3\nrequests>=2.0\n',
      'app/__init__.py': '',
      'app/main.py': 'import os\n\ndef handler(x):\n    if x > 1:\n        for i in range(x):\n            if i % 2:\n                return i\n    return os.environ.get("HOME")\n',
      'app/settings.py': `GITHUB_TOKEN = "${token}"\nDEBUG = True\n`,
      'tests/test_main.py': 'from app.main import handler\n\ndef test_handler():\n    assert handler(0)\n',
      'broken.py': 'def f(:\n    pass\n',
    });
    repo.write('logo.bin', new Uint8Array([0, 1, 2, 3, 0, 255]));
    age(repo.dir);
    const scan = async (...extra: string[]) => {
      const r = await runCli(['scan', repo.dir, '--no-store', '-q', '--format', 'json', '-o', out, ...extra]);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      return comparable(readFileSync(out, 'utf8'));
    };
    const plain = await scan('--no-cache');
    assert.equal(packs(cache).length, 0);
    assert.deepEqual(await scan('--cache-dir', cache), plain, 'cold, filling the cache');
    assert.ok(packs(cache).length >= 2, 'python and secrets packs written');
    for (const p of packs(cache)) assert.ok(!readFileSync(p, 'utf8').includes(token), `no raw secret in ${p}`);
    const written = packs(cache).map((p) => statSync(p).mtimeMs);
    assert.deepEqual(await scan('--cache-dir', cache), plain, 'warm');
    assert.deepEqual(packs(cache).map((p) => statSync(p).mtimeMs), written, 'every file was a hit: nothing to write back');

    repo.write('app/main.py', 'def handler(x):\n    return x\n');
    repo.write('app/settings.py', 'DEBUG = False\n');
    age(repo.dir);
    const edited = await scan('--no-cache');
    assert.notDeepEqual(edited, plain);
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'edited files are recomputed');

    for (const p of packs(cache)) {
      const b = readFileSync(p);
      b[b.length - 3] = b[b.length - 3]! ^ 0x20;
      writeFileSync(p, b);
    }
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'a damaged pack is ignored');
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'and rewritten whole');
    for (const p of packs(cache)) writeFileSync(p, readFileSync(p).subarray(0, -10));
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'a truncated pack is ignored');
  } finally {
    repo.cleanup();
    rmSync(cache, { recursive: true, force: true });
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
});
