import { assignments, type Assignment } from './assign.js';
import { fileKind, type FileKind } from './file-kind.js';
import { maskLine, redact } from './redact.js';
import type { MatchContext, SecretRule } from './rule.js';
import { RULES } from './rules/index.js';

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
}

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

function keywordSource(k: string): string {
  return [...k].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('');
}

interface Compiled {
  rules: readonly SecretRule[];
  trigger: RegExp;
}

/**
 * Build the scanner for a set of rules: one case-sensitive trigger regex over the whole text (each
 * rule's trigger, or its keywords with both cases spelled out) finds candidate lines; on a candidate
 * line each rule runs only when one of its keywords is in it (the gitleaks prefilter).
 */
export function compile(rules: readonly SecretRule[] = RULES): Compiled {
  const parts = rules.map((r) => r.trigger ?? r.keywords.map(keywordSource).join('|'));
  return { rules, trigger: new RegExp(parts.join('|'), 'g') };
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
}

function scanLine(c: Compiled, ctx: MatchContext): Candidate[] {
  const lower = ctx.line.toLowerCase();
  const found: Candidate[] = [];
  let assigns: Assignment[] | null = null;
  c.rules.forEach((rule, order) => {
    if (!rule.keywords.some((k) => lower.includes(k))) return;
    if (rule.kind === 'assignment') {
      assigns ??= assignments(ctx.line, ctx.kind);
      for (const a of assigns) {
        if (rule.accept(a, ctx)) found.push({ order, rule, start: a.index, end: a.index + a.value.length, value: a.value });
      }
      return;
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
        found.push({ order, rule, start: m.index, end: ctx.line.length, value, header: m[0] });
      } else {
        const start = m.index + (group !== undefined ? m[0].indexOf(group) : 0);
        found.push({ order, rule, start, end: start + value.length, value });
      }
    }
  });
  if (found.length <= 1) return found;
  // Most specific rule first; a later rule claiming the same characters is the same secret.
  found.sort((a, b) => a.order - b.order || a.start - b.start);
  const kept: Candidate[] = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Find the secrets in one file's text (or the added lines of a file in one commit). */
export function detect(path: string, text: string, opts: { kind?: FileKind; compiled?: Compiled } = {}): DetectResult {
  const c = opts.compiled ?? DEFAULT;
  const kind = opts.kind ?? fileKind(path);
  const hits: SecretHit[] = [];
  let suppressed = 0;
  const trigger = new RegExp(c.trigger); // own lastIndex: detect may run re-entrantly (tests, workers)
  let lineNo = 1;
  let counted = 0;
  let m: RegExpExecArray | null;
  while ((m = trigger.exec(text))) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = text.length;
    lineNo += countNewlines(text, counted, lineStart);
    counted = lineStart;
    const line = text.slice(lineStart, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
    const found = scanLine(c, { path, kind, text, lineStart, line });
    if (found.length) {
      const comment = SUPPRESS.exec(line);
      const spans = found.map((f) => ({ start: f.start, end: f.end, mask: f.header ? f.header + ' ' + redact(f.value) : redact(f.value) }));
      const evidence = maskLine(line, spans);
      for (const f of found) {
        if (suppresses(comment, f.rule.id)) {
          suppressed++;
          continue;
        }
        hits.push({ rule: f.rule.id, line: lineNo, column: f.start + 1, value: f.value, redacted: redact(f.value), evidence });
      }
    }
    if (lineEnd >= text.length) break;
    trigger.lastIndex = lineEnd + 1;
  }
  return { hits, suppressed };
}
