import type { ScanReport } from '../src/core/report.js';
import { fingerprint } from '../src/core/finding.js';

/** A small hand-built report covering every section, for reporter tests that must not depend on analyzers. */
export function sampleReport(): ScanReport {
  return {
    tool: 'pyvet',
    version: '0.1.0',
    root: '/tmp/svc',
    scannedAt: '2026-11-25T00:00:00.000Z',
    commit: null,
    sections: ['deps', 'secrets', 'health'],
    dependencies: [
      {
        name: 'django', version: '2.2.3', specifier: '==2.2.3', kind: 'pinned', group: 'main', path: 'requirements.txt', line: 2,
        vulns: [{ id: 'PYSEC-2019-13', aliases: ['CVE-2019-14232'], fixed: ['2.2.4'], severity: 'high', summary: 'Denial of service in Truncator' }],
        fix: '2.2.28',
      },
      { name: 'requests', version: null, specifier: '>=2', kind: 'range', group: 'main', path: 'requirements.txt', line: 3, vulns: [], fix: null },
    ],
    findings: [
      {
        rule: 'deps.vulnerable', severity: 'high', path: 'requirements.txt', line: 2,
        message: 'django 2.2.3 is affected by PYSEC-2019-13 (CVE-2019-14232)', remediation: 'upgrade to 2.2.28',
        fingerprint: fingerprint('deps.vulnerable', 'requirements.txt', 'django', 'PYSEC-2019-13'),
        data: { advisory: 'PYSEC-2019-13', summary: 'Denial of service in Truncator' },
      },
      {
        rule: 'secret.generic-credential', severity: 'high', path: 'app/<img src=x onerror=alert(1)>.py', line: 4, column: 12,
        message: 'password assigned a literal | pipe', remediation: 'rotate it and read it from the environment',
        fingerprint: fingerprint('secret.generic-credential', 'x'), redacted: 'Autu****',
      },
      {
        rule: 'health.bare-except', severity: 'low', path: 'app/core.py', line: 10,
        message: 'bare except hides errors', remediation: 'catch the exceptions you expect',
        fingerprint: fingerprint('health.bare-except', 'app/core.py', 'f'),
      },
    ],
    errors: [{ path: 'requirements-dev.txt', line: 7, message: 'unparseable requirement' }],
    secrets: { filesScanned: 3, bytesScanned: 300, skippedBinary: 0, skippedLarge: 0, suppressed: 0 },
    summary: {
      score: 72,
      bySeverity: { critical: 0, high: 2, medium: 0, low: 1, unknown: 0, info: 0 },
      byCategory: { deps: 1, secrets: 1, health: 1 },
      files: 3,
      durationMs: 12,
      phases: {},
    },
  };
}
