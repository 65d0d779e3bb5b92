import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { runCli, TempRepo, TempTree } from './helpers.js';

// dist/test/… → the repository root, where the integration files live.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

interface Hook {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  files?: string;
}

const hooks = parseYaml(read('.pre-commit-hooks.yaml')) as Hook[];

test('.pre-commit-hooks.yaml: pyvet-secrets on the staged files, pyvet-deps on the tree only when a manifest changes', () => {
  assert.deepEqual(hooks.map((h) => h.id), ['pyvet-secrets', 'pyvet-deps']);
  const secrets = hooks.find((h) => h.id === 'pyvet-secrets')!;
  assert.equal(secrets.pass_filenames, true);
  assert.equal(secrets.entry, 'pyvet secrets');
  const deps = hooks.find((h) => h.id === 'pyvet-deps')!;
  assert.equal(deps.pass_filenames, false);
  assert.equal(deps.entry, 'pyvet deps .');
  // System Node.js: pre-commit would otherwise download a prebuilt Node.js.
  for (const h of hooks) assert.equal((h as Hook & { language_version?: string }).language_version, 'system', h.id);
  const files = new RegExp(hooks.find((h) => h.id === 'pyvet-deps')!.files!);
  // pre-commit matches with re.search on the path from the repository root.
  for (const p of ['requirements.txt', 'requirements-dev.txt', 'requirements/base.in', 'pyproject.toml', 'poetry.lock', 'uv.lock', 'Pipfile', 'Pipfile.lock', 'setup.cfg', 'setup.py', 'pkg/sub/pyproject.toml']) {
    assert.ok(files.test(p), `${p} triggers pyvet-deps`);
  }
  for (const p of ['app.py', 'README.md', 'requirements.txt.bak', 'setup.py.orig', 'docs/index.rst']) assert.ok(!files.test(p), `${p} does not`);
});

