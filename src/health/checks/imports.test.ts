import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency } from '../../deps/types.js';
import { analyzeSource, type PythonFileFacts } from '../../python/analyze.js';
import { moduleNames } from '../../python/modules.js';
import { buildImportGraph, cyclePath, declaredVsImported, importCycles } from './imports.js';

function project(files: Record<string, string>): PythonFileFacts[] {
  const names = moduleNames(Object.keys(files));
  return Object.entries(files).map(([p, src]) => analyzeSource(src, p, names.get(p)!, false));
}

function dep(name: string, group = 'main', line = 1): Dependency {
  return { name, version: '1.0', specifier: '==1.0', kind: 'pinned', group, path: 'pyproject.toml', line, vulns: [], fix: null };
}

test('cycles are strongly connected components, each with one concrete shortest path', () => {
  const files = project({
    'app/__init__.py': 'from . import a\n',
    'app/a.py': 'from app import b\n',
    'app/b.py': 'from .c import thing\n',
    'app/c.py': 'import app.a\nthing = 1\n',
    'app/d.py': 'from app.e import x\n',
    'app/e.py': 'from app.d import y\nx = 1\n',
    'app/leaf.py': 'import os\n',
  });
  const g = buildImportGraph(files);
  const cycles = importCycles(g.edges);
  assert.deepEqual(cycles, [
    ['app.a', 'app.b', 'app.c'],
    ['app.d', 'app.e'],
  ]);
  assert.deepEqual(cyclePath(cycles[0]!, g.edges), ['app.a', 'app.b', 'app.c', 'app.a']);
  // The package's own __init__ importing a submodule is an edge; a submodule importing its package is not.
  assert.ok(g.edges.get('app')?.has('app.a'));
  assert.ok(!g.edges.get('app.a')?.has('app'));
});

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
