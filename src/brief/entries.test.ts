import { test } from 'node:test';
import assert from 'node:assert/strict';
import { briefFile } from './test-util.js';
import { ModuleIndex, type Mod } from './resolve.js';
import { cliCommands } from './entries.js';

const mod = (module: string, path: string, src: string): Mod => ({ module, path, ...briefFile(src, path), role: 'production' });

test('typer: add_typer nests a sub-app under its name, through imports and two levels', () => {
  const users = mod('tool.users', 'tool/users.py', `import typer\napp = typer.Typer()\n@app.command()\ndef create(): ...\n`);
  const keys = mod('tool.keys', 'tool/keys.py', `import typer\nkeys_app = typer.Typer()\n@keys_app.command("rotate")\ndef rotate_key(): ...\n`);
  const main = mod('tool.main', 'tool/main.py', `import typer\nfrom tool import users\nfrom tool.keys import keys_app\napp = typer.Typer()\nusers.app.add_typer(keys_app, name="keys")\napp.add_typer(users.app, name="users")\n@app.command()\ndef version(): ...\n`);
  assert.deepEqual(main.facts.typerMounts, [
    { parent: 'users.app', child: 'keys_app', name: 'keys', line: 5 },
    { parent: 'app', child: 'users.app', name: 'users', line: 6 },
  ]);
  const cli = cliCommands(new ModuleIndex([users, keys, main]), [{ name: 'tool', target: 'tool.main:app', file: 'pyproject.toml', line: 3, gui: false }]);
  assert.deepEqual(cli.map((c) => `${c.name} ${c.handler}`), ['tool users create tool.users.create', 'tool users keys rotate tool.keys.rotate_key', 'tool version tool.main.version']);
});

test('typer: a sub-app added without a name joins its parent; add_typer outside typer is ignored', () => {
  const sub = mod('cli.extra', 'cli/extra.py', `import typer\nextra = typer.Typer()\n@extra.command()\ndef sync(): ...\n`);
  const main = mod('cli.main', 'cli/main.py', `import typer\nfrom cli.extra import extra\napp = typer.Typer()\napp.add_typer(extra)\n`);
  assert.deepEqual(cliCommands(new ModuleIndex([sub, main]), [{ name: 'cli', target: 'cli.main:app', file: 'pyproject.toml', line: 1, gui: false }]).map((c) => c.name), ['cli sync']);
  const other = mod('x.y', 'x/y.py', `registry.add_typer(thing, name="z")\n`);
  assert.equal(other.facts.typerMounts, undefined);
});
