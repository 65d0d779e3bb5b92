import path from 'node:path';
import type { Command } from 'commander';
import { cacheDir, loadDatabase, resolveDatabasePath } from '../deps/osv/database.js';
import { DEFAULT_OSV_URL, updateDatabase } from '../deps/osv/update.js';
import type { Io } from './io.js';

/** "PYSEC 2661, GHSA 120, MAL 5": records per source database, most first. */
function bySource(counts: Record<string, number>): string {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
}

/** `pyvet db update` (the only command that uses the network) and `pyvet db info`. */
export function registerDb(program: Command, io: Io, setCode: (n: number) => void): void {
  const db = program.command('db').description('the offline OSV vulnerability database: where it is, and how to refresh it');
  db.command('update')
    .description(`download the current OSV PyPI database (PYVET_OSV_URL, default ${DEFAULT_OSV_URL}) into the cache`)
    .action(async () => {
      const url = io.env.PYVET_OSV_URL || DEFAULT_OSV_URL;
      const r = await updateDatabase(url, cacheDir(io.env));
      io.stdout.write(`Updated ${r.path} (${(r.bytes / 1024 / 1024).toFixed(1)} MB): ${r.stats.records} records for ${r.stats.packages} packages, newest modified ${r.stats.newestModified ?? 'unknown'}\n`);
      io.stdout.write(`By database: ${bySource(r.contents.ecosystems)}\n`);
      setCode(0);
    });
  db.command('info')
    .description('print where the database is, its newest modified date and its counts')
    .option('--db <path>', 'a zip or folder of OSV JSON instead of the default')
    .option('--json', 'print as JSON')
    .action((opts: { db?: string; json?: boolean }) => {
      const where = resolveDatabasePath(opts.db ? path.resolve(io.cwd, opts.db) : null, io.env);
      const loaded = loadDatabase(where.path);
      const s = loaded.stats;
      if (opts.json) {
        io.stdout.write(JSON.stringify({ path: where.path, origin: where.origin, ...s, ecosystems: loaded.contents.ecosystems }, null, 2) + '\n');
      } else {
        io.stdout.write(
          [
            `path:       ${where.path} (${where.origin})`,
            `modified:   ${s.newestModified ?? 'unknown'} (newest record)`,
            `records:    ${s.records}`,
            `packages:   ${s.packages}`,
            `withdrawn:  ${s.withdrawn}`,
            `databases:  ${bySource(loaded.contents.ecosystems)}`,
            ...(s.unreadable ? [`unreadable: ${s.unreadable} entries skipped`] : []),
          ].join('\n') + '\n',
        );
      }
      setCode(0);
    });
}
