import path from 'node:path';
import type { Command } from 'commander';
import { atOrAbove, SEVERITIES } from '../core/severity.js';
import { categoryOf } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import { FORMATS } from '../report/index.js';
import { makeStyle } from '../report/style.js';
import { escapeStrings } from '../report/escape.js';
import { loc, renderErrors } from '../report/text.js';
import { DEFAULT_WIDTH, terminalWidth, wrap } from '../report/terminal.js';
import { defaultReportDir, markReportDir, reportSourceOf } from './report-dir.js';
import { repoInfo } from '../sources/git.js';
import type { Io } from './io.js';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { staleWarning } from '../deps/osv/provenance.js';
import { limitRepoConfig } from '../config/repo-policy.js';
import { addCommonOptions, emit, failOnOf, parseFormats } from './common.js';
import { loadConfig } from '../config/config.js';
import { UsageError } from '../core/errors.js';

interface ScanOptions extends AnalyzeOptions {
  store?: string | false;
  failOnNew?: boolean;
}

/** Where this scan went in the history store, for the summary. */
export interface RecordedScan {
  id: number;
  file: string;
}

const TOP = 5;

/** `~/…` for paths under the home folder, else relative to cwd when shorter. */
function shown(p: string, cwd: string, env: NodeJS.ProcessEnv): string {
  const rel = path.relative(cwd, p);
  if (rel && !rel.startsWith('..') && rel.length < p.length) return rel;
  const home = env.HOME;
  return home && p.startsWith(home + path.sep) ? `~${p.slice(home.length)}` : p;
}

/**
 * The end-of-scan summary: score, counts by severity, the most serious findings with what is left and how to
 * see it, what could not be read, where the reports and the history went. Fitted to `width` columns.
 */
