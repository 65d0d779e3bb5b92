import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { addResult, emptyResult, scanFiles, type BatchResult, type FileRef } from './scan-files.js';

/**
 * Worker threads besides the main one: one per further core, up to 4 cores. The load average is no
 * guide here: it lags by a minute and counts pyvet's own earlier phases.
 */
export function workerCount(): number {
  return Math.max(0, Math.min(availableParallelism(), 4) - 1);
}

/**
 * Worker threads for the tree scan of big trees. A worker needs 50–80 ms to load its modules, so a
 * worker joins a scan when it is ready, never before: a pool is never slower than this thread alone.
 * Idle workers are unref'd: a pool nobody closed never keeps the process alive.
 */
export class ScanPool {
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;
  private closed = false;
  /** Called when a worker reports, fails or exits; set while a scan waits. */
  private wake: (() => void) | null = null;
  private readonly onResult = new Map<Worker, (r: BatchResult) => void>();
  /** Workers whose modules are loaded. Only they get batches: a batch queued behind a start-up would stall the scan's end. */
  private readonly ready = new Set<Worker>();
  /** Set while a scan runs: hands a worker that just became ready its first batches. */
  private join: ((w: Worker) => void) | null = null;
  private readonly allReady: Promise<void>;
  private onAllReady: () => void = () => {};
  /** Batches the workers have scanned so far (the rest ran on the calling thread). */
  workerBatches = 0;

  private constructor(n: number) {
    this.allReady = new Promise((r) => (this.onAllReady = r));
    for (let i = 0; i < n; i++) {
      const w = new Worker(new URL('./worker.js', import.meta.url));
      w.unref();
      w.on('message', (r: BatchResult | 'ready') => {
        if (r !== 'ready') return this.onResult.get(w)?.(r);
        this.ready.add(w);
        if (this.ready.size === n) this.onAllReady();
        this.join?.(w);
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => this.fail(new Error(`worker thread exited (${code})`)));
      this.workers.push(w);
    }
  }

  /** Start `n` workers now (default: by core count); null when there is no core to spare. */
  static start(n = workerCount()): ScanPool | null {
    return n > 0 ? new ScanPool(n) : null;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Resolves once every worker has loaded its modules (scans do not wait for it). */
  whenReady(): Promise<void> {
    return this.allReady;
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.failure ??= err;
    this.wake?.();
  }

  /**
   * Scan the batches on this thread and on the workers that are ready (or become ready meanwhile).
   * Each worker keeps two batches in flight so it never waits while this thread is busy with a batch
   * of its own; batches are handed out as they finish, so a few huge files do not stall one thread
   * while the others idle.
   */
  async scan(work: FileRef[][], maxBytes: number): Promise<BatchResult> {
    if (this.closed) throw new Error('scan pool is closed');
    const total = emptyResult();
    let next = 0;
    let inFlight = 0;
    const send = (w: Worker) => {
      if (next >= work.length || this.failure) return;
      inFlight++;
      w.postMessage({ files: work[next++], maxBytes });
    };
    this.join = (w) => {
      w.ref(); // a pending batch must keep the process alive
      this.onResult.set(w, (r) => {
        inFlight--;
        this.workerBatches++;
        addResult(total, r);
        send(w);
        this.wake?.();
      });
      send(w);
      send(w);
    };
    for (const w of this.ready) this.join(w);
    try {
      while (next < work.length && !this.failure) {
        addResult(total, scanFiles({ files: work[next++]!, maxBytes }));
        await new Promise((r) => setImmediate(r)); // let finished workers report and take the next batch
      }
      while (inFlight > 0 && !this.failure) await new Promise<void>((r) => (this.wake = r));
      if (this.failure) throw this.failure;
      return total;
    } finally {
      this.wake = null;
      this.join = null;
      for (const w of this.workers) {
        this.onResult.delete(w);
        w.unref();
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
