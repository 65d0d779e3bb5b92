import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../config/config.js';
import { Workspace } from '../sources/workspace.js';
import { auditDependencies } from './index.js';
import { BUNDLED_DB } from './osv/database.js';
import { DEPS_RULE_DEFS, DEPS_RULES, type RuleExample } from './rules.js';

async function findingsFor(files: RuleExample): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-rule-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const ws = new Workspace(dir, defaultConfig());
    const r = await auditDependencies(ws, { db: BUNDLED_DB });
    assert.deepEqual(ws.errors, [], 'examples are well-formed');
    return r.findings.map((f) => f.rule);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('rule metadata: unique ids, docs filled in, exported without the examples', () => {
  assert.equal(new Set(DEPS_RULES.map((r) => r.id)).size, DEPS_RULES.length);
  for (const r of DEPS_RULES) {
    assert.match(r.id, /^deps\.[a-z]+(-[a-z]+)*$/);
    assert.ok(r.summary && r.docs.what && r.docs.why && r.docs.fix && r.docs.example, r.id);
    assert.ok(!('examples' in r));
  }
});

for (const rule of DEPS_RULE_DEFS) {
  test(`${rule.id}: every bad example reports it, every good one stays quiet`, async () => {
    assert.ok(rule.examples.bad.length && rule.examples.good.length);
    for (const ex of rule.examples.bad) assert.ok((await findingsFor(ex)).includes(rule.id), `bad: ${JSON.stringify(ex)}`);
    for (const ex of rule.examples.good) assert.ok(!(await findingsFor(ex)).includes(rule.id), `good: ${JSON.stringify(ex)}`);
  });
}
