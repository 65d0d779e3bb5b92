import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Workspace } from '../sources/workspace.js';
import { extractBriefFacts, type BriefFacts } from '../brief/extract.js';
import type { Progress } from '../pipeline/progress.js';
import { MAX_SYNTAX_NODES, parseTree } from './parse.js';
import { extractHealthFacts, skippedHealthFacts, type HealthFacts } from './facts.js';
import { moduleNames } from './modules.js';
import { contentHash, type FileCache } from '../cache/file-cache.js';

/** What one parse of one Python file yields, for health and the brief. Serializable (crosses worker threads). */
export interface PythonFileFacts {
  path: string;
  /** Dotted module name resolved against the project layout (src/, packages). */
  module: string;
  health: HealthFacts;
  brief?: BriefFacts;
  /** Parse problems: the file still yields what could be read. */
  error?: string;
  /** Why the file's facts were not extracted (too large to analyse); health holds only its line counts. */
  skipped?: string;
}

/** Characters per syntax node above which a file is not parsed at all (see analyzeSource). */
const BYTES_PER_NODE_BOUND = 10;

/** Analyse one file's source: one tree-sitter parse, both extractors on the same tree. */
export function analyzeSource(source: string, path: string, module: string, brief: boolean, maxNodes = MAX_SYNTAX_NODES): PythonFileFacts {
  // Python averages well over 0.1 syntax node per character (generated tables 0.4), so a file this long
  // is over the limit anyway: not even parsed, which keeps memory linear when the size cap is raised.
  if (source.length > maxNodes * BYTES_PER_NODE_BOUND) {
    return { path, module, health: skippedHealthFacts(source), skipped: `${source.length} characters, too long to parse within the limit of ${maxNodes} syntax nodes: functions, smells, imports and the brief were not extracted` };
  }
  const { root, nodes } = parseTree(source, maxNodes);
  if (!root) {
    return { path, module, health: skippedHealthFacts(source), skipped: `${nodes} syntax nodes, above the limit of ${maxNodes}: functions, smells, imports and the brief were not extracted` };
  }
  const health = extractHealthFacts(root, source, path);
  const facts: PythonFileFacts = { path, module, health };
  if (brief) facts.brief = extractBriefFacts(root, source, path, health.functions);
  if (health.syntaxErrorLine !== null) facts.error = `syntax error at line ${health.syntaxErrorLine}; the rest of the file was still analysed`;
  return facts;
}

/**
 * A worker's heap is held small: V8 otherwise lets each grow to hundreds of MB of dead trees before
 * collecting (half the stdlib, two workers: peak RSS 534 MB unbounded, 393 MB at 192 MB). The young
 * generation stays V8's: a larger one (64 MB) saved 4–5% of health's CPU but took a cold stdlib scan
 * from 326–345 MB to 428–441 MB at its peak. A file too large for the heap fails its worker, and its
 * unfinished files are redone on this thread. PYVET_WORKER_HEAP_MB overrides it (0: no limit), for
 * measuring.
 */
const WORKER_HEAP_MB = Number(process.env.PYVET_WORKER_HEAP_MB ?? 192);
const WORKER_LIMITS = WORKER_HEAP_MB > 0 ? { maxOldGenerationSizeMb: WORKER_HEAP_MB } : undefined;

/** Below this many files, starting worker threads (≈ 100 ms each) costs more than it saves. */
export const MIN_FILES_FOR_THREADS = 150;

export interface SourceItem {
  source: string;
  path: string;
  module: string;
}

/**
 * Analyse many sources, on `threads` worker threads when more than one (results in input order).
 * `onDone` is called as each file completes. Facts are plain data, so they cross threads by structured clone.
 */
