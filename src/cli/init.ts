import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseToml } from '../core/toml.js';
import { ConfigError, UsageError } from '../core/errors.js';
import type { Io } from './io.js';

/**
 * The starting config. Active lines are the defaults, so writing it changes nothing until edited;
 * `# key = value` lines are examples to uncomment (a test uncomments them all and loads the result).
 * `prefix` is `tool.pyvet.` inside pyproject.toml and empty in .pyvet.toml.
 */
export function configTemplate(prefix: string): string {
  const table = prefix.replace(/\.$/, '');
  return `${table ? `[${table}]\n` : ''}# pyvet configuration. Run \`pyvet rules\` for every rule id.

# Paths to skip, as gitignore-style patterns (the tree's .gitignore is honoured already).
exclude = []
# exclude = ["docs/_build/", "tests/fixtures/**", "*.min.js"]

# Rule ids to turn off entirely.
disable = []
# disable = ["health.print-in-library", "deps.range"]

# Exit 1 when a finding is at or above this severity: critical, high, medium, low, info or none.
fail-on = "high"

# Files larger than this are not read (bytes, or a size such as "5MB").
max-file-size = "5MB"

# Offline OSV database (a zip or a folder of OSV JSON); default: the bundled snapshot or the \`pyvet db update\` cache.
# db = "osv-pypi.zip"

# History database for \`pyvet scan\`, \`history\`, \`diff\` and \`serve\`; default: ~/.local/share/pyvet/history.db.
# store = ".pyvet/history.db"

# Correct the role pyvet gives a file (production, test, fixture, docs, example, ci, build, lock,
# migration, generated, vendored, notebook, script, config); the first matching pattern wins.
[${prefix}roles]
# "tools/fixtures/**" = "fixture"

# Change the severity of a rule.
[${prefix}severity]
# "health.bare-except" = "medium"
# "deps.unpinned" = "info"

# How much each category counts towards the overall health score.
[${prefix}weights]
# tests = 2
# security = 2
# docs = 0.5

[${prefix}secrets]
# Also scan every commit of the git history on each scan (slower; \`--history\` does it for one run).
history = false
# Fingerprints of known, accepted findings (write one with \`pyvet secrets --write-baseline FILE\`).
# baseline = ".pyvet-baseline.json"
`;
}

/** Where `init` writes: [tool.pyvet] appended to pyproject.toml when it has none, else a new .pyvet.toml. */
export function initConfig(root: string): { file: string; appended: boolean } {
  const standalone = path.join(root, '.pyvet.toml');
  const pyproject = path.join(root, 'pyproject.toml');
  if (existsSync(standalone)) throw new UsageError(`${standalone} already exists; not overwriting it`);
  if (existsSync(pyproject)) {
    const text = readFileSync(pyproject, 'utf8');
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(text) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`${pyproject} is not valid TOML (${(err as Error).message.split('\n')[0]}); fix it before adding [tool.pyvet]`);
    }
    if ((doc.tool as Record<string, unknown> | undefined)?.pyvet !== undefined) throw new UsageError(`${pyproject} already has a [tool.pyvet] section; not overwriting it`);
    const sep = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    writeFileSync(pyproject, text + sep + configTemplate('tool.pyvet.'));
    return { file: pyproject, appended: true };
  }
  writeFileSync(standalone, configTemplate(''), { flag: 'wx' });
  return { file: standalone, appended: false };
}

export function registerInit(program: Command, io: Io, setCode: (n: number) => void): void {
  program
    .command('init [path]')
    .description('write a commented starting config: [tool.pyvet] in pyproject.toml, else .pyvet.toml (never overwrites)')
    .action((target: string | undefined) => {
      const root = path.resolve(io.cwd, target ?? '.');
      if (!existsSync(root)) throw new UsageError(`no such directory: ${target ?? '.'}`);
      const { file, appended } = initConfig(root);
      io.stdout.write(`${appended ? 'Added [tool.pyvet] to' : 'Wrote'} ${path.relative(io.cwd, file) || file}\n`);
      setCode(0);
    });
}
