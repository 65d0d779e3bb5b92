import { assignments, type Assignment } from './assign.js';
import { fileKind, type FileKind } from './file-kind.js';
import { maskLine, redact } from './redact.js';
import type { MatchContext, SecretRule } from './rule.js';
import { RULES } from './rules/index.js';
import { NAME_THEN_OPERATOR, leadingChars } from './triggers.js';
import { Prefilter, type Candidates } from './prefilter.js';
import { textEncoding, type TextEncoding } from '../sources/read.js';

/** A secret found in one fragment of text. Carries the value so it can be fingerprinted; never printed. */
export interface SecretHit {
  rule: string;
  /** 1-based line in the fragment. */
  line: number;
  /** 1-based column of the value (of the BEGIN header for private keys). */
  column: number;
  value: string;
  redacted: string;
  /** The line with every secret on it masked. */
  evidence: string;
  /** Assignment rules: the name the value was assigned to (DB_PASSWORD), for the message. */
  name?: string;
  /** Only with `withSuppressed`: the line carries a suppression comment for this rule. */
  suppressed?: boolean;
  /** The value sits in a comment or a docstring: documentation, not configuration. */
  context?: ValueContext;
  /** Lines the value spans beyond its first (a PEM body, a string split over lines). */
  more?: number;
  /**
   * A value that reads like an identifier (all capitals: `SECRET_COOKIE_KEY = "PYGOAT"`) under a key
   * name: a secret only when the name is used as a key in code (passed to jwt.encode, hmac.new…), which
   * the caller checks across files (see usage.ts).
   */
  ifUsed?: boolean;
}

export type ValueContext = 'comment' | 'docstring';

export interface DetectResult {
  hits: SecretHit[];
  suppressed: number;
}

// `# pyvet: ignore` / `# pyvet: ignore[secret]` / `# pragma: allowlist secret` / `gitleaks:allow`
const SUPPRESS = /pyvet:\s*ignore(?:\[([^\]]*)\])?|pragma:\s*allowlist[ -]secret|gitleaks:allow/i;

function suppresses(comment: RegExpExecArray | null, rule: string): boolean {
  if (!comment) return false;
  if (comment[0].toLowerCase().startsWith('pyvet') && comment[1] !== undefined) {
    return comment[1].split(',').some((raw) => {
      const t = raw.trim();
      return t === 'secret' || t === 'secrets' || t === rule || (t.endsWith('*') && rule.startsWith(t.slice(0, -1)));
    });
  }
  return true;
}

interface Compiled {
  rules: readonly SecretRule[];
  /** Finds the lines that hold an anchor of some rule: only those are read further. Built on first use. */
  readonly prefilter: Prefilter;
  /** The same anchors as one regex, for strings (see detect). */
  anchor: RegExp;
  /** The same, without the global flag: a stateless first test, passed by few strings. */
  anyAnchor: RegExp;
  /** The union of the distinct triggers, without capturing groups (they cost V8 a third of the pass). */
  trigger: RegExp;
  /** Each distinct trigger alone, sticky: tried where the union matched, to learn which rules to wake. */
  each: RegExp[];
  /** `woken[i]`: indexes of the rules that trigger `each[i]` wakes. */
  woken: number[][];
  /** `names[i]`: trigger `i` wakes assignment rules only, so it counts only where a name and an operator follow. */
  names: boolean[];
  /** `byChar[c]`: the triggers that can begin with ASCII character `c` (plus those that may begin with anything). */
  byChar: number[][];
  /** Triggers whose first character the source does not tell: tried wherever the union matched. */
  anyChar: number[];
}

/**
 * Build the scanner for a set of rules, in four sieves. The SIMD prefilter finds the lines that hold
 * one of the rules' anchors (three-byte needles) without decoding the file; on each, the trigger regex
 * (the union of the rules' triggers, each written once) runs; where it matched, each distinct trigger
 * is tried alone to learn which rules the line concerns; such a rule runs only when one of its
 * keywords is on the line (the gitleaks prefilter), then its regex or assignment check.
 */
