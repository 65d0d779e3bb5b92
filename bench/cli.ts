/**
 * What a user feels: whole `pyvet` processes (start-up included), each against its reference measured
 * in the same run, alternating so that both see the same machine load. Medians.
 *
 *   deps     `pyvet deps` on 257 pins drawn from the bundled OSV snapshot  vs  a process that reads,
 *            inflates and JSON-parses the whole zip (target <= 1.5x)
 *   secrets  `pyvet secrets <stdlib>`  vs  a process that walks the tree and reads every file (target <= 2x)
 *   health   `pyvet health <stdlib>` (cold: --no-cache)  vs  `radon cc -j` (target <= 0.5x) and a bare
 *            tree-sitter parse of every .py file on one thread
 *   scan     `pyvet scan <stdlib>` cold (empty cache dir) vs warm (the same, again: target <= 10%; the
 *            analysis memo serves the unchanged tree), and warm through the per-file cache alone (a
 *            PYVET_ variable of its own changes the memo's key, as a touched file would);
 *            peak RSS of the cold scan (target <= 400 MB)
 *
 * BENCH_RUNS sets the runs of the quick pairs (default 7), BENCH_SLOW_RUNS those of health and scan (3).
 * `npm run bench -- deps-cli` runs the deps pair alone, `npm run bench -- health-cli` the health pair alone,
 * `npm run bench -- scan-rss` the scans alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_DB, loadDatabase } from '../src/deps/osv/database.js';
import { fmt, stdlibPath } from './common.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
const FLOORS = path.join(ROOT, 'dist/bench/floors');
const TIME = '/usr/bin/time';
const RADON = '/usr/bin/radon';
const RUNS = Number(process.env.BENCH_RUNS) || 7;
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS) || 3;

interface Sample {
  ms: number;
  /** Peak RSS in MB and CPU time (user + system) in ms, when GNU time is there to tell. */
  rssMB: number | null;
  cpuMs: number | null;
}

/** Run a process to completion: wall time, and peak RSS through GNU time when installed. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Sample {
  const useTime = existsSync(TIME);
  const out = path.join(os.tmpdir(), `pyvet-bench-time-${process.pid}`);
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-f', '%M %U %S', '-o', out, cmd, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  // pyvet exits 1 when it finds something: that is a finished run.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 300)}`);
  if (!useTime) return { ms, rssMB: null, cpuMs: null };
  const [rss, user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, rssMB: Math.round(rss! / 1024), cpuMs: Math.round((user! + sys!) * 1000) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Alternate the commands `runs` times; medians of each. */
function pair(runs: number, cmds: Record<string, () => Sample>): Record<string, Sample> {
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(cmds).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [k, fn] of Object.entries(cmds)) samples[k]!.push(fn());
  return Object.fromEntries(
    Object.entries(samples).map(([k, xs]) => {
      const rss = xs.map((x) => x.rssMB).filter((x): x is number => x !== null);
      const cpu = xs.map((x) => x.cpuMs).filter((x): x is number => x !== null);
      return [k, { ms: Math.round(median(xs.map((x) => x.ms))), rssMB: rss.length ? Math.max(...rss) : null, cpuMs: cpu.length ? Math.round(median(cpu)) : null }];
    }),
  );
}

