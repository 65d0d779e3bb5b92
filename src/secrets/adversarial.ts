import type { RULES } from './rules/index.js';

/**
 * Inputs that make a backtracking regex go quadratic or worse: what the ReDoS tests run through every
 * rule and what the benchmark times. Generated, never committed as data.
 */
const MB = 1024 * 1024;
export const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

/** 1 MB lines built from what a rule matches: long runs of its characters, repeated prefixes, unclosed quotes. */
export function adversarialLines(rule: (typeof RULES)[number]): string[] {
  // keywords in both cases: triggers are case-sensitive (AKIA, SG., -----BEGIN) or spell both cases out
  const seeds = [...new Set([...rule.keywords, ...rule.keywords.map((k) => k.toUpperCase())])];
  const lines: string[] = [];
  for (const k of seeds) {
    lines.push(k + fill('A'));
    lines.push(fill(k));
    lines.push(fill(k + '='));
    lines.push(`${k} = "` + fill('a1B_'));
    lines.push(`"${k}": "` + fill('x\\"'));
    lines.push(k + ':' + fill(' ') + 'x');
    lines.push(fill(k + 'Ab3-_.'));
  }
  const sample = rule.examples.bad[0]!.text.split('\n')[(rule.examples.bad[0]!.line ?? 1) - 1]!;
  lines.push(fill(sample.slice(0, -1))); // a secret-shaped line repeated with its last character cut
  lines.push(fill('postgres://u:') + '@', 'eyJ' + fill('a') + '.eyJ' + fill('b'), '-----BEGIN RSA PRIVATE KEY-----' + fill('QUJD'));
  return lines;
}

/** 0.5 MB of PEM headers after a non-ASCII line (so line starts map bytes to characters). */
export function pemHeaders(): string {
  return 'é\n' + Array.from({ length: 16000 }, () => '-----BEGIN ' + 'RSA PRIVATE KEY-----').join('\n');
}
