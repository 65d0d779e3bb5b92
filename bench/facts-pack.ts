/**
 * `npm run bench -- facts-pack`: what a warm scan of the stdlib decodes from its cache pack of Python facts.
 * One cold `pyvet scan` fills a fresh cache dir; then the pack's bytes, the objects and strings its values
 * decode to, and the time to decode them all with every value kept alive (as a warm scan keeps them), median
 * of five in this process, against the floor of decoding the same bytes as UTF-8 text alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stdlibPath } from './common.js';

const BIN = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
const RUNS = 5;

interface Counts { objects: number; strings: number }

function count(v: unknown, c: Counts): void {
  if (typeof v === 'string') c.strings++;
  else if (Array.isArray(v)) {
    c.objects++;
    for (const x of v) count(x, c);
  } else if (v !== null && typeof v === 'object') {
    c.objects++;
    for (const x of Object.values(v)) count(x, c);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function benchFactsPack(): Promise<Record<string, unknown>> {
  const stdlib = stdlibPath();
  const cache = mkdtempSync(path.join(os.tmpdir(), 'pyvet-bench-pack-'));
  try {
    const r = spawnSync(process.execPath, [BIN, 'scan', stdlib, '--no-store', '-q', '--format', 'json', '-o', path.join(cache, 'report.json'), '--cache-dir', cache], { stdio: 'ignore' });
    if (r.status !== 0 && r.status !== 1) return { skipped: `the cold scan failed (exit ${r.status})` };
    const dir = path.join(cache, 'files', readdirSync(path.join(cache, 'files'))[0]!);
    const buf = readFileSync(path.join(dir, 'python-brief.pack'));
    const nl = buf.indexOf(10);
    const header = JSON.parse(buf.toString('utf8', 0, nl)) as { entries: [string, string, string, number, number][] };
    const body = buf.subarray(nl + 1);
    const slices = header.entries.map(([, , , off, len]) => body.subarray(off, off + len));
    const decodeMs: number[] = [];
    const textMs: number[] = [];
    let kept: unknown[] = [];
    for (let i = 0; i < RUNS; i++) {
      kept = [];
      const t0 = performance.now();
      for (const s of slices) kept.push(s.toString('utf8'));
      textMs.push(performance.now() - t0);
      kept = [];
      const t1 = performance.now();
      for (const s of slices) kept.push(JSON.parse(s.toString('utf8')));
      decodeMs.push(performance.now() - t1);
    }
    const c: Counts = { objects: 0, strings: 0 };
    for (const v of kept) count(v, c);
    const result = { files: slices.length, packBytes: buf.length, valueBytes: body.length, objects: c.objects, strings: c.strings, decodeMs: Math.round(median(decodeMs)), utf8Ms: Math.round(median(textMs)) };
    console.log(
      `facts-pack: ${result.files} stdlib files, pack ${(result.packBytes / 1e6).toFixed(2)} MB (values ${(result.valueBytes / 1e6).toFixed(2)} MB) → ` +
        `${result.objects} objects and arrays, ${result.strings} strings; decoded in ${result.decodeMs} ms with every value kept (UTF-8 text alone: ${result.utf8Ms} ms), median of ${RUNS}`,
    );
    return result;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
