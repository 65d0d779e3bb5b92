import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startQueue } from '../src/fleet/queue.js';
import { fmt } from './common.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'bin.js');
const REPOS = 24;

/** A generated repository: a package of `files` modules with branches, a pinned manifest, tests and three authors. */
function makeRepo(dir: string, i: number, files: number): void {
  mkdirSync(path.join(dir, `pkg${i}`), { recursive: true });
  mkdirSync(path.join(dir, 'tests'));
  writeFileSync(path.join(dir, 'requirements.txt'), `requests==2.${i % 30}.0\nflask==2.0.${i % 3}\njinja2==3.0.0\nurllib3==1.26.${i % 10}\n`);
  for (let f = 0; f < files; f++) {
    const body = Array.from({ length: 12 }, (_, k) => `def f${k}(x, y):\n    if x > ${k}:\n        for i in range(y):\n            if i % 3 == 0:\n                x += i\n    elif y:\n        return y\n    try:\n        return x / y\n    except ZeroDivisionError:\n        return None\n`).join('\n\n');
    writeFileSync(path.join(dir, `pkg${i}`, `m${f}.py`), `import os\nimport json\n\n\n${body}`);
  }
  writeFileSync(path.join(dir, 'tests', 'test_m.py'), `from pkg${i}.m0 import f0\n\n\ndef test_f0():\n    assert f0(0, 1) == 1\n`);
  const git = (args: string[], author = 'Dev One') =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: 'dev@example.com' } });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-qm', 'init']);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * CPU seconds (user + system) of this process's finished children and all their descendants (the workers and
 * every git they started), from /proc/self/stat; null where there is no /proc.
 */
function childCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // fields 16 and 17 of proc(5): cutime, cstime (this slice starts at field 3)
    return (Number(fields[13]) + Number(fields[14])) / hz;
  } catch {
    return null;
  }
}

interface Round {
  ms: number;
  /** CPU seconds of the worker processes and their git children together; null without /proc. */
  cpu: number | null;
  jobs: { total: number; scan: number }[];
}

/** Run `n` worker processes until the queue is empty; returns the wall time, the CPU they used and each job's logged times. */
async function runWorkers(url: string, n: number, cacheRoot: string): Promise<Round> {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const logs = await Promise.all(
    Array.from(
      { length: n },
      (_, w) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, [BIN, 'worker', '--store', url, '--exit-when-idle', '--cache-dir', path.join(cacheRoot, `w${w}`)], { stdio: ['ignore', 'ignore', 'pipe'] });
          let log = '';
          child.stderr.on('data', (d: Buffer) => (log += d.toString()));
          child.on('exit', (code) => (code === 0 ? resolve(log) : reject(new Error(`worker exited ${code}:\n${log}`))));
        }),
    ),
  );
  const ms = performance.now() - started;
  const cpuAfter = childCpuSeconds();
  const jobs = [...logs.join('\n').matchAll(/ done .* (\d+) ms \(scan (\d+) ms\)/g)].map((m) => ({ total: Number(m[1]), scan: Number(m[2]) }));
  return { ms, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, jobs };
}

/** Three fixed workloads, each in fresh processes; `n` copies started at once; ms until all end. */
const PROBES = {
  // arithmetic only: what the CPUs give
  cpu: [process.execPath, '-e', 'let x = 0; for (let i = 0; i < 1.5e8; i++) x = (x + i) % 1000003; if (x < 0) console.log(x);'],
  // short-lived objects, as a scan makes them: the garbage collector maps and touches fresh pages
  alloc: [process.execPath, '-e', 'let k = []; for (let i = 0; i < 1.5e6; i++) { k.push({ a: i, b: [i, i + 1], c: "x" + i }); if (k.length > 2e5) k = []; }'],
  // process starts, as a job starts git
  spawn: ['sh', '-c', 'for i in $(seq 40); do git --version >/dev/null; done'],
} as const;

