import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_SIZE, validateConfig } from './config.js';
import { limitRepoConfig } from './repo-policy.js';

const repoConfig = (raw: Record<string, unknown>) => {
  const cfg = validateConfig(raw, '.pyvet.toml');
  cfg.fromRepository = true;
  return cfg;
};

test('a repository config may lower max-file-size but not raise it', () => {
  const lower = repoConfig({ 'max-file-size': '1MB' });
  assert.deepEqual(limitRepoConfig(lower), []);
  assert.equal(lower.maxFileSize, 1024 * 1024);
  const raise = repoConfig({ 'max-file-size': '2GB' });
  const refused = limitRepoConfig(raise);
  assert.equal(raise.maxFileSize, DEFAULT_MAX_FILE_SIZE);
  assert.match(refused[0]!, /^max-file-size = 2147483648 raises/);
  assert.deepEqual(raise.refused, refused);
});

test('a repository config may not turn detection off; health settings and stricter thresholds stay', () => {
  const cfg = repoConfig({
    'fail-on': 'none',
    disable: ['secret', 'deps.vulnerable', 's*', 'health.print-in-library', 'secrets'],
    severity: { 'secret.github-pat': 'info', 'health.bare-except': 'low' },
  });
  const refused = limitRepoConfig(cfg);
  assert.equal(cfg.failOn, 'high');
  assert.deepEqual(cfg.disable, ['health.print-in-library']);
  assert.deepEqual(cfg.severity, { 'health.bare-except': 'low' });
  assert.equal(refused.length, 3);
  assert.match(refused.join('\n'), /fail-on = "none"/);
  assert.match(refused.join('\n'), /"secret", "deps\.vulnerable", "s\*", "secrets"/);
  assert.match(refused.join('\n'), /secret\.github-pat/);
  assert.match(refused.join('\n'), /--trust-repo-config/);
  const critical = repoConfig({ 'fail-on': 'critical' });
  limitRepoConfig(critical);
  assert.equal(critical.failOn, 'high');
  const strict = repoConfig({ 'fail-on': 'low', exclude: ['vendor/'] });
  assert.deepEqual(limitRepoConfig(strict), []);
  assert.equal(strict.failOn, 'low');
});

test('a config the user names is not limited', () => {
  const cfg = validateConfig({ 'max-file-size': '2GB', 'fail-on': 'none', disable: ['secret'] }, 'mine.toml');
  assert.deepEqual(limitRepoConfig(cfg), []);
  assert.equal(cfg.failOn, 'none');
});
