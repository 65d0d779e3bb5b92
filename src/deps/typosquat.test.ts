import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneEditApart, resemblance } from './typosquat.js';

test('oneEditApart: one insertion, deletion, substitution or swap of neighbours, nothing else', () => {
  for (const [a, b] of [['requests', 'reqests'], ['requests', 'rrequests'], ['requests', 'requestz'], ['requests', 'reqeusts'], ['requests', 'erquests'], ['requests', 'requetss'], ['ab', 'ba'], ['', 'a']]) {
    assert.equal(oneEditApart(a!, b!), true, `${a} ~ ${b}`);
    assert.equal(oneEditApart(b!, a!), true, `${b} ~ ${a}`);
  }
  for (const [a, b] of [['requests', 'requests'], ['requests', 'rqeuests2'], ['requests', 'xequestz'], ['requests', 'requ'], ['abcd', 'badc'], ['', 'ab']]) {
    assert.equal(oneEditApart(a!, b!), false, `${a} !~ ${b}`);
  }
});

test('resemblance: the most downloaded look-alike, never a popular name itself or a short one', () => {
  assert.equal(resemblance('reqeusts'), 'requests');
  assert.equal(resemblance('urllib4'), 'urllib3');
  assert.equal(resemblance('requests'), null);
  assert.equal(resemblance('boto'), null);
  assert.equal(resemblance('zzzzzzzzzz'), null);
});
