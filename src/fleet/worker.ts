import path from 'node:path';
import type PgBoss from 'pg-boss';
import { loadConfig } from '../config/config.js';
import { limitRepoConfig } from '../config/repo-policy.js';
import { runScan } from '../pipeline/scan.js';
import type { PostgresStore } from '../store/postgres.js';
import { checkout, checkoutRepoInfo, redactText } from './git-cache.js';
import { enqueue, knownRepos, type JobOptions } from './enqueue.js';
import { SCAN_QUEUE, TICK_QUEUE, type ScanJobData } from './queue.js';

export interface WorkerOptions {
  concurrency: number;
  /** Stop once no scan job is queued, waiting for a retry or held by any worker. */
  exitWhenIdle: boolean;
  /** Mirrors and work trees of fetched repositories. */
  cacheDir: string;
  /** OSV database for the dependency audit, as `pyvet scan --db`. */
  db: string | null;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  pollMs?: number;
  /** After a stop request, how long the current jobs may take before they are released. */
  graceMs?: number;
}

export interface JobResult {
  commit: string;
  /** The scan recorded, or null when the store already had this commit (a retry after a lost acknowledgement). */
  scanId: number | null;
  /** The whole job: fetch, check-out, scan, record. */
  durationMs: number;
  /** The scan pipeline alone (the report's own duration); 0 when skipped. */
  scanMs: number;
}

/** One job: fetch, scan with the same pipeline as `pyvet scan`, record once. */
export async function scanJob(store: PostgresStore, data: ScanJobData, opts: Pick<WorkerOptions, 'cacheDir' | 'db' | 'env'>): Promise<JobResult> {
  const started = performance.now();
  const { dir, commit } = await checkout(opts.cacheDir, data.key, data.source);
  const done = (scanId: number | null, scanMs = 0): JobResult => ({ commit, scanId, durationMs: Math.round(performance.now() - started), scanMs });
  // A worker that died after recording but before acknowledging left this commit recorded: do not scan it twice.
  if (await store.hasScan(data.key, commit)) return done(null);
  const config = loadConfig(dir);
  // Fleet repositories are not the operator's own: their config is limited like an untrusted one.
  limitRepoConfig(config);
  const report = await runScan({
    root: dir,
    sections: ['deps', 'secrets', 'health', 'brief'],
    config,
    history: config.secrets.history,
    db: opts.db,
    baseline: config.secrets.baseline ? path.resolve(dir, config.secrets.baseline) : null,
    env: opts.env,
    repo: checkoutRepoInfo(dir, commit, data.source),
    // Parallelism comes from jobs (worker processes, --concurrency): threads per scan would only compete for the same cores.
    singleThread: true,
  });
  // The scan ran in the cache; the report names the repository as the fleet knows it.
  report.root = data.source;
  for (const message of config.refused) report.errors.push({ path: config.source ?? '.pyvet.toml', message });
  return done(await store.recordScanOnce(report, data.key, commit), report.summary.durationMs);
}

const sleep = (ms: number, wake: Promise<void>) => Promise.race([new Promise<void>((r) => setTimeout(r, ms).unref()), wake]);

/**
 * A fleet worker: `concurrency` loops, each claiming one scan job at a time. Any number of them may run on
 * any number of machines; the queue hands each job to one of them. `stop()` (SIGTERM) lets the current jobs
 * finish within the grace period and releases those that do not; a worker killed outright loses nothing,
 * since its jobs' leases expire and another worker takes them.
 */
export class FleetWorker {
  private stopping = false;
  private wake!: () => void;
  private readonly woken = new Promise<void>((r) => (this.wake = r));
  private readonly active = new Map<string, ScanJobData>();
  private releaseNow: () => void = () => undefined;
  readonly counts = { done: 0, failed: 0, skipped: 0 };

  constructor(
    private readonly boss: PgBoss,
    private readonly store: PostgresStore,
    private readonly opts: WorkerOptions,
  ) {}

