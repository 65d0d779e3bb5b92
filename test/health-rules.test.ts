import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEALTH_RULES } from '../src/health/registry.js';
import type { ExampleTree } from '../src/health/rule.js';
import { reviewHealth } from '../src/health/index.js';
import { analyzePythonFiles } from '../src/python/analyze.js';
import { auditDependencies } from '../src/deps/index.js';
import { Workspace } from '../src/sources/workspace.js';
import { defaultConfig } from '../src/config/config.js';
import { TempTree } from './helpers.js';

async function rulesReported(files: ExampleTree): Promise<Set<string>> {
  const t = new TempTree('pyvet-rule-');
  try {
    t.files(files);
    const ws = new Workspace(t.dir, defaultConfig());
    const deps = await auditDependencies(ws, { db: null });
    const python = await analyzePythonFiles(ws, { brief: false });
    const { findings } = await reviewHealth(ws, { dependencies: deps.dependencies, python });
    return new Set(findings.map((f) => f.rule));
  } finally {
    t.cleanup();
  }
}

test('every health rule id is unique, starts with health. and has docs', () => {
  const ids = HEALTH_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of HEALTH_RULES) {
    assert.match(r.id, /^health\.[a-z0-9-]+(\.[a-z0-9-]+)?$/);
    for (const k of ['what', 'why', 'fix'] as const) assert.ok(r.docs[k].length > 10, `${r.id}.docs.${k}`);
    // A rule reports either places of its own or the failure of one scored check, never both or neither.
    assert.ok(!r.check !== !r.failedCheck, `${r.id} needs exactly one of check and failedCheck`);
  }
});

test('every failedCheck names a check the review produces', async () => {
  const t = new TempTree('pyvet-rule-');
  try {
    t.files({ 'app/service.py': 'import os\n' });
    const ws = new Workspace(t.dir, defaultConfig());
    const python = await analyzePythonFiles(ws, { brief: false });
    const { health } = await reviewHealth(ws, { dependencies: [], python });
    const checkIds = new Set(health.checks.map((c) => c.id));
    for (const r of HEALTH_RULES.filter((x) => x.failedCheck)) assert.ok(checkIds.has(r.failedCheck!), `${r.id} names check ${r.failedCheck}, which the review does not produce`);
  } finally {
    t.cleanup();
  }
});

for (const r of HEALTH_RULES.filter((x) => x.examples)) {
  test(`${r.id}: every bad example reports it, every good look-alike stays quiet`, async () => {
    for (const [i, bad] of r.examples!.bad.entries()) {
      assert.ok((await rulesReported(bad)).has(r.id), `bad example ${i} of ${r.id} did not report it`);
    }
    for (const [i, good] of r.examples!.good.entries()) {
      assert.ok(!(await rulesReported(good)).has(r.id), `good example ${i} of ${r.id} reported it`);
    }
  });
}
