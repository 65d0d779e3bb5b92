import { parseToml, TomlError } from '../../core/toml.js';
import type { Note } from './types.js';

/**
 * Parse a TOML manifest with its line index, or null after adding a note with the line of the
 * first syntax error to `errors` (the manifest then yields nothing, and the scan goes on).
 */
export function openToml(text: string, errors: Note[]): { data: Record<string, unknown>; lines: TomlLines } | null {
  try {
    return { data: parseToml(text) as Record<string, unknown>, lines: new TomlLines(text) };
  } catch (err) {
    const line = err instanceof TomlError ? err.line : 1;
    const msg = (err as Error).message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
    errors.push({ line, reason: `invalid TOML: ${msg}` });
    return null;
  }
}

interface Header {
  keys: string[];
  line: number;
  array: boolean;
}

function splitKeys(s: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*(\.|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) && m[0]) {
    const k = m[1]!;
    out.push(k.startsWith('"') || k.startsWith("'") ? k.slice(1, -1) : k);
    if (!m[2]) break;
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Line numbers for values smol-toml parsed (it keeps none): table headers, then keys and string
 * literals searched within a table's lines. Good enough for the one-entry-per-line layout of
 * manifests and locks; when a value cannot be found, the table's header line is used.
 */
export class TomlLines {
  readonly lines: string[];
  private readonly headers: Header[] = [];

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
    this.lines.forEach((l, i) => {
      const m = /^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(l);
      if (m) this.headers.push({ keys: splitKeys(m[2]!), line: i + 1, array: m[1] === '[[' });
    });
  }

  /** Lines [start, end] of a table (its header line to the line before the next header); root table for []. */
  table(keys: string[], nth = 0): { start: number; end: number } | null {
    const same = (h: Header) => h.keys.length === keys.length && h.keys.every((k, i) => k === keys[i]);
    let seen = 0;
    for (let i = 0; i < this.headers.length; i++) {
      const h = this.headers[i]!;
      if (!same(h)) continue;
      if (seen++ < nth) continue;
      const next = this.headers[i + 1];
      return { start: h.line, end: next ? next.line - 1 : this.lines.length };
    }
    if (keys.length === 0) return { start: 1, end: this.headers[0] ? this.headers[0].line - 1 : this.lines.length };
    return null;
  }

  /** The line of `key =` inside a range (the key bare or quoted), or null. */
  key(range: { start: number; end: number }, key: string): number | null {
    const re = new RegExp(`^\\s*(?:"${escape(key)}"|'${escape(key)}'|${escape(key)})\\s*=`);
    return this.find(range.start, range.end, (l) => re.test(l));
  }

  /** The first line at or after `from` (up to `end`) holding the string literal `value`. */
  literal(from: number, end: number, value: string): number | null {
    const dq = JSON.stringify(value);
    const sq = `'${value}'`;
    return this.find(from, end, (l) => l.includes(dq) || l.includes(sq));
  }

  find(from: number, end: number, pred: (line: string) => boolean): number | null {
    for (let n = Math.max(1, from); n <= Math.min(end, this.lines.length); n++) if (pred(this.lines[n - 1]!)) return n;
    return null;
  }

  /** Where a table is defined: its own header, or `key =` / `key.` inside its parent. */
  locate(keys: string[]): { start: number; end: number } | null {
    const own = this.table(keys);
    if (own) return own;
    for (let cut = keys.length - 1; cut >= 0; cut--) {
      const parent = this.table(keys.slice(0, cut));
      if (!parent) continue;
      const rest = keys.slice(cut);
      const re = new RegExp(`^\\s*${rest.map((k) => `(?:"${escape(k)}"|'${escape(k)}'|${escape(k)})`).join('\\s*\\.\\s*')}\\s*[=.]`);
      const line = this.find(parent.start, parent.end, (l) => re.test(l));
      if (line) return { start: line, end: parent.end };
    }
    return null;
  }
}

export function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
