import { gitLines } from '../sources/git.js';
import { oncePerScan } from '../sources/workspace.js';

export interface CommitInfo {
  sha: string;
  author: string;
  date: string;
  subject: string;
  files: number;
  lines: number;
}

/** The commits reachable from HEAD, newest first, with how often each path changed and when it last did. */
export interface CommitLog {
  commits: CommitInfo[];
  churn: Map<string, number>;
  lastChange: Map<string, string>;
}

/** Whole days from the last commit (an ISO date) to `now`: what the activity check grades, and why a remembered review expires. */
export function daysSince(lastCommit: string | null, now: Date): number | null {
  return lastCommit ? Math.floor((now.getTime() - new Date(lastCommit).getTime()) / 86_400_000) : null;
}

/** Author dates carry the author's offset; in UTC they sort and compare as strings. */
function utcIso(date: string): string {
  const t = Date.parse(date);
  return Number.isNaN(t) ? date : new Date(t).toISOString().replace('.000Z', 'Z');
}

async function readCommitLog(root: string): Promise<CommitLog> {
  const commits: CommitInfo[] = [];
  const churn = new Map<string, number>();
  const lastChange = new Map<string, string>();
  let cur: CommitInfo | null = null;
  await gitLines(root, ['log', '--no-renames', '--relative', '--numstat', '--format=%x1e%H%x1f%aN%x1f%aI%x1f%s', 'HEAD', '--', '.'], (line) => {
    if (line.startsWith('\x1e')) {
      const [sha, author, date, subject] = line.slice(1).split('\x1f');
      cur = { sha: sha ?? '', author: author ?? '', date: utcIso(date ?? ''), subject: subject ?? '', files: 0, lines: 0 };
      commits.push(cur);
      return;
    }
    const m = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line);
    if (!m || !cur) return;
    const c: CommitInfo = cur;
    c.files++;
    c.lines += (m[1] === '-' ? 0 : Number(m[1])) + (m[2] === '-' ? 0 : Number(m[2]));
    const p = m[3]!;
    churn.set(p, (churn.get(p) ?? 0) + 1);
    // git log is newest first: the first commit seen for a path is its last change.
    if (!lastChange.has(p)) lastChange.set(p, c.date);
  });
  return { commits, churn, lastChange };
}

/**
 * The commit log, read once per scan. Started by the scan right after the walk, while the process is
 * small (each git start forks all of it) and so that git runs while the Python files are analysed;
 * rejects when git cannot read the history.
 */
export const commitLogOf = oncePerScan((ws) => readCommitLog(ws.root));
