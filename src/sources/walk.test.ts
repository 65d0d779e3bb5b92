import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { TempRepo, TempTree } from '../../test/helpers.js';
import { walk } from './walk.js';

test('walk lists files sorted, skipping VCS, virtualenvs, caches and build output', () => {
  const t = new TempTree().files({
    'app/main.py': 'x',
    'README.md': 'r',
    '.git/config': 'x',
    '.venv/lib/site.py': 'x',
    'node_modules/a/index.js': 'x',
    'app/__pycache__/main.cpython-311.pyc': 'x',
    'pkg.egg-info/PKG-INFO': 'x',
    'build/lib/app.py': 'x',
    'env/bin/activate': 'x',
    // A package that happens to be called env (poetry.utils.env) is code, not a virtualenv.
    'app/env/__init__.py': 'x',
  });
  try {
    assert.deepEqual(walk(t.dir).files.map((f) => f.path), ['README.md', 'app/env/__init__.py', 'app/main.py']);
  } finally {
    t.cleanup();
  }
});

test('walk honours .gitignore and configured excludes', () => {
  const t = new TempTree().files({
    '.gitignore': 'secrets/\n*.log\n',
    'secrets/prod.env': 'x',
    'debug.log': 'x',
    'tests/fixtures/big.json': 'x',
    'app.py': 'x',
  });
  try {
    const files = walk(t.dir, { exclude: ['tests/fixtures/'] }).files.map((f) => f.path);
    assert.deepEqual(files, ['.gitignore', 'app.py']);
  } finally {
    t.cleanup();
  }
});

test('a tracked file is never hidden by .gitignore, as in git; untracked ones and excludes still are', () => {
  const t = new TempRepo();
  try {
    t.commit('init', { '.pre-commit-config.yaml': 'repos: []\n', 'app.py': 'x', 'docs/.nav.yml': 'x' });
    // Patterns added after the files were tracked (saleor ignores `.*`), then an untracked match.
    t.write('.gitignore', '.*\n');
    t.write('.local.env', 'x');
    const files = walk(t.dir, { exclude: ['docs/'] }).files.map((f) => f.path);
    assert.deepEqual(files, ['.pre-commit-config.yaml', 'app.py']);
    assert.deepEqual(walk(t.path('docs')).files.map((f) => f.path), ['.nav.yml']);
  } finally {
    t.cleanup();
  }
});

test('walk never follows symlinks: loops and links out of the tree are counted, not read', () => {
  const t = new TempTree().files({ 'a/real.py': 'x' });
  try {
    symlinkSync(t.path('a'), t.path('a/loop'));
    symlinkSync('/etc/passwd', t.path('passwd'));
    const r = walk(t.dir);
    assert.deepEqual(r.files.map((f) => f.path), ['a/real.py']);
    assert.equal(r.skippedSymlinks, 2);
  } finally {
    t.cleanup();
  }
});

test('an unreadable directory does not stop the walk', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
  const t = new TempTree().files({ 'ok.py': 'x', 'locked/x.py': 'x' });
  try {
    mkdirSync(t.path('locked'), { recursive: true });
    chmodSync(t.path('locked'), 0);
    assert.deepEqual(walk(t.dir).files.map((f) => f.path), ['ok.py']);
  } finally {
    chmodSync(t.path('locked'), 0o755);
    t.cleanup();
  }
});
