import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanReport } from '../core/report.js';
import { scanRow } from './index.js';

test('one scans row for both stores: severities counted, duration in whole milliseconds', () => {
  const report = {
    scannedAt: '2026-12-03T00:00:00.000Z',
    commit: null,
    version: '0.1.0',
    summary: { score: 7.5, durationMs: 1234.6 },
    findings: [{ severity: 'high' }, { severity: 'high' }, { severity: 'info' }],
  } as unknown as ScanReport;
  assert.deepEqual(scanRow(report), ['2026-12-03T00:00:00.000Z', null, 7.5, 0, 2, 0, 0, 0, 1, 3, 1235, '0.1.0']);
});
