import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheSalt, contentHash, FileCache } from './file-cache.js';

const packsIn = (dir: string) => (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.pack')).map((f) => path.join(dir, f));

test('a pack serves an unchanged file by stat, a touched one by content, and nothing under another salt or when damaged', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-file-cache-'));
  const root = path.join(dir, 'repo');
  const cacheDir = path.join(dir, 'cache');
  try {
    const abs = path.join(dir, 'a.py');
    writeFileSync(abs, 'x = 1\n');
    const past = new Date(Date.now() - 3600_000);
    utimesSync(abs, past, past);
    const salt = cacheSalt('python', { exclude: [] });
    assert.notEqual(cacheSalt('python', { exclude: ['b'] }), salt, 'the config is in the salt');
    assert.notEqual(cacheSalt('secrets', { exclude: [] }), salt, 'so is the kind');

    const first = await FileCache.open<{ n: number }>(cacheDir, root, 'python', salt);
    assert.equal(first.fresh('a.py', { abs }), undefined);
    first.put('a.py', { abs }, contentHash('x = 1\n'), { n: 1 });
    first.save();

    const warm = await FileCache.open<{ n: number }>(cacheDir, root, 'python', salt);
    assert.deepEqual(warm.fresh('a.py', { abs }), { n: 1 });
    assert.equal((await FileCache.open(cacheDir, root, 'python', cacheSalt('python', { exclude: ['b'] }))).fresh('a.py', { abs }), undefined, 'another salt: empty');
    // The walk's lstat stands in for a stat of its own: what it saw decides, not the file now.
    const st = lstatSync(abs);
    const walked = { abs, size: st.size, stat: { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } };
    assert.deepEqual(warm.fresh('a.py', walked), { n: 1 }, 'the walk saw it unchanged');
    assert.equal(warm.fresh('a.py', { ...walked, stat: { ...walked.stat, mtimeMs: walked.stat.mtimeMs + 1 } }), undefined, 'the walk saw another mtime');

    const later = new Date(Date.now() - 1800_000);
    utimesSync(abs, later, later);
    const touched = await FileCache.open<{ n: number }>(cacheDir, root, 'python', salt);
    assert.equal(touched.fresh('a.py', { abs }), undefined, 'a new mtime is not trusted');
    assert.deepEqual(touched.byContent('a.py', { abs }, contentHash('x = 1\n')), { n: 1 }, 'but the content still matches');
    assert.equal(touched.byContent('a.py', { abs }, contentHash('x = 2\n')), undefined);

    const [pack] = packsIn(cacheDir);
    const bytes = readFileSync(pack!);
    writeFileSync(pack!, bytes.subarray(0, -1));
    assert.equal((await FileCache.open(cacheDir, root, 'python', salt)).fresh('a.py', { abs }), undefined, 'truncated');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 2] = flipped[flipped.length - 2]! ^ 1;
    writeFileSync(pack!, flipped);
    assert.equal((await FileCache.open(cacheDir, root, 'python', salt)).fresh('a.py', { abs }), undefined, 'a flipped bit');
    writeFileSync(pack!, 'not a pack');
    assert.equal((await FileCache.open(cacheDir, root, 'python', salt)).fresh('a.py', { abs }), undefined, 'garbage');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
