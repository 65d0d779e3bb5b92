import { unquotedIsLiteral, type FileKind } from './file-kind.js';

/** `name = value` found on one line. */
export interface Assignment {
  name: string;
  value: string;
  /** 0-based offset of the value in the line. */
  index: number;
  quoted: boolean;
  /** An f-string or template with placeholders: built at run time, not a literal. */
  templated: boolean;
  /** Characters of the line the value's source covers, when not `value.length` (a concatenation). */
  span?: number;
  /** Lines past this one the value's source runs over (a parenthesised concatenation). */
  more?: number;
}

// A name (optionally quoted, as a JSON/dict key; optionally `export`ed; `--flag` for command lines),
// an optional Python annotation, then `=`, `:`, `:=` or `=>`. Every repetition is bounded so a
// 1 MB line without an operator costs linear time.
const NAME_OP =
  /(?<![\w.$@/\\-])(["']?)(-{0,2}[A-Za-z_][\w.-]{0,100})\1\]?[ \t]{0,20}(?::[ \t]{0,20}[A-Za-z_][\w[\]., |]{0,60}?[ \t]{0,20}(?==))?(:=|=>|=(?!=)|:(?![:=/\\]))[ \t]*/g;

const AFTER_LITERAL = /^[ \t]*(?:$|[,)\]};#]|\/\/)/;

function parseQuoted(line: string, i: number): { value: string; index: number; prefix: string; end: number } | null {
  const m = /^([rRbBuUfF]{0,2})(["'`])/.exec(line.slice(i, i + 3));
  if (!m) return null;
  const prefix = m[1]!;
  const q = m[2]!;
  const start = i + m[0].length;
  if (line.startsWith(q + q, start)) return null; // """ docstring / '' empty
  let j = start;
  while (j < line.length) {
    const c = line.charCodeAt(j);
    if (c === 92 /* \ */) j += 2;
    else if (line[j] === q) return { value: line.slice(start, j), index: start, prefix, end: j + 1 };
    else j++;
  }
  return null; // unclosed on this line: a multi-line string, not a one-line literal
}

function parseUnquoted(line: string, i: number, kind: FileKind): string {
  let rest = line.slice(i);
  if (kind === 'shell') return /^[^\s;'"`|&]*/.exec(rest)![0];
  const comment = rest.search(/[ \t][#;]/);
  if (comment >= 0) rest = rest.slice(0, comment);
  rest = rest.trimEnd();
  if (kind === 'yaml') rest = rest.replace(/["'},\]]+$/, ''); // - "KEY=value" list items, {key: value} flows
  return rest;
}

// One string literal (no f-prefix) and what follows it: Python's implicit concatenation joins neighbours.
const PIECE = /^[ \t]*(?:#[^\n]*)?\n?[ \t]*([rRuUbB]{0,2})(["'])((?:\\.|(?!\2)[^\\\n]){0,400})\2/;

/**
 * `KEY = ("abc"\n    "def")` or `KEY = "abc" "def"`: a value Python concatenates from literals. `text`
 * starts just after the operator. Returns the joined value, the characters used of the first line
 * and the lines past it, or null when the right-hand side is anything else.
 */
function concatenation(text: string): { value: string; span: number; more: number } | null {
  const paren = /^\([ \t]*/.exec(text);
  let at = paren ? paren[0].length : 0;
  let value = '';
  let pieces = 0;
  for (let m = PIECE.exec(text.slice(at)); m && pieces < 40; m = PIECE.exec(text.slice(at))) {
    if (!paren && m[0].includes('\n')) break;
    value += m[3]!;
    pieces++;
    at += m[0].length;
  }
  const close = paren ? /^[ \t]*(?:#[^\n]*)?\n?[ \t]*,?[ \t]*\)/.exec(text.slice(at)) : /^/.exec('');
  if (pieces < (paren ? 1 : 2) || !close) return null;
  at += close[0].length;
  if (!AFTER_LITERAL.test(text.slice(at, at + 40).split('\n')[0]!)) return null;
  const head = text.slice(0, at);
  const nl = head.indexOf('\n');
  return { value, span: nl < 0 ? at : nl, more: head.split('\n').length - 1 };
}

/** The code in a notebook's JSON line: each string of `"source": [...]` or an output, unescaped. */
function notebookAssignments(line: string): Assignment[] {
  const out: Assignment[] = [];
  const re = /"((?:[^"\\]|\\.){0,2000})"/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    let code: string;
    try {
      code = JSON.parse(`"${m[1]!}"`) as string;
    } catch {
      continue;
    }
    for (const a of assignments(code.replace(/\n$/, ''), 'python')) {
      const raw = line.indexOf(a.value, m.index);
      out.push({ ...a, index: raw >= 0 ? raw : m.index + 1, span: raw >= 0 ? a.value.length : m[0].length - 1, more: 0 });
    }
  }
  return out;
}

/** Every literal assignment on a line, as the file's kind writes them; `next` gives the text after it. */
export function assignments(line: string, kind: FileKind, next?: () => string): Assignment[] {
  if (kind === 'notebook') return notebookAssignments(line);
  if (kind === 'netrc') {
    // machine host login user password secret (tokens separated by blanks, on one line or several)
    const m = /(?:^|[ \t])(password|passwd|account)[ \t]+(\S+)/.exec(line);
    return m ? [{ name: m[1]!, value: m[2]!, index: m.index + m[0].length - m[2]!.length, quoted: false, templated: false }] : [];
  }
  if (kind === 'pgpass') {
    // hostname:port:database:username:password (\: escapes a colon)
    const m = /^(?!#)(?:(?:\\.|[^:\\]){1,200}:){4}(.+)$/.exec(line);
    return m ? [{ name: 'password', value: m[1]!, index: line.length - m[1]!.length, quoted: false, templated: false }] : [];
  }
  const out: Assignment[] = [];
  NAME_OP.lastIndex = 0;
  const bracket = line.search(/[([{]/);
  let m: RegExpExecArray | null;
  while ((m = NAME_OP.exec(line))) {
    const name = m[2]!;
    const at = m.index + m[0].length;
    // `user, password = "a", "b"`: a tuple target; the literal right of `=` belongs to the first name.
    if ((bracket < 0 || bracket > m.index) && /,[ \t]*$/.test(line.slice(Math.max(0, m.index - 20), m.index))) continue;
    const q = parseQuoted(line, at);
    if (kind === 'python' && (line[at] === '(' || (q && /^[ \t]*[rRuUbB]{0,2}["']/.test(line.slice(q.end, q.end + 8))))) {
      // Bounded: a minified megabyte line must not be copied once per assignment on it.
      const rest = line.slice(at, at + 4096) + (line[at] === '(' && next && line.length - at < 4096 ? '\n' + next() : '');
      const c = concatenation(rest);
      if (c) {
        out.push({ name, value: c.value, index: at, quoted: true, templated: false, span: c.span, ...(c.more ? { more: c.more } : {}) });
        NAME_OP.lastIndex = at + c.span;
        continue;
      }
    }
    if (q) {
      if (!AFTER_LITERAL.test(line.slice(q.end, q.end + 40))) continue; // "…".format(), "…" % x, "a" + b
      const templated = /f/i.test(q.prefix) ? q.value.includes('{') : false;
      out.push({ name, value: q.value, index: q.index, quoted: true, templated });
      NAME_OP.lastIndex = q.end;
    } else if (unquotedIsLiteral(kind)) {
      const value = parseUnquoted(line, at, kind);
      if (value) out.push({ name, value, index: at, quoted: false, templated: false });
      NAME_OP.lastIndex = at + value.length;
    }
  }
  return out;
}
