import { parse } from '@renovatebot/pep440';

/** The parts of a version, read once: tells pre-releases. Ordering is the library's (see orderKey). */
export interface VersionKey {
  epoch: number;
  release: number[];
  /** [phase, n] with a < b < rc as 0 < 1 < 2; null when none. */
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
}

const CANONICAL = /^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$/;
const PHASE: Record<string, number> = { a: 0, b: 1, rc: 2 };

// PEP 440's normal form: no leading zeros, no separators or spellings to normalize.
const NORMAL = /^(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)){0,7}(?:(?:a|b|rc)(?:0|[1-9]\d*))?(?:\.post(?:0|[1-9]\d*))?(?:\.dev(?:0|[1-9]\d*))?$/;

/** Written in PEP 440's normal form, with at most 8 release components (the usual spelling of a version). */
export function isNormal(v: string): boolean {
  return NORMAL.test(v);
}

/** The parts of a version, or null when PEP 440 cannot read it. Canonical spellings (`1.2.3`, `1.2rc1`) need no parse. */
export function versionKey(v: string): VersionKey | null {
  const m = CANONICAL.exec(v);
  if (m) {
    return {
      epoch: 0,
      release: trim(m[1]!.split('.').map(Number)),
      pre: m[2] ? [PHASE[m[2]]!, Number(m[3])] : null,
      post: m[4] !== undefined ? Number(m[4]) : null,
      dev: m[5] !== undefined ? Number(m[5]) : null,
    };
  }
  const p = parse(v);
  if (!p) return null;
  const phase = p.pre ? PHASE[String(p.pre[0])] : undefined;
  return {
    epoch: p.epoch,
    release: trim([...p.release]),
    pre: p.pre && phase !== undefined ? [phase, Number(p.pre[1])] : null,
    post: p.post ? Number(p.post[1]) : null,
    dev: p.dev ? Number(p.dev[1]) : null,
  };
}

function trim(r: number[]): number[] {
  let n = r.length;
  while (n > 1 && r[n - 1] === 0) n--;
  return r.slice(0, n);
}

export function isPrerelease(k: VersionKey): boolean {
  return k.pre !== null || k.dev !== null;
}

export type KeyPart = number | string | KeyPart[];

interface Parsed {
  epoch: number;
  release: number[];
  pre: [string, number] | null;
  post: [string, number] | null;
  dev: [string, number] | null;
  local: (string | number)[] | null;
}

/**
 * The library's sort key of a version (its `calculateKey`, which it rebuilds, with a parse, on every
 * `compare`): computed once per version, so a sort parses each version once instead of twice per
 * comparison. `compareKeys` on two keys is the library's `compare` on the two versions; a test checks
 * it on every version of the snapshot.
 */
export function orderKey(v: string): KeyPart[] | null {
  // Canonical spellings, most versions, need not go through the library's long regex: the tuples are plain.
  const m = CANONICAL.exec(v);
  // The library's declared type is explain()'s; parse() gives the tuples calculateKey reads.
  const p = m
    ? {
        epoch: 0,
        release: m[1]!.split('.').map(Number),
        pre: m[2] ? ([m[2], Number(m[3])] as [string, number]) : null,
        post: m[4] !== undefined ? (['post', Number(m[4])] as [string, number]) : null,
        dev: m[5] !== undefined ? (['dev', Number(m[5])] as [string, number]) : null,
        local: null,
      }
    : (parse(v) as unknown as Parsed | null);
  if (!p) return null;
  let n = p.release.length;
  while (n > 0 && p.release[n - 1] === 0) n--;
  const dev: KeyPart = p.dev ?? Infinity;
  const pre: KeyPart = p.pre ?? (!p.post && p.dev ? -Infinity : Infinity);
  const local: KeyPart = p.local ? p.local.map((i) => (Number.isNaN(Number(i)) ? [-Infinity, i] : [Number(i), ''])) : -Infinity;
  return [p.epoch, p.release.slice(0, n), pre, p.post ?? -Infinity, dev, local];
}

/** The library's `pyCompare`: Python's ordering of nested tuples, a bare value read as a one-element tuple. */
export function compareKeys(a: KeyPart, b: KeyPart): number {
  if (a === b) return 0;
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : [a];
    const y = Array.isArray(b) ? b : [b];
    const len = Math.min(x.length, y.length);
    for (let i = 0; i < len; i++) {
      const r = compareKeys(x[i]!, y[i]!);
      if (r !== 0) return r;
    }
    return x.length - y.length;
  }
  if (a === -Infinity || b === Infinity) return -1;
  if (a === Infinity || b === -Infinity) return 1;
  return a < b ? -1 : 1;
}

/**
 * Sort distinct PEP 440 versions ascending with the library's order and merge the equal ones
 * (1.0 and 1.0.0), returning the groups; the first of a group is the first given. Done once per
 * package (when its index is built); matching then compares ranks.
 */
export function sortVersions(versions: { v: string }[]): string[][] {
  const keyed = versions.map(({ v }) => ({ v, k: orderKey(v)! }));
  keyed.sort((a, b) => compareKeys(a.k, b.k));
  const out: string[][] = [];
  let last: KeyPart[] | null = null;
  for (const { v, k } of keyed) {
    if (last && compareKeys(last, k) === 0) out[out.length - 1]!.push(v);
    else out.push([v]);
    last = k;
  }
  return out;
}
