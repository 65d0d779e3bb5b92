import type { Workspace } from '../../sources/workspace.js';
import { ownershipOf } from '../../facts/ownership.js';
import { commitLogOf, daysSince, type CommitInfo, type CommitLog } from '../../facts/commits.js';
import { isTestPath } from '../../python/facts.js';
import type { GitMetrics } from '../types.js';
import { check, type CheckResult } from './model.js';
import { historyActivity } from '../rules/history-activity.js';
import { historyBusFactor } from '../rules/history-bus-factor.js';
import { historyCommitHygiene } from '../rules/history-commit-hygiene.js';

export interface HistoryOptions {
  /** Python files with the sum of their functions' complexity. */
  pyFiles: { path: string; complexity: number }[];
  /** Clock for the recency check; tests pass a fixed one. */
  now?: Date;
}

/** Giant commit: more changed lines or files than a reviewer can read. */
export const GIANT_LINES = 2000;
export const GIANT_FILES = 100;
export const ISLAND_SHARE = 0.95;
export const ISLAND_MIN_LINES = 10;
/** Source files whose line ownership counts. */
const SOURCE_EXT = /\.(py|pyi|pyx)$/;

/** Read the history: the commit log (facts/commits.ts), then the line ownership of the source files (facts/ownership.ts). */
export async function gitHistory(ws: Workspace, opts: HistoryOptions): Promise<{ metrics: GitMetrics; commits: CommitInfo[] } | null> {
  if (!ws.repo?.head) return null;
  let log: CommitLog;
  try {
    log = await commitLogOf(ws);
  } catch (err) {
    ws.errors.push({ path: '.git', message: `git log failed: ${(err as Error).message}` });
    return null;
  }
  const { commits, churn, lastChange } = log;
  const authors = new Set(commits.map((c) => c.author));
  const dates = commits.map((c) => c.date).sort();

  // Who owns the current lines: the facts layer's line ownership from the whole history (the brief shows the
  // same numbers), one git read, no per-file blame and no time budget that would change the answer.
  const blame = new Map<string, Map<string, number>>();
  try {
    const own = await ownershipOf(ws);
    for (const f of own.files) {
      if (!SOURCE_EXT.test(f.path) || !ws.byPath.has(f.path) || !f.authors?.length) continue;
      blame.set(f.path, new Map(f.authors.map((a) => [a.name, a.lines])));
    }
  } catch (err) {
    ws.errors.push({ path: '.git', message: `git log --numstat failed: ${(err as Error).message}; line ownership unknown` });
  }

  const totals = new Map<string, number>();
  let all = 0;
  for (const counts of blame.values()) {
    for (const [a, n] of counts) {
      totals.set(a, (totals.get(a) ?? 0) + n);
      all += n;
    }
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  let busFactor = 0;
  let acc = 0;
  for (const [, n] of ranked) {
    if (all === 0 || acc >= 0.8 * all) break;
    acc += n;
    busFactor++;
  }
  const islands: string[] = [];
  for (const [p, counts] of [...blame].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const total = [...counts.values()].reduce((s, n) => s + n, 0);
    const top = Math.max(0, ...counts.values());
    if (total >= ISLAND_MIN_LINES && authors.size > 1 && top / total >= ISLAND_SHARE) islands.push(p);
  }
  const hotspots = opts.pyFiles
    .map((f) => ({ path: f.path, churn: churn.get(f.path) ?? 0, complexity: f.complexity }))
    .filter((h) => h.churn > 0 && h.complexity > 0 && !isTestPath(h.path))
    .sort((a, b) => b.churn * b.complexity - a.churn * a.complexity || (a.path < b.path ? -1 : 1))
    .slice(0, 10);
  const files = opts.pyFiles
    .map((f) => ({
      path: f.path,
      churn: churn.get(f.path) ?? 0,
      authors: [...(blame.get(f.path) ?? new Map<string, number>())].map(([name, lines]) => ({ name, lines })).sort((a, b) => b.lines - a.lines || (a.name < b.name ? -1 : 1)),
      lastChange: lastChange.get(f.path) ?? null,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    metrics: {
      commits: commits.length,
      authors: authors.size,
      busFactor,
      knowledgeIslands: islands,
      hotspots,
      firstCommit: dates[0] ?? null,
      lastCommit: dates[dates.length - 1] ?? null,
      files,
      blamed: blame.size,
      blameCapped: false,
      authorLines: Object.fromEntries(ranked),
    },
    commits,
  };
}

export function historyChecks(h: { metrics: GitMetrics; commits: CommitInfo[] } | null, now: Date): CheckResult[] {
  if (!h) {
    const skip = (id: string, fix: string) => check(id, 'history', 0, [{ message: 'not a git repository (or no commits): history not reviewed' }], fix, { skip: true });
    return [
      skip('history.bus-factor', 'Review who wrote the code before a handoff.'),
      skip('history.knowledge-islands', 'Pair on files only one person knows.'),
      skip('history.commit-hygiene', 'Write descriptive commit messages and keep commits reviewable.'),
      skip('history.activity', 'Keep the project maintained.'),
    ];
  }
  const m = h.metrics;
  const authorLines = (m.authorLines ?? {}) as Record<string, number>;
  const total = Object.values(authorLines).reduce((s, n) => s + n, 0);
  const top = Object.entries(authorLines)
    .slice(0, 5)
    .map(([a, n]) => ({ message: `${a}: ${n} current lines (${total ? Math.round((n / total) * 100) : 0}%)` }));
  const out: CheckResult[] = [];
  out.push(
    check(
      'history.bus-factor',
      'history',
      total === 0 ? 0 : m.busFactor >= 3 ? 10 : m.busFactor === 2 ? 6 : 2,
      [{ message: `bus factor ${m.busFactor}: fewest authors who wrote 80% of the current source lines` }, ...top],
      historyBusFactor.docs.fix,
      { skip: total === 0 },
    ),
  );
  out.push(
    check(
      'history.knowledge-islands',
      'history',
      m.blamed ? 10 * (1 - m.knowledgeIslands.length / m.blamed) : 10,
      m.knowledgeIslands.length
        ? m.knowledgeIslands.map((p) => ({ path: p, message: `one author wrote ≥ ${ISLAND_SHARE * 100}% of the current lines` }))
        : [{ message: m.authors > 1 ? 'no file is known by a single author only' : 'single-author repository' }],
      'Have a second person change and review the listed files.',
      { skip: m.blamed === 0 || m.authors < 2, coveredByFindings: true },
    ),
  );
  const poor = h.commits.filter((c) => c.subject.trim().split(/\s+/).filter(Boolean).length <= 1);
  const giant = h.commits.filter((c) => c.lines > GIANT_LINES || c.files > GIANT_FILES);
  // The first commit of a repository is often an import of existing code: not held against hygiene.
  const firstSha = h.commits[h.commits.length - 1]?.sha;
  const giantCounted = giant.filter((c) => c.sha !== firstSha);
  const bad = new Set([...poor, ...giantCounted].map((c) => c.sha));
  const ratio = h.commits.length ? bad.size / h.commits.length : 0;
  out.push(
    check(
      'history.commit-hygiene',
      'history',
      10 * (1 - Math.min(1, ratio * 2)),
      [
        { message: `${poor.length} of ${h.commits.length} commits have an empty or one-word message; ${giantCounted.length} giant commits (> ${GIANT_LINES} lines or > ${GIANT_FILES} files)` },
        ...poor.slice(0, 10).map((c) => ({ message: `${c.sha.slice(0, 12)} "${c.subject}" (${c.author})` })),
        ...giantCounted.slice(0, 10).map((c) => ({ message: `${c.sha.slice(0, 12)} changes ${c.lines} lines in ${c.files} files` })),
      ],
      historyCommitHygiene.docs.fix,
    ),
  );
  const days = daysSince(m.lastCommit, now);
  out.push(
    check(
      'history.activity',
      'history',
      days === null ? 0 : days <= 90 ? 10 : days <= 365 ? 6 : 2,
      [{ message: `${m.commits} commits by ${m.authors} authors from ${m.firstCommit?.slice(0, 10)} to ${m.lastCommit?.slice(0, 10)}${days !== null ? ` (last ${days} days ago)` : ''}` }],
      historyActivity.docs.fix,
    ),
  );
  return out;
}
