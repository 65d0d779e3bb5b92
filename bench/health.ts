/**
 * Speed of the Python layer: parse and analyse every .py file of the standard library (sysconfig
 * `stdlib`, without site-packages and __pycache__), then `radon cc -j` on the same tree, same run.
 *
 *   node dist/bench/health.js
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fdir } from 'fdir';
import { availableParallelism } from 'node:os';
import { analyzeMany, type SourceItem } from '../src/python/analyze.js';
import { functionCount } from '../src/python/functions.js';

const RADON = '/usr/bin/radon';

function stdlibPath(): string | null {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export async function benchHealth(): Promise<Record<string, unknown>> {
  const root = stdlibPath();
  if (!root || !existsSync(root)) {
    console.log('health bench: skipped, python3 not found to locate the standard library');
    return { skipped: 'python3 not found' };
  }
  const files = (new fdir().withFullPaths().exclude((name) => name === 'site-packages' || name === '__pycache__').filter((p) => p.endsWith('.py')).crawl(root).sync() as string[]).sort();
  const items: SourceItem[] = [];
  let failed = 0;
  for (const f of files) {
    try {
      items.push({ source: readFileSync(f, 'utf8'), path: path.relative(root, f), module: 'm' });
    } catch {
      failed++;
    }
  }
  const run = async (threads: number) => {
    const t0 = performance.now();
    const res = await analyzeMany(items, { brief: true, threads });
    const ms = performance.now() - t0;
    const functions = res.reduce((n, r) => n + ('health' in r ? functionCount(r.health.functions) : 0), 0);
    const errors = res.flatMap((r, i) => ('health' in r ? [] : [`${items[i]!.path}: ${r.error}`]));
    return { ms, functions, errors };
  };
  const threads = Math.min(4, availableParallelism());
  const multi = await run(threads);
  const single = await run(1);
  const ms = multi.ms;
  const result: Record<string, unknown> = {
    root,
    files: files.length,
    unreadable: failed,
    functions: multi.functions,
    threads,
    pyvetMs: Math.round(ms),
    filesPerSecond: Math.round((files.length / ms) * 1000),
    singleThreadMs: Math.round(single.ms),
    singleThreadFilesPerSecond: Math.round((files.length / single.ms) * 1000),
    failed: multi.errors.length,
    failedSingleThread: single.errors.length,
  };
  for (const e of [...new Set([...multi.errors, ...single.errors])].slice(0, 10)) console.log(`health: not analysed: ${e}`);
  console.log(
    `health: ${files.length} stdlib files, ${multi.functions} functions in ${(ms / 1000).toFixed(2)} s = ${result.filesPerSecond} files/s on ${threads} threads ` +
      `(${result.singleThreadFilesPerSecond} files/s on one); parse + CC + MI + imports + env + smells + brief facts`,
  );
  if (!existsSync(RADON)) {
    console.log(`health: radon comparison skipped, ${RADON} is not installed`);
    result.radon = 'skipped: not installed';
    return result;
  }
  const r0 = performance.now();
  const r = spawnSync(RADON, ['cc', '-j', '-e', '*/site-packages/*', root], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const radonMs = performance.now() - r0;
  if (r.status !== 0) {
    console.log(`health: radon failed (${r.status}): ${(r.stderr ?? '').slice(0, 200)}`);
    result.radon = `failed: exit ${r.status}`;
    return result;
  }
  result.radonMs = Math.round(radonMs);
  result.radonFilesPerSecond = Math.round((files.length / radonMs) * 1000);
  result.speedup = Math.round((radonMs / ms) * 100) / 100;
  result.toRadon = Math.round((ms / radonMs) * 100) / 100;
  console.log(`health: radon cc -j on the same tree: ${(radonMs / 1000).toFixed(2)} s = ${result.radonFilesPerSecond} files/s; pyvet is ${result.speedup}x radon's speed`);
  console.log(`health: pyvet / radon = ${result.toRadon}x (target <= 0.5x; whole processes, start-up included: npm run bench -- health-cli)`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await benchHealth();
