import type { PostgresStore } from '../store/postgres.js';
import { DEAD_QUEUE, SCAN_QUEUE } from './queue.js';

export interface FleetStatus {
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Jobs in the dead-letter queue (failed after every retry). */
  deadLetter: number;
  /** Failed jobs, newest first, with the error that ended them. */
  failures: { id: string; repo: string; source: string; error: string; at: string; attempts: number }[];
}

/** Counts of scan jobs by state (live and archived), and the failed ones with their error. */
export async function fleetStatus(store: PostgresStore, limit = 100): Promise<FleetStatus> {
  return store.guard(async () => {
    const counts = await store.pool.query<{ state: string; n: number }>(
      `SELECT state::text, count(*)::int AS n FROM (
         SELECT state FROM pgboss.job WHERE name = $1 UNION ALL SELECT state FROM pgboss.archive WHERE name = $1
       ) j GROUP BY state`,
      [SCAN_QUEUE],
    );
    const by = (...states: string[]) => counts.rows.filter((r) => states.includes(r.state)).reduce((n, r) => n + r.n, 0);
    const dead = await store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state < 'completed'", [DEAD_QUEUE]);
    const failed = await store.pool.query<{ id: string; data: { key?: string; source?: string } | null; output: { message?: string; value?: { message?: string } } | null; at: Date | null; attempts: number }>(
      `SELECT id::text, data, output, completed_on AS at, retry_count + 1 AS attempts FROM (
         SELECT id, data, output, completed_on, retry_count, state FROM pgboss.job WHERE name = $1
         UNION ALL SELECT id, data, output, completed_on, retry_count, state FROM pgboss.archive WHERE name = $1
       ) j WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
      [SCAN_QUEUE, limit],
    );
    return {
      queued: by('created', 'retry'),
      running: by('active'),
      done: by('completed'),
      failed: by('failed'),
      deadLetter: dead.rows[0]?.n ?? 0,
      failures: failed.rows.map((r) => ({
        id: r.id,
        repo: r.data?.key ?? '',
        source: r.data?.source ?? '',
        error: r.output?.message ?? r.output?.value?.message ?? '',
        at: r.at ? r.at.toISOString() : '',
        attempts: r.attempts,
      })),
    };
  });
}

export function renderStatusText(s: FleetStatus): string {
  const lines = [`queued ${s.queued}  running ${s.running}  done ${s.done}  failed ${s.failed}  dead-letter ${s.deadLetter}`];
  for (const f of s.failures) lines.push(`  failed ${f.repo} after ${f.attempts} attempt(s) ${f.at}: ${f.error}`);
  return lines.join('\n') + '\n';
}
