import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, detectBytes } from './detect.js';
import { RULES } from './rules/index.js';
import { SECRET_RULES } from './registry.js';

test('rule ids are unique, prefixed, documented, with examples', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(SECRET_RULES.map((r) => r.id), ids);
  for (const r of RULES) {
    assert.match(r.id, /^secret\.[a-z0-9]+(?:-[a-z0-9]+)*$/, r.id);
    assert.ok(r.summary.length > 10 && !r.summary.includes('\n'), `${r.id} summary`);
    for (const k of ['what', 'why', 'example', 'fix'] as const) assert.ok((r.docs[k] ?? '').length > 10, `${r.id} docs.${k}`);
    assert.ok(r.keywords.length > 0 && r.keywords.every((k) => k === k.toLowerCase()), `${r.id} keywords lower-case`);
    assert.ok(r.examples.bad.length > 0 && r.examples.good.length > 0, `${r.id} examples`);
    if (r.kind === 'pattern') assert.ok(r.pattern.global, `${r.id} pattern must be global`);
    // The trigger is one group of the combined regex: no groups of its own, never an empty match.
    assert.equal(new RegExp(`${r.trigger}|`).exec('')!.length, 1, `${r.id} trigger has a capturing group`);
    assert.equal(new RegExp(r.trigger).exec(''), null, `${r.id} trigger matches the empty string`);
  }
});

for (const rule of RULES) {
  test(`${rule.id}: every bad example reports at its line`, () => {
    for (const ex of rule.examples.bad) {
      const file = ex.file ?? 'app/settings.py';
      const { hits } = detect(file, ex.text);
      const mine = hits.filter((h) => h.rule === rule.id);
      assert.deepEqual([...new Set(mine.map((h) => h.line))], ex.lines ?? [ex.line ?? 1], `${rule.id} in ${file}: got ${JSON.stringify(hits.map((h) => [h.rule, h.line]))}`);
      for (const h of mine) {
        assert.ok(!h.evidence.includes(h.value), `${rule.id}: evidence shows the value`);
        assert.ok(!h.redacted.includes(h.value), `${rule.id}: redaction shows the value`);
      }
    }
  });
  test(`${rule.id}: every good example stays quiet (for every rule)`, () => {
    for (const ex of rule.examples.good) {
      const file = ex.file ?? 'app/settings.py';
      // `ifUsed` hits are secrets only where the code uses the name as a key (usage.ts); a lone file does not.
      const hits = detect(file, ex.text).hits.filter((h) => !h.ifUsed);
      assert.deepEqual(hits.map((h) => `${h.rule}:${h.line}`), [], `${rule.id} good example in ${file} reported`);
    }
  });
}

test('a string is read as its bytes would be: the anchor regex (strings) and the SIMD prefilter (files) find the same secrets', () => {
  const texts = RULES.flatMap((r) => [...r.examples.bad, ...r.examples.good]).map((ex) => ({ file: ex.file ?? 'app/settings.py', text: ex.text }));
  // Every example once more behind a line that holds an anchor but no secret, and behind non-ASCII text (byte and character offsets differ).
  texts.push(...texts.flatMap((t) => [{ ...t, text: `# the key to it\n${t.text}` }, { ...t, text: `# café — ключ 🔑 key\n${t.text}\n# naïve` }]));
  for (const { file, text } of texts) {
    assert.deepEqual(detect(file, text, { withSuppressed: true }), detectBytes(file, Buffer.from(text), { withSuppressed: true }), `${file}: ${text.slice(0, 60)}`);
  }
});
