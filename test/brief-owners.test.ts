import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, parseJson, TempRepo, ALICE, BOB } from './helpers.js';
import type { Brief } from '../src/brief/types.js';

test('owners: main authors per area from blame, last change, and an only expert quiet for 6 months before the newest commit', async () => {
  const t = new TempRepo();
  try {
    t.commit('billing', {
      'billing/__init__.py': '',
      'billing/invoice.py': 'def total(items):\n    s = 0\n    for i in items:\n        s += i\n    return s\n',
    }, { author: ALICE, date: '2025-01-10T10:00:00Z' });
    t.commit('web', {
      'web/__init__.py': '',
      'web/views.py': 'def index():\n    return "ok"\n',
    }, { author: BOB, date: '2025-12-01T10:00:00Z' });
    t.commit('web: alice helps', { 'web/views.py': 'def index():\n    return "ok"\n\n\ndef about():\n    return "about"\n' }, { author: ALICE, date: '2026-01-10T10:00:00Z' });
    const r = await runCli(['brief', t.dir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const brief = parseJson<Brief>(r.stdout);
    const rows = brief.owners.map((o) => `${o.area} | ${o.authors.map((a) => `${a.name} ${a.lines} ${a.share}`).join(', ')} | ${o.lastChange?.slice(0, 10)} | ${o.stale}`);
    // blame counts every current line, blank ones too; Alice's last commit is the newest: billing is hers alone, not stale
    assert.deepEqual(rows, [
      'billing | Alice Example 5 1 | 2025-01-10 | false',
      'web | Alice Example 4 0.667, Bob Example 2 0.333 | 2026-01-10 | false',
    ]);

    // Bob takes billing over; Alice then leaves for more than 6 months while Bob keeps committing elsewhere.
    t.commit('billing rewrite', { 'billing/tax.py': 'RATE = 0.2\n\n\ndef tax(x):\n    return x * RATE\n' }, { author: BOB, date: '2026-02-01T10:00:00Z' });
    t.commit('web tweak', { 'web/extra.py': 'X = 1\n' }, { author: BOB, date: '2026-09-01T10:00:00Z' });
    const r2 = await runCli(['brief', t.dir, '--format', 'json']);
    const b2 = parseJson<Brief>(r2.stdout);
    const billing = b2.owners.find((o) => o.area === 'billing')!;
    assert.deepEqual(billing.authors.map((a) => [a.name, a.lines]), [['Alice Example', 5], ['Bob Example', 5]]);
    assert.equal(billing.stale, false, 'no single expert: nobody holds 75 % of billing');
    const md = (await runCli(['brief', t.dir, '--format', 'markdown'])).stdout;
    assert.match(md, /\| `billing` \| Alice Example 50%, Bob Example 50% \| 2026-02-01 \|/);

    // Bob's lines go away: Alice is billing's only expert again, idle 235 days before the newest commit: stale.
    t.commit('drop tax', { 'billing/tax.py': null }, { author: BOB, date: '2026-09-02T10:00:00Z' });
    const b3 = parseJson<Brief>((await runCli(['brief', t.dir, '--format', 'json'])).stdout);
    const billing3 = b3.owners.find((o) => o.area === 'billing')!;
    assert.equal(billing3.stale, true);
    assert.equal(billing3.expertLastCommit?.slice(0, 10), '2026-01-10');
  } finally {
    t.cleanup();
  }
});

test('owners: outside a git repository the section says so', async () => {
  const { TempTree } = await import('./helpers.js');
  const t = new TempTree().files({ 'a/b.py': 'x = 1\n' });
  try {
    const brief = parseJson<Brief>((await runCli(['brief', t.dir, '--format', 'json'])).stdout);
    assert.deepEqual(brief.owners, []);
    assert.deepEqual(brief.sectionGaps.owners, ['not a git repository: who knows what cannot be determined']);
  } finally {
    t.cleanup();
  }
});
