import type { Severity } from '../core/severity.js';

/** ANSI colours, applied only when the output is a TTY. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  sev(sev: Severity, s: string): string;
  good(s: string): string;
}

const wrap = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const SEV_CODE: Record<Severity, string> = { critical: '1;35', high: '1;31', medium: '33', unknown: '33', low: '36', info: '2' };

export function makeStyle(color: boolean): Style {
  if (!color) {
    const id = (s: string) => s;
    return { bold: id, dim: id, sev: (_v, s) => s, good: id };
  }
  return { bold: wrap('1'), dim: wrap('2'), sev: (v, s) => wrap(SEV_CODE[v])(s), good: wrap('32') };
}
