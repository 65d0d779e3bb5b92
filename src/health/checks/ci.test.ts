import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../sources/workspace.js';
import { defaultConfig } from '../../config/config.js';
import { TempTree } from '../../../test/helpers.js';
import { ciChecks, ciMetrics } from './ci.js';
import { TreeIndex } from '../../facts/tree-index.js';

function withTree<T>(files: Record<string, string>, fn: (tree: TreeIndex, ws: Workspace) => T): T {
  const t = new TempTree().files(files);
  try {
    const ws = new Workspace(t.dir, defaultConfig());
    return fn(new TreeIndex(ws), ws);
  } finally {
    t.cleanup();
  }
}

const SHA = 'b4ffde65f46336ab88eb53be808477a3936bae11';

test('GitHub Actions: steps followed into make and tox; matrix versions; unpinned third-party actions with file:line', () => {
  const workflow = [
    'name: ci', // 1
    'on: [push]', // 2
    'jobs:', // 3
    '  test:', // 4
    '    runs-on: ubuntu-latest', // 5
    '    strategy:', // 6
    '      matrix:', // 7
    '        python-version: ["3.11", "3.12"]', // 8
    '    steps:', // 9
    '      - uses: actions/checkout@v4', // 10
    `      - uses: astral-sh/setup-uv@${SHA}`, // 11
    '      - uses: codecov/codecov-action@v4', // 12
    '      - run: pip install -e .[dev]', // 13
    '      - run: make lint', // 14
    '      - run: tox -e py', // 15
  ].join('\n');
  const r = withTree(
    {
      '.github/workflows/ci.yml': workflow,
      Makefile: 'lint:\n\truff check .\n\truff format --check .\n',
      'tox.ini': '[tox]\nenvlist = py311, py312\n[testenv]\ncommands =\n    pytest -q\n    mypy src\n',
    },
    (tree, ws) => ({ ci: ciMetrics(tree, ws.errors), errors: ws.errors }),
  );
  const m = r.ci.metrics;
  assert.deepEqual(r.errors, []);
  assert.deepEqual(m.systems, ['github-actions']);
  assert.deepEqual([m.installs, m.lints, m.formatCheck, m.typeCheck, m.tests, m.securityScan], [true, true, true, true, true, false]);
  assert.deepEqual(m.pythonVersions, ['3.11', '3.12']);
  assert.deepEqual([m.automation, m.makeTargets], [['tox', 'make'], ['lint']]);
  assert.deepEqual(m.unpinnedActions, [{ path: '.github/workflows/ci.yml', line: 12, uses: 'codecov/codecov-action@v4' }]);
  assert.deepEqual(r.ci.evidence.tests, [{ path: 'tox.ini', line: 5, message: 'pytest -q' }]);
  assert.deepEqual(r.ci.evidence.lints, [{ path: 'Makefile', line: 2, message: 'ruff check .' }]);
  const checks = Object.fromEntries(ciChecks(r.ci).map((c) => [c.id, c]));
  assert.equal(checks['ci.runs-tests']!.status, 'pass');
  assert.equal(checks['ci.security-scan']!.status, 'fail');
  assert.deepEqual(checks['ci.actions-pinned']!.evidence, [{ path: '.github/workflows/ci.yml', line: 12, message: 'uses: codecov/codecov-action@v4 is not pinned to a commit SHA' }]);
});

test('GitLab CI and a CI that installs but never tests', () => {
  const r = withTree(
    { '.gitlab-ci.yml': 'image: python:3.12\nbuild:\n  script:\n    - pip install -r requirements.txt\n    - python -m build\n' },
    (tree, ws) => ciMetrics(tree, ws.errors),
  );
  assert.deepEqual([r.metrics.systems, r.metrics.installs, r.metrics.tests, r.metrics.pythonVersions], [['gitlab-ci'], true, false, ['3.12']]);
  const runs = ciChecks(r).find((c) => c.id === 'ci.runs-tests')!;
  assert.deepEqual([runs.status, runs.evidence], ['fail', [{ message: 'no CI step runs the tests (pytest, unittest, tox, nox…)' }]]);
});

test('broken workflow YAML is an error with file and line; the scan goes on', () => {
  const r = withTree({ '.github/workflows/bad.yml': 'jobs:\n  x: [\n' }, (tree, ws) => ({ ci: ciMetrics(tree, ws.errors), errors: ws.errors }));
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.path, '.github/workflows/bad.yml');
  assert.equal(typeof r.errors[0]!.line, 'number');
  assert.deepEqual(r.ci.metrics.systems, ['github-actions']);
});

test('pre-commit.ci (a ci: section, or its README badge) is CI running the hooks: ruff there lints, zizmor scans', () => {
  const config = 'ci:\n  autofix_prs: false\nrepos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    hooks:\n      - id: ruff\n      - id: ruff-format\n  - repo: https://github.com/woodruffw/zizmor-pre-commit\n    hooks:\n      - id: zizmor\n';
  const byKey = withTree({ '.pre-commit-config.yaml': config }, (tree, ws) => ciMetrics(tree, ws.errors).metrics);
  assert.deepEqual([byKey.systems, byKey.lints, byKey.formatCheck, byKey.securityScan, byKey.tests], [['pre-commit.ci'], true, true, true, false]);
  const badge = '[![pre-commit.ci](https://results.pre-commit.ci/badge/github/o/r/main.svg)](https://results.pre-commit.ci/latest/github/o/r/main)\n';
  const byBadge = withTree({ '.pre-commit-config.yaml': config.replace(/^ci:\n.*\n/, ''), 'README.md': badge }, (tree, ws) => ciMetrics(tree, ws.errors).metrics);
  assert.deepEqual([byBadge.systems, byBadge.lints], [['pre-commit.ci'], true]);
  const neither = withTree({ '.pre-commit-config.yaml': config.replace(/^ci:\n.*\n/, '') }, (tree, ws) => ciMetrics(tree, ws.errors).metrics);
  assert.deepEqual([neither.systems, neither.lints], [[], false]);
});
