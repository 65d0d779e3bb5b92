import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalysisMemo, inputsKey, treeKey } from './analysis-memo.js';

const walked = (abs: string, rel: string) => {
  const st = lstatSync(abs);
  return { path: rel, abs, size: st.size, stat: { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } };
};

test("the tree's key changes with any file's path or stat, the salt and the extra inputs, and is null for a file written just now", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-memo-key-'));
  try {
    const a = path.join(dir, 'a.py');
    writeFileSync(a, 'x = 1\n');
    const past = new Date(Date.now() - 3600_000);
    utimesSync(a, past, past);
    const key = treeKey('salt', [walked(a, 'a.py')], { head: 'h1' });
    assert.ok(key);
    assert.equal(treeKey('salt', [walked(a, 'a.py')], { head: 'h1' }), key, 'the same tree, the same key');
    assert.notEqual(treeKey('other', [walked(a, 'a.py')], { head: 'h1' }), key, 'the salt');
    assert.notEqual(treeKey('salt', [walked(a, 'a.py')], { head: 'h2' }), key, 'another commit');
    assert.notEqual(treeKey('salt', [walked(a, 'b.py')], { head: 'h1' }), key, 'a renamed file');
    assert.notEqual(treeKey('salt', [], { head: 'h1' }), key, 'a deleted file');
    utimesSync(a, new Date(past.getTime() + 1000), new Date(past.getTime() + 1000));
    assert.notEqual(treeKey('salt', [walked(a, 'a.py')], { head: 'h1' }), key, 'a touched file');
    utimesSync(a, new Date(), new Date());
    assert.equal(treeKey('salt', [walked(a, 'a.py')], { head: 'h1' }), null, 'a file written this second has no stat to trust');
    assert.equal(treeKey('salt', [{ path: 'a.py', abs: a, size: 6 }], { head: 'h1' }), null, 'nor a file the walk did not stat');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a memo serves its value under both of its keys only, and nothing when damaged', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-memo-'));
  const root = path.join(dir, 'repo');
  try {
    const keys = { tree: 't1', inputs: inputsKey({ findings: [] }) };
    const text = { s: 'é ☃ … 😀 \u2028 \ud800 "\\' };
    AnalysisMemo.save(dir, root, 'text', keys, JSON.stringify(text));
    assert.deepEqual(AnalysisMemo.load(dir, root, 'text').value('t1', keys.inputs), text, 'any text round-trips (stored as ASCII)');
    assert.equal(AnalysisMemo.load(dir, root, 'analysis').matchesTree('t1'), false, 'nothing remembered yet');
    AnalysisMemo.save(dir, root, 'analysis', keys, JSON.stringify({ n: 1 }));
    const memo = AnalysisMemo.load<{ n: number }>(dir, root, 'analysis');
    assert.ok(memo.matchesTree('t1'));
    assert.deepEqual(memo.value('t1', keys.inputs), { n: 1 });
    assert.equal(memo.value('t2', keys.inputs), undefined, 'another tree');
    assert.equal(memo.value(null, keys.inputs), undefined, 'a tree without a key');
    assert.equal(memo.value('t1', inputsKey({ findings: [1] })), undefined, 'other inputs');
    const [file] = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.memo')).map((f) => path.join(dir, f));
    const bytes = readFileSync(file!);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 2] = flipped[flipped.length - 2]! ^ 1;
    writeFileSync(file!, flipped);
    assert.equal(AnalysisMemo.load(dir, root, 'analysis').value('t1', keys.inputs), undefined, 'a flipped bit');
    writeFileSync(file!, bytes.subarray(0, -1));
    assert.equal(AnalysisMemo.load(dir, root, 'analysis').value('t1', keys.inputs), undefined, 'truncated');
    writeFileSync(file!, 'not a memo');
    assert.equal(AnalysisMemo.load(dir, root, 'analysis').matchesTree('t1'), false, 'garbage');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
