import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { redactUrl } from '../store/index.js';
import { fleetUrl, openFleet, type FleetStoreOptions } from './fleet.js';
import type { Io } from './io.js';

interface WorkerCliOptions extends FleetStoreOptions {
  concurrency: string;
  exitWhenIdle?: boolean;
  cacheDir?: string;
  db?: string;
  grace: string;
}

/** Where fetched repositories are kept: $XDG_CACHE_HOME/pyvet/fleet, else ~/.cache/pyvet/fleet. */
function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'pyvet', 'fleet');
}

/** Calls `onStop` at each SIGTERM or SIGINT until the returned function is called. */
function onSignals(onStop: (count: number) => void): () => void {
  let count = 0;
  const handler = () => onStop(++count);
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}

export function registerWorker(program: Command, io: Io, setCode: (n: number) => void): void {
  program
    .command('worker')
    .description('claim scan jobs from the fleet queue, fetch each repository, scan it as `pyvet scan` does and record the report')
    .option('--store <url>', 'the fleet database: postgres://user@host:port/db (default: $PYVET_STORE)')
    .option('--concurrency <n>', 'jobs at once in this process (more processes or machines scale further)', '1')
    .option('--exit-when-idle', 'stop once no job is queued, waiting for a retry or running anywhere')
    .option('--cache-dir <dir>', 'where repositories are mirrored (default: ~/.cache/pyvet/fleet)')
    .option('--db <path>', 'OSV database for the dependency audit (default: the bundled snapshot or `pyvet db update` cache)')
    .option('--grace <seconds>', 'on SIGTERM, how long the current jobs may take before they are released to other workers', '120')
    .action(async (opts: WorkerCliOptions) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency must be 1–64, not ${opts.concurrency}`);
      const grace = Number(opts.grace);
      if (!Number.isFinite(grace) || grace < 0) throw new UsageError(`--grace must be a number of seconds, not ${opts.grace}`);
      const url = fleetUrl(io, opts);
      const f = await openFleet(url, io, true);
      const { FleetWorker } = await import('../fleet/worker.js');
      const log = (line: string) => io.stderr.write(`pyvet worker ${process.pid}: ${line}\n`);
      const worker = new FleetWorker(f.boss, f.store, {
        concurrency,
        exitWhenIdle: !!opts.exitWhenIdle,
        cacheDir: opts.cacheDir ? path.resolve(io.cwd, opts.cacheDir) : defaultCacheDir(io.env),
        db: opts.db ? path.resolve(io.cwd, opts.db) : null,
        env: io.env,
        log,
        graceMs: grace * 1000,
      });
      const off = onSignals((n) => {
        log(n === 1 ? 'stopping: finishing the current job (again to release it now)' : 'releasing the current job');
        if (n === 1) worker.stop();
        else worker.release();
      });
      log(`working on ${redactUrl(url)} with concurrency ${concurrency}`);
      try {
        await worker.run();
      } finally {
        off();
        await f.close();
      }
      log(`stopped: ${worker.counts.done} scanned, ${worker.counts.skipped} already recorded, ${worker.counts.failed} failed`);
      setCode(0);
    });
}
