import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ALICE, BOB, TempRepo } from './helpers.js';
import { lineOwnership } from '../src/facts/ownership.js';

test('ownership: a commit whose objects are missing is skipped and named, the commits after it still count', async () => {
  const repo = new TempRepo();
  try {
    repo.commit('a', { 'app/a.py': 'a = 1\nb = 2\nc = 3\n' });
    const bad = repo.commit('b', { 'app/b.py': 'x = 1\ny = 2\nz = 3\nw = 4\n', 'app/a.py': 'a = 1\nb = 2\nc = 3\nd = 4\n' }, { author: BOB });
    repo.commit('c', { 'app/a.py': 'a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\n' });
    // a damaged clone: the blob app/b.py was added with is gone, so that commit's changes cannot be read
    const blob = repo.git('rev-parse', `${bad}:app/b.py`).trim();
    rmSync(repo.path(`.git/objects/${blob.slice(0, 2)}/${blob.slice(2)}`));
    const own = await lineOwnership(repo.dir);
    assert.deepEqual(own.skipped, [bad]);
    assert.deepEqual(own.files.find((f) => f.path === 'app/a.py')?.authors, [{ name: ALICE.name, lines: 5 }]);
    assert.equal(own.files.some((f) => f.path === 'app/b.py'), false);
    // activity reads commits only: Bob is still seen
    assert.ok(own.activity.last.has(BOB.name));
  } finally {
    repo.cleanup();
  }
});
