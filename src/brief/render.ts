import type { ScanReport } from '../core/report.js';

/** The brief as Markdown, to commit as HANDOFF.md. */
export function renderBriefMarkdown(report: ScanReport): string {
  return `# ${report.brief?.name ?? 'Handoff brief'}\n`;
}

/** The brief as a standalone HTML page (also embedded as a section of the scan report). */
export function renderBriefHtml(report: ScanReport): string {
  return `<!doctype html><meta charset="utf-8"><title>brief</title><h1>${report.brief?.name ?? ''}</h1>`;
}

/** The brief as a section (HTML fragment) of the scan's HTML report. */
export function renderBriefSection(report: ScanReport): string {
  return `<section id="brief"><h2>${report.brief?.name ?? ''}</h2></section>`;
}
