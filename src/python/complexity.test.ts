import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython } from './parse.js';
import { collectFunctions, moduleComplexity } from './complexity.js';
import type { PyNode } from './tree.js';

test('the module total reads the complexities collectFunctions kept, and equals the total computed alone', () => {
  const root = parsePython(
    [
      'def f(x):',
      '    if x and x > 1:',
      '        return [y for y in x if y]',
      '    def inner():',
      '        while True: pass',
      '    return inner',
      'class A:',
      '    @staticmethod',
      '    def m(a):',
      '        try: pass',
      '        except E: pass',
      '        else: pass',
      'if __name__ == "__main__":',
      '    f(1)',
      '',
    ].join('\n'),
  );
  const complexities = new Map<PyNode, number>();
  const rows = collectFunctions(root, complexities);
  assert.deepEqual(
    rows.map((r) => [r.name, r.complexity]),
    [
      ['f', 5],
      ['f.inner', 2],
      ['A.m', 3],
    ],
  );
  assert.equal(complexities.size, 3);
  // radon: 1 + module if (1) + (f − 1) + A.m = 1 + 1 + 4 + 3
  assert.equal(moduleComplexity(root), 9);
  assert.equal(moduleComplexity(root, complexities), 9);
});
