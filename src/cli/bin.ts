#!/usr/bin/env node
import module from 'node:module';
import v8 from 'node:v8';
import { processIo } from './io.js';

// Node >= 22.1 keeps compiled code on disk between runs, so every command starts sooner; Node 20 has none.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// `pyvet deps` is over in well under a second, and on Node 20 (V8 11) the optimizing compiler spent
// more CPU, on its own threads, compiling the matching code than the compiled code saved: 12% of the
// process on 257 pins, 22% on 5,176. A budget 32 times V8's before a function is considered for
// optimization still optimizes what stays hot; set before any of pyvet's code runs.
if (process.argv[2] === 'deps' && process.versions.v8.startsWith('11.')) v8.setFlagsFromString('--interrupt-budget=2162688');
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
