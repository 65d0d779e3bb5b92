import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from './rules/index.js';

// Compiled to dist/src/secrets/: the repository root is three levels up.
const DOC = new URL('../../../docs/secrets.md', import.meta.url);

test('docs/secrets.md lists every secret rule with its severity and summary (fails when docs drift)', () => {
  const doc = readFileSync(DOC, 'utf8');
  const rows = doc.split('\n').filter((l) => l.startsWith('| `secret.'));
  assert.deepEqual(rows, RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.summary} |`));
});
