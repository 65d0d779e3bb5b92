import { spawn } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { ignore } from '../sources/ignore.js';
import { fingerprint } from '../core/finding.js';
import { git } from '../sources/git.js';
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
  /** Commits git could not show (objects missing, as in a partial clone), with git's reason. */
  skippedCommits: { commit: string; reason: string }[];
  /** The repository is a shallow clone: history before its cut-off was not scanned. */
  shallow: boolean;
  /** Added text of a file in one commit beyond the size cap: not scanned. */
  skippedLarge: number;
}

const MARK = '\u001e';
/**
 * Lines of context around each change: a key replaced in place (the body of a BEGIN…END block edited)
 * has its header as context, and a value split over lines its first line. Only hits that touch an
 * added line are taken.
 */
export const CONTEXT_LINES = 3;
// Paths stay verbatim (no octal escapes) except for quotes, backslashes and control characters. Commits
// come on stdin in `git rev-list --all` order, so a commit whose objects are missing can be skipped and
// the log resumed after it.
const LOG_ARGS = [
  '-c', 'core.quotePath=false',
  'log', '--no-walk=unsorted', '--stdin', '-p', '--no-color', '--no-ext-diff', '--no-textconv', `--unified=${CONTEXT_LINES}`,
  '--no-renames', '--relative', `--format=${MARK}%H%x00%aI`,
];
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' };

/**
 * Run git with `input` on stdin and hand over its output line by line, split at `\n` only: a diff line
 * holding a lone `\r` (then `\x1e`) stays one line, so it never reads as a commit header. Resolves with
 * git's exit code and the first line of its error output.
 */
export function gitLog(cwd: string, args: string[], input: string, onLine: (line: string) => void): Promise<{ code: number; error: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let rest: Buffer = Buffer.alloc(0);
    const emit = (buf: Buffer, from: number, to: number) => {
      const end = to > from && buf[to - 1] === 13 ? to - 1 : to;
      const slice = buf.subarray(from, end);
      onLine(slice.toString(isUtf8(slice) ? 'utf8' : 'latin1'));
    };
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      const buf = rest.length ? Buffer.concat([rest, d]) : d;
      let at = 0;
      for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, at)) {
        emit(buf, at, nl);
        at = nl + 1;
      }
      rest = Buffer.from(buf.subarray(at));
    });
    child.stdin.on('error', () => {}); // git may exit before reading all of stdin (a missing object)
    child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) => {
      if (rest.length) emit(rest, 0, rest.length);
      resolve({ code: code ?? 1, error: stderr.trim().split('\n')[0] ?? '' });
    });
  });
}

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
 * Stream `git log -p` over every commit reachable from any ref and scan the lines each commit added,
 * file by file, with a few lines of context. Only one file's lines are held at a time, so memory does not
 * grow with the history. A commit git cannot show is named in `skippedCommits` and the scan goes on.
 */
export async function scanHistory(root: string, opts: HistoryOptions): Promise<HistoryResult> {
  const ig = ignore().add(opts.exclude);
  const skipped = (p: string) => p.split('/').slice(0, -1).some((d) => SKIP_DIRS.has(d) || d.endsWith('.egg-info')) || (opts.exclude.length > 0 && ig.ignores(p));
  const shallow = git(root, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
  const res: HistoryResult = { oldest: new Map(), commitsScanned: 0, skippedLarge: 0, skippedCommits: [], shallow };
  const all = git(root, ['rev-list', '--all']);
  if (all === null) throw new Error('git rev-list --all failed');
  const commits = all.split('\n').filter(Boolean);
  let commit = '';
  let date = '';
  let path: string | null = null;
  let inHunk = false;
  let newLine = 0;
  let lines: string[] = [];
  let lineNos: number[] = [];
  /** Per line of `lines`: added in this commit (true) or context (false). */
  let added: boolean[] = [];
  let anyAdded = false;
  let bytes = 0;
  let oversized = false;

  const touchesAdded = (i: number, more: number) => {
    for (let j = i; j <= i + more && j < added.length; j++) if (added[j]) return true;
    return false;
  };

  const flush = () => {
    if (path && anyAdded && !oversized && !skipped(path)) {
      // Lines suppressed in that commit stay silent (detect leaves them out).
      for (const h of detect(path, lines.join('\n')).hits) {
        if (!touchesAdded(h.line - 1, h.more ?? 0)) continue; // context only: not added by this commit
        const fp = fingerprint(h.rule, h.value);
        // Newest first: the last sighting is the commit that introduced it.
        res.oldest.set(fp, { ...h, line: lineNos[h.line - 1] ?? h.line, path, commit, date, fingerprint: fp });
      }
    }
    if (oversized) res.skippedLarge++;
    lines = [];
    lineNos = [];
    added = [];
    anyAdded = false;
    bytes = 0;
    oversized = false;
  };

  const onLine = (line: string) => {
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
    } else if (inHunk && (line.startsWith('+') || line.startsWith(' '))) {
      if (oversized) return;
      bytes += line.length;
      if (bytes > opts.maxBytes) {
        oversized = true;
        lines = [];
        lineNos = [];
        added = [];
        return;
      }
      const plus = line.charCodeAt(0) === 43;
      // A gap between hunks: an empty line keeps a value from running across it.
      if (lineNos.length && lineNos[lineNos.length - 1]! + 1 !== newLine) {
        lines.push('');
        lineNos.push(newLine - 1);
        added.push(false);
      }
      lines.push(line.slice(1));
      lineNos.push(newLine++);
      added.push(plus);
      anyAdded ||= plus;
    }
  };

  let from = 0;
  while (from < commits.length) {
    const before = res.commitsScanned;
    const { code, error } = await gitLog(root, LOG_ARGS, commits.slice(from).join('\n') + '\n', onLine);
    flush();
    if (code === 0) break;
    // The commit being shown when git stopped (or the first one, if it stopped before any) is skipped.
    const at = res.commitsScanned > before ? from + (res.commitsScanned - before) - 1 : from;
    const bad = commits[at];
    if (bad === undefined || !/unable to read|bad object|missing|could not read|invalid object/i.test(error)) {
      throw new Error(`git log exited ${code}: ${error}`);
    }
    if (res.commitsScanned > before) res.commitsScanned--; // its diff was cut short: not a scanned commit
    res.skippedCommits.push({ commit: bad, reason: error });
    from = at + 1;
  }
  return res;
}
