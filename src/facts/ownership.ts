import { gitLines } from '../sources/git.js';
import { oncePerScan } from '../sources/workspace.js';

/** The source files ownership is read for: Python, stubs and Cython. */
export const SOURCE_PATHSPEC = ['*.py', '*.pyi', '*.pyx'];

export interface GitFile { path: string; churn?: number; authors?: { name: string; lines: number }[]; lastChange?: string | null }

/** Who an author is across the forms git records: one person under several emails or name spellings. */
export class Identities {
  private readonly parent = new Map<string, string>();
  private readonly commits = new Map<string, Map<string, number>>();

  private find(k: string): string {
    let r = k;
    while (this.parent.get(r) !== r && this.parent.has(r)) r = this.parent.get(r)!;
    // path halving keeps later lookups short
    let c = k;
    while (this.parent.get(c) !== r && this.parent.has(c)) {
      const n = this.parent.get(c)!;
      this.parent.set(c, r);
      c = n;
    }
    return r;
  }

  private union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // the smaller key wins, so the grouping does not depend on the order commits are read in
    if (ra < rb) this.parent.set(rb, ra);
    else if (rb < ra) this.parent.set(ra, rb);
  }

  /** Record one commit's author (after .mailmap); returns the key that `nameOf` later resolves. */
  add(name: string, email: string): string {
    const keys = identityKeys(name, email);
    for (const k of keys) if (!this.parent.has(k)) this.parent.set(k, k);
    for (const k of keys.slice(1)) this.union(keys[0]!, k);
    const counts = this.commits.get(keys[0]!) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    this.commits.set(keys[0]!, counts);
    return keys[0]!;
  }

  /** The name a person is shown under: the spelling on most of their commits (ties: alphabetical). */
  names(): Map<string, string> {
    const byRoot = new Map<string, Map<string, number>>();
    for (const [k, counts] of this.commits) {
      const r = this.find(k);
      const acc = byRoot.get(r) ?? new Map<string, number>();
      for (const [n, c] of counts) acc.set(n, (acc.get(n) ?? 0) + c);
      byRoot.set(r, acc);
    }
    const best = new Map<string, string>();
    for (const [r, counts] of byRoot) best.set(r, [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]);
    const out = new Map<string, string>();
    for (const k of this.commits.keys()) out.set(k, best.get(this.find(k))!);
    return out;
  }
}

/** Addresses shared by many people (or by none) say nothing about who someone is. */
const SHARED_EMAIL = /^(no-?reply|root|admin|nobody|none|unknown|user)@|@(localhost|example\.com|\(none\))$|^$/i;
const SHARED_NAME = /^(root|admin|unknown|user|ubuntu|github|dependabot(\[bot\])?|pre-commit-ci\[bot\]|renovate\[bot\])$/i;

/** Keys that identify the same person: the email, the name (case-insensitively), and a GitHub login from a noreply address. */
export function identityKeys(name: string, email: string): string[] {
  const e = email.trim().toLowerCase();
  const n = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const keys = [`e:${e}`];
  const gh = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(e);
  if (gh) keys.push(`gh:${gh[1]}`);
  if (n && !SHARED_NAME.test(n)) keys.push(`n:${n}`);
  // a GitHub login used as the author name ties a noreply address to the person's other commits
  if (n && /^[a-z0-9-]+$/.test(n) && !SHARED_NAME.test(n)) keys.push(`gh:${n}`);
  if (SHARED_EMAIL.test(e)) keys.shift();
  return keys.length ? keys : [`e:${e}`];
}

export interface Ownership {
  files: GitFile[];
  activity: { last: Map<string, string>; newest: string | null };
  /** Commits whose objects could not be read (a damaged or partial clone): their changes are not counted. */
  skipped: string[];
}

