/**
 * What may be shown of a secret: a short prefix, then a mask. Short values show less (a
 * 10-character password shows one character); nothing here ever returns the value whole.
 */
export function redact(value: string): string {
  const n = value.length >= 20 ? 4 : value.length >= 12 ? 2 : value.length >= 8 ? 1 : 0;
  return value.slice(0, n) + '****';
}

const EVIDENCE_WIDTH = 160;

/** The line with each [start, end) span replaced by its mask, clipped around the first span. */
export function maskLine(line: string, spans: { start: number; end: number; mask: string }[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  let focus = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += line.slice(at, s.start);
    if (s === sorted[0]) focus = out.length;
    out += s.mask;
    at = s.end;
  }
  out += line.slice(at);
  const lead = out.length - out.trimStart().length;
  out = out.trim();
  focus = Math.max(0, focus - lead);
  if (out.length <= EVIDENCE_WIDTH) return out;
  const from = Math.max(0, Math.min(focus - 60, out.length - EVIDENCE_WIDTH));
  return (from > 0 ? '…' : '') + out.slice(from, from + EVIDENCE_WIDTH) + '…';
}