function probe(argv: readonly string[], n: number): Promise<number> {
  const t = performance.now();
  const one = () => new Promise<void>((resolve, reject) => spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' }).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`${argv.join(' ')} exited ${c}`)))));
  return Promise.all(Array.from({ length: n }, one)).then(() => performance.now() - t);
}

/**
 * What this machine gives two independent processes against one, for each kind of work a job does,
 * measured beside each round: the ceiling two workers can reach here. 2.00 on two free cores; on a
 * virtual machine whose page tables the hypervisor manages, page faults and process starts of two
 * processes queue behind each other, and the figure drifts with the host's load.
 */
async function parallelCeiling(): Promise<Record<keyof typeof PROBES, number>> {
  const out = {} as Record<keyof typeof PROBES, number>;
  for (const [name, argv] of Object.entries(PROBES) as [keyof typeof PROBES, readonly string[]][]) out[name] = (2 * (await probe(argv, 1))) / (await probe(argv, 2));
  return out;
}

/**
 * The fleet on a real PostgreSQL ($PYVET_TEST_PG, as .ci/run starts one): the same generated repositories
 * scanned by one worker process, then by two; the queue's own cost per job (send, claim, acknowledge) with
 * no work in it; and the store's size per scan, for sizing a nightly run of many repositories.
 */
export async function benchFleet(): Promise<Record<string, unknown>> {
  const admin = process.env.PYVET_TEST_PG;
  if (!admin) {
    console.log('skipped: set PYVET_TEST_PG to a postgres:// URL of a server where the benchmark may create databases (see docs/fleet.md)');
    return { skipped: true };
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pyvet-bench-fleet-'));
  const dbs: string[] = [];
  const urlOf = (name: string) => {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const fresh = async (name: string) => {
    await withClient(admin, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    dbs.push(name);
    return urlOf(name);
  };
  try {
    const repos = Array.from({ length: REPOS }, (_, i) => {
      const dir = path.join(tmp, `repo${i}`);
      makeRepo(dir, i, 15);
      return dir;
    });
    // Rounds in the order 1, 2, 2, 1 and the best of each: a shared machine's load drifts during the run.
    const runs: Record<string, Round> = {};
    const cpuOf: Record<string, number[]> = {};
    const ceilings: Record<keyof typeof PROBES, number>[] = [];
    for (const [round, n] of [1, 2, 2, 1].entries()) {
      ceilings.push(await parallelCeiling());
      const url = await fresh(`pyvet_bench_fleet_${round}`);
      cli(['fleet', 'add', '--store', url, ...repos]);
      const r = await runWorkers(url, n, path.join(tmp, `cache${round}`));
      if (r.jobs.length !== REPOS) throw new Error(`expected ${REPOS} scans, the workers logged ${r.jobs.length}`);
      const cpu = r.cpu === null ? '' : `; CPU ${fmt(r.cpu, 1)} s (workers and their git) = ${fmt((r.cpu / REPOS) * 1000, 0)} ms a job`;
      console.log(`${n} worker${n > 1 ? 's' : ''}: ${REPOS} repositories in ${fmt(r.ms / 1000, 1)} s = ${fmt(REPOS / (r.ms / 1000), 2)} repositories/s${cpu}`);
      if (r.cpu !== null) (cpuOf[n] ??= []).push(r.cpu / REPOS);
      if (!runs[n] || r.ms < runs[n]!.ms) runs[n] = r;
    }
    const speedup = runs[1]!.ms / runs[2]!.ms;
    ceilings.push(await parallelCeiling());
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ceiling = Object.fromEntries(Object.keys(PROBES).map((k) => [k, median(ceilings.map((c) => c[k as keyof typeof PROBES]))])) as Record<keyof typeof PROBES, number>;
    console.log(`two workers / one: ${fmt(speedup, 2)}x (target >= 1.6 on 2 cores)`);
    console.log(`this machine, same run (two processes / one, medians of ${ceilings.length}; 2.00 on two free cores): arithmetic ${fmt(ceiling.cpu, 2)}x, allocating objects ${fmt(ceiling.alloc, 2)}x, starting processes ${fmt(ceiling.spawn, 2)}x`);
    // CPU per job is the figure that survives a loaded machine: wall ratios there mostly measure the neighbours.
    const low = (xs: number[] | undefined) => (xs?.length ? Math.min(...xs) * 1000 : null);
    const cpuJob1 = low(cpuOf[1]);
    const cpuJob2 = low(cpuOf[2]);
    if (cpuJob1 !== null && cpuJob2 !== null) console.log(`CPU per job (workers + git, best round): one worker ${fmt(cpuJob1, 0)} ms, two workers ${fmt(cpuJob2, 0)} ms (${fmt(cpuJob2 / cpuJob1, 2)}x one)`);

    const one = runs[1]!;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const jobMs = mean(one.jobs.map((j) => j.total));
    const scanMs = mean(one.jobs.map((j) => j.scan));
    const wallPerJob = one.ms / REPOS;
    console.log(`per job with one worker: wall ${fmt(wallPerJob, 0)} ms, job ${fmt(jobMs, 0)} ms, of which the scan ${fmt(scanMs, 0)} ms and fetch/check-out/record ${fmt(jobMs - scanMs, 0)} ms`);

    // The queue alone: send, claim and acknowledge empty jobs, no scan.
    const qurl = await fresh('pyvet_bench_queue');
    const boss = await startQueue(qurl);
    const N = 200;
    let queueMs: number;
    try {
      const t = performance.now();
      for (let i = 0; i < N; i++) await boss.send('pyvet-scan', { key: `k${i}`, source: '/x', commit: null }, { singletonKey: `k${i}@HEAD` });
      for (let i = 0; i < N; i++) {
        const [job] = await boss.fetch('pyvet-scan', { batchSize: 1 });
        await boss.complete('pyvet-scan', job!.id, {});
      }
      queueMs = (performance.now() - t) / N;
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    console.log(`queue round trip per job (send + claim + acknowledge, no work): ${fmt(queueMs, 1)} ms = ${fmt((queueMs / scanMs) * 100, 2)}% of a scan here`);

    const size = await withClient(urlOf('pyvet_bench_fleet_0'), (c) =>
      c.query<{ store: string; queue: string; scans: number }>(
        `SELECT (pg_total_relation_size('pyvet.scans') + pg_total_relation_size('pyvet.findings') + pg_total_relation_size('pyvet.dependencies') + pg_total_relation_size('pyvet.repos'))::text AS store,
                (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pgboss' AND c.relkind = 'r')::text AS queue,
                (SELECT count(*)::int FROM pyvet.scans) AS scans`,
      ),
    );
    const row = size.rows[0]!;
    const perScanKB = Number(row.store) / row.scans / 1024;
    console.log(`store: ${fmt(Number(row.store) / 1024 / 1024, 2)} MB for ${row.scans} scans = ${fmt(perScanKB, 1)} KB per scan (report, findings, dependencies, indexes); queue tables ${fmt(Number(row.queue) / 1024 / 1024, 2)} MB`);
    return {
      repositories: REPOS,
      oneWorkerMs: Math.round(runs[1]!.ms),
      twoWorkersMs: Math.round(runs[2]!.ms),
      speedup,
      machineTwoProcessSpeedup: ceiling,
      cpuMsPerJobOneWorker: cpuJob1 === null ? null : Math.round(cpuJob1),
      cpuMsPerJobTwoWorkers: cpuJob2 === null ? null : Math.round(cpuJob2),
      perJobWallMs: Math.round(wallPerJob),
      perJobMs: Math.round(jobMs),
      perJobScanMs: Math.round(scanMs),
      queueRoundTripMs: queueMs,
      storeKBPerScan: perScanKB,
    };
  } finally {
    await withClient(admin, async (c) => {
      for (const d of dbs) await c.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
    });
    rmSync(tmp, { recursive: true, force: true });
  }
}