test('each hook command runs as written on a tree, with extra args appended as pre-commit does', async () => {
  const t = new TempRepo().files({ 'requirements.txt': 'flask==3.0.0\n', 'app.py': 'import flask\n' });
  try {
    for (const h of hooks) {
      const [bin, ...args] = h.entry.split(' ');
      assert.equal(bin, 'pyvet');
      for (const extra of [[], ['--fail-on', 'critical'], ['--quiet']]) {
        // pre-commit puts args before the file names it passes.
        const files = h.pass_filenames ? ['requirements.txt', 'app.py'] : [];
        const r = await runCli([...args, ...extra, ...files], { cwd: t.dir });
        assert.ok(r.code === 0 || r.code === 1, `${h.entry} ${extra.join(' ')} → ${r.code}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /unknown option|error:/);
      }
    }
  } finally {
    t.cleanup();
  }
});

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(read('action.yml')) as Action;

test('action.yml: composite, every action pinned to a full commit SHA, SARIF uploaded, HTML kept as an artifact', () => {
  assert.equal(action.runs.using, 'composite');
  const uses = action.runs.steps.filter((s) => s.uses).map((s) => s.uses!);
  for (const u of uses) assert.match(u, /^[\w-]+\/[\w/-]+@[0-9a-f]{40}$/, `${u} is pinned to a commit`);
  assert.ok(uses.some((u) => u.startsWith('actions/setup-node@')));
  const sarif = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.equal(sarif.with?.sarif_file, '${{ inputs.output-dir }}/pyvet.sarif');
  const artifact = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  assert.match(artifact.with?.path ?? '', /pyvet\.html/);
  const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!;
  assert.equal(install['working-directory'], '${{ github.action_path }}');
  // One install (`prepare` builds), then only production dependencies stay; skipped when the cache has the build.
  assert.match(install.run!, /^npm ci [^&]*&& npm prune --omit=dev/);
  assert.doesNotMatch(install.run!, /npm run build/);
  assert.match((install as Step & { if?: string }).if ?? '', /cache-hit != 'true'/);
  // The history store is restored before the scan and saved after it, whatever the scan found.
  const names = action.runs.steps.map((s) => (s as Step & { name?: string }).name ?? '');
  assert.ok(names.indexOf('Restore the scan history') < names.indexOf('Scan') && names.indexOf('Scan') < names.indexOf('Save the scan history'));
  assert.match((action.runs.steps[names.indexOf('Save the scan history')] as Step & { if?: string }).if ?? '', /^always\(\)/);
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; bin: Record<string, string> };
  assert.ok(pkg.scripts.build, 'the build script the action runs exists');
  assert.match(action.runs.steps.find((s) => s.id === 'scan')!.run!, new RegExp(pkg.bin.pyvet!.replace(/\./g, '\\.')), 'runs the built bin');
});

/** The scan step's command line with each $VAR replaced by the input default it is bound to. */
function actionScanArgs(outputDir: string): string[] {
  const step = action.runs.steps.find((s) => s.id === 'scan')!;
  const line = step.run!.split('\n').find((l) => l.includes(' scan '))!;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.env ?? {})) {
    if (v.includes('runner.temp')) continue; // the history folder, chosen by the runner
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(v)?.[1];
    assert.ok(input && input in action.inputs, `${k} comes from an input`);
    values[k] = input === 'output-dir' ? outputDir : action.inputs[input]!.default ?? '';
  }
  // "${store[@]}" is --store FILE by default (history: 'true'); --no-store here keeps the test's store out of the way.
  const words = line.match(/"[^"]*"|\S+/g)!.map((w) => (w === '"${store[@]}"' ? '--no-store' : w.replace(/^"|"$/g, '').replace(/\$(\w+)/g, (_, n: string) => values[n] ?? '')));
  return words.slice(words.indexOf('scan')).filter(Boolean);
}

test('the action\'s scan command runs as written and writes the SARIF, HTML and JSON it uploads', async () => {
  const t = new TempRepo().files({ 'requirements.txt': 'flask==3.0.0\n', 'app.py': 'def f():\n    return 1\n' });
  const out = new TempTree();
  try {
    t.commit('init');
    const args = actionScanArgs(out.path('pyvet-report'));
    assert.deepEqual(args.slice(0, 2), ['scan', '.']);
    assert.ok(args.includes('--no-store'));
    const r = await runCli(args, { cwd: t.dir });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    for (const f of ['pyvet.sarif', 'pyvet.html', 'pyvet.json']) assert.ok(existsSync(out.path(`pyvet-report/${f}`)), f);
    const sarif = JSON.parse(readFileSync(out.path('pyvet-report/pyvet.sarif'), 'utf8')) as { version: string };
    assert.equal(sarif.version, '2.1.0');
  } finally {
    t.cleanup();
    out.cleanup();
  }
});

test('docs/integrations.md: every YAML snippet parses, every pyvet command and option it shows exists', async () => {
  const doc = read('docs/integrations.md');
  const blocks = [...doc.matchAll(/```(\w+)\n([\s\S]*?)```/g)];
  const yamlBlocks = blocks.filter((b) => b[1] === 'yaml').map((b) => b[2]!);
  assert.ok(yamlBlocks.length >= 4);
  for (const y of yamlBlocks) for (const d of parseAllDocuments(y)) assert.deepEqual(d.errors, [], y);
  assert.match(doc, /id: pyvet-secrets/);
  assert.match(doc, /id: pyvet-deps/);
  assert.match(doc, /GitLab CI/);
  // `pyvet <command> …` in prose and snippets, and the bin.js form used in CI.
  const commands = [...doc.matchAll(/(?:^|[\s`])(?:pyvet|bin\.js) (scan|secrets|deps|health|brief|history|diff|serve|init|rules|db)\b([^`\n#]*)/gm)];
  assert.ok(commands.length >= 6);
  for (const [, cmd, rest] of commands) {
    const help = await runCli([cmd!, '--help']);
    assert.equal(help.code, 0, cmd);
    for (const opt of rest!.match(/--[a-z][\w-]*/g) ?? []) assert.ok(help.stdout.includes(opt), `pyvet ${cmd} has ${opt}`);
  }
});
