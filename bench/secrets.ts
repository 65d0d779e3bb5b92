import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/config/config.js';
import { readText } from '../src/sources/read.js';
import { Workspace } from '../src/sources/workspace.js';
import { scanTree } from '../src/secrets/tree.js';
import { workerCount } from '../src/secrets/pool.js';
import { CONTEXT_LINES, scanHistory } from '../src/secrets/history.js';
import { ALNUM, fake } from '../src/secrets/fake.js';
import { loadavg } from 'node:os';
import { scoreCorpus } from './secrets-corpus.js';
import { compile, detect } from '../src/secrets/detect.js';
import { RULES } from '../src/secrets/rules/index.js';
import { adversarialLines, pemHeaders } from '../src/secrets/adversarial.js';

/**
 * ReDoS: the slowest 1 MB adversarial line per rule (linear work is tens of milliseconds; catastrophic
 * backtracking is minutes) and a file of 16,000 PEM headers. The tests only hold a watchdog.
 */
function benchRedos(): Record<string, unknown> {
  let worst = { rule: '', ms: 0 };
  for (const rule of RULES) {
    const only = compile([rule]);
    for (const line of adversarialLines(rule)) {
      const t0 = performance.now();
      detect('app/minified.py', line, { compiled: only });
      const took = performance.now() - t0;
      if (took > worst.ms) worst = { rule: rule.id, ms: took };
    }
  }
  const t0 = performance.now();
  detect('deploy/keys.pem', pemHeaders());
  const pemMs = performance.now() - t0;
  console.log(`ReDoS: slowest 1 MB adversarial line ${Math.round(worst.ms)} ms (${worst.rule}); 16,000 PEM headers ${Math.round(pemMs)} ms`);
  return { redosWorstLineMs: Math.round(worst.ms), redosWorstRule: worst.rule, redosPemHeadersMs: Math.round(pemMs) };
}

/** The Python standard library of this machine, without site-packages and __pycache__ (the walk skips both). */
function stdlibRoot(): string {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
}

function ms(t0: number): number {
  return performance.now() - t0;
}

const mbps = (bytes: number, millis: number) => Math.round((bytes / 1e6 / (millis / 1000)) * 10) / 10;

/** Best of `n` runs: the tree is in the page cache after the first, so we compare CPU work, not the disk. */
async function best(n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    b = Math.min(b, ms(t0));
  }
  return b;
}

async function secretlint(files: string[], cwd: string): Promise<{ ms: number; findings: number } | { error: string }> {
  try {
    const { createEngine } = await import('@secretlint/node');
    const engine = await createEngine({
      cwd,
      formatter: 'json',
      color: false,
      maskSecrets: true,
      configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
    });
    const t0 = performance.now();
    const res = await engine.executeOnFiles({ filePathList: files });
    const took = ms(t0);
    const parsed = JSON.parse(res.output) as { messages: unknown[] }[];
    return { ms: took, findings: parsed.reduce((n, r) => n + r.messages.length, 0) };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0] ?? String(err) };
  }
}

/**
 * History throughput on a synthetic repository (git fast-import: `commits` commits of 60 lines each,
 * a generated token every 500 commits), against `git log -p` alone, which is the floor there.
 */
