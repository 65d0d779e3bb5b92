import ignore from 'ignore';
import { fingerprint } from '../core/finding.js';
import { gitLines } from '../sources/git.js';
import { SKIP_DIRS } from '../sources/walk.js';
import { detect, type SecretHit } from './detect.js';

/** Where a secret appeared in history: the commit that added it and the path and line there. */
export interface HistoryHit extends SecretHit {
  path: string;
  commit: string;
  date: string;
  fingerprint: string;
}

export interface HistoryResult {
  /** Per fingerprint, the oldest commit that added the secret. */
  oldest: Map<string, HistoryHit>;
  commitsScanned: number;
  /** Added text of a file in one commit beyond the size cap: not scanned. */
  skippedLarge: number;
}

const MARK = '\u001e';
// Paths stay verbatim (no octal escapes) except for quotes, backslashes and control characters.
const LOG_ARGS = [
  '-c', 'core.quotePath=false',
  'log', '--all', '-p', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '--no-renames',
  '--relative', `--format=${MARK}%H%x00%aI`,
];

/** Unquote a C-style quoted git path ("a\tb" → a<TAB>b; octal escapes are UTF-8 bytes). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"')) return p;
  const bytes: number[] = [];
  const s = p.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      const o = /^[0-7]{3}/.exec(s.slice(i + 1, i + 4));
      if (o) {
        bytes.push(parseInt(o[0], 8));
        i += 3;
      } else {
        bytes.push(simple[s[i + 1]!] ?? s.charCodeAt(i + 1));
        i += 1;
      }
    } else bytes.push(...Buffer.from(s[i]!));
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface HistoryOptions {
  /** gitignore-style excludes from config: applied to history paths as to the tree. */
  exclude: string[];
  maxBytes: number;
  /** Called after each commit is read, with the count so far (progress on a TTY). */
  onCommit?: (done: number) => void;
}

/**
 * Stream `git log -p --all` and scan the lines each commit added, file by file. Only one file's
 * added lines are held at a time, so memory does not grow with the history.
 */
export async function scanHistory(root: string, opts: HistoryOptions): Promise<HistoryResult> {
  const ig = ignore().add(opts.exclude);
  const skipped = (p: string) => p.split('/').slice(0, -1).some((d) => SKIP_DIRS.has(d) || d.endsWith('.egg-info')) || (opts.exclude.length > 0 && ig.ignores(p));
  const res: HistoryResult = { oldest: new Map(), commitsScanned: 0, skippedLarge: 0 };
  let commit = '';
  let date = '';
  let path: string | null = null;
  let inHunk = false;
  let newLine = 0;
  let lines: string[] = [];
  let lineNos: number[] = [];
  let bytes = 0;
  let oversized = false;

  const flush = () => {
    if (path && lines.length && !oversized && !skipped(path)) {
      // Lines suppressed in that commit stay silent (detect leaves them out).
      for (const h of detect(path, lines.join('\n')).hits) {
        const fp = fingerprint(h.rule, h.value);
        // git log lists newest first: the last sighting is the commit that introduced it.
        res.oldest.set(fp, { ...h, line: lineNos[h.line - 1] ?? h.line, path, commit, date, fingerprint: fp });
      }
    }
    if (oversized) res.skippedLarge++;
    lines = [];
    lineNos = [];
    bytes = 0;
    oversized = false;
  };

  await gitLines(root, LOG_ARGS, (line) => {
    if (line.startsWith(MARK)) {
      flush();
      path = null;
      const [sha, d] = line.slice(1).split('\u0000');
      commit = sha ?? '';
      date = d ?? '';
      res.commitsScanned++;
      opts.onCommit?.(res.commitsScanned);
    } else if (line.startsWith('diff --git ')) {
      flush();
      path = null;
      inHunk = false;
    } else if (!inHunk && line.startsWith('+++ ')) {
      const p = line.slice(4);
      path = p === '/dev/null' ? null : unquoteGitPath(p).replace(/^b\//, '');
    } else if (line.startsWith('@@ ')) {
      inHunk = true;
      newLine = Number(/\+(\d+)/.exec(line)?.[1] ?? 1);
    } else if (inHunk && line.startsWith('+')) {
      if (oversized) return;
      bytes += line.length;
      if (bytes > opts.maxBytes) {
        oversized = true;
        lines = [];
        lineNos = [];
        return;
      }
      lines.push(line.slice(1));
      lineNos.push(newLine++);
    }
  });
  flush();
  return res;
}
