import { readBytes } from '../sources/read.js';
import type { Workspace } from '../sources/workspace.js';
import { ScanPool } from './pool.js';
import { emptyResult, scanRead, type BatchResult, type FileRef } from './scan-files.js';

/** Below this many bytes, starting threads here costs more than they save (measured in bench/secrets.ts). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** With threads already started (and joining only once ready), handing them batches pays from a few megabytes on. */
export const WARM_PARALLEL_MIN_BYTES = 2 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
const MIN_BATCH_BYTES = 64 * 1024;
const BATCH_FILES = 64;

export interface TreeScanOptions {
  /**
   * Worker threads started early by the caller (see ScanPool); used when the tree is big enough.
   * Without one, a pool is started here for big trees and closed after.
   */
  pool?: ScanPool | null;
  /** Worker threads besides this one when no pool is given; default: by core count. 0 = this thread only. */
  workers?: number;
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

/** Scan every file of the workspace: inline through the shared read cache, or across worker threads on big trees. */
export async function scanTree(ws: Workspace, opts: TreeScanOptions = {}): Promise<BatchResult> {
  const max = ws.config.maxFileSize;
  const total = ws.files.reduce((n, f) => n + Math.min(f.size, max), 0);
  let pool: ScanPool | null = null;
  let own: ScanPool | null = null;
  if (opts.workers !== 0) {
    if (opts.pool) pool = total >= WARM_PARALLEL_MIN_BYTES ? opts.pool : null;
    else if (opts.workers !== undefined || total >= PARALLEL_MIN_BYTES) pool = own = ScanPool.start(opts.workers);
  }
  if (pool) {
    try {
      return await pool.scan(batches(ws.files, max, pool.size + 1), max);
    } catch (err) {
      // A thread that cannot start (unusual runtimes, resource limits) must not lose the scan: go inline.
      ws.errors.push({ path: '.', message: `secrets: worker threads failed (${(err as Error).message}); scanned in one thread` });
    } finally {
      await own?.close();
    }
  }
  // Files are read as bytes and not cached: the scan decodes only the lines it looks at, and caching
  // the tree would hold it in memory until the scan ends.
  const out = emptyResult();
  for (const f of ws.files) scanRead(f.path, readBytes(f.abs, max, f.size), out);
  return out;
}
