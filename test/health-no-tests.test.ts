import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reviewHealth } from '../src/health/index.js';
import { analyzePythonFiles } from '../src/python/analyze.js';
import { Workspace } from '../src/sources/workspace.js';
import { defaultConfig } from '../src/config/config.js';
import { TempTree } from './helpers.js';

test('health: without tests one finding says so; a migration\'s swallowed exception is history, unscored', async () => {
  const t = new TempTree('pyvet-health-');
  try {
    t.files({
      'shop/__init__.py': '',
      'shop/cart.py': 'def add(c, x):\n    return c + [x]\n',
      'shop/migrations/__init__.py': '',
      'shop/migrations/0002_fill.py': 'def fill(apps, schema_editor):\n    try:\n        apps.get_model("shop", "Cart")\n    except Exception:\n        pass\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install .\n',
    });
    const ws = new Workspace(t.dir, defaultConfig());
    const python = await analyzePythonFiles(ws, { brief: false });
    const { health, findings } = await reviewHealth(ws, { dependencies: [], python });
    const score = (id: string) => health.checks.find((c) => c.id === id)?.score;
    assert.equal(score('ci.runs-tests'), 0);
    assert.equal(score('tests.ratio'), 0);
    const reported = findings.filter((f) => f.severity !== 'info').map((f) => f.rule);
    assert.ok(reported.includes('health.tests.present'));
    for (const r of ['health.ci.runs-tests', 'health.tests.ratio', 'health.tests.layers', 'health.tests.coverage', 'health.tests.untested-modules', 'health.swallowed-exception']) assert.ok(!reported.includes(r), r);
    assert.equal(findings.find((f) => f.rule === 'health.swallowed-exception')?.severity, 'info');
    assert.equal(score('security.error-handling'), 10);
  } finally {
    t.cleanup();
  }
});
