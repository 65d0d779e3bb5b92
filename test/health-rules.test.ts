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
