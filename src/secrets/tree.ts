import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readText } from '../sources/read.js';
import type { Workspace } from '../sources/workspace.js';
import { addResult, emptyResult, scanFiles, scanRead, type BatchResult, type FileRef } from './scan-files.js';

/** Below this many bytes, starting threads costs more than it saves (measured in bench/secrets.ts). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 64;

export interface TreeScanOptions {
  /** Worker threads besides this one; default: one per extra core (up to 4 cores) when the tree is big enough. 0 = this thread only. */
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

/**
 * Scan the batches on `n` worker threads and on this thread too. Each worker keeps two batches in
 * flight so it never waits while this thread is busy with a batch of its own; batches are handed out
 * as they finish, so a few huge files do not stall one thread while the others idle.
 */
async function runParallel(n: number, work: FileRef[][], maxBytes: number): Promise<BatchResult> {
  const total = emptyResult();
  let next = 0;
  let inFlight = 0;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let done = false;
  const workers: Worker[] = [];
  const send = (w: Worker) => {
    if (next >= work.length || failure) return;
    inFlight++;
    w.postMessage({ files: work[next++], maxBytes });
  };
  try {
    for (let i = 0; i < n; i++) {
      const w = new Worker(new URL('./worker.js', import.meta.url));
      workers.push(w);
      w.on('message', (r: BatchResult) => {
        inFlight--;
        addResult(total, r);
        send(w);
        wake?.();
      });
      w.on('error', (err) => {
        failure ??= err;
        wake?.();
      });
      w.on('exit', (code) => {
        if (done) return;
        failure ??= new Error(`worker thread exited (${code})`);
        wake?.();
      });
      send(w);
      send(w);
    }
    while (next < work.length && !failure) {
      addResult(total, scanFiles({ files: work[next++]!, maxBytes }));
      await new Promise((r) => setImmediate(r)); // let finished workers report and take the next batch
    }
    while (inFlight > 0 && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure;
    return total;
  } finally {
    done = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Worker threads to start beside this one: one per further core, up to 4 cores. Measured on 2 cores
 * (bench/secrets.ts, stdlib): one worker + the main thread reads at 0.50 of the floor against 0.44
 * for the main thread alone. The load average is no guide here: it lags by a minute and counts
 * pyvet's own earlier phases.
 */
export function workerCount(): number {
  return Math.max(0, Math.min(availableParallelism(), 4) - 1);
}

/** Scan every file of the workspace: inline through the shared read cache, or across worker threads on big trees. */
export async function scanTree(ws: Workspace, opts: TreeScanOptions = {}): Promise<BatchResult> {
  const max = ws.config.maxFileSize;
  const total = ws.files.reduce((n, f) => n + Math.min(f.size, max), 0);
  const n = opts.workers ?? (total >= PARALLEL_MIN_BYTES ? workerCount() : 0);
  if (n > 0) {
    try {
      return await runParallel(n, batches(ws.files, max), max);
    } catch (err) {
      // A thread that cannot start (unusual runtimes, resource limits) must not lose the scan: go inline.
      ws.errors.push({ path: '.', message: `secrets: worker threads failed (${(err as Error).message}); scanned in one thread` });
    }
  }
  // Python sources go through the workspace cache (the health and brief analyzers parse them next);
  // other files are read once, uncached: this scan is their only reader, and caching them would hold
  // the whole tree in memory until the scan ends.
  const out = emptyResult();
  for (const f of ws.files) {
    const r = /\.pyi?$/.test(f.path) ? ws.read(f.path) : readText(f.abs, max, f.size);
    scanRead(f.path, r, out);
  }
  return out;
}
