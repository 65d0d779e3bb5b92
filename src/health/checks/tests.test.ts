import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../sources/workspace.js';
import { defaultConfig } from '../../config/config.js';
import { TempTree } from '../../../test/helpers.js';
import { analyzePythonFiles } from '../../python/analyze.js';
import { buildImportGraph } from '../../facts/imports.js';
import { TreeIndex } from '../../facts/tree-index.js';
import { coverageConfig, testChecks, testMetrics } from './tests.js';
import { scoreChecks } from '../index.js';
import { check } from './model.js';

test('tests: framework, count, layers by folder and marker, coverage, modules no test imports', async () => {
  const t = new TempTree().files({
    'shop/__init__.py': '',
    'shop/cart.py': 'def add(c, x):\n    return c + [x]\n',
    'shop/pay.py': 'def pay(x):\n    return x\n',
    'tests/unit/test_cart.py': 'from shop.cart import add\n\ndef test_add():\n    assert add([], 1) == [1]\n\ndef test_add2():\n    assert add([1], 2) == [1, 2]\n',
    'tests/test_flow.py': 'import pytest\n\n@pytest.mark.e2e\ndef test_flow():\n    assert True\n',
    'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "--cov=shop --cov-fail-under=85"\n',
  });
  try {
    const ws = new Workspace(t.dir, defaultConfig());
    const files = await analyzePythonFiles(ws, { brief: false });
    const m = testMetrics(files, buildImportGraph(files), new TreeIndex(ws), []);
    assert.deepEqual(
      { framework: m.framework, testFiles: m.testFiles, testFunctions: m.testFunctions, layers: m.layers, coverage: m.coverage, untested: m.untestedModules, line: m.coverageLine },
      { framework: ['pytest'], testFiles: 2, testFunctions: 3, layers: ['unit', 'e2e'], coverage: { configured: true, threshold: 85, source: 'pyproject.toml' }, untested: ['shop.pay'], line: 2 },
    );
    const checks = Object.fromEntries(testChecks(m, 2).map((c) => [c.id, c]));
    assert.equal(checks['tests.layers']!.score, 10);
    assert.equal(checks['tests.coverage']!.score, 10);
    assert.deepEqual(checks['tests.untested-modules']!.evidence, [{ message: 'shop.pay: no test imports it' }]);
    assert.equal(checks['tests.untested-modules']!.score, 5);
  } finally {
    t.cleanup();
  }
});

test('score: category means × 10, weighted overall; skipped checks and empty categories drop out; weights override', () => {
  const checks = [
    check('tests.a', 'tests', 10, [{ message: 'x' }], ''),
    check('tests.b', 'tests', 5, [{ message: 'x' }], ''),
    check('ci.a', 'ci', 0, [{ message: 'x' }], ''),
    check('history.a', 'history', 0, [{ message: 'x' }], '', { skip: true }),
  ];
  const d = scoreChecks(checks, {});
  assert.deepEqual(d.categories, { ci: 0, tests: 75 });
  // (75 × 20 + 0 × 15) / 35
  assert.equal(d.score, 43);
  assert.equal(scoreChecks(checks, { ci: 0 }).score, 75);
  assert.equal(scoreChecks(checks, { tests: 15 }).score, 38);
});

test('tests: [coverage:run] in setup.cfg configures coverage without a threshold (saleor)', () => {
  const t = new TempTree().files({ 'setup.cfg': '[metadata]\nname = shop\n\n[coverage:run]\nbranch = 1\n' });
  try {
    const m = coverageConfig(new TreeIndex(new Workspace(t.dir, defaultConfig())), []);
    assert.deepEqual(m, { configured: true, threshold: null, source: 'setup.cfg', line: 4 });
  } finally {
    t.cleanup();
  }
});

test('tests: only production modules outside the framework\'s conventions can be untested; without any test the other tests.* checks are explained by tests.present', async () => {
  const t = new TempTree().files({
    // Django's apps.py is loaded by the framework, not imported by tests.
    'shop/__init__.py': '',
    'shop/apps.py': 'class ShopConfig:\n    def ready(self):\n        return None\n',
    'shop/cart.py': 'def add(c, x):\n    return c + [x]\n',
    '.semgrep/rules/sample.py': 'def f(x):\n    return x\n',
    'tests/test_cart.py': 'from shop.cart import add\n\ndef test_add():\n    assert add([], 1) == [1]\n',
  });
  try {
    const ws = new Workspace(t.dir, defaultConfig());
    const files = await analyzePythonFiles(ws, { brief: false });
    const m = testMetrics(files, buildImportGraph(files), new TreeIndex(ws), [], (p) => !p.startsWith('.'));
    assert.deepEqual(m.untestedModules, []);
    const none = testChecks({ ...m, testFunctions: 0, testFiles: 0, ratio: 0, layers: [], untestedModules: [] }, 1);
    assert.deepEqual(
      none.map((c) => [c.id, c.score, c.coveredByFindings ?? false]),
      [
        ['tests.present', 0, false],
        ['tests.ratio', 0, true],
        ['tests.layers', 0, true],
        ['tests.coverage', 0, true],
        ['tests.untested-modules', 0, true],
      ],
    );
    assert.deepEqual(none.at(-1)!.evidence, [{ message: 'no test functions: none of 1 modules is tested' }]);
  } finally {
    t.cleanup();
  }
});