const node = (script: string, ...args: string[]) => () => run(process.execPath, [script, ...args]);
const pyvet = (...args: string[]) => () => run(process.execPath, [BIN, ...args, '-q', '--format', 'json', '-o', '/dev/null']);
/** The same with extra environment (any PYVET_ variable is part of the analysis memo's key). */
const pyvetEnv = (env: NodeJS.ProcessEnv, ...args: string[]) => () => run(process.execPath, [BIN, ...args, '-q', '--format', 'json', '-o', '/dev/null'], { ...process.env, ...env });
const load = () => `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;
/** One comparison: wall medians and their ratio, then the CPU-time ratio (steadier on a loaded machine). */
const line = (label: string, a: Sample, ref: string, b: Sample, target: string) =>
  console.log(
    `  ${label.padEnd(34)} ${fmt(a.ms / 1000, 2).padStart(7)} s   ${ref.padEnd(26)} ${fmt(b.ms / 1000, 2).padStart(7)} s   ${fmt(a.ms / b.ms, 2).padStart(5)}x  ${target}` +
      (a.cpuMs !== null && b.cpuMs !== null ? `   cpu ${fmt(a.cpuMs / 1000, 2)} s / ${fmt(b.cpuMs / 1000, 2)} s = ${fmt(a.cpuMs / b.cpuMs, 2)}x` : ''),
  );
const ratios = (a: Sample, b: Sample) => ({ ratio: a.ms / b.ms, cpuRatio: a.cpuMs !== null && b.cpuMs !== null ? a.cpuMs / b.cpuMs : null });

/** 257 exact pins, each a package of the snapshot at a version one of its advisories names (fixed seed). */
function pinsDir(): string {
  const db = loadDatabase(BUNDLED_DB);
  const names = db.packages().sort();
  let seed = 20261202;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const pins = new Map<string, string>();
  while (pins.size < 257) {
    const name = names[rnd(names.length)]!;
    if (pins.has(name)) continue;
    const vs = db.package(name).namedVersions();
    if (vs.length) pins.set(name, vs[rnd(vs.length)]!);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-bench-pins-'));
  writeFileSync(path.join(dir, 'requirements.txt'), [...pins].map(([n, v]) => `${n}==${v}\n`).join(''));
  return dir;
}

/** `pyvet deps` on 257 pins against the zip floor, both as whole processes, alternating; prints its line. */
export function depsProcess(): Record<string, unknown> {
  const pins = pinsDir();
  try {
    pyvet('deps', pins)(); // writes the OSV index if this checkout has none yet
    const d = pair(RUNS, { floor: node(path.join(FLOORS, 'zip.js'), BUNDLED_DB), pyvet: pyvet('deps', pins) });
    line('deps, 257 pins', d.pyvet!, 'read+inflate+parse zip', d.floor!, '<= 1.5x');
    return { pyvet: d.pyvet, floor: d.floor, ...ratios(d.pyvet!, d.floor!) };
  } finally {
    rmSync(pins, { recursive: true, force: true });
  }
}

export async function benchCli(): Promise<Record<string, unknown>> {
  const stdlib = stdlibPath();
  const result: Record<string, unknown> = {};
  console.log(`whole processes, medians; ${load()}`);
  console.log(`  ${''.padEnd(34)} ${'pyvet'.padStart(9)}   ${'reference'.padEnd(26)} ${''.padStart(9)}   ratio  target`);

  result.deps = depsProcess();

  const s = pair(RUNS, { floor: node(path.join(FLOORS, 'read.js'), stdlib), pyvet: pyvet('secrets', stdlib, '--no-cache') });
  line('secrets, stdlib', s.pyvet!, 'walk + read every file', s.floor!, '<= 2x');
  result.secrets = { pyvet: s.pyvet, floor: s.floor, ...ratios(s.pyvet!, s.floor!) };

  Object.assign(result, cliHealth(stdlib), cliScan(stdlib));
  console.log(`  ${load()} at the end`);
  result.loadAverage = os.loadavg()[0];
  return result;
}

/** `pyvet health <stdlib> --no-cache` against `radon cc -j` and the bare parse, interleaved. */
function cliHealth(stdlib: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const radon = existsSync(RADON) ? () => run(RADON, ['cc', '-j', '-e', '*/site-packages/*', stdlib]) : null;
  const h = pair(SLOW_RUNS, {
    parse: node(path.join(FLOORS, 'parse.js'), stdlib),
    pyvet: pyvet('health', stdlib, '--no-cache'),
    ...(radon ? { radon } : {}),
  });
  if (h.radon) line('health, stdlib, cold', h.pyvet!, 'radon cc -j', h.radon, '<= 0.5x');
  else console.log(`  health: radon is not installed (${RADON}; apt-get install radon): compared with the bare parse only`);
  line('health, stdlib, cold', h.pyvet!, 'bare parse, one thread', h.parse!, '');
  result.health = { pyvet: h.pyvet, parseFloor: h.parse, toParse: ratios(h.pyvet!, h.parse!), ...(h.radon ? { radon: h.radon, toRadon: ratios(h.pyvet!, h.radon) } : { radon: 'not installed' }) };

  return result;
}

/** Cold and warm `pyvet scan <stdlib>`, and the cold scan's peak RSS. */
function cliScan(stdlib: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const cache = mkdtempSync(path.join(os.tmpdir(), 'pyvet-bench-cache-'));
  try {
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    const perFile: Sample[] = [];
    for (let i = 0; i < SLOW_RUNS; i++) {
      rmSync(cache, { recursive: true, force: true });
      mkdirSync(cache);
      cold.push(pyvet('scan', stdlib, '--no-store', '--cache-dir', cache)());
      warm.push(pyvet('scan', stdlib, '--no-store', '--cache-dir', cache)());
      perFile.push(pyvetEnv({ PYVET_BENCH_RUN: String(i) }, 'scan', stdlib, '--no-store', '--cache-dir', cache)());
    }
    const med = (xs: Sample[]): Sample => {
      const cpu = xs.map((x) => x.cpuMs).filter((x): x is number => x !== null);
      const rss = xs.map((x) => x.rssMB).filter((x): x is number => x !== null);
      return { ms: median(xs.map((x) => x.ms)), cpuMs: cpu.length ? median(cpu) : null, rssMB: rss.length ? Math.max(...rss) : null };
    };
    const c = med(cold);
    const w = med(warm);
    const f = med(perFile);
    line('scan, stdlib, warm re-scan', w, 'the cold scan', c, '<= 0.10x');
    line('scan, stdlib, warm, per-file cache', f, 'the cold scan', c, '');
    if (c.rssMB !== null) console.log(`  scan peak RSS: ${c.rssMB} MB cold, ${w.rssMB} MB warm (target <= 400 MB)`);
    result.scan = { cold: c, warm: w, ...ratios(w, c), perFileCache: { ...f, ...ratios(f, c) } };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  return result;
}

const header = () => {
  console.log(`whole processes, medians; ${load()}`);
  console.log(`  ${''.padEnd(34)} ${'pyvet'.padStart(9)}   ${'reference'.padEnd(26)} ${''.padStart(9)}   ratio  target`);
};

/** `npm run bench -- deps-cli`: the deps processes alone (`pyvet deps` on 257 pins vs the zip floor). */
export async function benchCliDeps(): Promise<Record<string, unknown>> {
  header();
  const deps = depsProcess();
  console.log(`  ${load()} at the end`);
  return { deps, loadAverage: os.loadavg()[0] };
}

/** `npm run bench -- health-cli`: the health processes alone. */
export async function benchCliHealth(): Promise<Record<string, unknown>> {
  header();
  return { ...cliHealth(stdlibPath()), loadAverage: os.loadavg()[0] };
}

/** `npm run bench -- scan-rss`: cold and warm scans and the cold scan's peak RSS alone. */
export async function benchCliScan(): Promise<Record<string, unknown>> {
  header();
  return { ...cliScan(stdlibPath()), loadAverage: os.loadavg()[0] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchCli();
