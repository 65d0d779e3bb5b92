import type { ScanReport } from '../src/core/report.js';
import type { Finding } from '../src/core/finding.js';
import { categoryOf, fingerprint } from '../src/core/finding.js';
import { SEVERITIES } from '../src/core/severity.js';

/** A payload that sets window.__pwned if any sink renders it as HTML or runs it as script. */
export const XSS_NAME = `<img src=x onerror="window.__pwned=1">`;
export const XSS_SCRIPT = `<script>window.__pwned=2</script>`;

export function finding(over: Partial<Finding> & { rule: string }): Finding {
  const f: Finding = {
    severity: 'medium',
    path: 'app/main.py',
    line: 1,
    message: 'something is wrong',
    remediation: 'fix it',
    fingerprint: '',
    ...over,
  };
  if (!f.fingerprint) f.fingerprint = fingerprint(f.rule, f.path, f.message);
  return f;
}

/** Recount the summary from the findings, as the pipeline does. */
export function summarize(report: ScanReport): ScanReport {
  const bySeverity: Record<string, number> = {};
  const byCategory: Record<string, number> = { deps: 0, secrets: 0, health: 0 };
  for (const s of SEVERITIES) bySeverity[s] = 0;
  for (const f of report.findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    const c = categoryOf(f.rule);
    byCategory[c] = (byCategory[c] ?? 0) + 1;
  }
  report.summary.bySeverity = bySeverity;
  report.summary.byCategory = byCategory;
  return report;
}

