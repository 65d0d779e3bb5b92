import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { git } from '../sources/git.js';
import { redactUrl, type HistoryStore, type StoredFinding, type TrendPoint } from '../store/index.js';
import { openHistory } from '../store/open.js';
import { diffScans, type ScanDiff } from '../store/diff.js';
import { locateHistory } from '../store/locate.js';
import type { Io } from './io.js';

interface DiffOptions {
  config?: string;
  since?: string;
  store?: string;
  format: 'text' | 'json';
}

/** --since: a scan id, a recorded commit's prefix, or a git ref resolved in the repository to a recorded commit. */
async function resolveSince(store: HistoryStore, key: string, root: string, since: string): Promise<number> {
  const direct = await store.resolveScan(key, since);
  if (direct !== null) return direct;
  const sha = existsSync(root) ? git(root, ['rev-parse', '--verify', '-q', `${since}^{commit}`])?.trim() : undefined;
  const viaGit = sha ? await store.resolveScan(key, sha) : null;
  if (viaGit !== null) return viaGit;
  throw new UsageError(`--since ${since}: no recorded scan of ${key} has that id or commit${sha ? ` (${sha.slice(0, 10)})` : ''}; see \`pyvet history\``);
}

function describe(p: TrendPoint): string {
  return `scan #${p.id} (${p.scannedAt.replace('T', ' ').slice(0, 16)}${p.commit ? `, ${p.commit.slice(0, 10)}` : ''}${p.score !== null ? `, score ${Math.round(p.score)}` : ''})`;
}

export function renderDiffText(d: ScanDiff): string {
  const line = (f: StoredFinding) => `  ${f.severity.padEnd(8)} ${f.rule.padEnd(28)} ${f.path}${f.line ? `:${f.line}` : ''}  ${f.message}`;
  const out = [`${d.repo}: ${describe(d.from)} → ${describe(d.to)}`];
  out.push(`New (${d.new.length}):`, ...(d.new.length ? d.new.map(line) : ['  none']));
  out.push(`Fixed (${d.fixed.length}):`, ...(d.fixed.length ? d.fixed.map(line) : ['  none']));
  return out.join('\n') + '\n';
}

export function registerDiff(program: Command, io: Io, setCode: (n: number) => void): void {
  program
    .command('diff [path]')
    .description('findings new and fixed between two recorded scans (default: the latest against the one before)')
    .option('--since <ref>', 'compare the latest scan with this one: a scan id, a commit, or a git ref of a scanned commit')
    .option('--store <file>', 'history database (default: the config\'s store, else ~/.local/share/pyvet/history.db)')
    .option('-c, --config <file>', 'config file whose `store` to use (default: .pyvet.toml, else [tool.pyvet] in pyproject.toml)')
    .addOption(new Option('-f, --format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (target: string | undefined, opts: DiffOptions) => {
      const { file, root, key } = locateHistory(io.cwd, io.env, target, opts);
      const store = await openHistory(file, { readonly: true });
      try {
        const [latest, previous] = await store.scans(key, 2);
        if (!latest) throw new UsageError(`no scans of ${key} recorded in ${redactUrl(file)}; run \`pyvet scan\` first`);
        let fromId: number;
        if (opts.since) fromId = await resolveSince(store, key, root, opts.since);
        else if (previous) fromId = previous.id;
        else throw new UsageError(`only one scan of ${key} is recorded; there is nothing to compare it with yet`);
        const d = await diffScans(store, key, fromId, latest.id);
        io.stdout.write(opts.format === 'json' ? JSON.stringify(d, null, 2) + '\n' : renderDiffText(d));
      } finally {
        await store.close();
      }
      setCode(0);
    });
}
