import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, detect } from './detect.js';
import { RULES } from './rules/index.js';
import { adversarialLines, pemHeaders } from './adversarial.js';

// No wall-clock assertions (a loaded machine is not a slow regex): linear work on these inputs is seconds
// in all, catastrophic backtracking is hours, so the watchdog only catches the latter. The per-rule
// times are in the benchmark (`npm run bench -- secrets`).
const WATCHDOG = { timeout: 300_000 };

for (const rule of RULES) {
  test(`${rule.id}: 1 MB adversarial lines finish`, WATCHDOG, () => {
    const only = compile([rule]);
    for (const line of adversarialLines(rule)) {
      // what fails here is the watchdog; the result only has to be well formed
      assert.ok(Array.isArray(detect('app/minified.py', line, { compiled: only }).hits));
    }
  });
}

test('a file of many PEM headers finishes: the fragment is decoded once, not per header', WATCHDOG, () => {
  assert.deepEqual(detect('deploy/keys.pem', pemHeaders()).hits, []);
});
