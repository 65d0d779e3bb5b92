/**
 * radon's raw metrics (`radon raw`), reproduced line for line: radon strips every line, then
 * tokenizes the shortest run of lines that forms complete tokens (open brackets, triple-quoted
 * strings and backslash continuations pull in the next line), and classifies each run.
 *
 * Lines are read as ranges of the source (no string per line, none per stripped line, no match
 * arrays): the tokenizer allocated a fifth of what the Python workers allocated.
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

// Tokens carry no position, so equal tokens are one shared object. Of the operators only `;` and `:`
// matter (radon's logical lines); `:=` and the rest are one token.
const OTHER: Tok = { t: 'other' };
const COMMENT: Tok = { t: 'comment' };
const NL: Tok = { t: 'nl' };
const END: Tok = { t: 'end' };
const STRING: Tok = { t: 'string', multiline: false };
const MULTILINE_STRING: Tok = { t: 'string', multiline: true };
const SEMICOLON: Tok = { t: 'op', v: ';' };
const COLON: Tok = { t: 'op', v: ':' };
const OP: Tok = { t: 'op', v: '' };

const NUMBER = /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/y;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** `[A-Za-z_\u00c0-\uffff]`, per UTF-16 unit. */
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0xc0;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c);
const isQuote = (c: number) => c === 34 || c === 39;

/** String.prototype.trim's characters that can be inside a line (the line breaks split it). */
function isTrimmed(c: number): boolean {
  return c === 32 || c === 9 || (c >= 0xa0 && (c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000));
}

/** Length of the line break at `i` (Python's str.splitlines separators), 0 when none. */
function lineBreak(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 10 || c === 11 || c === 12 || c === 0x1c || c === 0x1d || c === 0x1e || c === 0x85 || c === 0x2028 || c === 0x2029) return 1;
  if (c === 13) return s.charCodeAt(i + 1) === 10 ? 2 : 1;
  return 0;
}

/** A string prefix before a quote: `r`, `b`, `rb`, `f`… (`[rRuUbBfF]|[rR][bBfF]|[bBfF][rR]`). */
function isStringPrefix(s: string, from: number, to: number): boolean {
  const lower = (c: number) => c | 0x20;
  const a = lower(s.charCodeAt(from));
  if (to - from === 1) return a === 114 || a === 117 || a === 98 || a === 102;
  if (to - from !== 2) return false;
  const b = lower(s.charCodeAt(from + 1));
  return (a === 114 && (b === 98 || b === 102)) || ((a === 98 || a === 102) && b === 114);
}

/**
 * Tokenizer state carried from one line to the next, so that a run of lines is tokenized once
 * (radon re-tokenizes the whole run for each line it appends: quadratic on a 10,000-line literal).
 * One per module, reset for each run.
 */
class TokState {
  readonly toks: Tok[] = [];
  depth = 0;
  /** Inside a string that continues on the next line: its quote, whether tripled, whether it spans lines already. */
  inString = false;
  quote = 0;
  triple = false;
  multiline = false;
  /** The run can never complete (an unterminated single-quoted string): radon raises at EOF. */
  broken = false;
  /** The last line ended with a backslash continuation. */
  cont = false;

  reset(): void {
    this.toks.length = 0;
    this.depth = 0;
    this.inString = false;
    this.broken = false;
    this.cont = false;
  }

  /** The run is complete: no open bracket, string or continuation. */
  complete(): boolean {
    return !this.broken && !this.inString && this.depth <= 0 && !this.cont;
  }
}

/** Scan a string body from `j` to the line's end `n`; returns the index after the closing quote, or -1 when the line ends first. */
function scanString(s: string, j: number, n: number, st: TokState): number {
  const q = st.quote;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 92) {
      if (j + 1 >= n) {
        // backslash-newline inside a string: the string goes on
        st.multiline = true;
        return -1;
      }
      j += 2;
      continue;
    }
    if (c === q && (!st.triple || (j + 2 < n && s.charCodeAt(j + 1) === q && s.charCodeAt(j + 2) === q))) {
      st.toks.push(st.multiline ? MULTILINE_STRING : STRING);
      st.inString = false;
      return j + (st.triple ? 3 : 1);
    }
    j++;
  }
  if (!st.triple) st.broken = true; // a newline inside a single-quoted string
  st.multiline = true;
  return -1;
}

