import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Declaration } from '../../facts/manifests.js';
import { analyzeSource, type PythonFileFacts } from '../../python/analyze.js';
import { moduleNames } from '../../python/modules.js';
import { buildImportGraph } from '../../facts/imports.js';
import { declaredVsImported } from './declared.js';
import { deptryConfig } from '../../facts/deptry.js';

function project(files: Record<string, string>): PythonFileFacts[] {
  const names = moduleNames(Object.keys(files));
  return Object.entries(files).map(([p, src]) => analyzeSource(src, p, names.get(p)!, false));
}

function dep(name: string, group = 'main', line = 1, extra = false): Declaration {
  return { name, group, path: 'pyproject.toml', line, extra, source: 'pyproject-pep621' };
}

const production = { isProduction: (p: string) => !p.startsWith('tests/') };

test('declared vs imported: import names map to distributions; tools are never "unused"; dev-only in production', () => {
  const files = project({
    'svc/__init__.py': '',
    'svc/main.py': 'import yaml\nimport requests\nfrom PIL import Image\nimport sklearn.linear_model\nimport factory\nimport os, json\nfrom svc import util\nfrom _typeshed import StrPath\n',
    'svc/util.py': 'try:\n    import ujson\nexcept ImportError:\n    ujson = None\n',
    'tests/test_main.py': 'import pytest\nimport factory\nfrom svc import main\n',
  });
  const g = buildImportGraph(files);
  const deps = [dep('pyyaml'), dep('pillow'), dep('scikit-learn'), dep('flask', 'main', 4), dep('pytest', 'dev'), dep('black', 'dev'), dep('types-requests', 'dev'), dep('factory-boy', 'dev'), dep('factory', 'test'), dep('ujson', 'main')];
  const r = declaredVsImported(g, deps, production);
  assert.deepEqual(r.undeclared.map((u) => [u.name, u.uses]), [['requests', [{ path: 'svc/main.py', line: 2 }]]]);
  // Development groups hold tools that are run, not imported: only main dependencies can be unused.
  assert.deepEqual(r.unused.map((u) => u.name), ['flask']);
  assert.deepEqual(r.devInProduction.map((d) => [d.name, d.group, d.uses]), [['factory-boy', 'dev', [{ path: 'svc/main.py', line: 5 }]]]);
});

test('declared vs imported: naming conventions, apps named in settings, extras are optional not dev', () => {
  const files = project({
    'app/__init__.py': '',
    'app/settings.py': 'INSTALLED_APPS = ["django.contrib.admin", "taggit", "mptt"]\nCACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache"}}\n',
    'app/views.py': 'import strawberry\nimport dateutil.parser\nimport boto3\n',
  });
  const g = buildImportGraph(files);
  const loadedByName = new Set(files.flatMap((f) => f.health.stringRefs ?? []));
  const deps = [dep('django'), dep('django-taggit'), dep('django-mptt'), dep('django-redis'), dep('strawberry-graphql'), dep('python-dateutil'), dep('boto3', 's3', 9, true), dep('netbox-plugin', 'plugins', 10, true)];
  const r = declaredVsImported(g, deps, { ...production, loadedByName });
  assert.deepEqual([r.undeclared, r.unused, r.devInProduction], [[], [], []]);
});

test('declared vs imported: the project\'s own distribution is never unused, and the packages its config lists are never undeclared', () => {
  const files = project({ 'app.py': 'import acme_core\nimport requests\n' });
  const g = buildImportGraph(files);
  const deps = [dep('requests'), dep('acme-tools')];
  const own = { distributions: new Set(['acme-tools']), tops: new Set(['acme_core']) };
  const r = declaredVsImported(g, deps, { ...production, own });
  assert.deepEqual(r.undeclared.map((u) => u.name), []);
  assert.deepEqual(r.unused.map((u) => u.name), []);
  // Without the config, the same tree reports both.
  const bare = declaredVsImported(g, deps, production);
  assert.deepEqual(bare.undeclared.map((u) => u.name), ['acme_core']);
  assert.deepEqual(bare.unused.map((u) => u.name), ['acme-tools']);
});

test('declared vs imported: deptry per_rule_ignores and package_module_name_map are the project\'s own decisions', () => {
  const files = project({ 'svc/__init__.py': '', 'svc/main.py': 'import acmetk\nimport prometheus_client\n' });
  const doc = {
    tool: { deptry: { per_rule_ignores: { DEP002: ['Azure_Common'], DEP003: ['prometheus_client'] }, package_module_name_map: { 'acme-toolkit': ['acmetk'] } } },
  };
  const deptry = deptryConfig([{ doc }]);
  const r = declaredVsImported(buildImportGraph(files), [dep('azure-common'), dep('acme-toolkit')], { ...production, moduleMap: deptry.moduleMap });
  // The map makes `acmetk` acme-toolkit's: neither undeclared nor unused.
  assert.deepEqual(r.undeclared.map((u) => u.name), ['prometheus_client']);
  assert.deepEqual(r.unused.map((u) => u.name), ['azure-common']);
  assert.equal(deptry.ignored('DEP002', 'azure-common'), true);
  assert.equal(deptry.ignored('DEP003', 'prometheus_client'), true);
  assert.equal(deptry.ignored('DEP001', 'prometheus_client'), false);
  assert.equal(deptryConfig([{ doc: { tool: { deptry: { ignore: ['DEP004'], ignore_obsolete: ['pyxb'] } } } }]).ignored('DEP002', 'pyxb'), true);
});
