import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALNUM, fake } from '../src/secrets/fake.js';
import { AnalysisMemo } from '../src/cache/analysis-memo.js';
import { parseJson, runCli, TempRepo } from './helpers.js';

/** The phases of the last report written: which work the scan did. */
let lastPhases: string[] = [];

/** The report without what changes from run to run (when, how long). */
function comparable(text: string): unknown {
  const r = parseJson<{ scannedAt?: string; summary: { durationMs?: number; phases?: unknown } }>(text);
  lastPhases = Object.keys(r.summary.phases ?? {});
  delete r.scannedAt;
  delete r.summary.durationMs;
  delete r.summary.phases;
  return r;
}

function packs(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.pack')).map((f) => path.join(dir, f));
}

function memos(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.memo')).map((f) => path.join(dir, f));
}

/** Age every file of the tree, as files are between two scans (a file written this very second is re-read). */
function age(dir: string): void {
  const past = new Date(Date.now() - 3600_000);
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]) {
    if (f !== '.git' && !f.startsWith('.git/')) utimesSync(path.join(dir, f), past, past);
  }
}

/** A temporary repository, a cache dir and a report path for `body`, removed afterwards. */
async function withRepo(body: (repo: TempRepo, cache: string, out: string) => Promise<void>): Promise<void> {
  const repo = new TempRepo();
  const cache = mkdtempSync(path.join(os.tmpdir(), 'pyvet-cache-'));
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'pyvet-cache-out-')), 'report.json');
  try {
    await body(repo, cache, out);
  } finally {
    repo.cleanup();
    rmSync(cache, { recursive: true, force: true });
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

test('scan results are identical with and without the cache: cold, warm, touched, remembered, after a commit, an edit, and with a damaged cache', async () => {
  const token = 'ghp_' + fake(ALNUM, 36, 'cache-e2e');
  await withRepo(async (repo, cache, out) => {
    repo.commit('init', {
      'requirements.txt': 'django==2.2.3\nrequests>=2.0\n',
      'app/__init__.py': '',
      'app/main.py': 'import os\n\ndef handler(x):\n    if x > 1:\n        for i in range(x):\n            if i % 2:\n                return i\n    return os.environ.get("HOME")\n',
      'app/settings.py': `GITHUB_TOKEN = "${token}"\nDEBUG = True\n`,
      'tests/test_main.py': 'from app.main import handler\n\ndef test_handler():\n    assert handler(0)\n',
      'broken.py': 'def f(:\n    pass\n',
      // Quoted by health's evidence and the brief's integrations: masked in the report and in the memo alike.
      'app/client.py': 'import requests\n\ndef fetch():\n    return requests.get("https://alice:hunter2@example.com/x")\n',
    });
    repo.write('logo.bin', new Uint8Array([0, 1, 2, 3, 0, 255]));
    age(repo.dir);
    const scan = async (...extra: string[]) => {
      const r = await runCli(['scan', repo.dir, '--no-store', '-q', '--format', 'json', '-o', out, ...extra]);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      return comparable(readFileSync(out, 'utf8'));
    };
    const plain = await scan('--no-cache');
    assert.ok(JSON.stringify(plain).includes('example.com') && !JSON.stringify(plain).includes('hunter2'), 'the URL is quoted, its password masked');
    assert.equal(packs(cache).length, 0);
    assert.deepEqual(await scan('--cache-dir', cache), plain, 'cold, filling the cache');
    assert.ok(packs(cache).length >= 2, 'python and secrets packs written');
    assert.equal(memos(cache).length, 1, 'the analysis memo written');
    for (const p of [...packs(cache), ...memos(cache)]) assert.ok(!readFileSync(p, 'utf8').includes(token), `no raw secret in ${p}`);
    for (const p of memos(cache)) assert.ok(!readFileSync(p, 'utf8').includes('hunter2'), `no password in ${p}`);
    const written = packs(cache).map((p) => statSync(p).mtimeMs);
    assert.ok(lastPhases.includes('python'), 'the cold scan analysed the Python files');
    assert.deepEqual(await scan('--cache-dir', cache), plain, 'warm');
    assert.ok(lastPhases.includes('memo') && !lastPhases.includes('python'), `an unchanged tree's analysis is remembered whole (${lastPhases.join(', ')})`);
    assert.deepEqual(packs(cache).map((p) => statSync(p).mtimeMs), written, 'every file was a hit: nothing to write back');

    // A touched file (same content, new mtime) misses the memo; the per-file cache serves every file.
    utimesSync(path.join(repo.dir, 'app/main.py'), new Date(Date.now() - 1800_000), new Date(Date.now() - 1800_000));
    assert.deepEqual(await scan('--cache-dir', cache), plain, 'touched');
    assert.ok(lastPhases.includes('python'), 'a touched tree is analysed from the per-file cache');

    // A memo made on another day may grade the history's recency otherwise: not served.
    const [memo] = memos(cache);
    const text = readFileSync(memo!, 'utf8');
    const nl = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, nl)) as { tree: string; inputs: string };
    const body = JSON.parse(text.slice(nl + 1)) as { days: number | null };
    assert.equal(typeof body.days, 'number', 'the repository has a history');
    AnalysisMemo.save(cache, repo.dir, path.basename(memo!, '.memo'), header, JSON.stringify({ ...body, days: body.days! - 1 }));
    assert.deepEqual(await scan('--cache-dir', cache), plain, 'a memo of yesterday');
    assert.ok(lastPhases.includes('python'), 'a memo of yesterday is not served');
    await scan('--cache-dir', cache);
    assert.ok(!lastPhases.includes('python'), 'and today it is again');

    // A new commit changes the history the review reads: the memo is not served.
    repo.commit('docs', { 'README.md': '# app\n' });
    age(repo.dir);
    const committed = await scan('--no-cache');
    assert.notDeepEqual(committed, plain);
    assert.deepEqual(await scan('--cache-dir', cache), committed, 'after a commit');
    assert.ok(lastPhases.includes('python'));

    repo.write('app/main.py', 'def handler(x):\n    return x\n');
    repo.write('app/settings.py', 'DEBUG = False\n');
    age(repo.dir);
    const edited = await scan('--no-cache');
    assert.notDeepEqual(edited, committed);
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'edited files are recomputed');

    for (const p of [...packs(cache), ...memos(cache)]) {
      const b = readFileSync(p);
      b[b.length - 3] = b[b.length - 3]! ^ 0x20;
      writeFileSync(p, b);
    }
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'a damaged pack is ignored');
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'and rewritten whole');
    for (const p of [...packs(cache), ...memos(cache)]) writeFileSync(p, readFileSync(p).subarray(0, -10));
    assert.deepEqual(await scan('--cache-dir', cache), edited, 'a truncated pack is ignored');
  });
});

