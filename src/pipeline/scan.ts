import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../core/report.js';
import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES } from '../core/severity.js';
import type { PyvetConfig } from '../config/config.js';
import { Workspace } from '../sources/workspace.js';
import type { WalkedFile } from '../sources/walk.js';
import type { RepoInfo } from '../sources/git.js';
import type { PythonFileFacts } from '../python/analyze.js';
import type { CachedScan } from '../secrets/scan-files.js';
import { VERSION } from '../version.js';
import { postProcess } from './post-process.js';
import { roleCounts, rolesOf } from '../facts/roles.js';
import { maskedJson, maskReport } from './mask.js';
import { cacheSalt, FileCache, stampOf } from '../cache/file-cache.js';
import { AnalysisMemo, inputsKey, treeKey } from '../cache/analysis-memo.js';
import { daysSince } from '../facts/commits.js';
import type { HealthResult } from '../health/index.js';
import type { Brief } from '../brief/types.js';
import type { ScanError } from '../core/errors.js';
import type { Progress } from './progress.js';

export type Section = 'deps' | 'secrets' | 'health' | 'brief';

export interface ScanOptions {
  root: string;
  /** Scan only these files (a manifest given directly) instead of walking the root. */
  only?: WalkedFile[];
  sections: Section[];
  config: PyvetConfig;
  /** Secrets: also scan git history. */
  history: boolean;
  db: string | null;
  baseline: string | null;
  /** Environment for cache/store locations (the CLI's, injectable in tests). */
  env?: NodeJS.ProcessEnv;
  progress?: Progress;
  /** Keep per-file results (Python facts, secrets hits) in this folder between runs; null or absent: no cache. */
  cache?: { dir: string } | null;
  /** What git would say about the root, when the caller already knows (a fleet worker's own check-out): not asked again. */
  repo?: RepoInfo;
  /** Scan on this thread only, even a big tree (a fleet worker's parallelism comes from its jobs); default: worker threads on big trees. */
  singleThread?: boolean;
}

/**
 * Run the selected analyzers over one shared walk of the tree and assemble the report document. Each
 * analyzer's modules load only when its section is asked for: `pyvet secrets` in a pre-commit hook
 * does not pay for the Python parser, the OSV matcher or the diagram layout.
 */
export async function runScan(opts: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    opts.progress?.phase(name);
    try {
      return await fn();
    } finally {
      phases[name] = Math.round(performance.now() - t);
    }
  };
  const root = path.resolve(opts.root);
  const want = new Set(opts.sections);
  const analysed = want.has('health') || want.has('brief');
  // The cache's packs are read on the thread pool while the walk and the dependency audit run.
  const pythonKind = want.has('brief') ? 'python-brief' : 'python';
  const secretsPack = opts.cache && want.has('secrets') ? FileCache.open<CachedScan>(opts.cache.dir, root, 'secrets', cacheSalt('secrets', opts.config)) : null;
  const ws = await timed('walk', () => Workspace.open(root, opts.config, { files: opts.only, repo: opts.repo }));
  // An unchanged tree's analysis is remembered whole; whether this tree is the remembered one is known now.
  const memoKind = `analysis-${opts.sections.join('-')}`;
  const memo = opts.cache && analysed ? AnalysisMemo.load<Analysis>(opts.cache.dir, root, memoKind) : null;
  const tree = memo ? treeKey(cacheSalt('analysis', { config: opts.config, sections: opts.sections }), ws.files, { repo: ws.repo, symlinks: ws.skippedSymlinks, env: pyvetEnv() }) : null;
  // The history's git reads start now, unless the memo is likely to serve: each git start forks this whole
  // process, cheaper while it is small, and git reads the history while the Python files are analysed.
  const readHistory = async () => {
    if (!ws.repo?.head) return;
    const [{ ownershipOf }, { commitLogOf }] = await Promise.all([import('../facts/ownership.js'), import('../facts/commits.js')]);
    void ownershipOf(ws);
    if (want.has('health')) void commitLogOf(ws);
  };
  // The Python facts' pack is read (on the thread pool, during the dependency audit) only when the memo is not likely to serve.
  const readPack = () => (opts.cache && analysed ? FileCache.read(opts.cache.dir, root, pythonKind) : null);
  const pythonPack = memo?.matchesTree(tree) ? null : readPack();
  if (analysed && !memo?.matchesTree(tree)) await readHistory();
  const findings: Finding[] = [];
  const report: ScanReport = {
    tool: 'pyvet',
    version: VERSION,
    root,
    scannedAt: new Date(started).toISOString(),
    commit: ws.repo?.head ?? null,
    sections: opts.sections,
    dependencies: [],
    findings: [],
    errors: ws.errors,
    summary: { score: null, bySeverity: {}, byCategory: {}, files: ws.files.length, durationMs: 0, phases },
  };

  // Health and the brief need the dependency inventory even when its findings are not asked for.
  if (want.has('deps') || want.has('health') || want.has('brief')) {
    const { auditDependencies } = await import('../deps/index.js');
    const deps = await timed('deps', () => auditDependencies(ws, { db: opts.db, env: opts.env, now: new Date(started) }));
    report.dependencies = deps.dependencies;
    if (deps.database) report.database = deps.database;
    if (deps.skipped.length) report.skipped = deps.skipped;
    if (want.has('deps')) for (const f of deps.findings) findings.push(f);
  }
  if (want.has('secrets')) {
    const { scanSecrets } = await import('../secrets/index.js');
    const cache = await secretsPack;
    const s = await timed('secrets', () => scanSecrets(ws, { history: opts.history, baseline: opts.baseline, progress: opts.progress, cache, ...(opts.singleThread ? { workers: 0 } : {}) }));
    cache?.save();
    findings.push(...s.findings);
    report.secrets = s.summary;
  }
  if (analysed) {
    const inputs = inputsKey({ dependencies: report.dependencies, findings });
    const now = new Date(started);
    const remembered = memo?.matchesTree(tree) ? await timed('memo', () => memo.value(tree, inputs)) : undefined;
    // The activity check grades the days since the last commit: a review made on another day may grade it otherwise.
    const a =
      remembered &&
      remembered.days === daysSince(remembered.health?.health.metrics.git?.lastCommit ?? null, now) &&
      remembered.outside.every((o) => outsideStamp(root, o.path) === o.stamp)
        ? remembered
        : undefined;
    const analysis = a ?? (await analyse(ws, opts, report, findings, { now, pythonKind, pythonPack: pythonPack ?? readPack(), timed, readHistory: memo?.matchesTree(tree) ? readHistory : null }));
    if (a) ws.errors.push(...a.errors);
    else if (tree && opts.cache) {
      // Files read beyond the walk are not in the tree's key: their stats go with the memo, checked when it is read.
      analysis.outside = [...ws.readOutside].map((p) => ({ path: p, stamp: outsideStamp(root, p) }));
      if (analysis.outside.every((o) => o.stamp)) AnalysisMemo.save(opts.cache.dir, root, memoKind, { tree, inputs }, maskedJson(analysis));
    }
    if (analysis.health) {
      report.health = analysis.health.health;
      findings.push(...analysis.health.findings);
      report.summary.score = analysis.health.health.score;
    }
    if (analysis.brief) report.brief = analysis.brief;
  }
  ws.release();
  const roles = rolesOf(ws);
  report.summary.roles = roleCounts(ws);
  report.findings = postProcess(findings, opts.config, (p) => (p === '.' || p.startsWith('/') ? undefined : roles.role(p)));
  for (const s of SEVERITIES) report.summary.bySeverity[s] = 0;
  for (const c of ['deps', 'secrets', 'health']) report.summary.byCategory[c] = 0;
  for (const f of report.findings) {
    report.summary.bySeverity[f.severity] = (report.summary.bySeverity[f.severity] ?? 0) + 1;
    const c = categoryOf(f.rule);
    report.summary.byCategory[c] = (report.summary.byCategory[c] ?? 0) + 1;
  }
  await timed('mask', () => maskReport(report));
  report.summary.durationMs = Date.now() - started;
  return report;
}

