import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, type PythonFileFacts } from '../python/analyze.js';
import { moduleNames } from '../python/modules.js';
import { buildImportGraph, cyclePath, eagerEdges, importCycles } from './imports.js';

function project(files: Record<string, string>): PythonFileFacts[] {
  const names = moduleNames(Object.keys(files));
  return Object.entries(files).map(([p, src]) => analyzeSource(src, p, names.get(p)!, false));
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

test('imports under TYPE_CHECKING or inside a function do not close a cycle', () => {
  const files = project({
    'app/__init__.py': '',
    'app/a.py': 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.b import B\n',
    'app/b.py': 'from app.a import thing\n',
    'app/c.py': 'def f():\n    from app.d import y\n    return y\n',
    'app/d.py': 'from app.c import f\ny = 1\n',
  });
  const g = buildImportGraph(files);
  assert.deepEqual(importCycles(g.edges), [['app.a', 'app.b'], ['app.c', 'app.d']]);
  assert.deepEqual(importCycles(eagerEdges(g.edges)), []);
  assert.deepEqual(g.edges.get('app.a')?.get('app.b'), { line: 3, deferred: true });
});
