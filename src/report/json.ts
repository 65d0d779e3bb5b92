import type { ScanReport } from '../core/report.js';

/** The documented JSON contract (schema/pyvet-report.schema.json). */
export function renderJson(report: ScanReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/**
 * Objects this shallow are written member by member; deeper values by one JSON.stringify each, and the
 * items of an array by one JSON.stringify per batch: an item (a finding, a dependency, a function's
 * metrics) is small however long its array, and a call per item cost more than the stringify itself
 * on the stdlib's 54,732 function metrics.
 */
const SPLIT_DEPTH = 4;
const CHUNK = 1 << 16;
/** Array items stringified per call. */
const BATCH = 256;

/**
 * The text of renderJson in pieces of about 64 KB, for writing to a file: a stdlib report is 14 MB,
 * and one JSON.stringify of it held about 60 MB at the end of a scan (the builder's parts, the string,
 * its UTF-8 copy). Members of the outer levels are serialized one at a time with JSON.stringify's
 * own rules (toJSON, undefined members left out, undefined array items as null; an item's toJSON is
 * given its index in the batch, which no value of the report reads).
 */
export function* renderJsonChunks(report: ScanReport): Generator<string> {
  let buf = '';
  const parts: string[] = [];
  const out = (s: string): void => {
    buf += s;
    if (buf.length >= CHUNK) {
      parts.push(buf);
      buf = '';
    }
  };
  const resolve = (key: string, v: unknown): unknown =>
    v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON: (k: string) => unknown }).toJSON(key) : v;
  function* value(raw: unknown, v: unknown, depth: number): Generator<string> {
    const pad = '  '.repeat(depth);
    if (depth >= SPLIT_DEPTH || v === null || typeof v !== 'object') {
      const s = JSON.stringify(raw, null, 2) as string | undefined;
      out(s === undefined ? '' : depth ? s.replaceAll('\n', '\n' + pad) : s);
      return;
    }
    const inner = pad + '  ';
    if (Array.isArray(v)) {
      if (v.length === 0) {
        out('[]');
        return;
      }
      // Items a batch at a time: one stringify of a slice, re-indented once, is the same text as one per item.
      out('[');
      for (let i = 0; i < v.length; i += BATCH) {
        const s = JSON.stringify(v.slice(i, i + BATCH), null, 2);
        const body = s.slice(1, -2);
        out((i ? ',' : '') + (depth ? body.replaceAll('\n', '\n' + pad) : body));
        while (parts.length) yield parts.shift()!;
      }
      out('\n' + pad + ']');
      return;
    }
    const obj = v as Record<string, unknown>;
    let first = true;
    for (const k of Object.keys(obj)) {
      const m = resolve(k, obj[k]);
      if (m === undefined || typeof m === 'function' || typeof m === 'symbol') continue;
      out((first ? '{\n' : ',\n') + inner + JSON.stringify(k) + ': ');
      first = false;
      yield* value(obj[k], m, depth + 1);
      while (parts.length) yield parts.shift()!;
    }
    out(first ? '{}' : '\n' + pad + '}');
  }
  yield* value(report, resolve('', report), 0);
  while (parts.length) yield parts.shift()!;
  yield buf + '\n';
}