export async function analyzeMany(
  items: SourceItem[],
  opts: { brief: boolean; threads: number; onDone?: (done: number) => void; consume?: boolean },
): Promise<(PythonFileFacts | { error: string })[]> {
  const results: (PythonFileFacts | { error: string })[] = new Array(items.length);
  let done = 0;
  const finish = (i: number, r: PythonFileFacts | { error: string }) => {
    if (results[i] !== undefined) return;
    results[i] = r;
    // With `consume`, a source is dropped once analysed: a stdlib scan held 40 MB of them to the end.
    if (opts.consume) items[i]!.source = '';
    done++;
    opts.onDone?.(done);
  };
  const here = async () => {
    for (const [i, it] of items.entries()) {
      if (results[i] !== undefined) continue;
      try {
        finish(i, analyzeSource(it.source, it.path, it.module, opts.brief));
      } catch (err) {
        finish(i, { error: (err as Error).message });
      }
      // The finalizers of collected trees free their native memory only when the event loop turns:
      // a stdlib analysed in one go without yielding grew past 1 GB of dead trees.
      if (done % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    return results;
  };
  if (opts.threads <= 1 || items.length < 2) return here();
  try {
    return await analyzeOnWorkers(items, opts, finish, results);
  } catch {
    // A worker that cannot start or dies (native module, memory) must not end the scan: the files
    // it did not finish are done on this thread.
    return here();
  }
}

async function analyzeOnWorkers(
  items: SourceItem[],
  opts: { brief: boolean; threads: number },
  finish: (i: number, r: PythonFileFacts | { error: string }) => void,
  results: (PythonFileFacts | { error: string })[],
): Promise<(PythonFileFacts | { error: string })[]> {
  const workers = Array.from({ length: Math.min(opts.threads, items.length) }, () => new Worker(new URL('./worker.js', import.meta.url), { resourceLimits: WORKER_LIMITS }));
  // Largest files first, so that no worker is left with a big one while the others are done.
  const order = items.map((_, i) => i).sort((a, b) => items[b]!.source.length - items[a]!.source.length);
  let next = 0;
  // A few files in flight per worker keep it busy without copying the whole tree into its queue.
  const IN_FLIGHT = 4;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              while (inFlight < IN_FLIGHT && next < items.length) {
                const id = order[next++]!;
                const it = items[id]!;
                inFlight++;
                w.postMessage({ id, source: it.source, path: it.path, module: it.module, brief: opts.brief });
              }
              if (inFlight === 0) resolve();
            };
            w.on('message', (m: { id: number; facts?: PythonFileFacts; error?: string }) => {
              inFlight--;
              finish(m.id, m.facts ?? { error: m.error ?? 'unknown error' });
              send();
            });
            w.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/**
 * Parse every Python file of the workspace once and extract the facts each analyzer needs,
 * on worker threads over the available cores when the tree is large enough to pay for them.
 */
export async function analyzePythonFiles(
  ws: Workspace,
  opts: { brief: boolean; progress?: Progress; threads?: number; cache?: FileCache<PythonFileFacts> | null },
): Promise<PythonFileFacts[]> {
  const files = ws.select((p) => p.endsWith('.py'));
  const names = moduleNames(files.map((f) => f.path));
  const items: SourceItem[] = [];
  const cache = opts.cache ?? null;
  // Facts of files unchanged since the last run, in walk order with the fresh ones.
  const cached = new Map<string, PythonFileFacts>();
  const hashes = new Map<string, string>();
  const valid = (facts: PythonFileFacts | undefined, f: { path: string }) => (facts?.path === f.path && facts.module === (names.get(f.path) ?? f.path) ? facts : undefined);
  for (const f of files) {
    const hit = cache ? valid(cache.fresh(f.path, f), f) : undefined;
    if (hit) {
      cached.set(f.path, hit);
      continue;
    }
    const text = ws.text(f.path);
    if (text === null) {
      const r = ws.read(f.path);
      const why = r.kind === 'binary' ? 'binary content' : r.kind === 'too-large' ? `larger than max-file-size (${r.bytes} bytes)` : r.kind === 'error' ? r.message : 'unreadable';
      ws.errors.push({ path: f.path, message: `Python file not analysed: ${why}` });
      continue;
    }
    if (cache) {
      const h = contentHash(text);
      const byContent = valid(cache.byContent(f.path, f, h), f);
      if (byContent) {
        cached.set(f.path, byContent);
        continue;
      }
      hashes.set(f.path, h);
    }
    items.push({ source: text, path: f.path, module: names.get(f.path) ?? f.path });
  }
  const threads = opts.threads ?? (items.length >= MIN_FILES_FOR_THREADS ? Math.min(4, availableParallelism()) : 1);
  // The items hold the sources now; the workspace need not keep them for the rest of the scan.
  for (const it of items) ws.forget(it.path);
  const results = await analyzeMany(items, { brief: opts.brief, threads, consume: true, onDone: (d) => opts.progress?.tick(d, items.length, 'files') });
  const fresh = new Map(results.map((r, i) => [items[i]!.path, r]));
  const out: PythonFileFacts[] = [];
  for (const f of files) {
    const path = f.path;
    const r = cached.get(path) ?? fresh.get(path);
    if (!r) continue;
    if ('error' in r && !('health' in r)) {
      // An extractor bug on one odd file must not end the scan.
      ws.errors.push({ path, message: `Python analysis failed: ${r.error}` });
      continue;
    }
    const facts = r as PythonFileFacts;
    const h = hashes.get(path);
    if (cache && h) cache.put(path, f, h, facts);
    if (facts.skipped) ws.errors.push({ path, message: `Python file not analysed: ${facts.skipped}` });
    if (facts.health.syntaxErrorLine !== null) ws.errors.push({ path, line: facts.health.syntaxErrorLine, message: 'Python syntax error; the file was analysed as far as it parses' });
    out.push(facts);
  }
  return out;
}
