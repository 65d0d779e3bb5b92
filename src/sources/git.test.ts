import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TempRepo } from '../../test/helpers.js';
import { gitLines } from './git.js';

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
