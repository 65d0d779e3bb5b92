import type { ScanReport } from '../core/report.js';
import { escapeStrings } from './escape.js';
import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES, bySeverity } from '../core/severity.js';
import { isAside, type Dependency } from '../deps/types.js';
import { makeStyle, type Style } from './style.js';
import { mergedVulns } from '../deps/merge.js';
import { groupSecretFindings } from '../secrets/group.js';
import { databaseLine, databaseSource, staleWarning } from '../deps/osv/provenance.js';

export interface TextOptions {
  color: boolean;
}

const WIDTH = 100;

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

/** file:line, or `(repository)` for findings about the project as a whole (path '.'). */
export function loc(f: { path: string; line?: number }): string {
  if (f.path === '.' || f.path === '') return '(repository)';
  return f.line ? `${f.path}:${f.line}` : f.path;
}

/**
 * Vulnerable dependencies, one block per manifest line (name, version, path:line): two pins of one
 * package are two blocks, each with its own advisories and its own upgrade.
 */
function renderDeps(deps: Dependency[], st: Style): string[] {
  const out: string[] = [];
  const vulnerable = deps
    .filter((d) => d.vulns.length > 0 && !isAside(d.role))
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.version ?? '', b.version ?? '') || cmp(a.path, b.path) || a.line - b.line);
  const packages = new Set(vulnerable.map((d) => d.name)).size;
  out.push(st.bold(`Dependencies: ${deps.length} declared, ${vulnerable.length} vulnerable pin(s) in ${packages} package(s)`));
  for (const d of vulnerable) {
    const fix = d.fix ? `upgrade to ${d.fix}` : 'no fixed version known';
    out.push('');
    out.push(`  ${st.bold(d.name)} ${d.version ?? d.specifier}  → ${st.good(fix)}  ${st.dim(`at ${loc(d)}`)}`);
    const vulns = mergedVulns(d).sort((a, b) => bySeverity(a.severity, b.severity) || a.id.localeCompare(b.id, 'en', { numeric: true }));
    for (const v of vulns) {
      const aliases = v.aliases.length ? ` (${v.aliases.join(', ')})` : '';
      const fixed = v.fixed.length ? ` fixed in ${v.fixed.join(', ')}` : '';
      out.push(`    ${st.sev(v.severity, v.severity.padEnd(8))} ${clip(`${v.id}${aliases}${fixed}`, WIDTH - 14)}`);
      if (v.summary) out.push(st.dim(`             ${clip(v.summary, WIDTH - 13)}`));
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function renderFinding(f: Finding, st: Style): string[] {
  const where = f.commit ? `${loc(f)} @ ${f.commit.slice(0, 10)}${f.date ? ` (${f.date.slice(0, 10)})` : ''}` : loc(f);
  const lines = [`  ${st.sev(f.severity, f.severity.padEnd(8))} ${st.bold(f.rule)}  ${where}`];
  lines.push(`           ${clip(f.message, WIDTH - 11)}`);
  if (f.redacted) lines.push(st.dim(`           value: ${f.redacted}  fingerprint: ${f.fingerprint.slice(0, 12)}`));
  else if (f.evidence) lines.push(st.dim(`           ${clip(f.evidence, WIDTH - 11)}`));
  if (f.remediation) lines.push(st.dim(`           fix: ${clip(f.remediation, WIDTH - 16)}`));
  return lines;
}

/** Terminal text, readable at 100 columns; coloured only when asked (on a TTY). */
export function renderText(raw: ScanReport, opts: TextOptions): string {
  // Names and text from the scanned repository must not drive the terminal or forge lines.
  const report = escapeStrings(raw);
  const st = makeStyle(opts.color);
  const out: string[] = [];
  out.push(st.bold(`pyvet ${report.version} — ${report.root}`));
  if (report.database) {
    out.push(st.dim(databaseLine(report.database, false)));
    const from = databaseSource(report.database);
    out.push(st.dim(`  ${from.length > WIDTH - 2 ? `…${from.slice(from.length - WIDTH + 3)}` : from}`));
  }
  if (report.sections.includes('deps')) {
    out.push('');
    out.push(...renderDeps(report.dependencies, st));
    const deps = report.findings.filter((f) => categoryOf(f.rule) === 'deps');
    const aside = deps.filter((f) => f.data?.role !== undefined);
    const supply = deps.filter((f) => f.data?.role === undefined && (f.rule === 'deps.malicious' || f.rule === 'deps.typosquat'));
    const other = deps.filter((f) => f.data?.role === undefined && f.rule !== 'deps.vulnerable' && !supply.includes(f));
    if (supply.length) {
      out.push('');
      out.push(st.bold(`Malicious and look-alike packages: ${supply.length} finding(s)`));
      for (const f of supply) out.push(...renderFinding(f, st));
    }
    if (other.length) {
      out.push('');
      out.push(st.bold(`Pinning discipline: ${other.length} finding(s)`));
      for (const f of other) out.push(...renderFinding(f, st));
    }
    if (aside.length) {
      out.push('');
      out.push(st.bold(`Fixtures, examples and docs: ${aside.length} finding(s), at info (not what the project installs)`));
      for (const f of aside) out.push(st.dim(`  ${f.rule}  ${loc(f)} (${String(f.data?.role)})`), `      ${clip(f.message, WIDTH - 6)}`);
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
    for (const f of single) out.push(...renderFinding(f, st));
    for (const g of groups) {
      const sev = g.findings[0]!.severity;
      out.push(`  ${st.sev(sev, sev.padEnd(8))} ${st.bold(g.title)}`, st.dim(`           ${clip(g.findings.map(loc).join(', '), WIDTH - 11)}`));
    }
  }
  if (report.health) {
    const h = report.health;
    out.push('');
    out.push(st.bold(`Health: ${h.score}/100`));
    const cats = Object.entries(h.categories).map(([c, v]) => `${c} ${Math.round(v)}/100`);
    if (cats.length) out.push(`  ${cats.join(' · ')}`);
    for (const c of h.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) {
      const ev = c.evidence[0];
      const where = ev?.path ? ` ${ev.path}${ev.line ? `:${ev.line}` : ''}` : '';
      out.push(`  ${c.status === 'fail' ? st.sev('high', 'fail') : st.sev('medium', 'warn')} ${c.score}/10 ${st.bold(c.id)}${st.dim(where)}`);
      if (ev) out.push(st.dim(`           ${clip(ev.message, WIDTH - 11)}`));
    }
  }
  if (report.skipped?.length) {
    out.push('');
    out.push(st.bold(`Read and left out on purpose: ${report.skipped.length}`));
    for (const e of report.skipped.slice(0, 20)) out.push(st.dim(`  ${e.path}${e.line ? `:${e.line}` : ''}: ${clip(e.message, WIDTH - 10)}`));
    if (report.skipped.length > 20) out.push(st.dim(`  … and ${report.skipped.length - 20} more (see the JSON report's skipped)`));
  }
  if (report.errors.length) {
    out.push('');
    out.push(st.bold(`Could not read ${report.errors.length} input(s):`));
    for (const e of report.errors.slice(0, 50)) out.push(`  ${e.path}${e.line ? `:${e.line}` : ''}: ${clip(e.message, WIDTH - 10)}`);
    if (report.errors.length > 50) out.push(`  … and ${report.errors.length - 50} more (see the JSON report)`);
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
