import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, detect } from './detect.js';
import { RULES } from './rules/index.js';

const MB = 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

/** 1 MB lines built from what a rule matches: long runs of its characters, repeated prefixes, unclosed quotes. */
function adversarial(rule: (typeof RULES)[number]): string[] {
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

for (const rule of RULES) {
  test(`${rule.id}: 1 MB adversarial lines stay linear`, () => {
    const only = compile([rule]);
    for (const line of adversarial(rule)) {
      const t0 = performance.now();
      detect('app/minified.py', line, { compiled: only });
      const took = performance.now() - t0;
      // Generous: linear work on 1 MB is tens of milliseconds; catastrophic backtracking is minutes.
      assert.ok(took < 2000, `${rule.id} took ${Math.round(took)} ms on ${JSON.stringify(line.slice(0, 40))}…`);
    }
  });
}

test('a file of many PEM headers stays linear: the fragment is decoded once, not per header', () => {
  // 0.5 MB of headers, after a non-ASCII line so that line starts map bytes to characters.
  const text = 'é\n' + Array.from({ length: 16000 }, () => '-----BEGIN ' + 'RSA PRIVATE KEY-----').join('\n');
  const t0 = performance.now();
  detect('deploy/keys.pem', text);
  const took = performance.now() - t0;
  // Linear is under a second; decoding the file per header took 24 s.
  assert.ok(took < 5000, `took ${Math.round(took)} ms`);
});
