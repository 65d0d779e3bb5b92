import path from 'node:path';
import type { Command } from 'commander';
import { atOrAbove, SEVERITIES } from '../core/severity.js';
import type { ScanReport } from '../core/report.js';
import { FORMATS } from '../report/index.js';
import { defaultStorePath, repoIdentity } from '../store/index.js';
import { openHistory, resolveStoreSpec } from '../store/open.js';
import { makeStyle } from '../report/style.js';
import { loc } from '../report/text.js';
import { repoInfo } from '../sources/git.js';
import type { Io } from './io.js';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { addCommonOptions, emit, failOnOf, parseFormats } from './common.js';
import { loadConfig } from '../config/config.js';
import { UsageError } from '../core/errors.js';

interface ScanOptions extends AnalyzeOptions {
  store?: string | false;
  failOnNew?: boolean;
}

/** The end-of-scan summary: score, counts by severity, the five most important findings, where reports went. */
export function renderSummary(report: ScanReport, written: string[], color: boolean, cwd: string): string {
  const st = makeStyle(color);
  const lines: string[] = [];
  const score = report.summary.score;
  lines.push(st.bold(`pyvet: ${report.root}`) + (score !== null ? `  health ${st.bold(`${score}/100`)}` : ''));
  const counts = SEVERITIES.map((s) => [s, report.summary.bySeverity[s] ?? 0] as const).filter(([, n]) => n > 0);
  lines.push(
    counts.length
      ? `${report.findings.length} finding(s): ${counts.map(([s, n]) => st.sev(s, `${n} ${s}`)).join(', ')}`
      : st.good('No findings.'),
  );
  for (const f of report.findings.slice(0, 5)) {
    const where = loc(f);
    const msg = f.message.length > 90 ? `${f.message.slice(0, 89)}…` : f.message;
    lines.push(`  ${st.sev(f.severity, f.severity.padEnd(8))} ${where}  ${msg}`);
  }
  if (report.errors.length) lines.push(st.dim(`${report.errors.length} input(s) could not be read; see the JSON report's errors.`));
  for (const w of written) lines.push(`report: ${path.relative(cwd, w) || w}`);
  return lines.join('\n') + '\n';
}

export function registerScan(program: Command, io: Io, setCode: (n: number) => void): void {
  const cmd = addCommonOptions(
    program.command('scan [path]').description('the main job: dependencies, secrets, health and the brief in one run, all formats, recorded in history'),
    FORMATS,
  )
    .option('--history', 'also scan every commit of the git history for secrets')
    .option('--baseline <file>', 'secrets baseline: report only secrets whose fingerprint is not in it')
    .option('--store <file>', 'history database: an SQLite file or a postgres:// URL (default: ~/.local/share/pyvet/history.db)')
    .option('--no-store', 'do not record this scan in the history database')
    .option('--fail-on-new', 'fail only on findings at or above --fail-on that the previous scan of this repository did not have');
  cmd.action(async (target: string | undefined, opts: ScanOptions) => {
    const formats = parseFormats(opts.format, FORMATS, ['json', 'html']);
    if (opts.failOnNew && opts.store === false) throw new UsageError('--fail-on-new compares with the previous scan in the history store; drop --no-store');
    const { report, code } = await analyze(io, ['deps', 'secrets', 'health', 'brief'], target, opts, formats, undefined, true);
    const cfg = loadConfig(report.root, opts.config ? path.resolve(io.cwd, opts.config) : undefined);
    let exit = code;
    if (opts.store !== false) {
      const file = typeof opts.store === 'string' ? resolveStoreSpec(io.cwd, opts.store) : cfg.store ? resolveStoreSpec(report.root, cfg.store) : defaultStorePath(io.env);
      const store = await openHistory(file);
      try {
        const key = repoIdentity(report.root, repoInfo(report.root));
        const id = await store.recordScan(report, key);
        report.history = await store.trend(key, 100);
        if (opts.failOnNew) {
          const before = await store.previousFingerprints(key, id);
          const failOn = failOnOf(opts, cfg);
          exit = report.findings.some((f) => atOrAbove(f.severity, failOn) && !(before?.has(f.fingerprint) ?? false)) ? 1 : 0;
        }
      } finally {
        await store.close();
      }
    }
    // Reports are written after the store so the HTML report can chart this scan among the earlier ones.
    const written = await emit(io, report, formats, { ...opts, outputDir: opts.output ? undefined : (opts.outputDir ?? 'pyvet-report') });
    if (!opts.quiet) {
      const color = opts.color !== false && !!io.stdout.isTTY && !io.env.NO_COLOR;
      io.stdout.write(renderSummary(report, written, color, io.cwd));
    }
    setCode(exit);
  });
}
