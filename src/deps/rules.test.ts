import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../config/config.js';
import { Workspace } from '../sources/workspace.js';
import { auditDependencies } from './index.js';
import { BUNDLED_DB } from './osv/database.js';
import { DEPS_RULE_DEFS, DEPS_RULES, type RuleExample } from './rules.js';
import type { OsvRecord } from './osv/types.js';

async function findingsFor(files: RuleExample, records: OsvRecord[] = []): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-rule-'));
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'pyvet-rule-db-'));
  try {
    let db = BUNDLED_DB;
    if (records.length) {
      // The snapshot's records plus the rule's own, as a folder of OSV JSON.
      for (const [name, bytes] of Object.entries(unzipSync(readFileSync(BUNDLED_DB)))) writeFileSync(path.join(dbDir, path.basename(name)), bytes);
      for (const r of records) writeFileSync(path.join(dbDir, `${r.id}.json`), JSON.stringify(r));
      db = dbDir;
    }
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const ws = new Workspace(dir, defaultConfig());
    const r = await auditDependencies(ws, { db });
    assert.deepEqual(ws.errors, [], 'examples are well-formed');
    return r.findings.map((f) => f.rule);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
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
    for (const ex of rule.examples.bad) assert.ok((await findingsFor(ex, rule.exampleRecords)).includes(rule.id), `bad: ${JSON.stringify(ex)}`);
    for (const ex of rule.examples.good) assert.ok(!(await findingsFor(ex, rule.exampleRecords)).includes(rule.id), `good: ${JSON.stringify(ex)}`);
  });
}
