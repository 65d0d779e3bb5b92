import type { ScanReport } from '../core/report.js';

/** The documented JSON contract (schema/pyvet-report.schema.json). */
export function renderJson(report: ScanReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
