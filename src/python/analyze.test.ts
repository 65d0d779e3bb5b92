import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMany, analyzeSource } from './analyze.js';
import { functionsOf } from './functions.js';

test('analyzeMany on worker threads returns the same facts, in input order, as on one thread', async () => {
  const items = Array.from({ length: 12 }, (_, i) => ({
    source: `import os\nV${i} = os.getenv("V${i}")\n\ndef f${i}(x):\n    return x if x else ${i}\n` + (i === 5 ? 'def broken(:\n' : ''),
    path: `pkg/m${i}.py`,
    module: `pkg.m${i}`,
  }));
  const seen: number[] = [];
  const threaded = await analyzeMany(items, { brief: true, threads: 2, onDone: (d) => seen.push(d) });
  const single = await analyzeMany(items, { brief: true, threads: 1 });
  assert.deepEqual(threaded, single);
  assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => i + 1));
  assert.deepEqual(
    threaded.map((r) => ('health' in r ? functionsOf(r.health.functions).map((f) => `${r.path}:${f.name}:${f.complexity}`) : [])).flat().slice(0, 2),
    ['pkg/m0.py:f0:2', 'pkg/m1.py:f1:2'],
  );
  const five = threaded[5]!;
  assert.ok('health' in five && five.health.syntaxErrorLine === 6);
});

test('a file whose facts cannot be cloned across threads still arrives, as JSON would write it', async () => {
  // `x = constructor(...)` made the brief extractor's `table[name]` lookup return Object's constructor (a function).
  const items = Array.from({ length: 3 }, (_, i) => ({ source: `def f(constructor):\n    container = constructor(${i})\n    return container\n`, path: `m${i}.py`, module: `m${i}` }));
  const threaded = await analyzeMany(items, { brief: true, threads: 2 });
  assert.deepEqual(
    threaded.map((r) => ('health' in r ? functionsOf(r.health.functions).map((f) => f.name) : r.error)),
    [['f'], ['f'], ['f']],
  );
});

test('a file above the syntax node limit is counted, not analysed, and says why', () => {
  const source = `# noqa: E501\nTABLE = [\n${Array.from({ length: 50 }, (_, i) => `    ${i},\n`).join('')}]\n\ndef f(x):\n    return x\n`;
  const full = analyzeSource(source, 'pkg/table.py', 'pkg.table', true);
  assert.equal(full.skipped, undefined);
  assert.deepEqual(functionsOf(full.health.functions).map((f) => f.name), ['f']);
  const capped = analyzeSource(source, 'pkg/table.py', 'pkg.table', true, 100);
  assert.match(capped.skipped ?? '', /^\d+ syntax nodes, above the limit of 100/);
  assert.equal(capped.health.functions, undefined);
  assert.equal(capped.brief, undefined);
  assert.equal(capped.health.loc, 56);
  assert.equal(capped.health.sloc, 54);
  assert.deepEqual(capped.health.noqa, full.health.noqa);
});

test('a file too long for the node limit is not even parsed: counted, with the gap said', () => {
  const source = `# noqa: E501\nTABLE = [\n${Array.from({ length: 50 }, (_, i) => `    ${i},\n`).join('')}]\n`;
  const capped = analyzeSource(source, 'pkg/table.py', 'pkg.table', true, 20);
  assert.match(capped.skipped ?? '', /^\d+ characters, too long to parse within the limit of 20 syntax nodes/);
  assert.equal(capped.health.functions, undefined);
  assert.equal(capped.health.loc, 53);
  assert.deepEqual(capped.health.noqa, analyzeSource(source, 'pkg/table.py', 'pkg.table', true).health.noqa);
});
