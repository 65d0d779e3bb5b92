/**
 * Linearity on hostile sizes: a requirements file of N lines (unpinned and pinned names, hashes,
 * markers) is audited at doubling N; the time per line must stay flat (it went quadratic when each
 * finding re-split the file). Memory is the peak RSS printed by run.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/config/config.js';
import { runScan } from '../src/pipeline/scan.js';
import { fmt, timeMs } from './common.js';

function requirements(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(i % 2 ? `pkg${i}==${i % 7}.0 --hash=sha256:${i.toString(16).padStart(64, '0')}` : `lib-${i}>=1.0 ; python_version > "3.8"`);
  return lines.join('\n') + '\n';
}

export async function benchHostile(): Promise<Record<string, unknown>> {
  const out: Record<string, number> = {};
  for (const n of [25_000, 50_000, 100_000]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-bench-req-'));
    try {
      writeFileSync(path.join(dir, 'requirements.txt'), requirements(n));
      const config = { ...defaultConfig(), maxFileSize: 64 * 1024 * 1024 };
      const { ms } = await timeMs(() => runScan({ root: dir, sections: ['deps'], config, history: false, db: null, baseline: null }));
      out[`requirements${n}Ms`] = Math.round(ms);
      console.log(`requirements.txt of ${n} lines: ${fmt(ms / 1000, 2)} s (${fmt((ms * 1000) / n, 1)} µs a line)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
