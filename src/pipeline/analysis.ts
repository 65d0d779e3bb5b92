import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ScanReport } from '../core/report.js';
import type { Finding } from '../core/finding.js';
import type { ScanError } from '../core/errors.js';
import type { Workspace } from '../sources/workspace.js';
import type { PythonFileFacts } from '../python/analyze.js';
import type { HealthResult } from '../health/index.js';
import type { Brief } from '../brief/types.js';
import { cacheSalt, FileCache, stampOf } from '../cache/file-cache.js';
import { AnalysisMemo, inputsKey, treeKey } from '../cache/analysis-memo.js';
import { daysSince } from '../facts/commits.js';
import { findingRoles } from '../facts/roles.js';
import { postProcess } from './post-process.js';
import { maskedJson } from './mask.js';
import type { ScanOptions } from './scan.js';

/** What the analysis of the Python code gives a scan, as the analysis memo keeps it. */
export interface Analysis {
  health?: HealthResult;
  brief?: Brief;
  /** What the analysis added to the scan's errors: given again when the analysis is remembered. */
  errors: ScanError[];
  /** Days since the last commit when the review was made (null without a history or a health review). */
  days: number | null;
  /** Files the scan read that the walk did not list, with their stat then (stampOf); filled when remembered. */
  outside: { path: string; stamp: string }[];
}

/**
 * The analysis memo of one scan (cache/analysis-memo.ts): whether the tree is the remembered one is
 * known right after the walk, the rest just before the analysis, and what depends on the clock or on
 * files beyond the walk is checked on reading.
 */
export class RememberedAnalysis {
  private constructor(
    private readonly dir: string,
    private readonly root: string,
    private readonly kind: string,
    private readonly memo: AnalysisMemo<Analysis>,
    private readonly tree: string | null,
  ) {}

  static open(dir: string, root: string, ws: Workspace, opts: ScanOptions): RememberedAnalysis {
    const kind = `analysis-${opts.sections.join('-')}`;
    const tree = treeKey(cacheSalt('analysis', { config: opts.config, sections: opts.sections }), ws.files, { repo: ws.repo, symlinks: ws.skippedSymlinks, env: pyvetEnv() });
    return new RememberedAnalysis(dir, root, kind, AnalysisMemo.load<Analysis>(dir, root, kind), tree);
  }

  /** The memo was made from this tree: it will serve unless the dependencies, the other findings or the clock say otherwise. */
  get likely(): boolean {
    return this.memo.matchesTree(this.tree);
  }

  /** The inputs' key of a scan: its dependency inventory and the other sections' findings. */
  static inputs(dependencies: unknown, findings: unknown): string {
    return inputsKey({ dependencies, findings });
  }

  /** The remembered analysis, when every input is still what it was. */
  serve(inputs: string, now: Date): Analysis | undefined {
    const a = this.memo.value(this.tree, inputs);
    if (!a) return undefined;
    // The activity check grades the days since the last commit: a review made on another day may grade it otherwise.
    if (a.days !== daysSince(a.health?.health.metrics.git?.lastCommit ?? null, now)) return undefined;
    return a.outside.every((o) => outsideStamp(this.root, o.path) === o.stamp) ? a : undefined;
  }

  /**
   * Remember a fresh analysis, through the mask step, with the stats of the files read beyond the walk.
   * The health review and the brief are kept as the report shows them (a served one joins the report
   * after its mask step); findings and errors keep their paths, for the roles, and are masked with the report.
   */
  keep(ws: Workspace, inputs: string, analysis: Analysis): void {
    if (!this.tree) return;
    const outside = [...ws.readOutside].map((p) => ({ path: p, stamp: outsideStamp(this.root, p) }));
    if (!outside.every((o) => o.stamp)) return;
    const { health, brief, errors, days } = analysis;
    const json =
      `{"errors":${maskedJson(errors, { keepPaths: true })},"days":${JSON.stringify(days)},"outside":${JSON.stringify(outside)}` +
      (health ? `,"health":{"health":${maskedJson(health.health, { keepPaths: false })},"findings":${maskedJson(health.findings, { keepPaths: true })}}` : '') +
      (brief ? `,"brief":${maskedJson(brief, { keepPaths: false })}` : '') +
      '}';
    AnalysisMemo.save(this.dir, this.root, this.kind, { tree: this.tree, inputs }, json);
  }
}

/** Parse the Python files (through the per-file cache), review health and assemble the brief. */
export async function analyse(
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
    const shown = postProcess([...findings, ...(out.health?.findings ?? [])], opts.config, findingRoles(ws));
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
