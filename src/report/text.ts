import type { ScanReport } from '../core/report.js';
import { escapeStrings } from './escape.js';
import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES, bySeverity } from '../core/severity.js';
import { isAside, type Dependency } from '../deps/types.js';
import type { HealthCheck, HealthCategory } from '../health/types.js';
import { makeStyle, type Style } from './style.js';
import { mergedVulns } from '../deps/merge.js';
import { groupSecretFindings } from '../secrets/group.js';
import { databaseLine, databaseSource, staleWarning } from '../deps/osv/provenance.js';
import { DEFAULT_WIDTH, wrap } from './terminal.js';

export interface TextOptions {
  color: boolean;
  /** Columns to fit (see terminalWidth); DEFAULT_WIDTH when not given. */
  width?: number;
}

/** Indent of a finding's detail lines: under its rule id, past the severity column. */
const DETAIL = ' '.repeat(11);

/** file:line, or `(repository)` for findings about the project as a whole (path '.'). */
export function loc(f: { path: string; line?: number }): string {
  if (f.path === '.' || f.path === '') return '(repository)';
  return f.line ? `${f.path}:${f.line}` : f.path;
}

/**
 * Vulnerable dependencies, one block per manifest line (name, version, path:line): two pins of one
 * package are two blocks, each with its own advisories and its own upgrade.
 */
