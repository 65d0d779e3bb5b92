import { Option, type Command } from 'commander';
import { SEVERITIES } from '../core/severity.js';
import { UsageError } from '../core/errors.js';
import { redactUrl, type TrendPoint } from '../store/index.js';
import { openHistory } from '../store/open.js';
import { locateHistory } from '../store/locate.js';
import type { Io } from './io.js';

interface HistoryOptions {
  config?: string;
  store?: string;
  format: 'text' | 'json';
  limit: string;
  keep?: string;
}

/** One line per scan: id, date, commit, score, counts by severity. */
export function historyLine(p: TrendPoint): string {
  const date = p.scannedAt.replace('T', ' ').slice(0, 16);
  const commit = (p.commit ?? '-').slice(0, 10).padEnd(10);
  const score = p.score === null ? '  -' : String(Math.round(p.score)).padStart(3);
  const counts = SEVERITIES.map((s) => `${s} ${p.bySeverity[s] ?? 0}`).join('  ');
  return `#${String(p.id).padEnd(5)} ${date}  ${commit}  score ${score}  ${counts}`;
}

export function registerHistory(program: Command, io: Io, setCode: (n: number) => void): void {
  program
    .command('history [path]')
    .description('scores and finding counts of earlier scans of a repository, one line per scan, oldest first')
    .option('--store <file>', 'history database (default: the config\'s store, else ~/.local/share/pyvet/history.db)')
    .option('-c, --config <file>', 'config file whose `store` to use (default: .pyvet.toml, else [tool.pyvet] in pyproject.toml)')
    .addOption(new Option('-f, --format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('-n, --limit <n>', 'show at most the last N scans', '50')
    .option('--keep <n>', 'first delete all but the newest N scans of this repository (the store never prunes by itself)')
    .action(async (target: string | undefined, opts: HistoryOptions) => {
      const whole = (flag: string, v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, not ${v}`);
        return n;
      };
      const limit = whole('--limit', opts.limit);
      const keep = opts.keep === undefined ? null : whole('--keep', opts.keep);
      const { file, key } = locateHistory(io.cwd, io.env, target, opts);
      const store = await openHistory(file, { readonly: keep === null });
      try {
        const pruned = keep === null ? null : await store.prune(key, keep);
        const scans = await store.trend(key, limit);
        if (opts.format === 'json') io.stdout.write(JSON.stringify({ repo: key, store: redactUrl(file), scans, ...(pruned === null ? {} : { pruned }) }, null, 2) + '\n');
        else {
          if (pruned !== null) io.stdout.write(`Deleted ${pruned} older scan${pruned === 1 ? '' : 's'} of ${key}; kept the newest ${keep}.\n`);
          if (!scans.length) io.stdout.write(`No scans of ${key} recorded in ${redactUrl(file)}.\n`);
          else io.stdout.write(scans.map(historyLine).join('\n') + '\n');
        }
      } finally {
        await store.close();
      }
      setCode(0);
    });
}
