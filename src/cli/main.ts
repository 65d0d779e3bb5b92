import { Command, CommanderError } from 'commander';
import { EXIT, PyvetError } from '../core/errors.js';
import { VERSION } from '../version.js';
import type { Io } from './io.js';

type SetCode = (n: number) => void;
type Register = (program: Command, io: Io, setCode: SetCode) => Promise<void>;

/**
 * Each command's module, loaded only when that command runs: `pyvet deps` must not pay for SQLite,
 * PostgreSQL, tree-sitter or the server at start-up. The order is the one `--help` lists.
 */
const COMMANDS: [string, Register][] = [
  ['scan', async (p, io, set) => (await import('./scan.js')).registerScan(p, io, set)],
  ['deps', async (p, io, set) => void (await import('./analyze.js')).registerSectionCommand(p, io, set, 'deps', 'audit every dependency manifest against the OSV database (offline)')],
  [
    'secrets',
    async (p, io, set) =>
      void (await import('./analyze.js')).registerSectionCommand(p, io, set, 'secrets', 'find committed credentials in the tree (and with --history, in git history)', (cmd) =>
        cmd
          .option('--history', 'also scan every commit reachable from any ref')
          .option('--baseline <file>', 'report only secrets whose fingerprint is not in this baseline')
          .option('--write-baseline <file>', 'write the fingerprints of the current findings to this baseline file'),
      ),
  ],
  ['health', async (p, io, set) => void (await import('./analyze.js')).registerSectionCommand(p, io, set, 'health', 'review tests, CI, docs, structure, complexity and history')],
  ['brief', async (p, io, set) => (await import('./brief.js')).registerBrief(p, io, set)],
  ['db', async (p, io, set) => (await import('./db.js')).registerDb(p, io, set)],
  ['history', async (p, io, set) => (await import('./history.js')).registerHistory(p, io, set)],
  ['diff', async (p, io, set) => (await import('./diff.js')).registerDiff(p, io, set)],
  ['serve', async (p, io, set) => (await import('./serve.js')).registerServe(p, io, set)],
  ['init', async (p, io, set) => (await import('./init.js')).registerInit(p, io, set)],
  ['fleet', async (p, io, set) => (await import('./fleet.js')).registerFleet(p, io, set)],
  ['worker', async (p, io, set) => (await import('./worker.js')).registerWorker(p, io, set)],
  ['rules', async (p, io, set) => (await import('./rules.js')).registerRules(p, io, set)],
];

/** The commands to register: only the one named first in argv, none for --version, or all (for --help, a typo, no command). */
function commandsFor(argv: string[]): [string, Register][] {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  const named = COMMANDS.find(([name]) => name === argv[0]);
  return named ? [named] : COMMANDS;
}

/** The CLI: parse argv, run one command, return its exit code. Only bin.ts calls process.exit. */
export async function main(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const setCode = (n: number) => {
    code = n;
  };
  const program = new Command()
    .name('pyvet')
    .description('Vet a Python repository offline: vulnerable dependencies, leaked secrets, health, and a handoff brief.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run pyvet --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  for (const [, register] of commandsFor(argv)) await register(program, io, setCode);
  program.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof PyvetError) {
      io.stderr.write(`pyvet: error: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr.write(`pyvet: internal error: ${e.stack ?? e.message}\nThis is a bug in pyvet; please report it with the command you ran.\n`);
    return EXIT.internal;
  }
}
