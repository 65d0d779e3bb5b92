import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TempRepo, TempTree } from '../../test/helpers.js';
import { gitLines, repoInfo } from './git.js';

test('gitLines splits on \\n only: a lone \\r stays in its line, CRLF loses the \\r, a last line without \\n is kept', async () => {
  const repo = new TempRepo();
  try {
    repo.commit('first\rsecond', { 'a.py': 'x\ry\nz\r\nlast' });
    const subjects: string[] = [];
    await gitLines(repo.dir, ['log', '--format=%s'], (l) => subjects.push(l));
    assert.deepEqual(subjects, ['first\rsecond']);
    const lines: string[] = [];
    await gitLines(repo.dir, ['cat-file', '-p', 'HEAD:a.py'], (l) => lines.push(l));
    assert.deepEqual(lines, ['x\ry', 'z', 'last']);
  } finally {
    repo.cleanup();
  }
});

test('repoInfo: found from a sub-folder of a repository (git is asked); null outside any (git is not started)', () => {
  const repo = new TempRepo();
  const plain = new TempTree();
  try {
    const head = repo.commit('first', { 'pkg/a.py': 'x = 1\n' });
    assert.equal(repoInfo(repo.path('pkg'))?.head, head);
    assert.equal(repoInfo(plain.dir), null);
  } finally {
    repo.cleanup();
    plain.cleanup();
  }
});