export function compile(rules: readonly SecretRule[] = RULES): Compiled {
  const triggers: string[] = [];
  const woken: number[][] = [];
  rules.forEach((r, i) => {
    let t = triggers.indexOf(r.trigger);
    if (t < 0) {
      t = triggers.push(r.trigger) - 1;
      woken.push([]);
    }
    woken[t]!.push(i);
  });
  const byChar: number[][] = Array.from({ length: 128 }, () => []);
  const anyChar: number[] = [];
  triggers.forEach((t, i) => {
    const lead = leadingChars(t);
    if (!lead || [...lead].some((ch) => ch.charCodeAt(0) >= 128)) anyChar.push(i);
    else for (const ch of lead) byChar[ch.charCodeAt(0)]!.push(i);
  });
  for (const list of byChar) list.push(...anyChar);
  const anchors = rules.flatMap((r) => r.anchors);
  // Rules share anchors (the credential words): each is tried once per character.
  const anchorSource = [...new Set(anchors)].join('|');
  let prefilter: Prefilter | undefined;
  return {
    rules,
    get prefilter() {
      return (prefilter ??= new Prefilter(anchors));
    },
    anchor: new RegExp(anchorSource, 'g'),
    anyAnchor: new RegExp(anchorSource),
    trigger: new RegExp(triggers.map((t) => `(?:${t})`).join('|'), 'g'),
    each: triggers.map((t) => new RegExp(t, 'y')),
    woken,
    byChar,
    anyChar,
    names: woken.map((rs) => rs.every((r) => rules[r]!.kind === 'assignment')),
  };
}

const DEFAULT = compile();

interface Candidate {
  order: number;
  rule: SecretRule;
  start: number;
  end: number;
  value: string;
  /** Private keys: keep the header visible and mask the rest of the line. */
  header?: string;
  name?: string;
  ifUsed?: boolean;
  more?: number;
}

function scanLine(c: Compiled, ctx: MatchContext, wake: Uint8Array): Candidate[] {
  const lower = ctx.line.toLowerCase();
  const found: Candidate[] = [];
  let assigns: Assignment[] | null = null;
  for (let order = 0; order < c.rules.length; order++) {
    if (!wake[order]) continue;
    const rule = c.rules[order]!;
    if (!rule.keywords.some((k) => lower.includes(k)) && ctx.kind !== 'pgpass' && ctx.kind !== 'netrc') continue;
    if (rule.kind === 'assignment') {
      assigns ??= assignments(ctx.line, ctx.kind, () => following(ctx));
      for (const a of assigns) {
        const ok = rule.accept(a, ctx);
        if (!ok) continue;
        found.push({
          order, rule, start: a.index, end: a.index + (a.span ?? a.value.length), value: a.value, name: a.name,
          ...(ok === 'if-used' ? { ifUsed: true } : {}),
          ...(a.more ? { more: a.more } : {}),
        });
      }
      continue;
    }
    const re = rule.pattern;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ctx.line))) {
      if (m[0].length === 0) re.lastIndex++;
      const group = m.groups?.s;
      const value = rule.extract ? rule.extract(m, ctx) : (group ?? m[0]);
      if (!value) continue;
      if (rule.validate && !rule.validate(value, ctx, m)) continue;
      if (rule.extract) {
        const more = linesToEnd(ctx, m.index);
        found.push({ order, rule, start: m.index, end: ctx.line.length, value, header: m[0], ...(more ? { more } : {}) });
      } else {
        const start = m.index + (group !== undefined ? m[0].indexOf(group) : 0);
        found.push({ order, rule, start, end: start + value.length, value });
      }
    }
  }
  return found.length <= 1 ? found : resolveOverlaps(found);
}

/** The text after a candidate line, for values that continue on the next lines (Python string concatenation). */
function following(ctx: MatchContext): string {
  const nl = ctx.text.indexOf('\n', ctx.lineStart);
  return nl < 0 ? '' : ctx.text.slice(nl + 1, nl + 1 + 4096);
}

/** How many lines past the BEGIN line a PEM block runs (to its END line), for history's added-line test. */
function linesToEnd(ctx: MatchContext, at: number): number {
  const from = ctx.lineStart + at;
  const block = ctx.text.slice(from, from + 16 * 1024); // bounded, as the PEM body read is
  const end = block.indexOf('-----END');
  let n = 0;
  for (let i = block.indexOf('\n'); i >= 0 && i < end; i = block.indexOf('\n', i + 1)) n++;
  return n;
}

