import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { defaultStorePath, redactUrl } from '../store/index.js';
import { resolveStoreSpec } from '../store/open.js';
import { isLoopback, startServer } from '../server/index.js';
import type { Io } from './io.js';

interface ServeOptions {
  store?: string;
  port: string;
  host: string;
}

/** Resolves when the process is asked to stop (Ctrl-C or a service manager's SIGTERM). */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (sig: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(sig);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServe(program: Command, io: Io, setCode: (n: number) => void, until: () => Promise<unknown> = stopRequested): void {
  program
    .command('serve')
    .description('a local, read-only web dashboard over the history database: repositories, trends, every scan\'s report')
    .option('--store <file>', 'history database (default: $PYVET_STORE, else ~/.local/share/pyvet/history.db)')
    .option('-p, --port <n>', 'port to listen on (0: any free port)', '8765')
    .option('--host <addr>', 'address to bind; anything but loopback exposes your scan history to the network', '127.0.0.1')
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not ${opts.port}`);
      const file = opts.store ? resolveStoreSpec(io.cwd, opts.store) : defaultStorePath(io.env);
      if (!isLoopback(opts.host)) io.stderr.write(`pyvet: warning: serving on ${opts.host}: anyone who can reach this address can read the scan history\n`);
      const server = await startServer({ store: file, port, host: opts.host });
      io.stdout.write(`pyvet dashboard: ${server.url}  (history: ${redactUrl(file)}; Ctrl-C to stop)\n`);
      await until();
      await server.close();
      setCode(0);
    });
}
