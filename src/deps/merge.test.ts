import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergedVulns } from './merge.js';
import type { VulnRef } from './types.js';

const v = (id: string, group: string, extra: Partial<VulnRef> = {}): VulnRef => ({ id, aliases: [], fixed: [], severity: 'unknown', summary: `${id} summary`, group, ...extra });

test('records merged under one advisory show once, with every alias, all fixes and the worst severity', () => {
  const out = mergedVulns({
    vulns: [
      v('PYSEC-2021-335', 'PYSEC-2021-335', { aliases: ['CVE-2021-32807', 'GHSA-qcx9-j53g-ccgf'], fixed: ['4.3', '5.2'] }),
      v('PYSEC-2021-370', 'PYSEC-2021-335', { aliases: ['CVE-2021-32811', 'GHSA-qcx9-j53g-ccgf'], fixed: ['4.3'], severity: 'high', score: 7.5 }),
      v('PYSEC-2022-1', 'PYSEC-2022-1', { fixed: ['6.0'] }),
    ],
  });
  assert.equal(out.length, 2);
  assert.deepEqual(out[0], {
    id: 'PYSEC-2021-335',
    aliases: ['CVE-2021-32807', 'CVE-2021-32811', 'GHSA-qcx9-j53g-ccgf', 'PYSEC-2021-370'],
    fixed: ['4.3', '5.2'],
    severity: 'high',
    score: 7.5,
    summary: 'PYSEC-2021-335 summary',
    group: 'PYSEC-2021-335',
  });
  assert.equal(out[1]!.id, 'PYSEC-2022-1');
  assert.deepEqual(mergedVulns({ vulns: [{ id: 'X', aliases: [], fixed: [], severity: 'low', summary: '' }] }).map((x) => x.id), ['X']);
});
