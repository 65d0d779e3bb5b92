import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

/** How many of the most-downloaded projects a name is compared against: the ones worth imitating. */
const TARGETS = 1000;

let cache: { rank: Map<string, number>; byLength: Map<number, string[]> } | null = null;

/** data/top-pypi-packages.txt: 5,000 PEP 503 names, most downloaded first (its header names the source). */
function topPackages(): { rank: Map<string, number>; byLength: Map<number, string[]> } {
  if (!cache) {
    const names = readFileSync(path.join(PACKAGE_ROOT, 'data', 'top-pypi-packages.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    // Targets by length: a name one edit away is one character longer, shorter or the same length.
    const byLength = new Map<number, string[]>();
    for (const t of names.slice(0, TARGETS)) byLength.set(t.length, [...(byLength.get(t.length) ?? []), t]);
    cache = { rank: new Map(names.map((n, i) => [n, i])), byLength };
  }
  return cache;
}

/** Levenshtein distance, stopping early: true when a and b are exactly one edit (insert, delete, substitute, or swap of neighbours) apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The popular project a normalized name looks like, or null: one edit away from one of the 1,000
 * most-downloaded projects, and not itself among the 5,000 most downloaded (`boto` and `boto3` are
 * both real). Short names (under 5 characters) are left alone: too many real ones are one edit apart.
 */
export function resemblance(name: string): string | null {
  if (name.length < 5) return null;
  const { rank, byLength } = topPackages();
  if (rank.has(name)) return null;
  // The most downloaded look-alike wins when there are several.
  let best: string | null = null;
  for (const len of [name.length - 1, name.length, name.length + 1]) {
    for (const t of byLength.get(len) ?? []) {
      if (len >= 5 && oneEditApart(name, t) && (best === null || rank.get(t)! < rank.get(best)!)) best = t;
    }
  }
  return best;
}
