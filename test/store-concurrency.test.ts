import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index.js';
import { TempTree } from './helpers.js';

const storeModule = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'store', 'index.js')).href;

/** One writer process: opens the (possibly not yet created) store and records `n` scans, each with findings. */
function writer(db: string, repo: string, n: number): Promise<{ code: number | null; stderr: string }> {
  const code = `
    const { openStore } = await import(${JSON.stringify(storeModule)});
    for (let i = 0; i < ${n}; i++) {
      // Open per scan, as separate \`pyvet scan\` runs do, so opening and migrating race too.
      const s = openStore(${JSON.stringify(db)});
      const findings = Array.from({ length: 20 }, (_, j) => ({ rule: 'health.x', severity: 'low', path: 'f.py', line: j, message: 'm', remediation: '', fingerprint: ${JSON.stringify(repo)} + '-' + i + '-' + j }));
      await s.recordScan({ tool: 'pyvet', version: '0', root: '/r', scannedAt: new Date().toISOString(), commit: null, sections: [], dependencies: [], findings, errors: [],
        summary: { score: i, bySeverity: {}, byCategory: {}, files: 0, durationMs: 0, phases: {} } }, ${JSON.stringify(repo)});
      await s.close();
    }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (c) => resolve({ code: c, stderr }));
  });
}

test('several processes writing one new store at once: every scan recorded, database intact', async () => {
  const t = new TempTree();
  try {
    const db = t.path('history.db');
    const writers = 6;
    const scans = 15;
    const results = await Promise.all(Array.from({ length: writers }, (_, w) => writer(db, `repo-${w % 3}`, scans)));
    for (const r of results) assert.equal(r.code, 0, r.stderr);

    const raw = new Database(db, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(raw.prepare('SELECT count(*) FROM scans').pluck().get(), writers * scans);
    assert.equal(raw.prepare('SELECT count(*) FROM findings').pluck().get(), writers * scans * 20);
    assert.equal(raw.prepare('SELECT count(*) FROM repos').pluck().get(), 3, 'each repository recorded once despite racing inserts');
    raw.close();

    const s = openStore(db, { readonly: true });
    assert.equal((await s.trend('repo-0', 1000)).length, (writers / 3) * scans);
    await s.close();
  } finally {
    t.cleanup();
  }
});