/** Feed one stripped line, `s` from `start` to `n`, to the tokenizer. */
function feedLine(s: string, start: number, n: number, st: TokState, first: boolean): void {
  if (!first && !st.inString) st.toks.push(NL);
  st.cont = false;
  let i = start;
  if (st.inString) {
    i = scanString(s, i, n, st);
    if (i < 0) return;
  }
  while (i < n) {
    const ch = s.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 12) {
      i++;
      continue;
    }
    if (ch === 35) {
      st.toks.push(COMMENT);
      return;
    }
    if (ch === 92) {
      if (i + 1 >= n) {
        st.cont = true;
        return;
      }
      st.toks.push(OP);
      i++;
      continue;
    }
    let quoteAt = i;
    if (isNameStart(ch)) {
      let after = i + 1;
      while (after < n && isNameChar(s.charCodeAt(after))) after++;
      if (after < n && isQuote(s.charCodeAt(after)) && isStringPrefix(s, i, after)) quoteAt = after;
      else {
        st.toks.push(OTHER);
        i = after;
        continue;
      }
    }
    const q = s.charCodeAt(quoteAt);
    if (isQuote(q)) {
      const triple = quoteAt + 2 < n && s.charCodeAt(quoteAt + 1) === q && s.charCodeAt(quoteAt + 2) === q;
      st.inString = true;
      st.quote = q;
      st.triple = triple;
      st.multiline = false;
      i = scanString(s, quoteAt + (triple ? 3 : 1), n, st);
      if (i < 0) return;
      continue;
    }
    if (isDigit(ch) || (ch === 46 && i + 1 < n && isDigit(s.charCodeAt(i + 1)))) {
      // A number cannot run past the stripped line: what follows it is blank or a line break.
      NUMBER.lastIndex = i;
      if (NUMBER.test(s) && NUMBER.lastIndex > i) {
        st.toks.push(OTHER);
        i = NUMBER.lastIndex;
        continue;
      }
    }
    if (ch === 40 || ch === 91 || ch === 123) st.depth++;
    else if (ch === 41 || ch === 93 || ch === 125) st.depth--;
    if (ch === 58 && i + 1 < n && s.charCodeAt(i + 1) === 61) {
      st.toks.push(OP);
      i += 2;
      continue;
    }
    st.toks.push(ch === 59 ? SEMICOLON : ch === 58 ? COLON : OP);
    i++;
  }
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
    if (t === null || t === SEMICOLON) {
      if (colon >= 0) total += colon === count - 2 ? 1 : 2;
      else if (code) total += 1;
      count = 0;
      colon = -1;
      code = false;
    } else if (t !== COMMENT && t !== NL) {
      if (t === COLON) colon = count;
      if (t !== END) code = true;
      count++;
    }
  }
  return total;
}

function isSingle(toks: readonly Tok[], kind: Tok['t']): boolean {
  if (toks[0]?.t !== kind) return false;
  for (let k = 1; k < toks.length; k++) if (toks[k] !== NL && toks[k] !== END) return false;
  return true;
}

/** The lines of a source as str.splitlines cuts them, each stripped: a range, no string. */
class Lines {
  /** Where the next line starts; a last line break ends the last line, it does not start an empty one. */
  pos = 0;
  start = 0;
  end = 0;
  constructor(readonly s: string) {}

  more(): boolean {
    return this.pos < this.s.length;
  }

  next(): void {
    const s = this.s;
    let end = this.pos;
    let brk = 0;
    while (end < s.length && (brk = lineBreak(s, end)) === 0) end++;
    let a = this.pos;
    let b = end;
    while (a < b && isTrimmed(s.charCodeAt(a))) a++;
    while (b > a && isTrimmed(s.charCodeAt(b - 1))) b--;
    this.start = a;
    this.end = b;
    this.pos = end + brk;
  }
}

/** Raw metrics of a module, or null where radon raises SyntaxError (a run of lines never completes). */
export function rawMetrics(source: string): RawMetrics | null {
  const m: RawMetrics = { loc: 0, lloc: 0, sloc: 0, comments: 0, multi: 0, blank: 0, singleComments: 0 };
  const st = new TokState();
  const lines = new Lines(source);
  while (lines.more()) {
    st.reset();
    lines.next();
    // Stripped lines of the run that hold something, and blank ones.
    let filled = lines.end > lines.start ? 1 : 0;
    let blank = 1 - filled;
    feedLine(source, lines.start, lines.end, st, true);
    while (!st.complete()) {
      if (!lines.more()) return null;
      lines.next();
      if (lines.end > lines.start) filled++;
      else blank++;
      feedLine(source, lines.start, lines.end, st, false);
    }
    const toks = st.toks;
    toks.push(END);
    for (let k = 0; k < toks.length; k++) if (toks[k] === COMMENT) m.comments++;
    if (isSingle(toks, 'comment')) m.singleComments++;
    else if (isSingle(toks, 'string')) {
      if (!toks[0]!.multiline) m.singleComments++;
      else {
        m.multi += filled;
        m.blank += blank;
      }
    } else {
      m.sloc += filled;
      m.blank += blank;
    }
    m.lloc += logical(toks);
  }
  m.loc = m.sloc + m.blank + m.multi + m.singleComments;
  return m;
}
