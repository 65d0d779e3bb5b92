import { compare, parse } from '@renovatebot/pep440';

/** A sort key: PEP 440 order for the common shapes, computed once per version. */
export interface VersionKey {
  epoch: number;
  release: number[];
  /** [phase, n] with a < b < rc as 0 < 1 < 2; null when none. */
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
  /** Local versions (`+abc`) are left to the library. */
  local: boolean;
  /**
   * Written in PEP 440's canonical form (`1.2.3`, `1.2rc1`, `1.2.post1`, `1.2.dev0`): read by a
   * regular expression and ordered by the key alone. Any other spelling is read by the library and
   * its order checked by the library.
   */
  canonical: boolean;
}

const CANONICAL = /^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$/;
const PHASE: Record<string, number> = { a: 0, b: 1, rc: 2 };

// PEP 440's normal form: no leading zeros, no separators or spellings to normalize.
const NORMAL = /^(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)){0,7}(?:(?:a|b|rc)(?:0|[1-9]\d*))?(?:\.post(?:0|[1-9]\d*))?(?:\.dev(?:0|[1-9]\d*))?$/;
const MAX_COMPONENTS = 8;

/** Written in PEP 440's normal form, with at most 8 release components: equal versions differ only by trailing `.0`s. */
export function isNormal(v: string): boolean {
  return NORMAL.test(v);
}

/**
 * Every normal-form spelling of a version (no local part): `1.0` → `1`, `1.0`, `1.0.0`… up to 8
 * components. A normal-form string equals the version under PEP 440 exactly when it is one of these.
 */
export function spellings(k: VersionKey): string[] {
  if (k.local) return [];
  const suffix = (k.pre ? `${['a', 'b', 'rc'][k.pre[0]]}${k.pre[1]}` : '') + (k.post !== null ? `.post${k.post}` : '') + (k.dev !== null ? `.dev${k.dev}` : '');
  const prefix = k.epoch ? `${k.epoch}!` : '';
  const release = [...k.release];
  const out: string[] = [];
  while (release.length <= MAX_COMPONENTS) {
    out.push(prefix + release.join('.') + suffix);
    release.push(0);
  }
  return out;
}

/** The key of a version, or null when PEP 440 cannot read it. Canonical spellings need no parse. */
export function versionKey(v: string): VersionKey | null {
  const m = CANONICAL.exec(v);
  if (m) {
    return {
      epoch: 0,
      release: trim(m[1]!.split('.').map(Number)),
      pre: m[2] ? [PHASE[m[2]]!, Number(m[3])] : null,
      post: m[4] !== undefined ? Number(m[4]) : null,
      dev: m[5] !== undefined ? Number(m[5]) : null,
      local: false,
      canonical: true,
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
    local: !!p.local || (!!p.pre && phase === undefined),
    canonical: false,
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

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// PEP 440 suffix order: X.devN < X.aN < X.rcN < X < X.postN, each sub-ordered by its number.
function preRank(k: VersionKey): [number, number] {
  if (k.pre) return [k.pre[0], k.pre[1]];
  if (k.dev !== null && k.post === null) return [-1, 0];
  return [3, 0];
}

/** PEP 440 order of two keys (the library's sort key: epoch, release, pre, post, dev). */
export function compareKeys(a: VersionKey, b: VersionKey): number {
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
 * side is not in canonical form (canonical ones order as PEP 440's sort key says; a test checks
 * that against the library on every version of the snapshot); if it ever disagrees, or a local
 * version is present, the library sorts alone.
 */
export function sortVersions(versions: { v: string; key: VersionKey }[]): string[][] {
  const groups = (list: { v: string; key: VersionKey }[], trustCanonical: boolean): string[][] | null => {
    const out: string[][] = [];
    let prev: VersionKey | null = null;
    for (const { v, key } of list) {
      const last = out[out.length - 1];
      const c = !last || !prev ? 1 : trustCanonical && key.canonical && prev.canonical ? compareKeys(prev, key) : compare(last[0]!, v);
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
    const fast = groups([...versions].sort((a, b) => compareKeys(a.key, b.key)), true);
    if (fast) return fast;
  }
  const byLibrary = new Map(versions.map((x) => [x.v, x]));
  const sorted = versions.map((x) => x.v).sort(compare).map((v) => byLibrary.get(v)!);
  return groups(sorted, false)!;
}
