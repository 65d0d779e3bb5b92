import PgBoss from 'pg-boss';
import { StoreError } from '../core/errors.js';
import { redactUrl } from '../store/index.js';
import { redactText } from './git-cache.js';

/** The scan jobs: one per (repository, commit). */
export const SCAN_QUEUE = 'pyvet-scan';
/** Where a scan job goes, with its data, once its retries are spent. */
export const DEAD_QUEUE = 'pyvet-scan-dead';
/** The schedule's cron sends a tick here; a worker turns it into scan jobs for every known repository. */
export const TICK_QUEUE = 'pyvet-fleet-tick';

export interface ScanJobData {
  /** Repository identity in the history store (as `pyvet scan` computes it). */
  key: string;
  /** Where to fetch it: a git URL without credentials, or a path on the worker's machine. */
  source: string;
  /** HEAD when it was queued; null when the remote could not be asked. */
  commit: string | null;
}

/** Queue defaults; `fleet add --lease/--retries/--retry-delay` override them per job. */
export const QUEUE_DEFAULTS = {
  /** The lease: an active job not acknowledged within it is taken to be lost and retried. */
  expireInSeconds: 30 * 60,
  retryLimit: 3,
  retryDelay: 60,
  retryBackoff: true,
};

/** One key per repository and commit: a second `add` of the same commit while one is queued is a no-op. */
export function singletonKey(key: string, commit: string | null): string {
  return `${key}@${commit ?? 'HEAD'}`;
}

export interface BossOptions {
  /** Workers run pg-boss's maintenance (expiring leases, archiving) and its cron clock; clients do not. */
  worker?: boolean;
  maintenanceSeconds?: number;
  onError?: (message: string) => void;
}

/** Connect pg-boss to the store's database, creating its schema and our queues when missing. */
export async function startQueue(url: string, opts: BossOptions = {}): Promise<PgBoss> {
  const worker = !!opts.worker;
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'pyvet',
    max: worker ? 3 : 2,
    supervise: worker,
    schedule: worker,
    maintenanceIntervalSeconds: opts.maintenanceSeconds ?? 5,
  });
  boss.on('error', (err: Error) => opts.onError?.(redactText(err.message ?? String(err))));
  try {
    await boss.start();
    await ensureQueue(boss, DEAD_QUEUE, {});
    await ensureQueue(boss, SCAN_QUEUE, { policy: 'stately', deadLetter: DEAD_QUEUE, ...QUEUE_DEFAULTS });
    await ensureQueue(boss, TICK_QUEUE, { policy: 'short', retryLimit: 1, expireInSeconds: 15 * 60 });
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw new StoreError(`job queue in ${redactUrl(url)}: ${redactText((err as Error).message ?? String(err))}`);
  }
  return boss;
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, ...options });
  } catch (err) {
    // Two processes starting on a new database race to create it; the loser finds it made.
    if (!(await boss.getQueue(name))) throw err;
  }
}
