import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { fingerprint } from './finding.js';

test('a fingerprint is the first 32 hex digits of the SHA-256 of its parts joined by NUL: baselines and history depend on it', () => {
  const parts = ['deps.vulnerable', 'requirements.txt', 'django', 'PYSEC-2021-1'];
  assert.equal(fingerprint(...parts), createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32));
  assert.equal(fingerprint('secret.aws-access-key', 'AKIA'), '61d9289c805acd29921b459a8786b312');
  assert.equal(fingerprint('é', '☃'), createHash('sha256').update('é\u0000☃', 'utf8').digest('hex').slice(0, 32));
});
