import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteImport, moduleNames, resolveProjectModule } from './modules.js';

test('module names: regular packages, src layout, namespace packages, scripts, nested roots', () => {
  const names = moduleNames([
    'app/__init__.py',
    'app/api/__init__.py',
    'app/api/views.py',
    'src/lib/__init__.py',
    'src/lib/core.py',
    'ns/pkg/mod.py',
    'src/poetry/factory.py',
    'src/poetry/console/__init__.py',
    'src/poetry/console/app.py',
    'scripts/run.py',
    'setup.py',
    'services/billing/billing/__init__.py',
    'services/billing/billing/charge.py',
  ]);
  assert.deepEqual(Object.fromEntries(names), {
    'app/__init__.py': 'app',
    'app/api/__init__.py': 'app.api',
    'app/api/views.py': 'app.api.views',
    'src/lib/__init__.py': 'lib',
    'src/lib/core.py': 'lib.core',
    'ns/pkg/mod.py': 'ns.pkg.mod',
    'src/poetry/factory.py': 'poetry.factory',
    'src/poetry/console/__init__.py': 'poetry.console',
    'src/poetry/console/app.py': 'poetry.console.app',
    'scripts/run.py': 'scripts.run',
    'setup.py': 'setup',
    'services/billing/billing/__init__.py': 'billing',
    'services/billing/billing/charge.py': 'billing.charge',
  });
});

test('relative imports resolve against the package; climbing above the top is null', () => {
  assert.equal(absoluteImport('app.api.views', 'app/api/views.py', 1, 'models'), 'app.api.models');
  assert.equal(absoluteImport('app.api.views', 'app/api/views.py', 2, 'core'), 'app.core');
  assert.equal(absoluteImport('app.api', 'app/api/__init__.py', 1, 'views'), 'app.api.views');
  assert.equal(absoluteImport('app.api.views', 'app/api/views.py', 1, ''), 'app.api');
  assert.equal(absoluteImport('app.views', 'app/views.py', 3, 'x'), null);
  assert.equal(absoluteImport('m', 'm.py', 0, 'os.path'), 'os.path');
});

test('the longest known prefix is the imported project module', () => {
  const known = new Set(['app', 'app.models']);
  assert.equal(resolveProjectModule('app.models.User', known), 'app.models');
  assert.equal(resolveProjectModule('app.other', known), 'app');
  assert.equal(resolveProjectModule('requests', known), null);
});
