import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TempTree } from '../../test/helpers.js';
import { ConfigError } from '../core/errors.js';
import { loadConfig, validateConfig } from './config.js';

test('[tool.pyvet] in pyproject.toml is read; .pyvet.toml wins over it', () => {
  const t = new TempTree().files({
    'pyproject.toml': '[project]\nname="x"\n[tool.pyvet]\nfail-on = "medium"\nexclude = ["docs/"]\n',
  });
  try {
    const cfg = loadConfig(t.dir);
    assert.equal(cfg.failOn, 'medium');
    assert.deepEqual(cfg.exclude, ['docs/']);
    assert.equal(cfg.source, 'pyproject.toml');
    t.write('.pyvet.toml', 'fail-on = "critical"\n');
    assert.equal(loadConfig(t.dir).failOn, 'critical');
  } finally {
    t.cleanup();
  }
});

test('every documented key is accepted with its type', () => {
  const cfg = validateConfig(
    {
      exclude: ['a/'], disable: ['health.print-in-library'], severity: { 'health.bare-except': 'low' }, 'fail-on': 'none',
      weights: { tests: 30 }, 'max-file-size': '2MB', db: 'osv.zip', store: 'h.db', secrets: { baseline: 'b.json', history: true },
    },
    'x',
  );
  assert.equal(cfg.maxFileSize, 2 * 1024 * 1024);
  assert.equal(cfg.severity['health.bare-except'], 'low');
  assert.equal(cfg.secrets.history, true);
  assert.deepEqual(cfg.warnings, []);
});

test('wrong types are errors naming the key; unknown keys are warnings naming the key', () => {
  assert.throws(() => validateConfig({ exclude: 'docs/' }, 'pyproject.toml'), (e: Error) => e instanceof ConfigError && /exclude must be a list/.test(e.message));
  assert.throws(() => validateConfig({ severity: { x: 'huge' } }, 'p'), /severity\.x must be one of/);
  assert.throws(() => validateConfig({ 'max-file-size': -1 }, 'p'), /max-file-size/);
  assert.match(validateConfig({ colour: true }, 'p').warnings[0]!, /unknown key colour/);
});

test('a broken .pyvet.toml is an error with file and line; a broken pyproject.toml is left to the dependency audit', () => {
  const t = new TempTree().files({ 'pyproject.toml': '[tool.pyvet\n' });
  try {
    assert.equal(loadConfig(t.dir).source, null);
    t.write('.pyvet.toml', 'fail-on = "high"\nexclude = [\n');
    assert.throws(() => loadConfig(t.dir), /\.pyvet\.toml:\d+: invalid TOML/);
  } finally {
    t.cleanup();
  }
});
