import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { defaultConfig, loadConfig } from '../src/config/config.js';
import { configTemplate } from '../src/cli/init.js';
import { ruleById } from '../src/pipeline/rules.js';
import { runCli, TempTree } from './helpers.js';

/** Every `# key = value` example line made live, the way a user would edit the file; an example replaces the live line of the same key. */
function uncommentExamples(text: string): string {
  const lines = text.split('\n');
  const keyOf = (l: string) => /^("[^"]+"|[a-z][\w-]*) = \S/.exec(l)?.[1];
  const tableAt: string[] = [];
  let table = '';
  for (const l of lines) {
    if (l.startsWith('[')) table = l;
    tableAt.push(table);
  }
  const examples = new Set(lines.map((l, i) => (l.startsWith('# ') && keyOf(l.slice(2)) ? `${tableAt[i]}|${keyOf(l.slice(2))}` : '')).filter(Boolean));
  return lines
    .filter((l, i) => !(keyOf(l) && examples.has(`${tableAt[i]}|${keyOf(l)}`)))
    .map((l) => (l.startsWith('# ') && keyOf(l.slice(2)) ? l.slice(2) : l))
    .join('\n');
}

test('init in a folder without pyproject.toml writes .pyvet.toml that loads as the defaults, without warnings', async () => {
  const t = new TempTree();
  try {
    const r = await runCli(['init', t.dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote .*\.pyvet\.toml/);
    const cfg = loadConfig(t.dir);
    assert.deepEqual(cfg.warnings, []);
    assert.equal(cfg.source, '.pyvet.toml');
    assert.deepEqual({ ...cfg, source: null, fromRepository: false }, defaultConfig(), 'the live lines are the defaults');
    const text = readFileSync(t.path('.pyvet.toml'), 'utf8');
    for (const key of ['exclude', 'disable', 'severity', 'fail-on', 'weights', 'max-file-size', 'db', 'store', 'baseline', 'history']) {
      assert.match(text, new RegExp(`(^|\\n)(# )?\\[?${key}\\]?( =|\\n)`), `mentions ${key}`);
    }
  } finally {
    t.cleanup();
  }
});

test('the commented examples are valid config too: uncommented, they load without warnings and take effect', async () => {
  const t = new TempTree();
  try {
    await runCli(['init', t.dir]);
    const live = uncommentExamples(readFileSync(t.path('.pyvet.toml'), 'utf8'));
    writeFileSync(t.path('.pyvet.toml'), live);
    const cfg = loadConfig(t.dir);
    assert.deepEqual(cfg.warnings, []);
    assert.equal(cfg.store, '.pyvet/history.db');
    assert.equal(cfg.db, 'osv-pypi.zip');
    assert.equal(cfg.secrets.baseline, '.pyvet-baseline.json');
    assert.equal(cfg.severity['health.bare-except'], 'medium');
    assert.deepEqual(cfg.disable, ['health.print-in-library', 'deps.range']);
    assert.equal(cfg.weights.tests, 2);
    assert.ok(cfg.exclude.length > 0);
  } finally {
    t.cleanup();
  }
});

test('init appends [tool.pyvet] to a pyproject.toml that has none, keeping what was there', async () => {
  const original = '[project]\nname = "shop"\nversion = "1.0"\n\n[tool.ruff]\nline-length = 100\n';
  const t = new TempTree().files({ 'pyproject.toml': original });
  try {
    const r = await runCli(['init'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Added \[tool\.pyvet\] to pyproject\.toml/);
    const text = readFileSync(t.path('pyproject.toml'), 'utf8');
    assert.ok(text.startsWith(original));
    const cfg = loadConfig(t.dir);
    assert.equal(cfg.source, 'pyproject.toml');
    assert.deepEqual(cfg.warnings, []);
    assert.equal(cfg.failOn, 'high');
    writeFileSync(t.path('pyproject.toml'), uncommentExamples(text));
    assert.deepEqual(loadConfig(t.dir).warnings, []);
    assert.equal(loadConfig(t.dir).severity['deps.unpinned'], 'info');
  } finally {
    t.cleanup();
  }
});

test('init refuses to overwrite: an existing .pyvet.toml or [tool.pyvet], and a broken pyproject.toml', async () => {
  const t = new TempTree();
  try {
    assert.equal((await runCli(['init', t.dir])).code, 0);
    const before = readFileSync(t.path('.pyvet.toml'), 'utf8');
    const again = await runCli(['init', t.dir]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists; not overwriting/);
    assert.equal(readFileSync(t.path('.pyvet.toml'), 'utf8'), before);

    const p = new TempTree().files({ 'pyproject.toml': '[tool.pyvet]\nfail-on = "low"\n' });
    const has = await runCli(['init', p.dir]);
    assert.equal(has.code, 2);
    assert.match(has.stderr, /already has a \[tool\.pyvet\] section/);
    assert.equal(readFileSync(p.path('pyproject.toml'), 'utf8'), '[tool.pyvet]\nfail-on = "low"\n');
    p.write('pyproject.toml', '[project\nname = ');
    const broken = await runCli(['init', p.dir]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not valid TOML/);
    p.cleanup();
    assert.equal((await runCli(['init', t.path('missing')])).code, 2);
  } finally {
    t.cleanup();
  }
});

test('every rule id the template names as an example is a real rule', () => {
  const ids = [...configTemplate('').matchAll(/"((?:deps|secret|health)\.[\w.-]+)"/g)].map((m) => m[1]!);
  assert.ok(ids.length >= 3);
  for (const id of ids) assert.ok(ruleById(id), `${id} is in the registry`);
});
