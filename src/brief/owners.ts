import { gitLines } from '../sources/git.js';
import type { Owner } from './types.js';

/** An only expert idle this long before the newest commit makes an area stale (6 months). */
export const STALE_DAYS = 183;
/** Share of an area's current lines one author must hold to be its only expert. */
export const EXPERT_SHARE = 0.75;

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

/**
 * Line ownership of every Python file from the whole history, oldest commit first (`git log --numstat -M`):
 * an author's added lines become theirs, removed lines are taken from the file's owners in proportion. No blame,
 * no time budget: the same repository gives the same owners on every run. `.mailmap` is honoured (%aN/%aE) and
 * one person's several emails and name spellings are merged. Commits whose objects are missing are skipped and named.
 */
export async function lineOwnership(dir: string, pathspec = '*.py'): Promise<Ownership> {
  const ids = new Identities();
  const last = new Map<string, string>();
  let newest: string | null = null;
  const commits: string[] = [];
  await gitLines(dir, ['log', '--reverse', '--no-merges', LOG_FORMAT, 'HEAD', '--', pathspec], (l) => {
    if (l.startsWith('@')) commits.push(l.slice(1, l.indexOf('\t')));
  });
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
  while (from < commits.length) {
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
    const input = commits.slice(from).join('\n') + '\n';
    try {
      await gitLines(dir, ['log', '--no-walk=unsorted', '--stdin', '--numstat', '-M', '--relative', LOG_FORMAT, '--', pathspec], (l) => {
        if (l.startsWith('@')) {
          apply();
          const [hash = '', name = '', email = '', date = ''] = l.slice(1).split('\t');
          current = { hash, author: ids.add(name, email), date, stats: [] };
        } else if (l && current) current.stats.push(l);
      }, input);
      apply();
      break;
    } catch {
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
 * The area a file belongs to: its top-level folder (under `src/` for the src layout), files at the root in
 * `(root)`. When one folder holds most of the code (60 %), its sub-folders are the areas instead.
 */
export function areaFn(paths: string[], isCode: (p: string) => boolean = (p) => !/(^|\/)(tests?|docs?)\//.test(p)): (p: string) => string {
  const strip = (p: string) => (p.startsWith('src/') ? p.slice(4) : p);
  const top = (p: string) => {
    const s = strip(p);
    return s.includes('/') ? s.slice(0, s.indexOf('/')) : '(root)';
  };
  const counts = new Map<string, number>();
  let code = 0;
  for (const p of paths) {
    if (!p.endsWith('.py') || !isCode(p)) continue;
    code++;
    const t = top(p);
    if (t !== '(root)') counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  // the folder holding most of the code (netbox/, saleor/) is split into its sub-folders
  const [only = null] = [...counts].filter(([, n]) => n >= code * 0.6).map(([t]) => t);
  return (p: string) => {
    const t = top(p);
    if (t !== only) return t;
    const rest = strip(p).slice(t.length + 1);
    return rest.includes('/') ? `${t}/${rest.slice(0, rest.indexOf('/'))}` : t;
  };
}

const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

/** Who wrote most of each area's current lines (health's blame data) and whether its only expert went quiet. */
export function ownersOf(files: GitFile[], activity: { last: Map<string, string>; newest: string | null }, isCode?: (p: string) => boolean): Owner[] {
  const area = areaFn(files.map((f) => f.path), isCode);
  const acc = new Map<string, { lines: Map<string, number>; last: string | null }>();
  for (const f of files) {
    if (typeof f?.path !== 'string') continue;
    const a = area(f.path);
    const e = acc.get(a) ?? { lines: new Map<string, number>(), last: null };
    for (const au of f.authors ?? []) if (au && typeof au.lines === 'number') e.lines.set(au.name, (e.lines.get(au.name) ?? 0) + au.lines);
    if (f.lastChange && (!e.last || f.lastChange > e.last)) e.last = f.lastChange;
    acc.set(a, e);
  }
  const out: Owner[] = [];
  for (const [a, e] of acc) {
    const total = [...e.lines.values()].reduce((s, n) => s + n, 0);
    if (!total) continue;
    const authors = [...e.lines.entries()]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([name, lines]) => ({ name, lines, share: Math.round((lines / total) * 1000) / 1000 }));
    const top = authors[0]!;
    const owner: Owner = { area: a, authors: authors.slice(0, 3), lastChange: e.last, stale: false };
    if (top.share >= EXPERT_SHARE) {
      const seen = activity.last.get(top.name) ?? null;
      owner.expertLastCommit = seen;
      owner.stale = !!(seen && activity.newest && daysBetween(seen, activity.newest) > STALE_DAYS);
    }
    out.push(owner);
  }
  return out.sort((x, y) => (x.area < y.area ? -1 : 1));
}
