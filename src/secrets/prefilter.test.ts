import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prefilter, anchorBytes, buckets } from './prefilter.js';
import { RULES } from './rules/index.js';
import { ci } from './triggers.js';

const chars = (s: Set<number>) => String.fromCharCode(...[...s].sort((a, b) => a - b));

test('anchorBytes reads three atoms: characters, escapes, classes', () => {
  assert.deepEqual(anchorBytes('AIz').map(chars), ['A', 'I', 'z']);
  assert.deepEqual(anchorBytes('SG\\.').map(chars), ['S', 'G', '.']);
  assert.deepEqual(anchorBytes(ci('key')).map(chars), ['Kk', 'Ee', 'Yy']);
  assert.deepEqual(anchorBytes('SK[0-9a-c]').map(chars), ['S', 'K', '0123456789abc']);
  for (const bad of ['ab', 'abcd', 'a.c', '[^a]bc', 'a\\dc', 'aéc', '']) assert.throws(() => anchorBytes(bad), /three ASCII atoms/, bad);
});

test('buckets: at most 16, each accepting the bytes of its anchors', () => {
  const anchors = RULES.flatMap((r) => r.anchors);
  const bs = buckets(anchors);
  assert.ok(bs.length <= 16 && bs.length > 0);
  const accepts = (m: number, byte: number) => (m & (1 << (byte & 15))) !== 0 && (m & (1 << (16 + (byte >> 4)))) !== 0;
  for (const a of anchors) {
    const bytes = anchorBytes(a);
    assert.ok(bs.some((b) => bytes.every((s, j) => [...s].every((x) => accepts(b[j]!, x)))), a);
  }
  assert.equal(buckets(['abc', 'abc', 'xyz']).length, 2);
  // Three positions of one byte each: one low and one high nibble each.
  assert.deepEqual(buckets(['AIz']), [[(1 << 1) | (1 << 20), (1 << 9) | (1 << 20), (1 << 10) | (1 << 23)]]);
});

/** The lines (start, end) of `text` on which some anchor regex matches: what the prefilter must report. */
function expected(text: string, anchors: string[]): number[] {
  const re = new RegExp(anchors.join('|'));
  const out: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (re.test(line)) out.push(start, start + line.length);
    start += line.length + 1;
  }
  return out;
}

test('reports every line that holds an anchor, at any offset of a 16-byte block and at the very end', () => {
  const anchors = RULES.flatMap((r) => r.anchors);
  const pf = new Prefilter(anchors);
  const needles = ['key', 'KEY', 'tok', 'cre', 'pas', 'PWD', 'psw', '://', 'AKIA', 'ghp_', 'glp', 'AIz', 'eyJ', '-BE', 'npm_', 'SG.', 'xox', 'k.c', 'k_l', 'hf_', 'T3B', 'sk-', 'SK1'];
  for (const needle of needles) {
    for (let at = 0; at < 40; at++) {
      for (const tail of ['', '\n', ' x\nzz']) {
        const text = 'a'.repeat(at) + needle + tail;
        const got = pf.scan(Buffer.from(text, 'latin1')).lines;
        assert.deepEqual(got, expected(text, anchors), `${needle} at ${at} + ${JSON.stringify(tail)}`);
      }
    }
  }
});

test('candidates are a superset of the matching lines; a miss-free sweep over mixed text', () => {
  const anchors = RULES.flatMap((r) => r.anchors);
  const pf = new Prefilter(anchors);
  // Deterministic text mixing code-like words, anchors and line breaks.
  const words = ['def', 'self', 'token', 'pass\n', 'x = 1\n', 'api_key=', 'https://h', 'Create', 'SKIP', 'the', '\r\n', 'é', 'ASK', 'hf_x', '\n'];
  let seed = 7;
  const pick = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return words[seed % words.length]!;
  };
  const text = Array.from({ length: 20000 }, pick).join(' ');
  const buf = Buffer.from(text, 'latin1');
  const got = pf.scan(buf).lines;
  const want = expected(text, anchors);
  const reported = new Set<number>();
  for (let i = 0; i < got.length; i += 2) {
    reported.add(got[i]!);
    assert.ok(got[i]! === 0 || buf[got[i]! - 1] === 10, 'starts a line');
    assert.ok(got[i + 1] === buf.length || buf[got[i + 1]!] === 10, 'ends at a newline');
  }
  for (let i = 0; i < want.length; i += 2) assert.ok(reported.has(want[i]!), `line at ${want[i]} missed`);
  assert.ok(got.length < 1.5 * want.length, `too many false candidates: ${got.length / 2} for ${want.length / 2}`);
});

