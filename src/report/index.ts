import type { ScanReport } from '../core/report.js';
import { renderText } from './text.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderMarkdown } from './markdown.js';
import { renderHtml } from './html.js';
import { renderCycloneDx } from './cyclonedx.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html', 'cyclonedx'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color: boolean;
}

type Reporter = (report: ScanReport, opts: RenderOptions) => string;

/** Every format wired to its reporter: a format without one fails to compile. */
export const REPORTERS: Record<Format, Reporter> = {
  text: (r, o) => renderText(r, { color: o.color }),
  json: (r) => renderJson(r),
  sarif: (r) => renderSarif(r),
  markdown: (r) => renderMarkdown(r),
  html: (r) => renderHtml(r),
  cyclonedx: (r) => renderCycloneDx(r),
};

/** File name each format is written to under --output-dir. */
export const FILE_NAMES: Record<Format, string> = {
  text: 'pyvet.txt',
  json: 'pyvet.json',
  sarif: 'pyvet.sarif',
  markdown: 'pyvet.md',
  html: 'pyvet.html',
  cyclonedx: 'pyvet.cdx.json',
};

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}
