import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvss3BaseScore, cvss4AsV3Score, severityOfScore } from './cvss.js';

test('CVSS v3.1 base scores match the FIRST calculator', () => {
  const cases: [string, number][] = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:N/I:L/A:N', 2.8],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N', 4.8],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:N', 5.5],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ];
  for (const [v, score] of cases) assert.equal(cvss3BaseScore(v), score, v);
});

test('CVSS: incomplete or other-version vectors give null', () => {
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L'), null);
  assert.equal(cvss3BaseScore('CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P'), null);
  assert.equal(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P'), null);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), null);
});

test('CVSS v4 is read as the nearest v3.1 vector', () => {
  assert.equal(cvss4AsV3Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 9.8);
  assert.equal(cvss4AsV3Score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:L/VA:N/SC:H/SI:N/SA:N'), 6.1);
  assert.equal(cvss4AsV3Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), null);
});

test('qualitative bands', () => {
  assert.equal(severityOfScore(9.0), 'critical');
  assert.equal(severityOfScore(8.9), 'high');
  assert.equal(severityOfScore(7.0), 'high');
  assert.equal(severityOfScore(6.9), 'medium');
  assert.equal(severityOfScore(4.0), 'medium');
  assert.equal(severityOfScore(3.9), 'low');
  assert.equal(severityOfScore(0.1), 'low');
  assert.equal(severityOfScore(0), 'info');
});
