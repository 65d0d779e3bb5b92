import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Workspace } from '../sources/workspace.js';
import { addResult, emptyResult, scanRead, type BatchResult, type FileRef } from './scan-files.js';

/** Below this many bytes, starting threads costs more than it saves (measured in bench/secrets.ts). */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 64;

export interface TreeScanOptions {
  /** Worker threads to use; default: one per core (at most 4) when the tree is big enough. 0 = scan inline. */
  workers?: number;
}

function batches(files: FileRef[], maxBytes: number): FileRef[][] {
  const out: FileRef[][] = [];
  let cur: FileRef[] = [];
  let bytes = 0;
  for (const f of files) {
    cur.push(f);
    bytes += Math.min(f.size, maxBytes);
    if (bytes >= BATCH_BYTES || cur.length >= BATCH_FILES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Hand batches to `n` workers as each finishes the previous one, so a few huge files do not stall a thread. */
function runWorkers(n: number, work: FileRef[][], maxBytes: number): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    const total = emptyResult();
    let next = 0;
    let running = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (err?: Error) => {
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(total);
    };
    const feed = (w: Worker) => {
      if (failed) return;
      if (next < work.length) {
        running++;
        w.postMessage({ files: work[next++], maxBytes });
      } else if (running === 0) {
        finish();
      }
    };
    for (let i = 0; i < n; i++) {
      const w = new Worker(new URL('./worker.js', import.meta.url));
      workers.push(w);
      w.on('message', (r: BatchResult) => {
        running--;
        addResult(total, r);
        feed(w);
      });
      w.on('error', (err) => {
        if (failed) return;
        failed = true;
        finish(err);
      });
    }
    for (const w of workers) feed(w);
  });
}

/** Scan every file of the workspace: inline through the shared read cache, or across worker threads on big trees. */
export async function scanTree(ws: Workspace, opts: TreeScanOptions = {}): Promise<BatchResult> {
  const max = ws.config.maxFileSize;
  const total = ws.files.reduce((n, f) => n + Math.min(f.size, max), 0);
  const cores = Math.min(availableParallelism(), 4);
  const n = opts.workers ?? (cores > 1 && total >= PARALLEL_MIN_BYTES ? cores : 0);
  if (n > 0) {
    try {
      return await runWorkers(n, batches(ws.files, max), max);
    } catch (err) {
      // A thread that cannot start (unusual runtimes, resource limits) must not lose the scan: go inline.
      ws.errors.push({ path: '.', message: `secrets: worker threads failed (${(err as Error).message}); scanned in one thread` });
    }
  }
  const out = emptyResult();
  for (const f of ws.files) scanRead(f.path, ws.read(f.path), out);
  return out;
}
