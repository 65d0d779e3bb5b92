import type { Workspace } from '../sources/workspace.js';
import { ScanPool } from './pool.js';
import { scanFiles, type BatchResult, type CachedScan, type FileRef } from './scan-files.js';
import type { FileCache } from '../cache/file-cache.js';

/**
 * Below this many bytes, starting threads here costs more than they save. One thread scans about
 * 550 MB/s; a worker needs ~50 ms to load and more to warm up, and on this 2-core VM two threads gained
 * only ~10% on 330 MB of site-packages (bench/secrets.ts, docs/benchmarks.md).
 */
export const PARALLEL_MIN_BYTES = 256 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
const MIN_BATCH_BYTES = 64 * 1024;
const BATCH_FILES = 64;

export interface TreeScanOptions {
  /** Worker threads besides this one; default: by core count, for big trees only. 0 = this thread only. */
  workers?: number;
  /** Per-file results of earlier runs; used on this thread, so a cached run never starts workers. */
  cache?: FileCache<CachedScan> | null;
}

/**
 * Cut the files into batches that shrink as the work runs out (guided scheduling): big batches keep
 * messages few, small ones at the end keep a thread from idling while another finishes a big one.
 */
export function batches(files: FileRef[], maxBytes: number, threads: number): FileRef[][] {
  const out: FileRef[][] = [];
  let left = files.reduce((n, f) => n + Math.min(f.size, maxBytes), 0);
  let cur: FileRef[] = [];
  let bytes = 0;
  let target = 0;
  for (const f of files) {
    if (cur.length === 0) target = Math.max(MIN_BATCH_BYTES, Math.min(BATCH_BYTES, left / (4 * threads)));
    cur.push(f);
    const size = Math.min(f.size, maxBytes);
    bytes += size;
    left -= size;
    if (bytes >= target || cur.length >= BATCH_FILES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Scan every file of the workspace: on this thread, or across worker threads on big trees. */
export async function scanTree(ws: Workspace, opts: TreeScanOptions = {}): Promise<BatchResult> {
  const max = ws.config.maxFileSize;
  const total = ws.files.reduce((n, f) => n + Math.min(f.size, max), 0);
  const threaded = opts.workers !== undefined ? opts.workers > 0 : !opts.cache && total >= PARALLEL_MIN_BYTES;
  const pool = threaded ? ScanPool.start(opts.workers) : null;
  if (pool) {
    try {
      return await pool.scan(batches(ws.files, max, pool.size + 1), max);
    } catch (err) {
      // A thread that cannot start (unusual runtimes, resource limits) must not lose the scan: go inline.
      ws.errors.push({ path: '.', message: `secrets: worker threads failed (${(err as Error).message}); scanned in one thread` });
    } finally {
      await pool.close();
    }
  }
  return scanFiles({ files: ws.files, maxBytes: max }, opts.cache);
}
