import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TempTree } from './helpers.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');

/** The native and server libraries a fresh process has loaded after running `args` through main(). */
function heavyLoadedBy(args: string[], env: NodeJS.ProcessEnv): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(MAIN)});
    const sink = { write: () => true, isTTY: false, columns: 100 };
    await main(${JSON.stringify(args)}, { stdout: sink, stderr: sink, cwd: process.cwd(), env: process.env });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(['better-sqlite3', 'pg', 'pg-boss', 'tree-sitter', 'tree-sitter-python', 'elkjs', 'yaml'].filter((m) => loaded.some((f) => f.includes('/node_modules/' + m + '/')))));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' })) as string[];
}

test('pyvet deps loads neither SQLite, PostgreSQL, tree-sitter, YAML nor the diagram layout', () => {
  const t = new TempTree().write('requirements.txt', 'requests==2.19.0\n');
  try {
    const env = { ...process.env, PYVET_CACHE_DIR: t.path('.cache') };
    assert.deepEqual(heavyLoadedBy(['deps', t.dir, '-q', '--format', 'json', '-o', t.path('out.json')], env), []);
    // The check can fail: a command that needs SQLite does load it.
    assert.ok(heavyLoadedBy(['history', t.dir, '--store', t.path('h.db')], env).includes('better-sqlite3'));
  } finally {
    t.cleanup();
  }
});

test('pyvet scan --no-store loads neither SQLite nor, on a tree without YAML, the YAML parser', () => {
  const t = new TempTree().write('app/main.py', 'import os\n\nprint(os.getcwd())\n').write('requirements.txt', 'requests==2.19.0\n');
  try {
    const env = { ...process.env, PYVET_CACHE_DIR: t.path('.cache') };
    const scan = () => heavyLoadedBy(['scan', t.dir, '--no-store', '-q', '--format', 'json', '-o', t.path('out.json')], env);
    const loaded = scan();
    assert.ok(!loaded.includes('better-sqlite3') && !loaded.includes('yaml'), loaded.join());
    t.write('.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n');
    assert.ok(scan().includes('yaml'), 'a workflow file is read with it');
  } finally {
    t.cleanup();
  }
});
