import type { ScanReport } from '../core/report.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html', 'cyclonedx'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color: boolean;
  /** Columns the text format fits (terminal width, COLUMNS); files get the default. */
  width?: number;
}

type Reporter = (report: ScanReport, opts: RenderOptions) => string;

/**
 * Every format wired to its reporter: a format without one fails to compile. Each is loaded when first
 * used, so that a run pays only for the formats it writes (the HTML and CycloneDX ones are heavy).
 */
const REPORTERS: Record<Format, () => Promise<Reporter>> = {
  text: async () => {
    const { renderText } = await import('./text.js');
    return (r, o) => renderText(r, { color: o.color, width: o.width });
  },
  json: async () => (await import('./json.js')).renderJson,
  sarif: async () => (await import('./sarif.js')).renderSarif,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  html: async () => {
    const { renderHtml } = await import('./html.js');
    return (r) => renderHtml(r);
  },
  cyclonedx: async () => (await import('./cyclonedx.js')).renderCycloneDx,
};

export async function render(format: Format, report: ScanReport, opts: RenderOptions): Promise<string> {
  return (await REPORTERS[format]())(report, opts);
}

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
