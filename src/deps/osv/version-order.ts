import { compare, parse } from '@renovatebot/pep440';

/** A sort key: PEP 440 order for the common shapes, computed once per version. */
interface Key {
  epoch: number;
  release: number[];
  /** [phase, n] with a < b < rc as 0 < 1 < 2; null when none. */
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
  /** Local versions (`+abc`) are left to the library. */
  local: boolean;
  /** Plain dotted numbers: ordered as integer tuples without asking the library. */
  simple: boolean;
}

const SIMPLE = /^\d+(\.\d+)*$/;
const PHASE: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** The key of a version, or null when PEP 440 cannot read it. Plain `1.2.3` needs no parse. */
export function versionKey(v: string): Key | null {
  if (SIMPLE.test(v)) return { epoch: 0, release: trim(v.split('.').map(Number)), pre: null, post: null, dev: null, local: false, simple: true };
  const p = parse(v);
  if (!p) return null;
  const phase = p.pre ? PHASE[String(p.pre[0])] : undefined;
  return {
    epoch: p.epoch,
    release: trim([...p.release]),
    pre: p.pre && phase !== undefined ? [phase, Number(p.pre[1])] : null,
    post: p.post ? Number(p.post[1]) : null,
    dev: p.dev ? Number(p.dev[1]) : null,
    local: !!p.local || (!!p.pre && phase === undefined),
    simple: false,
  };
}

function trim(r: number[]): number[] {
  let n = r.length;
  while (n > 1 && r[n - 1] === 0) n--;
  return r.slice(0, n);
}

export function isPrerelease(k: Key): boolean {
  return k.pre !== null || k.dev !== null;
}

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// PEP 440 suffix order: X.devN < X.aN < X.rcN < X < X.postN, each sub-ordered by its number.
function preRank(k: Key): [number, number] {
  if (k.pre) return [k.pre[0], k.pre[1]];
  if (k.dev !== null && k.post === null) return [-1, 0];
  return [3, 0];
}

function cmpKey(a: Key, b: Key): number {
  let c = cmpNum(a.epoch, b.epoch);
  if (c) return c;
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) if ((c = cmpNum(a.release[i] ?? 0, b.release[i] ?? 0))) return c;
  const [pa, na] = preRank(a);
  const [pb, nb] = preRank(b);
  if ((c = cmpNum(pa, pb) || cmpNum(na, nb))) return c;
  if ((c = cmpNum(a.post ?? -1, b.post ?? -1))) return c;
  return cmpNum(a.dev ?? Infinity, b.dev ?? Infinity);
}

/**
 * Sort distinct PEP 440 versions ascending and merge the equal ones (1.0 and 1.0.0), returning the
 * groups. The library's compare is the authority but re-parses both sides on every call, so the
 * sort runs on precomputed keys and the library then confirms each adjacent pair in which either
 * side has a pre/post/dev/epoch part (plain dotted numbers compare as integer tuples); if it ever
 * disagrees, or a local version is present, the library sorts alone.
 */
export function sortVersions(versions: { v: string; key: Key }[]): string[][] {
  const groups = (list: { v: string; key: Key }[], trustSimple: boolean): string[][] | null => {
    const out: string[][] = [];
    let prev: Key | null = null;
    for (const { v, key } of list) {
      const last = out[out.length - 1];
      const c = !last || !prev ? 1 : trustSimple && key.simple && prev.simple ? cmpKey(prev, key) : compare(last[0]!, v);
      if (c > 0 && last) return null;
      if (c === 0 && last) last.push(v);
      else {
        out.push([v]);
        prev = key;
      }
    }
    return out;
  };
  if (!versions.some((x) => x.key.local)) {
    const fast = groups([...versions].sort((a, b) => cmpKey(a.key, b.key)), true);
    if (fast) return fast;
  }
  const byLibrary = new Map(versions.map((x) => [x.v, x]));
  const sorted = versions.map((x) => x.v).sort(compare).map((v) => byLibrary.get(v)!);
  return groups(sorted, false)!;
}
