import { Command, CommanderError } from 'commander';
import { EXIT, PyvetError } from '../core/errors.js';
import { VERSION } from '../version.js';
import type { Io } from './io.js';
import { registerSectionCommand } from './analyze.js';
import { registerScan } from './scan.js';
import { registerBrief } from './brief.js';
import { registerRules } from './rules.js';
import { registerDb } from './db.js';
import { registerHistory } from './history.js';
import { registerDiff } from './diff.js';
import { registerServe } from './serve.js';
import { registerInit } from './init.js';
import { registerFleet } from './fleet.js';
import { registerWorker } from './worker.js';

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

  registerScan(program, io, setCode);
  registerSectionCommand(program, io, setCode, 'deps', 'audit every dependency manifest against the OSV database (offline)');
  registerSectionCommand(program, io, setCode, 'secrets', 'find committed credentials in the tree (and with --history, in git history)', (cmd) =>
    cmd
      .option('--history', 'also scan every commit reachable from any ref')
      .option('--baseline <file>', 'report only secrets whose fingerprint is not in this baseline')
      .option('--write-baseline <file>', 'write the fingerprints of the current findings to this baseline file'),
  );
  registerSectionCommand(program, io, setCode, 'health', 'review tests, CI, docs, structure, complexity and history');
  registerBrief(program, io, setCode);
  registerDb(program, io, setCode);
  registerHistory(program, io, setCode);
  registerDiff(program, io, setCode);
  registerServe(program, io, setCode);
  registerInit(program, io, setCode);
  registerFleet(program, io, setCode);
  registerWorker(program, io, setCode);
  registerRules(program, io, setCode);
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
