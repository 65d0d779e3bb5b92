import { existsSync } from 'node:fs';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import { repoIdentity, stripCredentials } from '../store/index.js';
import type { PostgresStore } from '../store/postgres.js';
import { repoInfo } from '../sources/git.js';
import { isGitUrl, redactText, remoteHead } from './git-cache.js';
import { SCAN_QUEUE, singletonKey, type ScanJobData } from './queue.js';

export interface FleetRepo {
  key: string;
  source: string;
}

export interface JobOptions {
  leaseSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

export interface EnqueueResult {
  queued: number;
  /** A job for that repository and commit was already waiting. */
  alreadyQueued: number;
  /** The store already has a scan of that commit. */
  upToDate: number;
  /** Repositories whose HEAD could not be read; queued anyway (the worker may have access the caller lacks). */
  warnings: string[];
}

/**
 * A repository as the user names it: a git URL (credentials dropped: workers use their own git credentials)
 * or a local path to a git repository, identified as `pyvet scan` would identify it.
 */
export function resolveRepo(spec: string, cwd: string): FleetRepo {
  if (isGitUrl(spec)) {
    const source = stripCredentials(spec.trim());
    return { key: source, source };
  }
  const abs = path.resolve(cwd, spec);
  if (!existsSync(abs)) throw new Error(`no such repository: ${spec}`);
  const info = repoInfo(abs);
  if (!info) throw new Error(`not a git repository: ${spec}`);
  return { key: repoIdentity(info.top, info), source: info.top };
}

/** Run `fn` over `items` with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Queue a scan of each repository at its current HEAD, remembering it for the schedule. A repository whose
 * HEAD is already recorded is not queued: the store never holds two scans of one commit from the fleet.
 */
export async function enqueue(boss: PgBoss, store: PostgresStore, repos: FleetRepo[], opts: JobOptions = {}): Promise<EnqueueResult> {
  const out: EnqueueResult = { queued: 0, alreadyQueued: 0, upToDate: 0, warnings: [] };
  await pool(repos, 8, async (repo) => {
    await store.guard(() => store.pool.query('INSERT INTO pyvet.fleet_repos (key, source) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET source = excluded.source', [repo.key, repo.source]));
    let commit: string | null = null;
    try {
      commit = await remoteHead(repo.source);
    } catch (err) {
      out.warnings.push(`${repo.source}: cannot read HEAD (${redactText((err as Error).message)}); queued anyway`);
    }
    if (commit && (await store.hasScan(repo.key, commit))) {
      out.upToDate++;
      return;
    }
    const data: ScanJobData = { key: repo.key, source: repo.source, commit };
    const id = await boss.send(SCAN_QUEUE, data, {
      singletonKey: singletonKey(repo.key, commit),
      ...(opts.leaseSeconds ? { expireInSeconds: opts.leaseSeconds } : {}),
      ...(opts.retryLimit !== undefined ? { retryLimit: opts.retryLimit } : {}),
      ...(opts.retryDelaySeconds !== undefined ? { retryDelay: opts.retryDelaySeconds } : {}),
    });
    if (id) out.queued++;
    else out.alreadyQueued++;
  });
  return out;
}

/** Every repository the fleet knows (added once with `fleet add`). */
export async function knownRepos(store: PostgresStore): Promise<FleetRepo[]> {
  const r = await store.guard(() => store.pool.query<FleetRepo>('SELECT key, source FROM pyvet.fleet_repos ORDER BY key'));
  return r.rows;
}
