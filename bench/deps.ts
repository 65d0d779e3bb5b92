import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUNDLED_DB, databaseFromZip, unzipOsv, type OsvDatabase } from '../src/deps/osv/database.js';
import { matchDependencies } from '../src/deps/audit.js';
import type { Located } from '../src/deps/index.js';
import { fmt } from './common.js';
import { depsProcess } from './cli.js';

const PINS = 1000;
const RUNS = 7;

/** 1,000 package/version pairs drawn from the records themselves (fixed seed): names and versions advisories really use. */
function drawPins(db: OsvDatabase): Located[] {
  let seed = 20240601;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const names = db.packages().sort();
  const pins: Located[] = [];
  while (pins.length < PINS) {
    const name = names[rnd(names.length)]!;
    const records = db.recordsOf(name);
    const rec = records[rnd(records.length)]!;
    const versions = (rec.affected ?? []).flatMap((a) => [
      ...(a.versions ?? []),
      ...(a.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM').flatMap((r) => r.events.flatMap((e) => Object.values(e).filter((v) => v !== '0'))),
    ]);
    if (!versions.length) continue;
    const version = versions[rnd(versions.length)]!;
    pins.push({ name, specifier: `==${version}`, version, kind: 'pinned', group: 'main', line: pins.length + 1, path: 'requirements.txt', source: 'requirements' });
  }
  return pins;
}

interface Sample {
  wall: number;
  cpu: number;
}

/** Wall and CPU (user + system) milliseconds of fn. */
function measure<T>(fn: () => T): { value: T; t: Sample } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, t: { wall, cpu: (c.user + c.system) / 1000 } };
}

const best = (xs: Sample[], k: keyof Sample) => Math.min(...xs.map((x) => x[k]));

/**
 * In-process, warm JIT: the cost of matching when the database is built from the zip itself, as on
 * a first run before the per-package index exists (databaseFromZip never reads the index). Against
 * read + unzip of the bundled OSV snapshot: load from the zip (read, unzip, group the records by
 * package) and match 1,000 pins drawn from the snapshot (parse the records of the packages asked
 * for, build their version indexes, find the affecting advisories and the smallest fix of each pin);
 * then the rest of matching: building the dependencies and findings. Best of RUNS each, interleaved
 * so all see the same warm JIT; wall and CPU time both printed. No target here: what a user runs
 * reads the index, and its target (<= 1.5x the zip floor, whole processes, start-up included) is
 * measured at the end, as `npm run bench -- deps-cli` does alone.
 */
export async function benchDeps(): Promise<Record<string, unknown>> {
  const pins = drawPins(databaseFromZip(readFileSync(BUNDLED_DB), BUNDLED_DB));
  const floor: Sample[] = [];
  const core: Sample[] = [];
  const full: Sample[] = [];
  let vulnerable = 0;
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    floor.push(measure(() => unzipOsv(readFileSync(BUNDLED_DB), BUNDLED_DB)).t);
    core.push(
      measure(() => {
        const db = databaseFromZip(readFileSync(BUNDLED_DB), BUNDLED_DB);
        for (const p of pins) {
          const pkg = db.package(p.name);
          if (pkg.affecting(p.version!).length) pkg.smallestFix(p.version!);
        }
      }).t,
    );
    const f = measure(() => matchDependencies(pins, databaseFromZip(readFileSync(BUNDLED_DB), BUNDLED_DB), { errors: [] }));
    full.push(f.t);
    vulnerable = f.value.dependencies.filter((d) => d.vulns.length).length;
    findings = f.value.findings.length;
  }
  const r = {
    pins: PINS,
    floorMs: best(floor, 'wall'),
    loadAndMatchMs: best(core, 'wall'),
    withFindingsMs: best(full, 'wall'),
    floorCpuMs: best(floor, 'cpu'),
    loadAndMatchCpuMs: best(core, 'cpu'),
    withFindingsCpuMs: best(full, 'cpu'),
    vulnerable,
    findings,
    loadAverage: os.loadavg()[0],
  };
  const ratio = r.loadAndMatchMs / r.floorMs;
  const cpuRatio = r.loadAndMatchCpuMs / r.floorCpuMs;
  console.log(`deps: OSV snapshot ${BUNDLED_DB}; ${PINS} pins drawn from it (${vulnerable} vulnerable, ${findings} findings)`);
  const row = (label: string, wall: number, cpu: number) => console.log(`  ${label.padEnd(36)}${fmt(wall).padStart(8)} ${fmt(cpu).padStart(8)}`);
  console.log(`  ${''.padEnd(36)}${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)}`);
  row('read + unzip', r.floorMs, r.floorCpuMs);
  row(`load from the zip + match ${PINS} pins`, r.loadAndMatchMs, r.loadAndMatchCpuMs);
  row('… + dependencies and findings', r.withFindingsMs, r.withFindingsCpuMs);
  console.log(`  load from the zip (no index) + match / read + unzip: ${fmt(ratio, 2)} wall, ${fmt(cpuRatio, 2)} cpu (a first run's cost; no target)`);
  console.log(`  … with findings / read + unzip: ${fmt(r.withFindingsMs / r.floorMs, 2)} wall, ${fmt(r.withFindingsCpuMs / r.floorCpuMs, 2)} cpu; load average ${r.loadAverage!.toFixed(1)} on ${os.cpus().length} CPUs`);
  // What a user feels, and the target (<= 1.5x): whole processes reading the index, start-up included, medians of BENCH_RUNS.
  console.log(`  whole processes (the index read, as every run after the first), medians of ${Number(process.env.BENCH_RUNS) || 7}, alternating:`);
  const processes = depsProcess();
  return { ...r, ratio, cpuRatio, processes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchDeps();
