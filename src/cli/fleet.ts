import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type PgBoss from 'pg-boss';
import type { PostgresStore } from '../store/postgres.js';
import { UsageError } from '../core/errors.js';
import { isDatabaseUrl } from '../store/index.js';
import type { Io } from './io.js';

export interface FleetStoreOptions {
  store?: string;
}

/** The fleet's database: --store, else $PYVET_STORE; it must be PostgreSQL (the queue lives there too). */
export function fleetUrl(io: Io, opts: FleetStoreOptions): string {
  const url = opts.store ?? io.env.PYVET_STORE;
  if (!url) throw new UsageError('the fleet needs a PostgreSQL store: pass --store postgres://user@host:port/db or set PYVET_STORE');
  if (!isDatabaseUrl(url)) throw new UsageError(`--store ${url}: the fleet needs a postgres:// URL (an SQLite file cannot be shared by workers on several machines)`);
  return url;
}

/** Open the PostgreSQL store and the job queue on it; the modules load only when a fleet command runs. */
export async function openFleet(url: string, io: Io, worker = false): Promise<{ store: PostgresStore; boss: PgBoss; close: () => Promise<void> }> {
  const { openPostgresStore } = await import('../store/postgres.js');
  const { startQueue } = await import('../fleet/queue.js');
  const store = await openPostgresStore(url);
  try {
    const boss = await startQueue(url, { worker, onError: (m) => io.stderr.write(`pyvet: queue: ${m}\n`) });
    return {
      store,
      boss,
      close: async () => {
        await boss.stop({ graceful: false, wait: true });
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

const whole = (flag: string, v: string | undefined, min = 1): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of at least ${min}, not ${v}`);
  return n;
};

interface AddOptions extends FleetStoreOptions {
  from?: string;
  lease?: string;
  retries?: string;
  retryDelay?: string;
}

interface ReportOptions extends FleetStoreOptions {
  format: 'json' | 'text' | 'html';
  output?: string;
}

export function registerFleet(program: Command, io: Io, setCode: (n: number) => void): void {
  const fleet = program.command('fleet').description("vet an organisation's repositories: a queue and history in PostgreSQL, worked by `pyvet worker` on any machines");
  const storeOption = () => new Option('--store <url>', 'the fleet database: postgres://user@host:port/db (default: $PYVET_STORE)');

  fleet
    .command('add [repos...]')
    .description('queue a scan of each repository (a git URL or a local path) at its current HEAD')
    .addOption(storeOption())
    .option('--from <file>', 'read repositories from this file, one per line (# comments allowed)')
    .option('--lease <seconds>', 'how long a worker may hold a job before it is presumed dead and the job retried (default 1800)')
    .option('--retries <n>', 'retries after a failure before the job goes to the dead-letter queue (default 3)')
    .option('--retry-delay <seconds>', 'first retry delay, doubled at each retry (default 60)')
    .action(async (repos: string[], opts: AddOptions) => {
      const specs = [...repos];
      if (opts.from) {
        const file = path.resolve(io.cwd, opts.from);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          throw new UsageError(`--from ${opts.from}: ${(err as Error).message}`);
        }
        specs.push(...text.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
      }
      if (!specs.length) throw new UsageError('name at least one repository (or --from FILE)');
      const jobOpts = { leaseSeconds: whole('--lease', opts.lease), retryLimit: whole('--retries', opts.retries, 0), retryDelaySeconds: whole('--retry-delay', opts.retryDelay, 0) };
      const { resolveRepo, enqueue } = await import('../fleet/enqueue.js');
      const resolved = [];
      let bad = 0;
      for (const spec of specs) {
        try {
          const repo = resolveRepo(spec, io.cwd);
          if (repo.source !== spec.trim() && /@/.test(spec) && /^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
            io.stderr.write(`pyvet: warning: ${repo.source}: credentials removed from the URL; workers fetch with their own git credentials\n`);
          }
          resolved.push(repo);
        } catch (err) {
          bad++;
          io.stderr.write(`pyvet: error: ${(err as Error).message}\n`);
        }
      }
      const url = fleetUrl(io, opts);
      const f = await openFleet(url, io);
      try {
        const r = await enqueue(f.boss, f.store, resolved, jobOpts);
        for (const w of r.warnings) io.stderr.write(`pyvet: warning: ${w}\n`);
        io.stdout.write(
          `Queued ${r.queued} scan${r.queued === 1 ? '' : 's'}` +
            (r.alreadyQueued ? `; ${r.alreadyQueued} already queued` : '') +
            (r.upToDate ? `; ${r.upToDate} already scanned at their HEAD` : '') +
            (bad ? `; ${bad} not found` : '') +
            '.\n',
        );
      } finally {
        await f.close();
      }
      setCode(bad ? 2 : 0);
    });

  fleet
    .command('status')
    .description('scan jobs queued, running, done and failed, with the error of each failed one')
    .addOption(storeOption())
    .addOption(new Option('-f, --format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (opts: FleetStoreOptions & { format: 'text' | 'json' }) => {
      const f = await openFleet(fleetUrl(io, opts), io);
      try {
        const { fleetStatus, renderStatusText } = await import('../fleet/status.js');
        const s = await fleetStatus(f.store);
        io.stdout.write(opts.format === 'json' ? JSON.stringify(s, null, 2) + '\n' : renderStatusText(s));
      } finally {
        await f.close();
      }
      setCode(0);
    });

  fleet
    .command('schedule')
    .description('re-queue every known repository on a cron schedule (run by the workers); an unmoved HEAD is not rescanned')
    .addOption(storeOption())
    .option('--cron <expr>', 'when, as a cron expression in UTC, e.g. "0 2 * * *" for 02:00 nightly')
    .option('--off', 'remove the schedule')
    .option('--now', 'queue every known repository now, once')
    .action(async (opts: FleetStoreOptions & { cron?: string; off?: boolean; now?: boolean }) => {
      if ([opts.cron, opts.off, opts.now].filter(Boolean).length !== 1) throw new UsageError('give one of --cron EXPR, --off or --now');
      const f = await openFleet(fleetUrl(io, opts), io);
      try {
        const { TICK_QUEUE } = await import('../fleet/queue.js');
        if (opts.off) {
          await f.boss.unschedule(TICK_QUEUE);
          io.stdout.write('Schedule removed.\n');
        } else if (opts.now) {
          const { enqueue, knownRepos } = await import('../fleet/enqueue.js');
          const r = await enqueue(f.boss, f.store, await knownRepos(f.store));
          for (const w of r.warnings) io.stderr.write(`pyvet: warning: ${w}\n`);
          io.stdout.write(`Queued ${r.queued} scan${r.queued === 1 ? '' : 's'}; ${r.upToDate} up to date; ${r.alreadyQueued} already queued.\n`);
        } else {
          try {
            await f.boss.schedule(TICK_QUEUE, opts.cron!, {}, { tz: 'UTC' });
          } catch (err) {
            throw new UsageError(`--cron ${opts.cron}: ${(err as Error).message}`);
          }
          io.stdout.write(`Scheduled: every known repository is queued at "${opts.cron}" (UTC) by a running \`pyvet worker\`.\n`);
        }
      } finally {
        await f.close();
      }
      setCode(0);
    });

  fleet
    .command('report')
    .description('one row per repository with its latest scan, riskiest first')
    .addOption(storeOption())
    .addOption(new Option('-f, --format <format>', 'json, text or html').choices(['json', 'text', 'html']).default('text'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: ReportOptions) => {
      const url = fleetUrl(io, opts);
      const { openPostgresStore } = await import('../store/postgres.js');
      const store = await openPostgresStore(url);
      try {
        const { fleetRows, renderFleetHtml, renderFleetText } = await import('../fleet/report.js');
        const rows = await fleetRows(store);
        const text =
          opts.format === 'json'
            ? JSON.stringify(rows.map(({ repoId: _r, scanId: _s, ...row }) => row), null, 2) + '\n'
            : opts.format === 'html'
              ? renderFleetHtml(rows)
              : renderFleetText(rows);
        if (opts.output) {
          const { writeFileSync } = await import('node:fs');
          writeFileSync(path.resolve(io.cwd, opts.output), text);
        } else io.stdout.write(text);
      } finally {
        await store.close();
      }
      setCode(0);
    });
}