/** A realistic full report: deps with a vulnerability and fix, a redacted secret, health with metrics and hotspots, history. */
export function fullReport(over: Partial<ScanReport> = {}): ScanReport {
  const secret = 'ghp_' + 'A'.repeat(36);
  const findings: Finding[] = [
    finding({
      rule: 'deps.vulnerable',
      severity: 'high',
      path: 'requirements.txt',
      line: 3,
      message: 'requests 2.19.0 has 2 known vulnerabilities (GHSA-x84v-xcm2-53pg, PYSEC-2018-28)',
      remediation: 'Upgrade requests to 2.31.0 or later.',
      evidence: 'requests==2.19.0',
      data: { advisories: ['GHSA-x84v-xcm2-53pg'], fix: '2.31.0' },
    }),
    finding({
      rule: 'secret.github-pat',
      severity: 'critical',
      path: 'config/settings.py',
      line: 12,
      message: 'GitHub personal access token',
      remediation: 'Revoke the token on GitHub and load it from the environment.',
      evidence: `GITHUB_TOKEN = "ghp_AAAA…"`,
      redacted: `${secret.slice(0, 8)}…`,
    }),
    finding({
      rule: 'health.complex-function',
      severity: 'low',
      path: 'app/views.py',
      line: 40,
      message: 'handle_request has cyclomatic complexity 23',
      remediation: 'Split the function.',
      evidence: 'complexity 23 > 15',
    }),
    finding({ rule: 'health.bare-except', severity: 'medium', path: 'app/util.py', line: 7, message: 'bare except swallows every error', remediation: 'Catch the exceptions you expect.' }),
    finding({ rule: 'health.no-tests', severity: 'info', path: '.', line: 0, message: 'no test suite found', remediation: 'Add tests under tests/.' }),
  ];
  const report: ScanReport = {
    tool: 'pyvet',
    version: '0.1.0',
    root: '/home/dev/shop',
    scannedAt: '2026-03-01T10:00:00.000Z',
    commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    sections: ['deps', 'secrets', 'health', 'brief'],
    dependencies: [
      {
        name: 'requests',
        version: '2.19.0',
        specifier: '==2.19.0',
        kind: 'pinned',
        group: 'main',
        path: 'requirements.txt',
        line: 3,
        source: 'requirements',
        vulns: [
          { id: 'GHSA-x84v-xcm2-53pg', aliases: ['CVE-2018-18074'], fixed: ['2.20.0'], severity: 'high', score: 7.5, summary: 'Insufficiently protected credentials' },
          { id: 'PYSEC-2023-74', aliases: ['CVE-2023-32681'], fixed: ['2.31.0'], severity: 'medium', score: 6.1, summary: 'Proxy-Authorization header leak' },
        ],
        fix: '2.31.0',
      },
      { name: 'flask', version: '3.0.0', specifier: '==3.0.0', kind: 'pinned', group: 'main', path: 'requirements.txt', line: 1, source: 'requirements', vulns: [], fix: null },
      { name: 'pytest', version: null, specifier: '>=7', kind: 'range', group: 'dev', path: 'pyproject.toml', line: 20, source: 'pyproject-pep621', vulns: [], fix: null },
    ],
    findings,
    errors: [{ path: 'broken/setup.cfg', line: 4, message: 'invalid section header' }],
    secrets: { filesScanned: 40, bytesScanned: 120_000, skippedBinary: 2, skippedLarge: 0, suppressed: 1 },
    health: {
      score: 72,
      categories: { tests: 40, ci: 90, docs: 75, dependencies: 60, structure: 80, history: 70, security: 50 },
      checks: [
        { id: 'tests.present', category: 'tests', score: 4, status: 'warn', evidence: [{ message: 'no test suite found' }], remediation: 'Add tests.' },
        { id: 'ci.present', category: 'ci', score: 9, status: 'pass', evidence: [{ path: '.github/workflows/ci.yml', message: 'GitHub Actions workflow' }], remediation: '' },
      ],
      metrics: {
        functions: [
          { path: 'app/views.py', name: 'handle_request', line: 40, endLine: 120, complexity: 23 },
          { path: 'app/views.py', name: 'index', line: 10, endLine: 14, complexity: 1 },
          { path: 'app/util.py', name: 'parse', line: 3, endLine: 30, complexity: 8 },
          { path: 'app/util.py', name: 'fmt', line: 32, endLine: 36, complexity: 2 },
          { path: 'app/models.py', name: 'save', line: 5, endLine: 25, complexity: 12 },
        ],
        modules: [{ path: 'app/views.py', module: 'app.views', maintainability: 55, loc: 200 }],
        imports: { cycles: [['app.a', 'app.b']], undeclared: [], unused: [], devOnlyInProduction: [], edges: [['app.a', 'app.b'], ['app.b', 'app.a']], modules: [] },
        envVars: [],
        git: {
          commits: 120,
          authors: 3,
          busFactor: 1,
          knowledgeIslands: ['app/views.py'],
          firstCommit: '2025-01-01T00:00:00Z',
          lastCommit: '2026-03-01T00:00:00Z',
          files: [],
          blamed: 3,
          blameCapped: false,
          hotspots: [
            { path: 'app/views.py', churn: 40, complexity: 23 },
            { path: 'app/util.py', churn: 12, complexity: 8 },
            { path: 'app/models.py', churn: 5, complexity: 12 },
          ],
        },
      },
    },
    history: [
      { id: 1, scannedAt: '2026-01-01T10:00:00.000Z', commit: '1111111111111111111111111111111111111111', score: 60, bySeverity: { critical: 1, high: 2, medium: 3 }, findings: 9 },
      { id: 2, scannedAt: '2026-02-01T10:00:00.000Z', commit: '2222222222222222222222222222222222222222', score: 66, bySeverity: { critical: 1, high: 1, medium: 2 }, findings: 7 },
      { id: 3, scannedAt: '2026-03-01T10:00:00.000Z', commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', score: 72, bySeverity: { critical: 1, high: 1, medium: 1 }, findings: 5 },
    ],
    summary: { score: 72, bySeverity: {}, byCategory: {}, files: 42, durationMs: 1234, phases: { walk: 10, deps: 50, secrets: 300, health: 800 } },
    ...over,
  };
  return summarize(report);
}

/** The smallest report: a folder that is not a repository, nothing found, no health. */
export function emptyReport(over: Partial<ScanReport> = {}): ScanReport {
  return summarize({
    tool: 'pyvet',
    version: '0.1.0',
    root: '/tmp/empty',
    scannedAt: '2026-03-01T10:00:00.000Z',
    commit: null,
    sections: ['deps'],
    dependencies: [],
    findings: [],
    errors: [],
    summary: { score: null, bySeverity: {}, byCategory: {}, files: 0, durationMs: 3, phases: {} },
    ...over,
  });
}

/** A report whose repository-controlled strings all carry script payloads. */
export function hostileReport(): ScanReport {
  const r = fullReport({ root: `/tmp/${XSS_SCRIPT}` });
  r.findings.push(
    finding({ rule: 'health.bare-except', severity: 'high', path: `${XSS_NAME}.py`, line: 2, message: `bare except in ${XSS_SCRIPT}`, remediation: XSS_NAME, evidence: `</script>${XSS_SCRIPT}\u2028` }),
  );
  r.dependencies.push({ name: XSS_NAME, version: XSS_SCRIPT, specifier: XSS_SCRIPT, kind: 'pinned', group: 'main', path: `${XSS_NAME}.txt`, line: 1, vulns: [{ id: XSS_SCRIPT, aliases: [], fixed: [], severity: 'high', summary: XSS_NAME }], fix: XSS_NAME });
  r.health!.metrics.git!.hotspots.push({ path: `${XSS_NAME}.py`, churn: 3, complexity: 4 });
  r.health!.metrics.functions.push({ path: `${XSS_NAME}.py`, name: XSS_SCRIPT, line: 1, endLine: 2, complexity: 30 });
  r.errors.push({ path: XSS_NAME, message: XSS_SCRIPT });
  return summarize(r);
}
