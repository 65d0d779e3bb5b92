import path from 'node:path';
import type { ScanReport } from '../core/report.js';
import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES } from '../core/severity.js';
import type { PyvetConfig } from '../config/config.js';
import { Workspace } from '../sources/workspace.js';
import type { WalkedFile } from '../sources/walk.js';
import type { RepoInfo } from '../sources/git.js';
import type { CachedScan } from '../secrets/scan-files.js';
import { VERSION } from '../version.js';
import { postProcess } from './post-process.js';
import { findingRoles, roleCounts } from '../facts/roles.js';
import { maskReport } from './mask.js';
import { analyse, RememberedAnalysis } from './analysis.js';
import { cacheSalt, FileCache } from '../cache/file-cache.js';
import type { Progress } from './progress.js';
import type { HealthReport } from '../health/types.js';
import type { Brief } from '../brief/types.js';

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
  const remembered = opts.cache && analysed ? RememberedAnalysis.open(opts.cache.dir, root, ws, opts) : null;
  const likely = remembered?.likely ?? false;
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
  const pythonPack = likely ? null : readPack();
  if (analysed && !likely) await readHistory();
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
  let afterMask: { health?: HealthReport; brief?: Brief } = {};
  if (analysed) {
    const inputs = remembered ? RememberedAnalysis.inputs(report.dependencies, findings) : '';
    const now = new Date(started);
    const served = likely ? await timed('memo', () => remembered!.serve(inputs, now)) : undefined;
    const analysis = served ?? (await analyse(ws, opts, report, findings, { now, pythonKind, pythonPack: pythonPack ?? readPack(), timed, readHistory: likely ? readHistory : null }));
    if (served) ws.errors.push(...served.errors);
    else remembered?.keep(ws, inputs, analysis);
    if (analysis.health) {
      findings.push(...analysis.health.findings);
      report.summary.score = analysis.health.health.score;
    }
    // A served review and brief are stored masked (RememberedAnalysis.keep): they join the report after its mask step.
    if (served) afterMask = { health: analysis.health?.health, brief: analysis.brief };
    else {
      if (analysis.health) report.health = analysis.health.health;
      if (analysis.brief) report.brief = analysis.brief;
    }
  }
  ws.release();
  report.summary.roles = roleCounts(ws);
  report.findings = postProcess(findings, opts.config, findingRoles(ws));
  for (const s of SEVERITIES) report.summary.bySeverity[s] = 0;
  for (const c of ['deps', 'secrets', 'health']) report.summary.byCategory[c] = 0;
  for (const f of report.findings) {
    report.summary.bySeverity[f.severity] = (report.summary.bySeverity[f.severity] ?? 0) + 1;
    const c = categoryOf(f.rule);
    report.summary.byCategory[c] = (report.summary.byCategory[c] ?? 0) + 1;
  }
  await timed('mask', () => maskReport(report));
  if (afterMask.health) report.health = afterMask.health;
  if (afterMask.brief) report.brief = afterMask.brief;
  report.summary.durationMs = Date.now() - started;
  return report;
}