test('a file read beyond the walk (an include the .gitignore hides) keeps the analysis memo honest: touched, it misses', async () => {
  await withRepo(async (repo, cache, out) => {
    repo.commit('init', {
      '.gitignore': 'extra/\n',
      'requirements.txt': '-r extra/base.txt\nrequests>=2.0\n',
      'app/__init__.py': '',
      'app/main.py': 'def handler(x):\n    return x\n',
    });
    repo.write('extra/base.txt', 'django==2.2.3\n');
    age(repo.dir);
    const scan = async () => {
      const r = await runCli(['scan', repo.dir, '--no-store', '-q', '--format', 'json', '-o', out, '--cache-dir', cache]);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      return comparable(readFileSync(out, 'utf8'));
    };
    const first = await scan();
    assert.ok(JSON.stringify(first).includes('"django"'), 'the include was read');
    assert.deepEqual(await scan(), first);
    assert.ok(lastPhases.includes('memo') && !lastPhases.includes('python'), 'remembered');
    const later = new Date(Date.now() - 1800_000);
    utimesSync(path.join(repo.dir, 'extra/base.txt'), later, later);
    assert.deepEqual(await scan(), first);
    assert.ok(lastPhases.includes('python'), 'the touched include is not in the walk, but the memo knew it was read');
  });
});
