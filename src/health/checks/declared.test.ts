import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency } from '../../deps/types.js';
import { analyzeSource, type PythonFileFacts } from '../../python/analyze.js';
import { moduleNames } from '../../python/modules.js';
import { buildImportGraph } from '../../facts/imports.js';
import { declaredVsImported } from './declared.js';

function project(files: Record<string, string>): PythonFileFacts[] {
  const names = moduleNames(Object.keys(files));
  return Object.entries(files).map(([p, src]) => analyzeSource(src, p, names.get(p)!, false));
}

function dep(name: string, group = 'main', line = 1): Dependency {
  return { name, version: '1.0', specifier: '==1.0', kind: 'pinned', group, path: 'pyproject.toml', line, vulns: [], fix: null };
}

test('declared vs imported: import names map to distributions; tools are never "unused"; dev-only in production', () => {
  const files = project({
    'svc/__init__.py': '',
    'svc/main.py': 'import yaml\nimport requests\nfrom PIL import Image\nimport sklearn.linear_model\nimport factory\nimport os, json\nfrom svc import util\nfrom _typeshed import StrPath\n',
    'svc/util.py': 'try:\n    import ujson\nexcept ImportError:\n    ujson = None\n',
    'tests/test_main.py': 'import pytest\nimport factory\nfrom svc import main\n',
  });
  const g = buildImportGraph(files);
  const deps = [dep('pyyaml'), dep('pillow'), dep('scikit-learn'), dep('flask', 'main', 4), dep('pytest', 'dev'), dep('black', 'dev'), dep('types-requests', 'dev'), dep('factory-boy', 'dev'), dep('factory', 'test'), dep('ujson', 'main')];
  const r = declaredVsImported(g, deps);
  assert.deepEqual(r.undeclared.map((u) => [u.name, u.uses]), [['requests', [{ path: 'svc/main.py', line: 2 }]]]);
  assert.deepEqual(r.unused.map((u) => u.name), ['factory-boy', 'flask']);
  assert.deepEqual(r.devInProduction.map((d) => [d.name, d.group, d.uses]), [['factory', 'test', [{ path: 'svc/main.py', line: 5 }]]]);
});
