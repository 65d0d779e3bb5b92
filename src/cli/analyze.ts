import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { runScan, type Section } from '../pipeline/scan.js';
import { silentProgress, ttyProgress } from '../pipeline/progress.js';
import type { ScanReport } from '../core/report.js';
import { categoryOf } from '../core/finding.js';
import type { Format } from '../report/index.js';
import type { Io } from './io.js';
import type { PyvetConfig } from '../config/config.js';
import { ConfigError, EXIT } from '../core/errors.js';
import { resolveInside } from '../sources/read.js';
import { addCommonOptions, emit, exitCodeFor, failOnOf, loadCommandConfig, maxDbAgeOf, parseFormats, resolveRoot, staleDatabase, type CommonOptions } from './common.js';
import { userCacheDir } from '../cache/file-cache.js';

export interface AnalyzeOptions extends CommonOptions {
  history?: boolean;
  baseline?: string;
  writeBaseline?: string;
  /** Set by the calling command (not a flag): names it in messages. */
  command?: string;
}

/** Run the given sections on PATH and write the report; returns the report and the exit code. */
export async function analyze(
  io: Io,
  sections: Section[],
  target: string | string[] | undefined,
  opts: AnalyzeOptions,
  formats: Format[],
  defaultDir?: string,
  /** Build the report only; the caller renders it. */
  noEmit = false,
): Promise<{ report: ScanReport; code: number; written: string[] }> {
  // Health and the brief review a repository as a whole: a file given to them would be scored as one.
  const wholeRepo = sections.includes('health') || sections.includes('brief');
  const command = opts.command ?? (sections.length > 1 ? 'scan' : sections[0]!);
  const { root, only } = resolveRoot(io, target, command, !wholeRepo);
  const maxDbAge = maxDbAgeOf(opts);
  const config = loadCommandConfig(io, root, opts);
  const showProgress = !opts.quiet && !!io.stderr.isTTY;
  const progress = showProgress ? ttyProgress(io.stderr) : silentProgress;
  // The scanned repository's own `db` would let it judge itself against an empty database: reported, used only when trusted.
  const repoDb = config.db && config.fromRepository && !opts.trustRepoConfig && !opts.db ? config.db : null;
  const report = await runScan({
    root,
    only: only?.map((rel) => ({ path: rel, abs: path.join(root, rel), size: statSync(path.join(root, rel)).size })),
    sections,
    config,
    history: !!(opts.history ?? config.secrets.history),
    db: opts.db ? path.resolve(io.cwd, opts.db) : config.db && !repoDb ? path.resolve(root, config.db) : null,
    // Writing a baseline records every current finding, including those the old baseline already had.
    baseline: opts.writeBaseline ? null : opts.baseline ? path.resolve(io.cwd, opts.baseline) : configBaseline(root, config),
    progress,
    env: io.env,
    cache: opts.cache === false ? null : { dir: opts.cacheDir ? path.resolve(io.cwd, opts.cacheDir) : userCacheDir(io.env) },
  });
  progress.end();
  const refused = [...config.refused];
  if (repoDb) refused.push(`db = "${repoDb}" named by the scanned repository's config is not used (pass --trust-repo-config to use it)`);
  for (const message of refused) {
    const where = config.source ?? '.pyvet.toml';
    report.errors.push({ path: where, message });
    if (!opts.quiet) io.stderr.write(`pyvet: warning: ${where}: ${message}\n`);
  }
  if (opts.writeBaseline) {
    const { writeBaseline } = await import('../secrets/baseline.js');
    writeBaseline(path.resolve(io.cwd, opts.writeBaseline), report.findings.filter((f) => categoryOf(f.rule) === 'secrets'));
  }
  const written = noEmit ? [] : await emit(io, report, formats, opts, defaultDir);
  // Stale advisory data fails a CI run like a database error, after the report is written.
  const stale = staleDatabase(report, maxDbAge);
  if (stale) io.stderr.write(`pyvet: ${stale}\n`);
  return { report, code: stale ? EXIT.usage : exitCodeFor(report, failOnOf(opts, config)), written };
}

/** A baseline the config names; the repository's own config may name only a file inside the repository. */
function configBaseline(root: string, config: PyvetConfig): string | null {
  const b = config.secrets.baseline;
  if (!b) return null;
  if (!config.fromRepository) return path.resolve(root, b);
  const r = resolveInside(root, b);
  if ('abs' in r) return r.abs;
  throw new ConfigError(`${config.source ?? 'config'}: secrets.baseline = "${b}": ${r.error === 'ENOENT' ? 'not found' : r.error}`);
}

const SINGLE_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

/** `pyvet deps|secrets|health`: one section, one format family, shared options and exit codes. */
export function registerSectionCommand(
  program: Command,
  io: Io,
  setCode: (n: number) => void,
  name: Section,
  description: string,
  extra?: (cmd: Command) => Command,
): Command {
  // secrets takes several files so that a pre-commit hook can pass it the staged ones.
  let cmd = program.command(name === 'secrets' ? `${name} [paths...]` : `${name} [path]`).description(description);
  cmd = addCommonOptions(cmd, SINGLE_FORMATS);
  if (extra) cmd = extra(cmd);
  cmd.action(async (target: string | string[] | undefined, opts: AnalyzeOptions) => {
    const formats = parseFormats(opts.format, SINGLE_FORMATS, ['text']);
    const { code } = await analyze(io, [name], target, opts, formats);
    setCode(code);
  });
  return cmd;
}
