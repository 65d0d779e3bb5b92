/**
 * Markdown (as pyvet writes it: headings, paragraphs, lists, pipe tables, fenced blocks) laid out for a
 * terminal: headings underlined, tables as aligned columns cut to the width, long tables and lists cut
 * with a count of what was left out. `pyvet brief` prints this; `-o FILE` keeps the Markdown.
 */
import { makeStyle } from './style.js';
import { clip, DEFAULT_WIDTH, wrap } from './terminal.js';

export interface MarkdownTerminalOptions {
  width?: number;
  color?: boolean;
  /** Rows shown per table and items per list before "+N more". */
  maxRows?: number;
  /** Said after "+N more": where the reader finds the rest. */
  moreHint?: string;
}

const LINK = /(?<!\\)\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)/g;

/** Markdown inline syntax to plain text: link texts, no backticks, emphasis or escapes. */
export function inlineText(s: string): string {
  return s
    .replace(/\s+—\s+\[evidence\]\([^)]*\)/g, '') // links into the HTML report mean nothing in a terminal
    .replace(LINK, '$1')
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/(?<!\\)`((?:\\`|[^`])*?)(?<!\\)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => inlineText(c.trim()));
}

/** Column widths that fit `width`: the widest column gives up room first, none below 6. */
function fitColumns(widths: number[], width: number, gap: number, indent: number): number[] {
  const w = [...widths];
  const total = () => indent + w.reduce((a, b) => a + b, 0) + gap * (w.length - 1);
  while (total() > width) {
    const max = Math.max(...w);
    if (max <= 6) break;
    w[w.indexOf(max)] = max - 1;
  }
  return w;
}

export function markdownToTerminal(md: string, opts: MarkdownTerminalOptions = {}): string {
  const width = opts.width ?? DEFAULT_WIDTH;
  const maxRows = opts.maxRows ?? 10;
  const st = makeStyle(!!opts.color);
  const more = (n: number, what: string) => st.dim(`  … +${n} more ${what}${opts.moreHint ? ` (${opts.moreHint})` : ''}`);
  const out: string[] = [];
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      if (fence[1] === 'mermaid') out.push(...wrap('(diagram not shown in the terminal: the Markdown and HTML briefs have it)', width, '   ', '  ').map(st.dim));
      else for (const b of body) out.push('    ' + clip(b, width - 4));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = inlineText(heading[2]!);
      blank();
      out.push(st.bold(text));
      if (heading[1]!.length <= 2) out.push((heading[1]!.length === 1 ? '═' : '─').repeat(Math.min(text.length, width)));
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.startsWith('|'); i++) {
        if (!/^\|[\s:|-]+\|?$/.test(lines[i]!)) rows.push(cells(lines[i]!));
      }
      i--;
      const [head, ...body] = rows;
      if (!head) continue;
      const shown = body.slice(0, maxRows);
      const n = head.length;
      const widths = Array.from({ length: n }, (_, c) => Math.max(...[head, ...shown].map((r) => (r[c] ?? '').length)));
      const fit = fitColumns(widths, width, 2, 2);
      // A path keeps its end (file and line), anything else its start.
      const cut = (v: string, w: number) => (v.length > w && /^\S*\/\S*$/.test(v) ? '…' + v.slice(v.length - w + 1) : clip(v, w));
      const fmt = (r: string[]) => '  ' + fit.map((w, c) => cut(r[c] ?? '', w).padEnd(w)).join('  ').trimEnd();
      out.push(st.bold(fmt(head)));
      for (const r of shown) out.push(fmt(r));
      if (body.length > shown.length) out.push(more(body.length - shown.length, 'rows'));
      continue;
    }
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      // One list: this item and the ones after it at the same depth.
      const depth = item[1]!.length;
      let shownItems = 0;
      let hidden = 0;
      for (; i < lines.length; i++) {
        const m = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(lines[i]!);
        if (!m || m[1]!.length !== depth) break;
        if (shownItems >= maxRows) {
          hidden++;
          continue;
        }
        const bullet = m[2] === '-' || m[2] === '*' ? '•' : m[2]!;
        const pad = ' '.repeat(2 + depth);
        out.push(...wrap(inlineText(m[3]!), width, pad + ' '.repeat(bullet.length + 1), `${pad}${bullet} `));
        shownItems++;
      }
      i--;
      if (hidden) out.push(more(hidden, 'items'));
      continue;
    }
    if (!line.trim()) {
      blank();
      continue;
    }
    out.push(...wrap(inlineText(line), width));
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
