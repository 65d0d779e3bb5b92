import type { ScanReport } from '../core/report.js';
import type { Finding } from '../core/finding.js';
import type { Severity } from '../core/severity.js';
import { allRules } from '../pipeline/rules.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error', high: 'error', medium: 'warning', unknown: 'warning', low: 'note', info: 'note',
};
// GitHub code scanning reads `security-severity` (a CVSS-like number) to rank security results.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5', high: '8.0', medium: '5.5', unknown: '5.0', low: '3.0', info: '1.0',
};

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}

/** The SARIF rule a finding maps to: an advisory id for vulnerable pins (one rule per advisory), else the rule id. */
function sarifRuleId(f: Finding): string {
  const adv = f.data?.advisory;
  return typeof adv === 'string' ? adv : f.rule;
}

/** SARIF 2.1.0 for GitHub code scanning: rule descriptors from rule metadata, locations at file:line. */
export function renderSarif(report: ScanReport): string {
  const meta = new Map(allRules().map((r) => [r.id, r]));
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  for (const f of report.findings) {
    const id = sarifRuleId(f);
    if (index.has(id)) continue;
    const m = meta.get(f.rule);
    const isAdvisory = id !== f.rule;
    const summary = isAdvisory ? String(f.data?.summary ?? f.message) : (m?.summary ?? f.message);
    const helpText = m ? `${m.docs.what}\n\nWhy: ${m.docs.why}\n\nFix: ${m.docs.fix}` : f.remediation;
    index.set(id, rules.length);
    rules.push({
      id,
      name: isAdvisory ? id : f.rule.replace(/[^A-Za-z0-9]+(.)?/g, (_x, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text: summary || id },
      ...(m ? { fullDescription: { text: m.docs.what } } : {}),
      help: { text: helpText },
      ...(isAdvisory ? { helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` } : {}),
      defaultConfiguration: { level: LEVEL[f.severity] },
      properties: {
        tags: ['security', f.rule.split('.')[0]],
        'security-severity': SECURITY_SEVERITY[f.severity],
        ...(isAdvisory ? { pyvetRule: f.rule } : {}),
      },
    });
  }
  const anchor = repositoryAnchor(report);
  const results = report.findings.map((f) => {
    // Code scanning shows a result only on a file: one about the repository as a whole goes on its README or manifest.
    const whole = !f.path || f.path === '.';
    const text = [f.message, f.redacted ? `Value: ${f.redacted}` : '', f.remediation ? `Fix: ${f.remediation}` : '']
      .filter(Boolean)
      .join(' ');
    return {
      ruleId: sarifRuleId(f),
      ruleIndex: index.get(sarifRuleId(f))!,
      level: LEVEL[f.severity],
      message: { text: relative(text, report.root) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(whole ? anchor : f.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: whole ? 1 : Math.max(1, f.line || 1), ...(f.column && !whole ? { startColumn: f.column } : {}) },
          },
        },
      ],
      partialFingerprints: { 'pyvet/v1': f.fingerprint },
      properties: {
        severity: f.severity,
        ...(whole ? { repositoryLevel: true } : {}),
        ...(f.commit ? { commit: f.commit, date: f.date } : {}),
      },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pyvet',
            version: report.version,
            semanticVersion: report.version,
            informationUri: 'https://github.com/pyvet/pyvet',
            rules,
          },
        },
        // No %SRCROOT% definition: the scanning machine's absolute path means nothing to the reader, and the
        // upload resolves relative URIs against the checkout.
        // Which OSV data the dependency results come from, and how old it is.
        ...(report.database ? { properties: { database: report.database } } : {}),
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.slice(0, 1000).map((e) => ({
              level: 'warning',
              message: { text: relative(e.message, report.root) },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(e.path), uriBaseId: '%SRCROOT%' }, ...(e.line ? { region: { startLine: e.line } } : {}) } }],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Strip the scanned root from a message: the SARIF file carries no absolute path of the machine that made it. */
function relative(text: string, root: string): string {
  return root && root !== '/' ? text.split(root + '/').join('').split(root).join('.') : text;
}

/**
 * The file a repository-level result attaches to: the README the health review found, else the first
 * dependency manifest, else the first file any finding points at (they all exist in the scanned tree).
 */
export function repositoryAnchor(report: ScanReport): string {
  const readme = report.health?.checks
    .flatMap((c) => c.evidence)
    .map((e) => e.path)
    .find((p): p is string => !!p && /^readme(\.\w+)?$/i.test(p));
  if (readme) return readme;
  const manifests = [...new Set(report.dependencies.map((d) => d.path))].sort((a, b) => a.split('/').length - b.split('/').length || (a.endsWith('pyproject.toml') ? -1 : 0));
  if (manifests[0]) return manifests[0];
  return report.findings.find((f) => f.path && f.path !== '.' && !f.commit)?.path ?? 'README.md';
}
