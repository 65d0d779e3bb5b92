import type { GitFile } from '../facts/ownership.js';
import type { Owner } from './types.js';

/** An only expert idle this long before the newest commit makes an area stale (6 months). */
export const STALE_DAYS = 183;
/** Share of an area's current lines one author must hold to be its only expert. */
export const EXPERT_SHARE = 0.75;

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

/** Who wrote most of each area's current lines (the facts layer's line ownership) and whether its only expert went quiet. */
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
