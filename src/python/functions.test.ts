import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectFunctions } from './complexity.js';
import { functionAt, functionCount, functionRow, functionsOf, functionTable, totalComplexity } from './functions.js';
import { parsePython } from './parse.js';

test('the function table holds every FunctionFact collectFunctions gives, row by row, and finds a def by line and column', () => {
  const src = 'def f(x):\n    if x:\n        return 1\n    return 2\n\nclass C:\n    def m(self): pass\n    async def n(self):\n        def inner(): pass\n';
  const fns = collectFunctions(parsePython(src));
  const t = functionTable(fns);
  assert.ok(t);
  assert.equal(functionCount(t), 4);
  assert.deepEqual(functionsOf(t), fns);
  // functionRow searches by line: it relies on collectFunctions' order (line, then column).
  assert.ok(fns.every((f, i) => i === 0 || fns[i - 1]!.line < f.line || (fns[i - 1]!.line === f.line && fns[i - 1]!.col < f.col)));
  assert.deepEqual(functionAt(t, 1), { name: 'C.m', line: 7, endLine: 7, complexity: 1, col: 4, method: true });
  assert.equal(totalComplexity(t), fns.reduce((s, f) => s + f.complexity, 0));
  assert.equal(functionRow(t, 8, 4), 2);
  assert.equal(functionRow(t, 9, 8), 3);
  assert.equal(functionRow(t, 8, 0), -1);
  assert.equal(functionRow(t, 99, 0), -1);
});

test('a file without functions has no table, and reads as empty', () => {
  const t = functionTable(collectFunctions(parsePython('X = 1\n')));
  assert.equal(t, undefined);
  assert.equal(functionCount(t), 0);
  assert.deepEqual(functionsOf(t), []);
  assert.equal(totalComplexity(t), 0);
  assert.equal(functionRow(t, 1, 0), -1);
});
