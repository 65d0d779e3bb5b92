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
    console.log(JSON.stringify(['better-sqlite3', 'pg', 'pg-boss', 'tree-sitter', 'tree-sitter-python', 'elkjs'].filter((m) => loaded.some((f) => f.includes('/node_modules/' + m + '/')))));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' })) as string[];
}

test('pyvet deps loads neither SQLite, PostgreSQL, tree-sitter nor the diagram layout', () => {
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
