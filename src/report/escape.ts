/**
 * Characters that would act on a terminal or a Markdown viewer instead of being shown: C0 and C1
 * controls (ESC starts ANSI sequences, CR and LF start a forged line) and the Unicode bidirectional
 * overrides and isolates (text shown in another order than it is).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const HAS_CONTROL = new RegExp(CONTROL.source);

/** A string from the scanned repository, safe to print: each control character as a visible escape (`\x1b`, `\n`, `\u202e`). */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** A copy of a report (or any JSON value) with every string passed through escapeControl, for the text and Markdown reporters. */
export function escapeStrings<T>(value: T): T {
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return HAS_CONTROL.test(v) ? escapeControl(v) : v;
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = visit(x);
      return out;
    }
    return v;
  };
  return visit(value) as T;
}
