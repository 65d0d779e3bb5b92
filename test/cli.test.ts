import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, TempTree } from './helpers.js';

test('--version prints the package version and exits 0', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
});

test('an unknown command is a usage error (exit 2)', async () => {
  const r = await runCli(['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command/);
});

test('a missing path is a usage error naming it', async () => {
  const r = await runCli(['deps', '/nonexistent/pyvet-path']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no such file or directory: \/nonexistent\/pyvet-path/);
});

test('an unknown format is a usage error', async () => {
  const t = new TempTree();
  try {
    const r = await runCli(['deps', t.dir, '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown format "xml"/);
  } finally {
    t.cleanup();
  }
});

test('a config with a wrong type is a clear error; an unknown key is a warning', async () => {
  const t = new TempTree().files({ 'pyproject.toml': '[tool.pyvet]\nfail-on = 3\n' });
  try {
    const bad = await runCli(['deps', t.dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /fail-on must be one of/);
    t.write('pyproject.toml', '[tool.pyvet]\nfrobs = 1\n');
    const warn = await runCli(['deps', t.dir]);
    assert.equal(warn.code, 0);
    assert.match(warn.stderr, /unknown key frobs/);
  } finally {
    t.cleanup();
  }
});
