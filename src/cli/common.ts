import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync, statSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { atOrAbove, isSeverity, type FailOn } from '../core/severity.js';
import type { ScanReport } from '../core/report.js';
import { loadConfig, type PyvetConfig } from '../config/config.js';
import { limitRepoConfig } from '../config/repo-policy.js';
import { FILE_NAMES, isFormat, render, type Format } from '../report/index.js';
import { git } from '../sources/git.js';
import type { Io } from './io.js';

export interface CommonOptions {
  format?: string[];
  output?: string;
  outputDir?: string;
  failOn?: string;
  config?: string;
  db?: string;
  maxDbAge?: string;
  quiet?: boolean;
  color?: boolean;
  trustRepoConfig?: boolean;
  /** false with --no-cache. */
  cache?: boolean;
  cacheDir?: string;
}

/** The options every analysis command shares: --format, --output, --fail-on, --config, --db, --quiet. */
export function addCommonOptions(cmd: Command, formats: readonly string[]): Command {
  return cmd
    .option('-f, --format <format...>', `output format(s), repeated or comma-separated: ${formats.join(', ')}`)
    .option('-o, --output <file>', 'write the report to a file instead of stdout (one format)')
    .option('--output-dir <dir>', 'write one file per format into this folder')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (none: never)').choices(['critical', 'high', 'medium', 'low', 'info', 'none']))
    .option('-c, --config <file>', 'config file (default: .pyvet.toml, else [tool.pyvet] in pyproject.toml)')
    .option('--db <path>', 'OSV database: a zip or a folder of OSV JSON (default: the bundled snapshot or `pyvet db update` cache)')
    .option('--trust-repo-config', "let the scanned repository's own config name the advisory database, raise max-file-size, relax fail-on and silence secrets or dependency rules (refused and reported otherwise)")
    .option('--max-db-age <days>', 'exit 2 when the newest OSV record is older than this many days (stale data in CI)')
    .option('--no-cache', 'recompute every file instead of reusing results of earlier runs')
    .option('--cache-dir <dir>', 'where results of earlier runs are kept (default: $XDG_CACHE_HOME/pyvet, else ~/.cache/pyvet)')
    .option('-q, --quiet', 'no progress output and no summary on stderr')
    .option('--no-color', 'no ANSI colours even on a TTY');
}

/** A bare repository's own layout (HEAD, objects/, refs/ at the top, no .git): scanned as a folder it would be git's internals. */
function isBareRepository(dir: string): boolean {
  try {
    return statSync(path.join(dir, 'HEAD')).isFile() && statSync(path.join(dir, 'objects')).isDirectory() && statSync(path.join(dir, 'refs')).isDirectory() && !existsSync(path.join(dir, '.git'));
  } catch {
    return false;
  }
}

/**
 * Resolve what to scan: one folder, or files (a manifest given directly, or the staged files a pre-commit
 * hook passes). Files are scanned from their repository's top (so its config applies and paths read as
 * usual), else from their common folder. A missing path is a usage error; so is a file for a command that
 * reviews a whole repository (`filesOk` false).
 */
export function resolveRoot(io: Io, p: string | string[] | undefined, command = 'scan', filesOk = true): { root: string; only?: string[] } {
  const given = Array.isArray(p) ? (p.length ? p : ['.']) : [p ?? '.'];
  const entries = given.map((g) => {
    const abs = path.resolve(io.cwd, g);
    try {
      return { given: g, abs, isFile: statSync(abs).isFile() };
    } catch {
      throw new UsageError(`no such file or directory: ${g}`);
    }
  });
  const files = entries.filter((e) => e.isFile);
  if (!files.length) {
    if (entries.length > 1) throw new UsageError(`pyvet ${command} takes one folder, or files; got ${entries.length} folders`);
    const only = entries[0]!;
    if (isBareRepository(only.abs)) {
      throw new UsageError(`${only.given} is a bare git repository (git's internals, no working tree); pyvet scans a checkout: \`git clone ${only.given} checkout\` and scan that`);
    }
    return { root: only.abs };
  }
  if (!filesOk) {
    const f = files[0]!;
    // Suggest the repository the file belongs to, else its folder.
    const dir = git(path.dirname(f.abs), ['rev-parse', '--show-toplevel'])?.trim() || path.dirname(f.abs);
    const rel = path.relative(io.cwd, dir);
    const folder = rel.startsWith('..') ? dir : rel || '.';
    throw new UsageError(
      `${f.given} is a file; pyvet ${command} reviews a whole repository. Give its folder (pyvet ${command} ${folder}), ` +
        'or use `pyvet deps FILE` / `pyvet secrets FILE` for one file',
    );
  }
  if (files.length !== entries.length) throw new UsageError(`pyvet ${command}: give either one folder or only files, not both`);
  const firstDir = path.dirname(files[0]!.abs);
  const top = git(firstDir, ['rev-parse', '--show-toplevel'])?.trim();
  let root = top && files.every((f) => !path.relative(top, f.abs).startsWith('..')) ? top : firstDir;
  while (!files.every((f) => !path.relative(root, f.abs).startsWith('..'))) root = path.dirname(root);
  return { root, only: files.map((f) => path.relative(root, f.abs).split(path.sep).join('/')) };
}

