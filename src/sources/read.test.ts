import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TempTree } from '../../test/helpers.js';
import { readText } from './read.js';

test('readText: UTF-8 text, BOM stripped', () => {
  const t = new TempTree().write('a.txt', '\ufeffhéllo');
  try {
    assert.deepEqual(readText(t.path('a.txt'), 1000), { kind: 'text', text: 'héllo', bytes: 9, lossy: false });
  } finally {
    t.cleanup();
  }
});

test('readText: non-UTF-8 bytes decode leniently (latin-1), never throw', () => {
  const t = new TempTree().write('a.py', Buffer.from([0x70, 0x77, 0x3d, 0xe9, 0xff]));
  try {
    const r = readText(t.path('a.py'), 1000);
    assert.equal(r.kind, 'text');
    assert.ok(r.kind === 'text' && r.lossy && r.text === 'pw=éÿ');
  } finally {
    t.cleanup();
  }
});

test('readText: NUL bytes mark binary; size cap; missing file is an error, not a throw', () => {
  const t = new TempTree().write('b.bin', Buffer.from([1, 0, 2])).write('big.txt', 'x'.repeat(2000));
  try {
    assert.equal(readText(t.path('b.bin'), 1000).kind, 'binary');
    assert.equal(readText(t.path('big.txt'), 1000).kind, 'too-large');
    assert.equal(readText(t.path('big.txt'), 1000, 2000).kind, 'too-large');
    assert.deepEqual(readText(t.path('nope'), 1000), { kind: 'error', message: 'ENOENT' });
  } finally {
    t.cleanup();
  }
});
