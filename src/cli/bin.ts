#!/usr/bin/env node
import module from 'node:module';
import { processIo } from './io.js';

// Node >= 22.1 keeps compiled code on disk between runs, so every command starts sooner; Node 20 has none.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('./main.js');

// `pyvet rules | head`: the reader has gone; stop quietly instead of dying with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pyvet: internal error: ${String(err)}\n`);
    process.exitCode = 3;
  },
);