  /** Finish the current jobs (or release them after the grace period) and take no new ones. */
  stop(): void {
    this.stopping = true;
    this.wake();
  }

  /** Release the current jobs now, without waiting for the grace period (a second SIGTERM). */
  release(): void {
    this.stop();
    this.releaseNow();
  }

  async run(): Promise<void> {
    const lanes = Promise.all(Array.from({ length: this.opts.concurrency }, (_, i) => this.lane(i)));
    const released = new Promise<void>((r) => (this.releaseNow = r));
    await Promise.race([lanes, released, this.woken.then(() => sleep(this.opts.graceMs ?? 120_000, released))]);
    // Jobs still running after the grace period go back to the queue for another worker.
    for (const [id, data] of [...this.active]) {
      this.active.delete(id);
      await this.boss.fail(SCAN_QUEUE, id, { message: 'released: the worker was stopped before the scan finished' }).catch(() => undefined);
      this.opts.log(`released ${data.key}`);
    }
  }

  private async lane(index: number): Promise<void> {
    const poll = this.opts.pollMs ?? 1000;
    while (!this.stopping) {
      try {
        if (index === 0 && (await this.tick())) continue;
        const [job] = await this.boss.fetch<ScanJobData>(SCAN_QUEUE, { batchSize: 1 });
        if (!job) {
          if (this.opts.exitWhenIdle && (await this.idle())) return;
          await sleep(poll, this.woken);
          continue;
        }
        await this.handle(job);
      } catch (err) {
        // The database went away for a moment: say so and try again, rather than drop the worker.
        this.opts.log(`error: ${redactText((err as Error).message)}`);
        await sleep(poll * 5, this.woken);
      }
    }
  }

  private async handle(job: PgBoss.Job<ScanJobData>): Promise<void> {
    this.active.set(job.id, job.data);
    this.opts.log(`start ${job.data.key}`);
    try {
      const r = await this.scan(job.data);
      if (!this.active.has(job.id)) return;
      await this.boss.complete(SCAN_QUEUE, job.id, r);
      if (r.scanId === null) this.counts.skipped++;
      else this.counts.done++;
      this.opts.log(`${r.scanId === null ? 'skip' : 'done'} ${job.data.key} ${r.commit.slice(0, 12)} ${r.durationMs} ms (scan ${r.scanMs} ms)`);
    } catch (err) {
      const message = redactText((err as Error).message ?? String(err));
      this.counts.failed++;
      await this.boss.fail(SCAN_QUEUE, job.id, { message });
      this.opts.log(`fail ${job.data.key}: ${message}`);
    } finally {
      this.active.delete(job.id);
    }
  }

  private scan(data: ScanJobData): Promise<JobResult> {
    return scanJob(this.store, data, this.opts);
  }

  /** The schedule fired: queue every known repository whose HEAD moved. True when there was a tick. */
  private async tick(): Promise<boolean> {
    const [job] = await this.boss.fetch<JobOptions>(TICK_QUEUE, { batchSize: 1 });
    if (!job) return false;
    try {
      const r = await enqueue(this.boss, this.store, await knownRepos(this.store), job.data ?? {});
      await this.boss.complete(TICK_QUEUE, job.id, { ...r });
      this.opts.log(`schedule: queued ${r.queued}, up to date ${r.upToDate}, already queued ${r.alreadyQueued}`);
      for (const w of r.warnings) this.opts.log(`warning: ${w}`);
    } catch (err) {
      await this.boss.fail(TICK_QUEUE, job.id, { message: redactText((err as Error).message) });
    }
    return true;
  }

  private async idle(): Promise<boolean> {
    return (await pendingJobs(this.store)) === 0;
  }
}

/** Scan jobs not yet finished: queued, waiting for a retry, or held by a worker. */
export async function pendingJobs(store: PostgresStore): Promise<number> {
  const r = await store.guard(() => store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state < 'completed'", [SCAN_QUEUE]));
  return r.rows[0]?.n ?? 0;
}
