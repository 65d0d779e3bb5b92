import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALNUM, fake } from '../secrets/fake.js';
import type { ScanReport } from '../core/report.js';
import { maskedJson, maskReport } from './mask.js';

test('maskedJson gives the JSON the mask step leaves (paths kept as they are, or masked too); masking twice changes nothing more', () => {
  const token = 'ghp_' + fake(ALNUM, 36, 'mask-test');
  const value = {
    findings: [{ rule: 'health.x', fingerprint: token, path: `keys/${token}.txt`, message: `token = "${token}"`, evidence: 'https://alice:hunter2@example.com/x' }],
    brief: { settings: [`GITHUB_TOKEN=${token}`] },
  };
  const json = maskedJson(value, { keepPaths: true });
  assert.ok(!json.replaceAll(`"fingerprint":"${token}"`, '').replaceAll(`keys/${token}.txt`, '').includes(token), 'no raw token outside identities and paths');
  assert.ok(!json.includes('hunter2'));
  const cached = JSON.parse(json) as typeof value;
  assert.equal(cached.findings[0]!.path, `keys/${token}.txt`, 'the path as it is');
  assert.equal(cached.findings[0]!.fingerprint, token, 'identities as they are');
  // The report masks the cached copy as it masks a fresh one: the same text either way.
  const fresh = structuredClone(value) as unknown as ScanReport;
  const again = cached as unknown as ScanReport;
  maskReport(fresh);
  maskReport(again);
  assert.deepEqual(again, fresh);
  // Without keepPaths: exactly what the report shows.
  assert.deepEqual(JSON.parse(maskedJson(value, { keepPaths: false })), JSON.parse(JSON.stringify(fresh)));
});
