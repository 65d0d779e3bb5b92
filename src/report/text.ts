import type { ScanReport } from '../core/report.js';
import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES, bySeverity } from '../core/severity.js';
import type { Dependency } from '../deps/types.js';
import type { HealthCheck, HealthCategory } from '../health/types.js';
import { makeStyle, type Style } from './style.js';
import { mergedVulns } from '../deps/merge.js';
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

/** Vulnerable dependencies grouped by package: one block per package, its pins, its advisories once each. */
function renderDeps(deps: Dependency[], st: Style, width: number): string[] {
  const out: string[] = [];
  const vulnerable = deps.filter((d) => d.vulns.length > 0);
  const byName = new Map<string, Dependency[]>();
  for (const d of vulnerable) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  out.push(st.bold(`Dependencies: ${deps.length} declared, ${vulnerable.length} vulnerable pin(s) in ${byName.size} package(s)`));
  for (const [name, pins] of [...byName].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const first = pins[0]!;
    const fix = first.fix ? `upgrade to ${first.fix}` : 'no fixed version known';
    out.push('');
    out.push(`  ${st.bold(name)} ${first.version ?? first.specifier}  → ${st.good(fix)}`);
    for (const p of pins) out.push(...wrap(`at ${loc(p)}${p.version !== first.version ? ` (${p.version})` : ''}`, width, '       ', '    ').map(st.dim));
    const vulns = mergedVulns(first).sort((a, b) => bySeverity(a.severity, b.severity) || a.id.localeCompare(b.id, 'en', { numeric: true }));
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
export function renderText(report: ScanReport, opts: TextOptions): string {
  const st = makeStyle(opts.color);
  const width = opts.width ?? DEFAULT_WIDTH;
  const out: string[] = [];
  out.push(...wrap(`pyvet ${report.version} — ${report.root}`, width).map(st.bold));
  if (report.sections.includes('deps')) {
    out.push('');
    out.push(...renderDeps(report.dependencies, st, width));
    const other = report.findings.filter((f) => categoryOf(f.rule) === 'deps' && f.rule !== 'deps.vulnerable');
    if (other.length) {
      out.push('');
      out.push(st.bold(`Pinning discipline: ${other.length} finding(s)`));
      for (const f of other) out.push(...renderFinding(f, st, width));
    }
  }
  if (report.sections.includes('secrets')) {
    const secrets = report.findings.filter((f) => categoryOf(f.rule) === 'secrets');
    out.push('');
    const s = report.secrets;
    const scanned = s ? ` (${s.filesScanned} files${s.commitsScanned !== undefined ? `, ${s.commitsScanned} commits` : ''})` : '';
    out.push(st.bold(`Secrets: ${secrets.length} finding(s)${scanned}`));
    for (const f of secrets) out.push(...renderFinding(f, st, width));
  }
  if (report.health) {
    out.push('');
    out.push(...renderHealth(report, st, width));
  }
  if (report.errors.length) {
    out.push('');
    out.push(...renderErrors(report, st, width));
  }
  out.push('');
  const counts = SEVERITIES.map((s) => [s, report.summary.bySeverity[s] ?? 0] as const).filter(([, n]) => n > 0);
  out.push(
    counts.length
      ? `${report.findings.length} finding(s): ${counts.map(([s, n]) => st.sev(s, `${n} ${s}`)).join(', ')}`
      : st.good('No findings.'),
  );
  return out.join('\n') + '\n';
}
