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

/** Every literal assignment on a line, as the file's kind writes them. */
export function assignments(line: string, kind: FileKind): Assignment[] {
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
