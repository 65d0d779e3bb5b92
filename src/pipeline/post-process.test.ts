import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../core/finding.js';
import { defaultConfig } from '../config/config.js';
import { postProcess } from './post-process.js';

const f = (rule: string, severity: Finding['severity'], path: string, line: number): Finding => ({
  rule, severity, path, line, message: 'm', remediation: 'r', fingerprint: `${rule}:${path}`,
});

test('sorts most serious first, then secrets, deps, health; drops exact duplicates', () => {
  const out = postProcess(
    [f('health.bare-except', 'low', 'a.py', 3), f('deps.vulnerable', 'high', 'r.txt', 1), f('secret.aws-access-key', 'high', 'b.py', 9), f('health.bare-except', 'low', 'a.py', 3)],
    defaultConfig(),
  );
  assert.deepEqual(out.map((x) => x.rule), ['secret.aws-access-key', 'deps.vulnerable', 'health.bare-except']);
});

test('disabled rules (exact, by domain prefix, or with *) are dropped; severity overrides apply', () => {
  const cfg = defaultConfig();
  cfg.disable = ['health.bare-except', 'deps', 'secret.git*'];
  cfg.severity = { 'secret.aws-access-key': 'critical' };
  const out = postProcess(
    [f('health.bare-except', 'low', 'a.py', 3), f('health.eval-exec', 'medium', 'a.py', 4), f('deps.vulnerable', 'high', 'r.txt', 1), f('secret.github-token', 'high', 'c.py', 1), f('secret.aws-access-key', 'high', 'b.py', 9)],
    cfg,
  );
  assert.deepEqual(out.map((x) => [x.rule, x.severity]), [['secret.aws-access-key', 'critical'], ['health.eval-exec', 'medium']]);
});