function renderDeps(deps: Dependency[], st: Style, width: number): string[] {
  const out: string[] = [];
  const vulnerable = deps
    .filter((d) => d.vulns.length > 0 && !isAside(d.role))
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.version ?? '', b.version ?? '') || cmp(a.path, b.path) || a.line - b.line);
  const packages = new Set(vulnerable.map((d) => d.name)).size;
  out.push(st.bold(`Dependencies: ${deps.length} declared, ${vulnerable.length} vulnerable pin(s) in ${packages} package(s)`));
  for (const d of vulnerable) {
    const fix = d.fix ? `upgrade to ${d.fix}` : 'no fixed version known';
    out.push('');
    out.push(`  ${st.bold(d.name)} ${d.version ?? d.specifier}  → ${st.good(fix)}`);
    out.push(...wrap(`at ${loc(d)}`, width, '       ', '    ').map(st.dim));
    const vulns = mergedVulns(d).sort((a, b) => bySeverity(a.severity, b.severity) || a.id.localeCompare(b.id, 'en', { numeric: true }));
    for (const v of vulns) {
      const aliases = v.aliases.length ? ` (${v.aliases.join(', ')})` : '';
      const fixed = v.fixed.length ? ` fixed in ${v.fixed.join(', ')}` : '';
      const [head = '', ...rest] = wrap(`${v.id}${aliases}${fixed}`, width, ' '.repeat(13), ' '.repeat(13));
      out.push(`    ${st.sev(v.severity, v.severity.padEnd(8))} ${head.trimStart()}`, ...rest);
      if (v.summary) out.push(...wrap(v.summary, width, ' '.repeat(13)).map(st.dim));
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Severity and rule on the first line, the location beside them when it fits, else under them. */
function renderFinding(f: Finding, st: Style, width: number): string[] {
  const where = f.commit ? `${loc(f)} @ ${f.commit.slice(0, 10)}${f.date ? ` (${f.date.slice(0, 10)})` : ''}` : loc(f);
  const head = `  ${f.severity.padEnd(8)} ${f.rule}`;
  const lines =
    head.length + 2 + where.length <= width
      ? [`  ${st.sev(f.severity, f.severity.padEnd(8))} ${st.bold(f.rule)}  ${where}`]
      : [`  ${st.sev(f.severity, f.severity.padEnd(8))} ${st.bold(f.rule)}`, ...wrap(where, width, DETAIL)];
  lines.push(...wrap(f.message, width, DETAIL));
  if (f.redacted) lines.push(...wrap(`value: ${f.redacted}  fingerprint: ${f.fingerprint.slice(0, 12)}`, width, DETAIL).map(st.dim));
  else if (f.evidence) lines.push(...wrap(f.evidence, width, DETAIL).map(st.dim));
  // The advice is the point of the finding: shown in full, wrapped, never cut.
  if (f.remediation) lines.push(...wrap(f.remediation, width, DETAIL + '     ', DETAIL + 'fix: ').map(st.dim));
  return lines;
}

const STATUS_ORDER: Record<HealthCheck['status'], number> = { fail: 0, warn: 1, skip: 2, pass: 3 };
/** Category order of the health section: what can hurt first, what is merely untidy last. */
export const CATEGORY_ORDER: readonly HealthCategory[] = ['security', 'tests', 'ci', 'dependencies', 'structure', 'docs', 'history'];

/** Failing checks first, then warnings; within each, by category, then the lowest score first. */
export function orderChecks(checks: HealthCheck[]): HealthCheck[] {
  const cat = (c: HealthCheck) => {
    const i = CATEGORY_ORDER.indexOf(c.category);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  return [...checks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || cat(a) - cat(b) || a.score - b.score || a.id.localeCompare(b.id));
}

function renderHealth(report: ScanReport, st: Style, width: number): string[] {
  const h = report.health!;
  const out = [st.bold(`Health: ${h.score}/100`)];
  const cats = Object.entries(h.categories)
    .sort((a, b) => CATEGORY_ORDER.indexOf(a[0] as HealthCategory) - CATEGORY_ORDER.indexOf(b[0] as HealthCategory))
    .map(([c, v]) => `${c}\u00a0${Math.round(v)}/100`);
  if (cats.length) out.push(...wrap(cats.join(' · '), width, '  '));
  for (const c of orderChecks(h.checks.filter((c) => c.status === 'fail' || c.status === 'warn'))) {
    const ev = c.evidence[0];
    const where = ev?.path ? `${ev.path}${ev.line ? `:${ev.line}` : ''}` : '';
    const label = c.status === 'fail' ? st.sev('high', 'fail') : st.sev('medium', 'warn');
    const score = String(Math.round(c.score * 10) / 10).padStart(3);
    const head = `  fail ${score}/10 ${c.category.padEnd(12)} ${c.id}`;
    const headStyled = `  ${label} ${score}/10 ${st.dim(c.category.padEnd(12))} ${st.bold(c.id)}`;
    if (where && head.length + 2 + where.length <= width) out.push(`${headStyled}  ${st.dim(where)}`);
    else {
      out.push(headStyled);
      if (where) out.push(...wrap(where, width, DETAIL).map(st.dim));
    }
    if (ev) out.push(...wrap(ev.message, width, DETAIL));
    if (c.evidence.length > 1) out.push(st.dim(`${DETAIL}+${c.evidence.length - 1} more place(s) (JSON or HTML report)`));
    if (c.remediation) out.push(...wrap(c.remediation, width, DETAIL + '     ', DETAIL + 'fix: ').map(st.dim));
  }
  return out;
}

/** The inputs that could not be read, and what was left out because of them. */
export function renderErrors(report: ScanReport, st: Style, width: number, max = 50): string[] {
  if (!report.errors.length) return [];
  const out = [st.bold(`Could not read ${report.errors.length} input(s); what they hold is missing from this report:`)];
  for (const e of report.errors.slice(0, max)) out.push(...wrap(e.message, width, '      ', `  ${e.path}${e.line ? `:${e.line}` : ''}: `));
  if (report.errors.length > max) out.push(`  +${report.errors.length - max} more (the JSON report lists them all under "errors")`);
  return out;
}

/** Terminal text fitted to `width` columns; coloured only when asked (on a TTY). */
export function renderText(raw: ScanReport, opts: TextOptions): string {
  // Names and text from the scanned repository must not drive the terminal or forge lines.
  const report = escapeStrings(raw);
  const st = makeStyle(opts.color);
  const width = opts.width ?? DEFAULT_WIDTH;
  const out: string[] = [];
  out.push(...wrap(`pyvet ${report.version} — ${report.root}`, width).map(st.bold));
  if (report.database) {
    out.push(...wrap(databaseLine(report.database, false), width).map(st.dim));
    out.push(...wrap(databaseSource(report.database), width, '  ', '  ').map(st.dim));
  }
  if (report.sections.includes('deps')) {
    out.push('');
    out.push(...renderDeps(report.dependencies, st, width));
    const deps = report.findings.filter((f) => categoryOf(f.rule) === 'deps');
    const aside = deps.filter((f) => f.data?.role !== undefined);
    const supply = deps.filter((f) => f.data?.role === undefined && (f.rule === 'deps.malicious' || f.rule === 'deps.typosquat'));
    const other = deps.filter((f) => f.data?.role === undefined && f.rule !== 'deps.vulnerable' && !supply.includes(f));
    if (supply.length) {
      out.push('');
      out.push(st.bold(`Malicious and look-alike packages: ${supply.length} finding(s)`));
      for (const f of supply) out.push(...renderFinding(f, st, width));
    }
    if (other.length) {
      out.push('');
      out.push(st.bold(`Pinning discipline: ${other.length} finding(s)`));
      for (const f of other) out.push(...renderFinding(f, st, width));
    }
    if (aside.length) {
      out.push('');
      out.push(st.bold(`Fixtures, examples and docs: ${aside.length} finding(s), at info (not what the project installs)`));
      for (const f of aside) out.push(st.dim(`  ${f.rule}  ${loc(f)} (${String(f.data?.role)})`), ...wrap(f.message, width, '      '));
    }
  }
  if (report.sections.includes('secrets')) {
    const secrets = report.findings.filter((f) => categoryOf(f.rule) === 'secrets');
    out.push('');
    const s = report.secrets;
    const scanned = s ? ` (${s.filesScanned} files${s.commitsScanned !== undefined ? `, ${s.commitsScanned} commits` : ''})` : '';
    out.push(st.bold(`Secrets: ${secrets.length} finding(s)${scanned}`));
    // Samples (tests, fixtures, docs) at low/info are counted per folder, so the key to rotate stands out.
    const { single, groups } = groupSecretFindings(secrets);
    for (const f of single) out.push(...renderFinding(f, st, width));
    for (const g of groups) {
      const sev = g.findings[0]!.severity;
      out.push(`  ${st.sev(sev, sev.padEnd(8))} ${st.bold(g.title)}`, ...wrap(g.findings.map(loc).join(', '), width, DETAIL).map(st.dim));
    }
  }
  if (report.health) {
    out.push('');
    out.push(...renderHealth(report, st, width));
  }
  if (report.skipped?.length) {
    out.push('');
    out.push(st.bold(`Read and left out on purpose: ${report.skipped.length}`));
    for (const e of report.skipped.slice(0, 20)) out.push(...wrap(e.message, width, '      ', `  ${e.path}${e.line ? `:${e.line}` : ''}: `).map(st.dim));
    if (report.skipped.length > 20) out.push(st.dim(`  … and ${report.skipped.length - 20} more (see the JSON report's skipped)`));
  }
  if (report.errors.length) {
    out.push('');
    out.push(...renderErrors(report, st, width));
  }
  out.push('');
  const stale = staleWarning(report.database);
  if (stale) out.push(st.sev('medium', `warning: ${stale}`));
  const counts = SEVERITIES.map((s) => [s, report.summary.bySeverity[s] ?? 0] as const).filter(([, n]) => n > 0);
  out.push(
    counts.length
      ? `${report.findings.length} finding(s): ${counts.map(([s, n]) => st.sev(s, `${n} ${s}`)).join(', ')}`
      : st.good('No findings.'),
  );
  return out.join('\n') + '\n';
}