test('more candidates than one wasm call returns: the scan resumes where it stopped', () => {
  const pf = new Prefilter([ci('key')]);
  const text = 'key\n'.repeat(10000) + 'keykeykey '.repeat(2000) + '\nno\nKEY';
  const got = pf.scan(Buffer.from(text)).lines;
  assert.equal(got.length / 2, 10002);
  assert.deepEqual(got.slice(-2), [text.length - 3, text.length]);
});

test('empty and tiny inputs, and inputs bigger than the first memory', () => {
  const pf = new Prefilter([ci('key')]);
  assert.deepEqual(pf.scan(Buffer.alloc(0)).lines, []);
  assert.deepEqual(pf.scan(Buffer.from('ke')).lines, []);
  assert.deepEqual(pf.scan(Buffer.from('key')).lines, [0, 3]);
  const big = Buffer.alloc(3 * 1024 * 1024, 'x');
  big.write('\nkey\n', 2 * 1024 * 1024);
  assert.deepEqual(pf.scan(big).lines, [2 * 1024 * 1024 + 1, 2 * 1024 * 1024 + 4]);
  // Bytes left in memory by an earlier input are never read as part of a shorter one.
  assert.deepEqual(pf.scan(Buffer.from('abckey')).lines, [0, 6]);
  assert.deepEqual(pf.scan(Buffer.from('abcke')).lines, []);
});

test('every rule: wherever its trigger matches, one of its anchors is on the line', () => {
  for (const r of RULES) {
    const trigger = new RegExp(r.trigger, 'g');
    const anchor = new RegExp(r.anchors.join('|'));
    for (const ex of [...r.examples.bad, ...r.examples.good]) {
      for (const line of ex.text.split('\n')) {
        if (line.match(trigger)) assert.ok(anchor.test(line), `${r.id}: trigger matched without an anchor on ${JSON.stringify(line.slice(0, 60))}`);
      }
    }
  }
});

test('tells whether every byte is ASCII, wherever the first other byte sits', () => {
  const pf = new Prefilter([ci('key')]);
  assert.equal(pf.scan(Buffer.from('plain key = 1\n'.repeat(50))).ascii, true);
  for (let at = 0; at < 40; at++) {
    const text = Buffer.from('x'.repeat(at) + 'é' + 'y'.repeat(40 - at));
    assert.equal(pf.scan(text).ascii, false, `é at ${at}`);
    assert.equal(pf.scan(text.subarray(0, at + 1)).ascii, false, `é ending the input at ${at}`);
  }
  assert.equal(pf.scan(Buffer.from('é')).ascii, false);
  assert.equal(pf.scan(Buffer.from('ab')).ascii, true);
  // A longer non-ASCII input before does not taint a shorter ASCII one.
  pf.scan(Buffer.from('é'.repeat(100)));
  assert.equal(pf.scan(Buffer.from('abc key')).ascii, true);
});

test('an input read into the room the prefilter gives is scanned in place', () => {
  const pf = new Prefilter([ci('key')]);
  const text = Buffer.from('a = 1\napi_key = 2\n');
  const room = pf.input(text.length);
  text.copy(room);
  assert.deepEqual(pf.scan(room), { lines: [6, 17], ascii: true });
  assert.deepEqual(pf.scan(Buffer.from(text)), { lines: [6, 17], ascii: true });
});
