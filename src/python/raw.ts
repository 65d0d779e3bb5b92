/**
 * radon's raw metrics (`radon raw`), reproduced line for line: radon strips every line, then
 * tokenizes the shortest run of lines that forms complete tokens (open brackets, triple-quoted
 * strings and backslash continuations pull in the next line), and classifies each run.
 */
export interface RawMetrics {
  loc: number;
  lloc: number;
  sloc: number;
  comments: number;
  multi: number;
  blank: number;
  singleComments: number;
}

type Tok = { readonly t: 'comment' | 'string' | 'op' | 'other' | 'nl' | 'end'; readonly v?: string; readonly multiline?: boolean };

// Tokens carry no position, so equal tokens are one shared object: a module of 10,000 lines made
// a token object per name, number and operator.
const OTHER: Tok = { t: 'other' };
const COMMENT: Tok = { t: 'comment' };
const NL: Tok = { t: 'nl' };
const END: Tok = { t: 'end' };
const STRING: Tok = { t: 'string', multiline: false };
const MULTILINE_STRING: Tok = { t: 'string', multiline: true };
const OPS = new Map<string, Tok>();
const op = (v: string): Tok => {
  let t = OPS.get(v);
  if (!t) OPS.set(v, (t = { t: 'op', v }));
  return t;
};

const PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;
const NAME = /[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*/y;
const NUMBER = /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/y;

/**
 * Tokenizer state carried from one line to the next, so that a run of lines is tokenized once
 * (radon re-tokenizes the whole run for each line it appends: quadratic on a 10,000-line literal).
 */
interface TokState {
  toks: Tok[];
  depth: number;
  /** Inside a string that continues on the next line. */
  str: { q: string; triple: boolean; multiline: boolean } | null;
  /** The run can never complete (an unterminated single-quoted string): radon raises at EOF. */
  broken: boolean;
  /** The last line ended with a backslash continuation. */
  cont: boolean;
}

function newState(): TokState {
  return { toks: [], depth: 0, str: null, broken: false, cont: false };
}

/** Scan a string body from `j`; returns the index after the closing quote, or -1 when the line ends first. */
function scanString(buf: string, j: number, st: TokState): number {
  const s = st.str!;
  const n = buf.length;
  while (j < n) {
    const c = buf[j]!;
    if (c === '\\') {
      if (j + 1 >= n) {
        // backslash-newline inside a string: the string goes on
        s.multiline = true;
        return -1;
      }
      j += 2;
      continue;
    }
    if (c === s.q && (!s.triple || buf.startsWith(s.q.repeat(3), j))) {
      st.toks.push(s.multiline ? MULTILINE_STRING : STRING);
      st.str = null;
      return j + (s.triple ? 3 : 1);
    }
    j++;
  }
  if (!s.triple) st.broken = true; // a newline inside a single-quoted string
  s.multiline = true;
  return -1;
}

/** Feed one (stripped) line to the tokenizer. */
function feedLine(buf: string, st: TokState, first: boolean): void {
  if (!first && !st.str) st.toks.push(NL);
  st.cont = false;
  let i = 0;
  const n = buf.length;
  if (st.str) {
    i = scanString(buf, 0, st);
    if (i < 0) return;
  }
  while (i < n) {
    const ch = buf[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '#') {
      st.toks.push(COMMENT);
      return;
    }
    if (ch === '\\') {
      if (i + 1 >= n) {
        st.cont = true;
        return;
      }
      st.toks.push(op(ch));
      i++;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(buf);
    let quoteAt = i;
    if (name) {
      const after = i + name[0].length;
      if ((buf[after] === '"' || buf[after] === "'") && PREFIX.test(name[0])) quoteAt = after;
      else {
        st.toks.push(OTHER);
        i = after;
        continue;
      }
    }
    const q = buf[quoteAt];
    if (q === '"' || q === "'") {
      const triple = buf.startsWith(q.repeat(3), quoteAt);
      st.str = { q, triple, multiline: false };
      i = scanString(buf, quoteAt + (triple ? 3 : 1), st);
      if (i < 0) return;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = /[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(buf[i + 1] ?? '')) ? NUMBER.exec(buf) : null;
    if (num && num[0].length > 0) {
      st.toks.push(OTHER);
      i += num[0].length;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') st.depth++;
    else if (ch === ')' || ch === ']' || ch === '}') st.depth--;
    if (ch === ':' && buf[i + 1] === '=') {
      st.toks.push(op(':='));
      i += 2;
      continue;
    }
    st.toks.push(op(ch));
    i++;
  }
}

/** The run is complete: no open bracket, string or continuation. */
function complete(st: TokState): boolean {
  return !st.broken && st.str === null && st.depth <= 0 && !st.cont;
}

/** radon's `_logical`: per `;`-separated part, 2 when a `:` is followed by more code, else 1 (0 when empty). */
function logical(toks: readonly Tok[]): number {
  let total = 0;
  // Per part, over its tokens other than comments and newlines: how many, where the last `:` is, and
  // whether any is not the end marker. (No closure for the part's end: one made per call kept the
  // optimizing compiler deoptimizing at its call.)
  let count = 0;
  let colon = -1;
  let code = false;
  for (let i = 0; i <= toks.length; i++) {
    const t = i < toks.length ? toks[i]! : null;
    if (t === null || (t.t === 'op' && t.v === ';')) {
      if (colon >= 0) total += colon === count - 2 ? 1 : 2;
      else if (code) total += 1;
      count = 0;
      colon = -1;
      code = false;
    } else if (t.t !== 'comment' && t.t !== 'nl') {
      if (t.t === 'op' && t.v === ':') colon = count;
      if (t.t !== 'end') code = true;
      count++;
    }
  }
  return total;
}

function isSingle(toks: readonly Tok[], kind: Tok['t']): boolean {
  if (toks[0]?.t !== kind) return false;
  for (let k = 1; k < toks.length; k++) if (toks[k]!.t !== 'nl' && toks[k]!.t !== 'end') return false;
  return true;
}

/** Python's str.splitlines separators. */
const LINE_SPLIT = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Raw metrics of a module, or null where radon raises SyntaxError (a run of lines never completes). */
export function rawMetrics(source: string): RawMetrics | null {
  const lines = source.split(LINE_SPLIT);
  if (lines.length && lines[lines.length - 1] === '' && /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]$/.test(source)) lines.pop();
  if (source === '') lines.length = 0;
  const m: RawMetrics = { loc: 0, lloc: 0, sloc: 0, comments: 0, multi: 0, blank: 0, singleComments: 0 };
  let i = 0;
  while (i < lines.length) {
    const used = [lines[i]!.trim()];
    const st = newState();
    feedLine(used[0]!, st, true);
    i++;
    while (!complete(st)) {
      if (i >= lines.length) return null;
      const next = lines[i]!.trim();
      used.push(next);
      feedLine(next, st, false);
      i++;
    }
    const toks = st.toks;
    toks.push(END);
    for (const t of toks) if (t === COMMENT) m.comments++;
    if (isSingle(toks, 'comment')) m.singleComments++;
    else if (isSingle(toks, 'string')) {
      if (!toks[0]!.multiline) m.singleComments++;
      else
        for (const l of used) {
          if (l) m.multi++;
          else m.blank++;
        }
    } else
      for (const l of used) {
        if (l) m.sloc++;
        else m.blank++;
      }
    m.lloc += logical(toks);
  }
  m.loc = m.sloc + m.blank + m.multi + m.singleComments;
  return m;
}