/** What the analysis of the Python code gives a scan, as the analysis memo keeps it. */
interface Analysis {
  health?: HealthResult;
  brief?: Brief;
  /** What the analysis added to the scan's errors: given again when the analysis is remembered. */
  errors: ScanError[];
  /** Days since the last commit when the review was made (null without a history or a health review). */
  days: number | null;
  /** Files the scan read that the walk did not list, with their stat then (stampOf). */
  outside: { path: string; stamp: string }[];
}

/** Parse the Python files (through the per-file cache), review health and assemble the brief. */
async function analyse(
  ws: Workspace,
  opts: ScanOptions,
  report: ScanReport,
  findings: Finding[],
  ctx: {
    now: Date;
    pythonKind: string;
    pythonPack: ReturnType<typeof FileCache.read> | null;
    timed: <T>(name: string, fn: () => Promise<T> | T) => Promise<T>;
    /** Starts the history's git reads when the scan held them back for a memo that turned out stale. */
    readHistory: (() => Promise<void>) | null;
  },
): Promise<Analysis> {
  const want = new Set(opts.sections);
  const errorsBefore = ws.errors.length;
  await ctx.readHistory?.();
  const { analyzePythonFiles } = await import('../python/analyze.js');
  const cache = ctx.pythonPack ? FileCache.parse<PythonFileFacts>(await ctx.pythonPack, cacheSalt(ctx.pythonKind, opts.config)) : null;
  const python = await ctx.timed('python', () => analyzePythonFiles(ws, { brief: want.has('brief'), progress: opts.progress, cache, ...(opts.singleThread ? { threads: 1 } : {}) }));
  cache?.save();
  const { reviewHealth } = await import('../health/index.js');
  const h = await ctx.timed('health', () => reviewHealth(ws, { dependencies: report.dependencies, python, now: ctx.now }));
  const out: Analysis = { errors: [], days: null, outside: [] };
  if (want.has('health')) {
    out.health = h;
    out.days = daysSince(h.health.metrics.git?.lastCommit ?? null, ctx.now);
  }
  if (want.has('brief')) {
    const { buildBrief } = await import('../brief/index.js');
    const roles = rolesOf(ws);
    const shown = postProcess([...findings, ...(out.health?.findings ?? [])], opts.config, (p) => (p === '.' || p.startsWith('/') ? undefined : roles.role(p)));
    out.brief = await ctx.timed('brief', () => buildBrief(ws, { dependencies: report.dependencies, python, health: h.health, findings: shown, cacheDir: opts.cache?.dir }));
  }
  out.errors = ws.errors.slice(errorsBefore);
  return out;
}

/** A file read beyond the walk as the memo records it: its stat, or 'absent' (a lock looked for beside a manifest); '' when too recent to trust. */
function outsideStamp(root: string, p: string): string {
  const abs = path.join(root, p);
  return stampOf({ abs }) || (existsSync(abs) ? '' : 'absent');
}

/** The PYVET_ environment (the syntax-node limit and the like can change what the analysis finds). */
function pyvetEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('PYVET_')).sort());
}
