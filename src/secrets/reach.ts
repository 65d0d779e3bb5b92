import { git } from '../sources/git.js';

/** Where a commit can be reached from: the refs that contain it, and whether HEAD does. */
export interface Reach {
  /** Short names of the branches (local and remote) and tags that contain the commit; the first 20. */
  branches: string[];
  /** How many refs contain it in all. */
  refCount: number;
  /** The commit is an ancestor of HEAD: merged into what is checked out. */
  onHead: boolean;
}

// Bounds the git calls one report makes: a history with thousands of leaked values is reported, but
// only the first findings are traced to their branches.
const MAX_LOOKUPS = 500;
const MAX_LISTED = 20;

/** A memoised lookup of the refs that contain a commit, for the history findings of one scan. */
export function branchesOf(root: string): (commit: string) => Reach | undefined {
  const memo = new Map<string, Reach>();
  return (commit) => {
    let r = memo.get(commit);
    if (!r && memo.size < MAX_LOOKUPS) {
      const refs = git(root, ['for-each-ref', '--contains', commit, '--format=%(refname:short)', 'refs/heads', 'refs/remotes', 'refs/tags']);
      const onHead = git(root, ['merge-base', '--is-ancestor', commit, 'HEAD']) !== null;
      const all = (refs ?? '').split('\n').filter((b) => b && !b.endsWith('/HEAD'));
      r = { branches: all.slice(0, MAX_LISTED), refCount: all.length, onHead };
      memo.set(commit, r);
    }
    return r;
  };
}
