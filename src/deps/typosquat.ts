import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

/** How many of the most-downloaded projects a name is compared against: the ones worth imitating. */
const TARGETS = 1000;

let cache: { rank: Map<string, number>; byLength: Map<number, string[]> } | null = null;

/** data/top-pypi-packages.txt: 5,000 PEP 503 names, most downloaded first (its header names the source). */
function topPackages(): { rank: Map<string, number>; byLength: Map<number, string[]> } {
  if (!cache) {
    const rank = new Map<string, number>();
    // Targets by length: a name one edit away is one character longer, shorter or the same length.
    const byLength = new Map<number, string[]>();
    let i = 0;
    for (const line of readFileSync(path.join(PACKAGE_ROOT, 'data', 'top-pypi-packages.txt'), 'utf8').split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      if (i < TARGETS) {
        const same = byLength.get(t.length);
        if (same) same.push(t);
        else byLength.set(t.length, [t]);
      }
      rank.set(t, i++);
    }
    cache = { rank, byLength };
  }
  return cache;
}

/** Levenshtein distance, stopping early: true when a and b are exactly one edit (insert, delete, substitute, or swap of neighbours) apart. */
export function oneEditApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (a === b || la - lb > 1 || lb - la > 1) return false;
  // The common prefix and the common suffix (not overlapping it), compared in place: this runs for
  // every dependency against a few hundred targets.
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let j = 0;
  while (j < la - i && j < lb - i && a.charCodeAt(la - 1 - j) === b.charCodeAt(lb - 1 - j)) j++;
  // All but one character of the longer name shared: one substitution, insertion or deletion.
  if (i + j >= Math.max(la, lb) - 1) return true;
  return la === lb && i + j === la - 2 && a[i] === b[i + 1] && a[i + 1] === b[i];
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
  let bestRank = Infinity;
  // One edit leaves the first or the last character in place (names of five characters or more).
  const first = name.charCodeAt(0);
  const last = name.charCodeAt(name.length - 1);
  for (let len = Math.max(5, name.length - 1); len <= name.length + 1; len++) {
    for (const t of byLength.get(len) ?? []) {
      if (t.charCodeAt(0) !== first && t.charCodeAt(len - 1) !== last) continue;
      if (oneEditApart(name, t) && rank.get(t)! < bestRank) {
        best = t;
        bestRank = rank.get(t)!;
      }
    }
  }
  return best;
}
