import { test } from 'node:test';
import assert from 'node:assert/strict';
import { own } from './lookup.js';
import { distributionsFor } from '../facts/import-names.js';
import { briefFile } from '../brief/test-util.js';

test('own() finds only a table\'s own keys, never Object.prototype members', () => {
  const table = { yaml: 'pyyaml' };
  assert.equal(own(table, 'yaml'), 'pyyaml');
  for (const k of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(own(table, k), undefined);
});

test('names from scanned code that spell Object.prototype members stay plain data', () => {
  assert.deepEqual(distributionsFor('constructor'), ['constructor']);
  const src = 'import constructor\ncontainer = constructor(values)\nx = timedelta(toString=3)\n';
  const { facts } = briefFile(src, 'app.py');
  assert.doesNotThrow(() => structuredClone(facts));
});