export function renderSummary(
  raw: ScanReport,
  written: string[],
  color: boolean,
  cwd: string,
  opts: { width?: number; recorded?: RecordedScan | null; env?: NodeJS.ProcessEnv; target?: string } = {},
): string {
  // Names and text from the scanned repository must not drive the terminal or forge lines.
  const report = escapeStrings(raw);
  const st = makeStyle(color);
  const width = opts.width ?? DEFAULT_WIDTH;
  const env = opts.env ?? {};
  const lines: string[] = [];
  const score = report.summary.score;
  lines.push(st.bold(`pyvet: ${report.root}`) + (score !== null ? `  health ${st.bold(`${score}/100`)}` : ''));
  const counts = SEVERITIES.map((s) => [s, report.summary.bySeverity[s] ?? 0] as const).filter(([, n]) => n > 0);
  lines.push(
    counts.length
      ? `${report.findings.length} finding(s): ${counts.map(([s, n]) => st.sev(s, `${n} ${s}`)).join(', ')}`
      : st.good('No findings.'),
  );
  const top = report.findings.slice(0, TOP);
  for (const f of top) {
    lines.push(...wrap(loc(f), width, ' '.repeat(11), `  ${f.severity.padEnd(8)} `).map((l, i) => (i === 0 ? `  ${st.sev(f.severity, f.severity.padEnd(8))} ${l.slice(11)}` : l)));
    lines.push(...wrap(f.message, width, ' '.repeat(11)));
  }
  const more = report.findings.slice(TOP);
  if (more.length) {
    const bySev = SEVERITIES.map((s) => [s, more.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
    const target = opts.target ?? (path.relative(cwd, report.root) || '.');
    const html = written.find((w) => w.endsWith('.html'));
    lines.push(...wrap(`+${more.length} more: ${bySev.map(([s, n]) => `${n} ${s}`).join(', ')}. ${html ? 'All are in the HTML report; by section:' : 'See them by section:'}`, width, '    ', '  '));
    for (const c of ['secrets', 'deps', 'health'] as const) {
      const n = more.filter((f) => categoryOf(f.rule) === c).length;
      if (n) lines.push(...wrap(`pyvet ${c} ${target}  (${n} more)`, width, '      ', '    '));
    }
    if (html) lines.push(...wrap(shown(html, cwd, env), width, '      ', '    '));
  }
  if (report.errors.length) lines.push(...renderErrors(report, st, width, 10), ...skippedBecause(report, width));
  for (const w of written) lines.push(...wrap(shown(w, cwd, env), width, '        ', 'report: '));
  if (opts.recorded) {
    const target = opts.target ?? (path.relative(cwd, report.root) || '.');
    lines.push(
      ...wrap(`scan #${opts.recorded.id} recorded in ${shown(opts.recorded.file, cwd, env)} (pyvet history ${target}, pyvet diff ${target}; --no-store to skip)`, width, '         ', 'history: '),
    );
  }
  const stale = staleWarning(report.database);
  if (stale) lines.push(st.sev('medium', `warning: ${stale}`));
  return lines.join('\n') + '\n';
}

/** Health checks that could not run, listed when inputs were unreadable: what the reader is not being told. */
function skippedBecause(report: ScanReport, width: number): string[] {
  const skipped = (report.health?.checks ?? []).filter((c) => c.status === 'skip' && (c.category === 'history' || !/^0 /.test(c.evidence[0]?.message ?? '')));
  if (!skipped.length) return [];
  const reasons = [...new Set(skipped.map((c) => c.evidence[0]?.message).filter((m): m is string => !!m))];
  return wrap(`Skipped: ${skipped.map((c) => c.id).join(', ')}${reasons.length ? ` (${reasons.join('; ')})` : ''}`, width, '    ', '  ');
}

export function registerScan(program: Command, io: Io, setCode: (n: number) => void): void {
  const cmd = addCommonOptions(
    program.command('scan [path]').description('the main job: dependencies, secrets, health and the brief in one run, all formats, recorded in history'),
    FORMATS,
  )
    .addHelpText(
      'after',
      `
Where things go:
  reports   ./pyvet-report/<repository folder>/pyvet.{json,html} in the current folder, one folder per
            repository (a second repository with the same folder name gets a suffix); --output-dir DIR
            or -o FILE to choose, and a notice when DIR held another repository's report.
  history   each scan is recorded in ~/.local/share/pyvet/history.db ($PYVET_STORE, the config's
            \`store\`, or --store FILE); --no-store to skip. \`pyvet history\`, \`pyvet diff\` and
            \`pyvet serve\` read it.
The summary printed at the end names both.`,
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
    let recorded: RecordedScan | null = null;
    const cfg = loadConfig(report.root, opts.config ? path.resolve(io.cwd, opts.config) : undefined);
    if (!opts.trustRepoConfig) limitRepoConfig(cfg);
    let exit = code;
    if (opts.store !== false) {
      // Loaded only when a scan is recorded: SQLite's binding and the store cost a --no-store run ~40 ms.
      const [{ defaultStorePath, redactUrl, repoIdentity }, { openHistory, resolveStoreSpec }, { configuredStore }] = await Promise.all([
        import('../store/index.js'),
        import('../store/open.js'),
        import('../store/locate.js'),
      ]);
      const named = typeof opts.store === 'string' ? null : configuredStore(report.root, cfg, io.env);
      if (named?.warning) {
        report.errors.push({ path: cfg.source ?? '.pyvet.toml', message: named.warning });
        if (!opts.quiet) io.stderr.write(`pyvet: warning: ${named.warning}\n`);
      }
      const file = typeof opts.store === 'string' ? resolveStoreSpec(io.cwd, opts.store) : (named?.file ?? defaultStorePath(io.env));
      const store = await openHistory(file);
      try {
        const key = repoIdentity(report.root, repoInfo(report.root));
        const id = await store.recordScan(report, key);
        recorded = { id, file: redactUrl(file) };
        report.history = await store.trend(key, 100);
        if (opts.failOnNew && code !== 2) {
          const before = await store.previousFingerprints(key, id);
          const failOn = failOnOf(opts, cfg);
          exit = report.findings.some((f) => atOrAbove(f.severity, failOn) && !(before?.has(f.fingerprint) ?? false)) ? 1 : 0;
        }
      } finally {
        await store.close();
      }
    }
    // Reports are written after the store so the HTML report can chart this scan among the earlier ones.
    // One report folder per repository, so that scanning another one never replaces this one's report.
    const outputDir = opts.output ? undefined : opts.outputDir ? path.resolve(io.cwd, opts.outputDir) : defaultReportDir(io.cwd, report.root);
    const previous = outputDir ? reportSourceOf(outputDir) : null;
    if (outputDir && previous && previous !== report.root) {
      io.stderr.write(`pyvet: note: ${path.relative(io.cwd, outputDir) || outputDir} held the report of ${previous}; replacing it with ${report.root}'s\n`);
    }
    const written = await emit(io, report, formats, { ...opts, outputDir });
    if (outputDir) markReportDir(outputDir, report.root);
    if (!opts.quiet) {
      const color = opts.color !== false && !!io.stdout.isTTY && !io.env.NO_COLOR;
      io.stdout.write(renderSummary(report, written, color, io.cwd, { width: terminalWidth(io.stdout, io.env), recorded, env: io.env, target }));
    }
    setCode(exit);
  });
}