async function benchHistory(commits: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pyvet-bench-history-'));
  try {
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    let stream = '';
    for (let i = 0; i < commits; i++) {
      const lines = Array.from({ length: 60 }, (_, j) => `x_${j} = ${(i * 7919 + j * 104729) % 1000003}  # filler ${j} of ${i}`);
      if (i % 500 === 7) lines.push(`API_TOKEN = "${fake(ALNUM, 28, `bench-${i}`)}"`);
      const data = lines.join('\n') + '\n';
      stream += `commit refs/heads/main\ncommitter Bench <b@example.com> ${1700000000 + i * 60} +0000\ndata 6\ncommit\n`;
      stream += `M 644 inline pkg/mod_${i % 400}.py\ndata ${Buffer.byteLength(data)}\n${data}\n`;
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream });
    const gitMs = await best(2, () => execFileSync('git', ['log', '--all', '-p', `--unified=${CONTEXT_LINES}`, '--no-renames'], { cwd: dir, maxBuffer: 1 << 30 }));
    let found = 0;
    const scanMs = await best(2, async () => {
      found = (await scanHistory(dir, { exclude: [], maxBytes: 5 * 1024 * 1024 })).oldest.size;
    });
    return { historyCommits: commits, historySecrets: found, historyMs: Math.round(scanMs), gitLogMs: Math.round(gitMs), historyCommitsPerSec: Math.round(commits / (scanMs / 1000)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Whether worker threads pay on a big tree: site-packages of this Python (when it holds 100 MB or
 * more), scanned on this thread and with one more, cold. Sets PARALLEL_MIN_BYTES in tree.ts.
 */
async function bigTree(time: (tree: string, workers: number) => Promise<{ ms: number }>): Promise<Record<string, unknown>> {
  const tree = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
  const ws = new Workspace(tree, defaultConfig());
  const bytes = ws.files.reduce((n, f) => n + Math.min(f.size, ws.config.maxFileSize), 0);
  if (bytes < 100e6) return { bigTree: `skipped: ${tree} holds ${Math.round(bytes / 1e6)} MB` };
  const one = (await time(tree, 0)).ms;
  const two = (await time(tree, 1)).ms;
  return { bigTreeMB: Math.round(bytes / 1e6), bigTreeOneThreadMs: Math.round(one), bigTreeTwoThreadsMs: Math.round(two), bigTreeThreadGain: Math.round((one / two) * 100) / 100 };
}

/** Secrets scanner throughput on the stdlib tree, against the floor (reading every file once) and secretlint. */
export async function benchSecrets(): Promise<Record<string, unknown>> {
  const root = stdlibRoot();
  const config = defaultConfig();
  const ws0 = new Workspace(root, config);
  const files = ws0.files;
  const max = config.maxFileSize;

  // Floor: what any scanner must do — read each file once and decode it (binary and oversized files skipped).
  let textBytes = 0;
  const floorMs = await best(3, () => {
    textBytes = 0;
    for (const f of files) {
      const r = readText(f.abs, max, f.size);
      if (r.kind === 'text') textBytes += r.bytes;
    }
  });
  const rawMs = await best(3, () => {
    for (const f of files) if (f.size <= max) readFileSync(f.abs);
  });

  // A fresh workspace per run (no read cache), built outside the timing: only the scan is measured.
  // `workers` undefined: as the CLI runs it (threads only for trees of PARALLEL_MIN_BYTES and more).
  // 0: this thread only. 1: one worker, started cold inside the timing.
  const timeScan = async (tree: string, runs: number, workers?: number) => {
    let b = Infinity;
    let res = null as Awaited<ReturnType<typeof scanTree>> | null;
    for (let i = 0; i < runs; i++) {
      const ws = new Workspace(tree, config);
      const t0 = performance.now();
      res = await scanTree(ws, workers === undefined ? {} : { workers });
      b = Math.min(b, ms(t0));
    }
    return { ms: b, res: res! };
  };
  const auto = await timeScan(root, 5);
  const summary = auto.res;
  const autoMs = auto.ms;
  const oneThreadMs = (await timeScan(root, 3, 0)).ms;
  const twoThreadsMs = (await timeScan(root, 3, 1)).ms;
  const walkMs = await best(3, () => new Workspace(root, config));
  const big = await bigTree((tree, workers) => timeScan(tree, 2, workers));

  const sl = await secretlint(files.map((f) => f.abs), root);
  const result: Record<string, unknown> = {
    tree: root,
    files: files.length,
    textMB: Math.round(textBytes / 1e5) / 10,
    skippedBinary: summary.skippedBinary,
    skippedLarge: summary.skippedLarge,
    findings: summary.hits.length,
    floorMBps: mbps(textBytes, floorMs),
    rawReadMBps: mbps(textBytes, rawMs),
    pyvetMBps: mbps(textBytes, autoMs),
    pyvetOneThreadMBps: mbps(textBytes, oneThreadMs),
    pyvetTwoThreadsColdMBps: mbps(textBytes, twoThreadsMs),
    ratioToFloor: Math.round((floorMs / autoMs) * 100) / 100,
    ratioOneThread: Math.round((floorMs / oneThreadMs) * 100) / 100,
    ratioTwoThreadsCold: Math.round((floorMs / twoThreadsMs) * 100) / 100,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    autoWorkers: workerCount(),
    pyvetMs: Math.round(autoMs),
    floorMs: Math.round(floorMs),
    // The walk before the scan (in neither figure).
    walkMs: Math.round(walkMs),
    ...big,
  };
  Object.assign(result, await benchHistory(3000));
  Object.assign(result, benchRedos());
  // Quality on real repositories (hand labels in bench/secrets-corpus.json), when they are checked out.
  const corpus = await scoreCorpus();
  Object.assign(result, {
    corpusRepos: corpus.scanned.length,
    corpusSkipped: corpus.skipped.length,
    corpusHighCritical: corpus.highCritical,
    corpusPrecisionHighCritical: corpus.precision,
    corpusRecall: corpus.recall,
    corpusFalseAlarms: corpus.falseAlarms.length,
    corpusSamplesLow: corpus.samplesLow,
    corpusSamplesHigh: corpus.samplesHigh.length,
  });
  if ('error' in sl) {
    result.secretlint = `could not run: ${sl.error}`;
  } else {
    result.secretlintMBps = mbps(textBytes, sl.ms);
    result.secretlintMs = Math.round(sl.ms);
    result.secretlintFindings = sl.findings;
    result.speedupOverSecretlint = Math.round((sl.ms / autoMs) * 10) / 10;
  }
  console.log('secrets benchmark (Python stdlib):');
  for (const [k, v] of Object.entries(result)) console.log(`  ${k.padEnd(22)} ${String(v)}`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSecrets();
