import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allRules } from '../src/pipeline/rules.js';
import { rulesMarkdown } from '../src/cli/rules.js';
import { isSeverity } from '../src/core/severity.js';

test('every rule has a unique, well-formed id, a valid severity and filled-in docs', () => {
  const rules = allRules();
  assert.ok(rules.length > 0);
  const seen = new Set<string>();
  for (const r of rules) {
    assert.match(r.id, /^(deps|secret|health)\.[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/, r.id);
    assert.ok(!seen.has(r.id), `duplicate rule id ${r.id}`);
    seen.add(r.id);
    assert.ok(isSeverity(r.severity), `${r.id}: severity ${r.severity}`);
    assert.ok(r.summary.length > 10 && !r.summary.includes('\n'), `${r.id}: summary must be one line`);
    for (const k of ['what', 'why', 'fix'] as const) assert.ok(r.docs[k].trim().length > 10, `${r.id}: docs.${k} is empty`);
  }
  for (const domain of ['deps.', 'secret.', 'health.']) assert.ok(rules.some((r) => r.id.startsWith(domain)), `no ${domain} rules registered`);
});

test('docs/rules.md is current with the rules metadata (regenerate with `npm run docs:rules`)', () => {
  const checkedIn = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  assert.equal(checkedIn, rulesMarkdown(allRules()), 'docs/rules.md is stale: run `npm run docs:rules`');
});
