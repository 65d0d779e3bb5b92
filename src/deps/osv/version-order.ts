import { compare, parse } from '@renovatebot/pep440';

/**
 * The parts of a version, read once: used for its normal-form spellings (list membership) and to
 * tell pre-releases. Ordering is never done on these parts: it is the library's `compare`.
 */
export interface VersionKey {
  epoch: number;
  release: number[];
  /** [phase, n] with a < b < rc as 0 < 1 < 2; null when none. */
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
  /** Local versions (`+abc`) have no normal-form spelling to match. */
  local: boolean;
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
      local: false,
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

/**
 * Sort distinct PEP 440 versions ascending with the library's order and merge the equal ones
 * (1.0 and 1.0.0), returning the groups. Done once per package; matching then compares ranks.
 */
export function sortVersions(versions: { v: string; key: VersionKey }[]): string[][] {
  const sorted = versions.map((x) => x.v).sort(compare);
  const out: string[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && compare(last[0]!, v) === 0) last.push(v);
    else out.push([v]);
  }
  return out;
}
