import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../src/sources/workspace.js';
import { defaultConfig } from '../src/config/config.js';
import { ownershipOf } from '../src/facts/ownership.js';
import { gitHistory, historyChecks } from '../src/health/checks/history.js';
import { TempRepo, ALICE, BOB } from './helpers.js';

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}_${i} = ${i}`).join('\n') + '\n';

test('history: bus factor, knowledge islands, churn, commit hygiene, shared line ownership', async () => {
  const repo = new TempRepo();
  try {
    repo.commit('Add the core module', { 'core.py': lines(40, 'a') }, { author: ALICE, date: '2026-02-01T09:00:00Z' });
    repo.commit('wip', { 'util.py': lines(12, 'b') }, { author: BOB, date: '2026-02-02T09:00:00Z' });
    repo.commit('Extend core with settings', { 'core.py': lines(40, 'a') + lines(2, 'c') }, { author: BOB, date: '2026-02-03T09:00:00Z' });
    repo.commit('update', { 'notes.txt': 'x\n' }, { author: BOB, date: '2026-02-04T09:00:00Z' });
    const ws = new Workspace(repo.dir, defaultConfig());
    const h = await gitHistory(ws, { pyFiles: [{ path: 'core.py', complexity: 0 }, { path: 'util.py', complexity: 3 }] });
    assert.ok(h);
    const m = h.metrics;
    assert.equal(m.commits, 4);
    assert.equal(m.authors, 2);
    // Alice wrote 40 of 54 current lines (74%): two authors are needed for 80%.
    assert.equal(m.busFactor, 2);
    assert.deepEqual(m.authorLines, { [ALICE.name]: 40, [BOB.name]: 14 });
    // core.py: Alice 40/42 = 95.2% → an island; util.py: Bob 12/12.
    assert.deepEqual(m.knowledgeIslands, ['core.py', 'util.py']);
    assert.deepEqual(m.files, [
      { path: 'core.py', churn: 2, authors: [{ name: ALICE.name, lines: 40 }, { name: BOB.name, lines: 2 }], lastChange: '2026-02-03T09:00:00Z' },
      { path: 'util.py', churn: 1, authors: [{ name: BOB.name, lines: 12 }], lastChange: '2026-02-02T09:00:00Z' },
    ]);
    assert.deepEqual(m.hotspots, [{ path: 'util.py', churn: 1, complexity: 3 }]);
    assert.equal(m.blameCapped, false);
    const checks = Object.fromEntries(historyChecks(h, new Date('2026-03-01T00:00:00Z')).map((c) => [c.id, c]));
    assert.equal(checks['history.bus-factor']!.score, 6);
    const hyg = checks['history.commit-hygiene']!;
    assert.equal(hyg.score, 0);
    assert.match(hyg.evidence[0]!.message, /^2 of 4 commits have an empty or one-word message/);
    assert.equal(checks['history.activity']!.score, 10);

    // One ownership read per scan, shared with the brief; a second review gives the same numbers.
    assert.equal(m.blamed, 2);
    assert.strictEqual(ownershipOf(ws), ownershipOf(ws));
    assert.deepEqual((await gitHistory(ws, { pyFiles: [] }))!.metrics.authorLines, m.authorLines);
  } finally {
    repo.cleanup();
  }
});
