import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../config/config.js';
import { Workspace } from '../sources/workspace.js';
import { ALNUM, fake } from './fake.js';
import { ScanPool } from './pool.js';
import { batches, scanTree } from './tree.js';

test('worker threads and the single-thread scan find the same secrets and counts', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-tree-'));
  try {
    for (let i = 0; i < 150; i++) {
      const body = i % 10 === 0 ? `GITHUB_TOKEN = "${'ghp' + '_' + fake(ALNUM, 36, `tree-${i}`)}"\n` : `x = ${i}\n`;
      writeFileSync(path.join(dir, `m${i}.py`), '# module\n' + body);
    }
    writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([1, 0, 2]));
    const config = defaultConfig();
    const inline = await scanTree(new Workspace(dir, config), { workers: 0 });
    const pool = ScanPool.start(1)!;
    let threaded: typeof inline;
    try {
      await pool.whenReady();
      const ws = new Workspace(dir, config);
      threaded = await pool.scan(batches(ws.files, config.maxFileSize, 2), config.maxFileSize);
      assert.ok(pool.workerBatches > 0, 'the worker scanned some batches');
    } finally {
      await pool.close();
    }
    const key = (r: typeof inline) => r.hits.map((h) => `${h.path}:${h.line}:${h.rule}`).sort();
    assert.equal(inline.hits.length, 15);
    assert.deepEqual(key(threaded), key(inline));
    // A pool started cold inside the scan: the worker joins only if it is ready in time; same result.
    assert.deepEqual(key(await scanTree(new Workspace(dir, config), { workers: 1 })), key(inline));
    for (const k of ['filesScanned', 'bytesScanned', 'skippedBinary', 'skippedLarge', 'suppressed'] as const) assert.equal(threaded[k], inline[k], k);
    assert.equal(inline.skippedBinary, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('batches keep every file once, in order, and shrink as the work runs out', () => {
  const files = Array.from({ length: 400 }, (_, i) => ({ path: `f${i}.py`, abs: `/x/f${i}.py`, size: 40_000 }));
  const out = batches(files, 5 * 1024 * 1024, 2);
  assert.deepEqual(out.flat(), files);
  const sizes = out.map((b) => b.reduce((n, f) => n + f.size, 0));
  assert.ok(sizes[0]! > sizes[sizes.length - 2]!, `first ${sizes[0]} vs last ${sizes[sizes.length - 2]}`);
  assert.ok(sizes.every((s, i) => i === 0 || s <= sizes[i - 1]! + 40_000), 'sizes never grow by more than a file');
  assert.ok(out.every((b) => b.length <= 64));
});