// A line that is a comment, or a comment after code (` # `, ` // `), in the languages pyvet reads.
const COMMENT_LINE = /^[ \t]*(?:#|\/\/|\/?\*|<!--|;|--[ \t]|\.\.[ \t])/;

/**
 * Where a line's comment starts: 0 for a comment line, else the first ` #` (or ` //` outside Python)
 * outside quotes; -1 when there is none. One pass, so a minified line with thousands of hits stays linear.
 */
function commentStart(line: string, kind: FileKind): number {
  if (kind === 'json' || kind === 'notebook') return -1;
  if (COMMENT_LINE.test(line)) return 0;
  let quote = 0;
  for (let i = 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (quote) {
      if (c === 92) i++;
      else if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if ((line[i - 1] === ' ' || line[i - 1] === '\t') && ((c === 35 && kind !== 'other') || (c === 47 && line[i + 1] === '/' && kind !== 'python'))) return i;
  }
  return -1;
}

/**
 * The character ranges of a Python fragment's docstrings and other bare string statements (a triple-quoted
 * string that opens a line): prose, whose examples are documentation. Assigned strings are not among them.
 */
function docstringRanges(text: string): number[] {
  const out: number[] = [];
  const re = /"""|'''/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const close = text.indexOf(m[0], m.index + 3);
    if (close < 0) break;
    const lineHead = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
    if (/^[ \t]*[rRuUbB]?$/.test(lineHead)) out.push(m.index, close);
    re.lastIndex = close + 3;
  }
  return out;
}

/**
 * Most specific rule first; a later rule claiming characters an earlier one kept is the same secret.
 * Linear per rule (a merge of two sorted lists), so a minified line with thousands of tokens stays cheap.
 */
function resolveOverlaps(found: Candidate[]): Candidate[] {
  found.sort((a, b) => a.order - b.order || a.start - b.start);
  let kept: Candidate[] = [];
  for (let i = 0; i < found.length; ) {
    let j = i;
    while (j < found.length && found[j]!.order === found[i]!.order) j++;
    const group = found.slice(i, j);
    const merged: Candidate[] = [];
    let k = 0;
    for (const f of group) {
      while (k < kept.length && kept[k]!.end <= f.start) merged.push(kept[k++]!);
      const clash = k < kept.length && kept[k]!.start < f.end;
      if (!clash && (merged.length === 0 || merged[merged.length - 1]!.end <= f.start)) merged.push(f);
    }
    while (k < kept.length) merged.push(kept[k++]!);
    kept = merged;
    i = j;
  }
  return kept;
}

function lineSpans(buf: Buffer): number[] {
  const out: number[] = [];
  for (let at = 0; at < buf.length; ) {
    const nl = buf.indexOf(10, at);
    const end = nl < 0 ? buf.length : nl;
    out.push(at, end);
    at = end + 1;
  }
  return out;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * A fragment's bytes as text, decoded only as far as rules ask: most never read past their line. Shared
 * by the lines of one scan, so a file with thousands of PEM headers is decoded once, not per header.
 */
class Fragment {
  private decoded: string | undefined;
  /** The last byte offset mapped to a character offset, and that offset: lines come in order. */
  private mappedByte: number;
  private mappedChar = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly enc: TextEncoding,
  ) {
    this.mappedByte = enc.start;
  }

  get text(): string {
    return (this.decoded ??= this.buf.toString(this.enc.encoding, this.enc.start));
  }

  private docstrings: number[] | undefined;

  /** Is character offset `at` inside a docstring (Python fragments only)? */
  inDocstring(at: number): boolean {
    const d = (this.docstrings ??= docstringRanges(this.text));
    for (let i = 0; i < d.length && d[i]! < at; i += 2) if (at < d[i + 1]!) return true;
    return false;
  }

  /** The character offset in `text` of byte offset `byte` (a line start). */
  charOffset(byte: number): number {
    const { encoding, start } = this.enc;
    if (encoding === 'latin1') return byte - start;
    if (byte < this.mappedByte) [this.mappedByte, this.mappedChar] = [start, 0];
    this.mappedChar += this.buf.toString('utf8', this.mappedByte, byte).length;
    this.mappedByte = byte;
    return this.mappedChar;
  }
}

/** What a rule sees of a candidate line: the line, decoded up front; the fragment, when asked for. */
class LineContext implements MatchContext {
  constructor(
    readonly path: string,
    readonly kind: FileKind,
    readonly line: string,
    private readonly fragment: Fragment,
    private readonly byteStart: number,
  ) {}

  get text(): string {
    return this.fragment.text;
  }

  get lineStart(): number {
    return this.fragment.charOffset(this.byteStart);
  }
}

interface DetectOptions {
  kind?: FileKind;
  compiled?: Compiled;
  /** Return suppressed hits too (for masking). */
  withSuppressed?: boolean;
}

/** Find the secrets in one fragment of text (a file, or the added lines of a file in one commit). */
export function detect(path: string, text: string, opts: DetectOptions = {}): DetectResult {
  if (readsEveryLine(path, opts.kind)) return scanFragment(path, Buffer.from(text, 'utf8'), UTF8, opts);
  // The one mask step runs this on every string of a report, most of them short: their candidate
  // lines are found by the anchors as a regex (anchors are ASCII, so a line of the bytes the SIMD
  // prefilter reads holds one exactly when the line of text does), and most hold none at all.
  const c = opts.compiled ?? DEFAULT;
  if (!c.anyAnchor.test(text)) return { hits: [], suppressed: 0 };
  const lines: number[] = [];
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  // Character offsets to byte offsets, in one pass (lines come in order; a line never splits a surrogate pair).
  let char = 0;
  let byte = 0;
  const at = (i: number) => {
    if (ascii) return i;
    byte += Buffer.byteLength(text.slice(char, i), 'utf8');
    char = i;
    return byte;
  };
  const anchor = new RegExp(c.anchor); // own lastIndex: detect may run re-entrantly
  for (let m = anchor.exec(text); m; m = anchor.exec(text)) {
    const end = text.indexOf('\n', m.index);
    lines.push(at(text.lastIndexOf('\n', m.index) + 1), at(end < 0 ? text.length : end));
    if (end < 0) break;
    anchor.lastIndex = end;
  }
  if (!lines.length) return { hits: [], suppressed: 0 };
  return scanFragment(path, Buffer.from(text, 'utf8'), UTF8, opts, { lines, ascii });
}

/**
 * Which of `texts` detect could find anything in, as 'snippet.py' (the mask step's reading): those with a
 * line the SIMD prefilter passes (anchors are ASCII and hold no newline, so it passes a line of the
 * bytes exactly when detect's anchor regex matches the line of text). One pass over all the texts
 * joined by newlines: on a report's 60,000 distinct strings that costs a few milliseconds, where the
 * anchor regex took ~90.
 */
export function holdingAnchors(texts: readonly string[]): Set<number> {
  const out = new Set<number>();
  if (!texts.length) return out;
  const joined = texts.join('\n');
  const bytes = Buffer.byteLength(joined, 'utf8');
  const input = scanBuffer(bytes);
  input.write(joined, 'utf8');
  // Byte offset where each text starts in the joined input: its character offset when all is ASCII (a
  // report's text nearly always is), else measured text by text.
  const starts = new Float64Array(texts.length);
  const ascii = bytes === joined.length;
  let at = 0;
  for (let t = 0; t < texts.length; t++) {
    starts[t] = at;
    at += (ascii ? texts[t]!.length : Buffer.byteLength(texts[t]!, 'utf8')) + 1;
  }
  const { lines } = DEFAULT.prefilter.scan(input);
  let i = 0;
  for (let l = 0; l < lines.length; l += 2) {
    while (i + 1 < starts.length && starts[i + 1]! <= lines[l]!) i++;
    out.add(i);
  }
  return out;
}

/** A .pgpass line (host:port:db:user:password) names no credential, a .netrc line has no operator: every line of these small files is read. */
function readsEveryLine(path: string, kind: FileKind | undefined): boolean {
  const k = kind ?? (/(?:pgpass(?:\.conf)?|netrc)$/i.test(path) ? fileKind(path) : undefined);
  return k === 'pgpass' || k === 'netrc';
}

/** Find the secrets in a file's bytes, read as text the way readText would (see textEncoding). */
export function detectBytes(path: string, buf: Buffer, opts: DetectOptions = {}): DetectResult {
  return scanFragment(path, buf, null, opts);
}

/**
 * Room for a file of `n` bytes in the default scanner's memory: a file read there is scanned by
 * detectBytes without a copy. Valid until the next scan.
 */
export function scanBuffer(n: number): Buffer {
  return DEFAULT.prefilter.input(n);
}

const UTF8: TextEncoding = { encoding: 'utf8', start: 0, lossy: false };
const ASCII: TextEncoding = { encoding: 'latin1', start: 0, lossy: false };

/** `enc` null: work out the encoding from the bytes, only when they are not all ASCII. */
function scanFragment(path: string, buf: Buffer, enc: TextEncoding | null, opts: DetectOptions, found?: Candidates): DetectResult {
  const c = opts.compiled ?? DEFAULT;
  const hits: SecretHit[] = [];
  let suppressed = 0;
  let kind = opts.kind;
  const everyLine = readsEveryLine(path, kind);
  const { lines, ascii } = everyLine ? { lines: lineSpans(buf), ascii: false } : (found ?? c.prefilter.scan(buf));
  if (lines.length === 0) return { hits, suppressed };
  if (ascii) enc = ASCII;
  enc ??= textEncoding(buf);
  const fragment = new Fragment(buf, enc);
  const trigger = new RegExp(c.trigger); // own lastIndex: detect may run re-entrantly (tests, workers)
  const nameRest = new RegExp(NAME_THEN_OPERATOR);
  // Line numbers are counted only up to lines that hold a secret: most candidate lines hold none.
  let lineNo = 1;
  let counted = 0;
  const wake = new Uint8Array(c.rules.length);
  for (let i = 0; i < lines.length; i += 2) {
    const start = Math.max(lines[i]!, enc.start);
    const end = lines[i + 1]!;
    const line = buf.toString(enc.encoding, start, buf[end - 1] === 13 ? end - 1 : end);
    // Every trigger on the line, so each rule knows whether it was woken (one pass over a minified line).
    wake.fill(everyLine ? 1 : 0);
    let woke = everyLine;
    trigger.lastIndex = 0;
    for (let m = trigger.exec(line); m; m = trigger.exec(line)) {
      const ch = line.charCodeAt(m.index);
      for (const t of ch < 128 ? c.byChar[ch]! : c.anyChar) {
        const re = c.each[t]!;
        re.lastIndex = m.index;
        if (!re.test(line)) continue;
        if (c.names[t]) {
          nameRest.lastIndex = re.lastIndex;
          if (!nameRest.test(line)) continue;
        }
        for (const r of c.woken[t]!) wake[r] = 1;
        woke = true;
      }
    }
    if (!woke) continue;
    kind ??= fileKind(path);
    const ctx = new LineContext(path, kind, line, fragment, start);
    const found = scanLine(c, ctx, wake);
    if (found.length) {
      lineNo += countNewlines(buf, counted, start);
      counted = start;
      const suppression = SUPPRESS.exec(line);
      const comment = commentStart(line, kind);
      const spans = found.map((f) => ({ start: f.start, end: f.end, mask: f.header ? f.header + ' ' + redact(f.value) : redact(f.value) }));
      const evidence = maskLine(line, spans);
      for (const f of found) {
        const silenced = suppresses(suppression, f.rule.id);
        if (silenced) {
          suppressed++;
          if (!opts.withSuppressed) continue;
        }
        const context: ValueContext | null = comment >= 0 && f.start > comment
          ? 'comment'
          : kind === 'python' && fragment.inDocstring(ctx.lineStart + f.start)
            ? 'docstring'
            : null;
        hits.push({
          rule: f.rule.id,
          line: lineNo,
          column: f.start + 1,
          value: f.value,
          redacted: redact(f.value),
          evidence,
          ...(f.name ? { name: f.name } : {}),
          ...(silenced ? { suppressed: true } : {}),
          ...(context ? { context } : {}),
          ...(f.more ? { more: f.more } : {}),
          ...(f.ifUsed ? { ifUsed: true } : {}),
        });
      }
    }
  }
  return { hits, suppressed };
}
