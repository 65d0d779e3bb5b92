import type { ScanReport } from '../core/report.js';
import { escapeStrings } from './escape.js';
import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES } from '../core/severity.js';
import { mergedVulns } from '../deps/merge.js';
import { isAside } from '../deps/types.js';
import { loc } from './text.js';
import { databaseLine, staleWarning } from '../deps/osv/provenance.js';

/** Markdown cells: no pipes or newlines, HTML-significant characters escaped (PR comments render HTML). */
export function mdCell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_|[\]]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

function table(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function findingRows(fs: Finding[]): string[][] {
  return fs.map((f) => [
    f.severity,
    `\`${f.rule}\``,
    mdCell(`${loc(f)}${f.commit ? ` @ ${f.commit.slice(0, 10)}` : ''}`),
    mdCell(f.message + (f.redacted ? ` (${f.redacted})` : '')),
    mdCell(f.remediation),
  ]);
}

function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Markdown that fits a PR comment: a summary table, then details in collapsible sections. */
export function renderMarkdown(raw: ScanReport): string {
  // Names and text from the scanned repository must not drive the terminal or forge lines.
  const report = escapeStrings(raw);
  const out: string[] = [];
  out.push(`## pyvet report`);
  out.push('');
  const sevCounts = SEVERITIES.map((s) => report.summary.bySeverity[s] ?? 0);
  const summaryRows: string[][] = [];
  if (report.summary.score !== null) summaryRows.push(['Health score', `**${report.summary.score}/100**`]);
  summaryRows.push(['Findings', String(report.findings.length)]);
  SEVERITIES.forEach((s, i) => {
    if (sevCounts[i]) summaryRows.push([s, String(sevCounts[i])]);
  });
  if (report.sections.includes('deps')) {
    summaryRows.push(['Dependencies', `${report.dependencies.length} declared, ${report.dependencies.filter((d) => d.vulns.length && !isAside(d.role)).length} vulnerable`]);
  }
  out.push(table(['', ''], summaryRows));
  out.push('');
  if (report.database) {
    const stale = staleWarning(report.database);
    out.push(`${stale ? `**Warning:** ${mdCell(stale)}. ` : ''}${mdCell(databaseLine(report.database))}`);
    out.push('');
  }
  const vulnerable = report.dependencies.filter((d) => d.vulns.length && !isAside(d.role));
  if (vulnerable.length) {
    const rows = vulnerable.map((d) => [
      `\`${d.name}\``,
      d.version ?? mdCell(d.specifier),
      mdCell(`${d.path}:${d.line}`),
      mergedVulns(d).map((v) => `${v.id} (${v.severity})`).join('<br>'),
      d.fix ?? 'none known',
    ]);
    out.push(details(`Vulnerable dependencies (${vulnerable.length})`, table(['Package', 'Version', 'Where', 'Advisories', 'Upgrade to'], rows)));
    out.push('');
  }
  for (const [cat, title] of [['secrets', 'Secrets'], ['deps', 'Dependency findings'], ['health', 'Health findings']] as const) {
    const fs = report.findings.filter((f) => categoryOf(f.rule) === cat);
    if (!fs.length) continue;
    out.push(details(`${title} (${fs.length})`, table(['Severity', 'Rule', 'Where', 'What', 'Fix'], findingRows(fs))));
    out.push('');
  }
  if (report.health) {
    const rows = report.health.checks.map((c) => [c.status, `\`${c.id}\``, `${c.score}/10`, mdCell(c.evidence[0]?.message ?? '')]);
    out.push(details(`Health checks (score ${report.health.score}/100)`, table(['Status', 'Check', 'Score', 'Evidence'], rows)));
    out.push('');
  }
  if (report.errors.length) {
    const rows = report.errors.slice(0, 100).map((e) => [mdCell(`${e.path}${e.line ? `:${e.line}` : ''}`), mdCell(e.message)]);
    out.push(details(`Inputs that could not be read (${report.errors.length})`, table(['Where', 'Problem'], rows)));
    out.push('');
  }
  out.push(`<sub>pyvet ${report.version} · ${report.scannedAt}</sub>`);
  return out.join('\n') + '\n';
}