export function parseFormats(raw: string[] | undefined, allowed: readonly string[], fallback: Format[]): Format[] {
  if (!raw?.length) return fallback;
  const out: Format[] = [];
  for (const f of raw.flatMap((r) => r.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const name = f === 'md' ? 'markdown' : f === 'sbom' ? 'cyclonedx' : f;
    if (!isFormat(name) || !allowed.includes(name)) throw new UsageError(`unknown format "${f}" (choose from ${allowed.join(', ')})`);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

export function loadCommandConfig(io: Io, root: string, opts: CommonOptions): PyvetConfig {
  const cfg = loadConfig(root, opts.config ? path.resolve(io.cwd, opts.config) : undefined);
  if (!opts.trustRepoConfig) limitRepoConfig(cfg);
  if (!opts.quiet) for (const w of cfg.warnings) io.stderr.write(`pyvet: warning: ${w}\n`);
  return cfg;
}

export function failOnOf(opts: CommonOptions, cfg: PyvetConfig): FailOn {
  const v = opts.failOn ?? cfg.failOn;
  if (v !== 'none' && !isSeverity(v)) throw new UsageError(`--fail-on: unknown severity ${v}`);
  return v;
}

/** Write one format to a file; JSON in pieces, never as one string (a stdlib report is 14 MB). */
async function writeReport(file: string, format: Format, report: ScanReport): Promise<void> {
  if (format !== 'json') {
    writeFileSync(file, await render(format, report, { color: false }));
    return;
  }
  const { renderJsonChunks } = await import('../report/json.js');
  const fd = openSync(file, 'w');
  try {
    for (const chunk of renderJsonChunks(report)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** Render each format; to stdout when one format and no file/dir given, else to files. Returns written paths. */
export async function emit(io: Io, report: ScanReport, formats: Format[], opts: CommonOptions, defaultDir?: string): Promise<string[]> {
  const color = opts.color !== false && !!io.stdout.isTTY && !io.env.NO_COLOR;
  const written: string[] = [];
  if (opts.output) {
    if (formats.length > 1) throw new UsageError('--output takes one format; use --output-dir for several');
    const file = path.resolve(io.cwd, opts.output);
    mkdirSync(path.dirname(file), { recursive: true });
    await writeReport(file, formats[0]!, report);
    return [file];
  }
  const dir = opts.outputDir ?? (formats.length > 1 ? defaultDir ?? 'pyvet-report' : undefined);
  if (dir) {
    const abs = path.resolve(io.cwd, dir);
    mkdirSync(abs, { recursive: true });
    for (const f of formats) {
      const file = path.join(abs, FILE_NAMES[f]);
      await writeReport(file, f, report);
      written.push(file);
    }
    return written;
  }
  const { terminalWidth } = await import('../report/terminal.js');
  io.stdout.write(await render(formats[0]!, report, { color, width: terminalWidth(io.stdout, io.env) }));
  return written;
}

/** --max-db-age as a number of days; a usage error when it is not one. */
export function maxDbAgeOf(opts: CommonOptions): number | null {
  if (opts.maxDbAge === undefined) return null;
  const n = Number(opts.maxDbAge);
  if (!/^\d+$/.test(opts.maxDbAge.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`--max-db-age: expected a whole number of days, got "${opts.maxDbAge}"`);
  return n;
}

/** The stale-data message when the report's OSV data is older than --max-db-age, else null. */
export function staleDatabase(report: ScanReport, maxDays: number | null): string | null {
  const age = report.database?.ageDays;
  if (maxDays === null || age === undefined || age === null || age <= maxDays) return null;
  return `advisory data is ${age} days old (newest record ${report.database!.newest?.slice(0, 10)}), more than --max-db-age ${maxDays}: run \`pyvet db update\``;
}

/** 1 when any finding is at or above the threshold, else 0. */
export function exitCodeFor(report: ScanReport, failOn: FailOn): number {
  return report.findings.some((f) => atOrAbove(f.severity, failOn)) ? 1 : 0;
}
