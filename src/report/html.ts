import type { ScanReport } from '../core/report.js';

/** Self-contained HTML report. */
export function renderHtml(report: ScanReport): string {
  return `<!doctype html><meta charset="utf-8"><title>pyvet</title><pre>${JSON.stringify(report.summary)}</pre>`;
}