/** `a/{b => c}/d.py` or `a.py => b.py` (git's rename notation in --numstat) → [old, new]. */
export function renamePaths(p: string): [string, string] | null {
  const brace = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(p);
  if (brace) {
    const [, pre, a, b, post] = brace;
    const join = (mid: string) => `${pre}${mid}${post}`.replace(/\/\//g, '/');
    return [join(a!), join(b!)];
  }
  const i = p.indexOf(' => ');
  return i < 0 ? null : [p.slice(0, i), p.slice(i + 4)];
}

/** Take `n` lines away from a file's owners in proportion to what each holds (largest remainders, then key order). */
export function removeLines(owners: Map<string, number>, n: number): void {
  const total = [...owners.values()].reduce((s, x) => s + x, 0);
  if (n >= total) {
    owners.clear();
    return;
  }
  if (n <= 0) return;
  const parts = [...owners].map(([k, v]) => ({ k, v, cut: Math.floor((v * n) / total), frac: (v * n) % total }));
  let left = n - parts.reduce((s, p) => s + p.cut, 0);
  for (const p of [...parts].sort((a, b) => b.frac - a.frac || (a.k < b.k ? -1 : 1))) {
    if (left <= 0) break;
    if (p.v - p.cut > 0) {
      p.cut++;
      left--;
    }
  }
  for (const p of parts) {
    const v = p.v - p.cut;
    if (v > 0) owners.set(p.k, v);
    else owners.delete(p.k);
  }
}

const LOG_FORMAT = '--format=@%H%x09%aN%x09%aE%x09%aI';

/** The commits that change a source file, oldest first, without merges. */
async function sourceCommits(dir: string, pathspec: string[]): Promise<string[]> {
  const commits: string[] = [];
  await gitLines(dir, ['log', '--reverse', '--no-merges', LOG_FORMAT, 'HEAD', '--', ...pathspec], (l) => {
    if (l.startsWith('@')) commits.push(l.slice(1, l.indexOf('\t')));
  });
  return commits;
}

/**
 * Line ownership of every Python file from the whole history, oldest commit first (`git log --numstat -M`):
 * an author's added lines become theirs, removed lines are taken from the file's owners in proportion. No blame,
 * no time budget: the same repository gives the same owners on every run. `.mailmap` is honoured (%aN/%aE) and
 * one person's several emails and name spellings are merged. Commits whose objects are missing are skipped and named.
 */
export async function lineOwnership(dir: string, pathspec: string[] = SOURCE_PATHSPEC): Promise<Ownership> {
  const ids = new Identities();
  const last = new Map<string, string>();
  let newest: string | null = null;
  // The source commits oldest first: listed only when a read of their changes fails, so it can go on after the
  // bad one. Otherwise one walk reads the changes (each git start forks this whole process: it adds up in a fleet worker).
  let commits: string[] | null = null;
  // every commit counts for activity (a maintainer of docs or CI is still around)
  await gitLines(dir, ['log', LOG_FORMAT, 'HEAD'], (l) => {
    const [, name = '', email = '', date = ''] = l.slice(1).split('\t');
    const k = ids.add(name, email);
    if (!newest || date > newest) newest = date;
    const prev = last.get(k);
    if (!prev || date > prev) last.set(k, date);
  });
  const files = new Map<string, { owners: Map<string, number>; last: string }>();
  const skipped: string[] = [];
  let from = 0;
  while (commits === null || from < commits.length) {
    let current: { hash: string; author: string; date: string; stats: string[] } | null = null;
    let done = from;
    const apply = () => {
      if (!current) return;
      for (const s of current.stats) {
        const [add, del, ...rest] = s.split('\t');
        const raw = rest.join('\t');
        if (add === '-' || del === undefined) continue;
        const ren = renamePaths(raw);
        const path = ren ? ren[1] : raw;
        if (ren) {
          const moved = files.get(ren[0]);
          files.delete(ren[0]);
          if (moved) files.set(path, moved);
        }
        const f = files.get(path) ?? { owners: new Map<string, number>(), last: current.date };
        removeLines(f.owners, Number(del));
        const a = Number(add);
        if (a > 0) f.owners.set(current.author, (f.owners.get(current.author) ?? 0) + a);
        f.last = current.date;
        files.set(path, f);
      }
      done++;
    };
    const revs = commits === null ? ['--reverse', '--no-merges', 'HEAD'] : ['--no-walk=unsorted', '--stdin'];
    const input = commits === null ? undefined : commits.slice(from).join('\n') + '\n';
    try {
      await gitLines(dir, ['log', ...revs, '--numstat', '-M', '--relative', LOG_FORMAT, '--', ...pathspec], (l) => {
        if (l.startsWith('@')) {
          apply();
          const [hash = '', name = '', email = '', date = ''] = l.slice(1).split('\t');
          current = { hash, author: ids.add(name, email), date, stats: [] };
        } else if (l && current) current.stats.push(l);
      }, input);
      apply();
      break;
    } catch {
      // the walk applied the same commits in the same order as a list read from 0 would have
      if (commits === null) commits = await sourceCommits(dir, pathspec);
      // the commit being read when git stopped has unreadable objects: skip it, go on after it
      const bad = current as { hash: string } | null;
      const at = bad ? commits.indexOf(bad.hash, from) : -1;
      const next = at >= 0 ? at : done;
      skipped.push(commits[next] ?? '?');
      from = next + 1;
    }
  }
  const names = ids.names();
  const lastByName = new Map<string, string>();
  for (const [k, d] of last) {
    const n = names.get(k) ?? k;
    const prev = lastByName.get(n);
    if (!prev || d > prev) lastByName.set(n, d);
  }
  const out: GitFile[] = [];
  for (const [path, f] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const byName = new Map<string, number>();
    for (const [k, n] of f.owners) byName.set(names.get(k) ?? k, (byName.get(names.get(k) ?? k) ?? 0) + n);
    const authors = [...byName].map(([name, lines]) => ({ name, lines })).sort((a, b) => b.lines - a.lines || (a.name < b.name ? -1 : 1));
    out.push({ path, authors, lastChange: f.last });
  }
  return { files: out, activity: { last: lastByName, newest }, skipped };
}

/**
 * The repository's line ownership, read once per scan: health's bus factor and knowledge islands and the
 * brief's owners are the same numbers. Rejects when git cannot read the history.
 */
export const ownershipOf = oncePerScan((ws) => lineOwnership(ws.root));
