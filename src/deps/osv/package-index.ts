import { compare, satisfies } from '@renovatebot/pep440';
import { compareKeys, isPrerelease, sortVersions, versionKey, type VersionKey } from './version-order.js';
import { normalizeName } from '../names.js';
import type { OsvAffected, OsvEvent, OsvRecord } from './types.js';

/** A range event with its version's rank; `introduced: "0"` ranks below everything. */
interface RankedEvent {
  type: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  rank: number;
}

interface Entry {
  /** ECOSYSTEM ranges, each with events sorted by version (GIT and SEMVER ranges are ignored). */
  ranges: RankedEvent[][];
  /** Ranks of the `versions` list entries that PEP 440 reads. */
  versionRanks: Set<number>;
  /** Entries PEP 440 cannot read, compared as exact strings. */
  rawVersions: Set<string>;
  fixed: string[];
}

interface Prepared {
  record: OsvRecord;
  entries: Entry[];
}

const EVENT_TYPES = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/**
 * Every version one package's advisories name, sorted once with PEP 440 ordering. A version is then
 * a rank — twice its index plus one when it is a named version (equal under PEP 440, so 1.0 and
 * 1.0.0 share it), an even rank between two named versions otherwise — and every event comparison
 * is an integer comparison.
 */
export class PackageIndex {
  /** Distinct named versions, ascending. */
  readonly versions: string[];
  private readonly keys: VersionKey[];
  private readonly prepared: Prepared[];
  private readonly prerelease: boolean[];
  /** Advisories repeat the same version strings hundreds of times: each is ranked once. */
  private readonly ranks = new Map<string, number | null>();
  private readonly fixedCache = new Map<OsvRecord, string[]>();
  private readonly cleanCache: (boolean | undefined)[] = [];

  constructor(
    readonly name: string,
    records: OsvRecord[],
    /** Version keys already computed for other packages of the same database ("1.0" recurs everywhere). */
    keyCache: Map<string, VersionKey | null> = new Map(),
  ) {
    const live = records.filter((r) => !r.withdrawn);
    const keys = new Map<string, VersionKey | null>();
    const keyOf = (v: string) => {
      if (keys.has(v)) return;
      let k = keyCache.get(v);
      if (k === undefined) keyCache.set(v, (k = versionKey(v)));
      keys.set(v, k);
    };
    const entriesOf = (r: OsvRecord): OsvAffected[] =>
      (r.affected ?? []).filter((a) => a.package?.name && normalizeName(a.package.name) === name && (a.package.ecosystem ?? '').startsWith('PyPI'));
    for (const r of live) {
      for (const a of entriesOf(r)) {
        for (const v of a.versions ?? []) keyOf(v);
        for (const rg of a.ranges ?? []) {
          if (rg.type !== 'ECOSYSTEM') continue;
          for (const e of rg.events ?? []) for (const t of EVENT_TYPES) if (e[t] && e[t] !== '0') keyOf(e[t]!);
        }
      }
    }
    const named: { v: string; key: VersionKey }[] = [];
    for (const [v, key] of keys) {
      if (key) named.push({ v, key });
      else this.ranks.set(v, null);
    }
    const groups = sortVersions(named);
    this.versions = groups.map((g) => g[0]!);
    this.keys = this.versions.map((v) => keys.get(v)!);
    this.prerelease = this.keys.map(isPrerelease);
    groups.forEach((g, i) => {
      for (const v of g) this.ranks.set(v, 2 * i + 1);
    });
    this.prepared = live.map((record) => ({ record, entries: entriesOf(record).map((a) => this.prepare(a)) })).filter((p) => p.entries.length);
  }

  private prepare(a: OsvAffected): Entry {
    const entry: Entry = { ranges: [], versionRanks: new Set(), rawVersions: new Set(), fixed: [] };
    for (const v of a.versions ?? []) {
      const r = this.rank(v);
      if (r === null) entry.rawVersions.add(v);
      else entry.versionRanks.add(r);
    }
    for (const rg of a.ranges ?? []) {
      if (rg.type !== 'ECOSYSTEM') continue;
      const events: RankedEvent[] = [];
      for (const e of rg.events ?? []) {
        const ev = this.event(e);
        if (ev) events.push(ev);
        if (e.fixed && this.rank(e.fixed) !== null && !entry.fixed.includes(e.fixed)) entry.fixed.push(e.fixed);
      }
      entry.ranges.push(events.sort((x, y) => x.rank - y.rank));
    }
    return entry;
  }

  /** An event with a version PEP 440 cannot read is dropped: it cannot be ordered. */
  private event(e: OsvEvent): RankedEvent | null {
    for (const t of EVENT_TYPES) {
      const v = e[t];
      if (v === undefined) continue;
      if (t === 'introduced' && v === '0') return { type: t, rank: -1 };
      const r = this.rank(v);
      return r === null ? null : { type: t, rank: r };
    }
    return null;
  }

  /** The rank of any version, or null when it is not PEP 440. */
  rank(version: string): number | null {
    let r = this.ranks.get(version);
    if (r === undefined) this.ranks.set(version, (r = this.computeRank(version)));
    return r;
  }

  private computeRank(version: string): number | null {
    const key = versionKey(version);
    if (!key) return null;
    // Canonical against canonical compares by key; anything else asks the library.
    const cmp = (i: number) => {
      const k = this.keys[i]!;
      return key.canonical && k.canonical ? compareKeys(k, key) : compare(this.versions[i]!, version);
    };
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(mid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.versions.length && cmp(lo) === 0 ? 2 * lo + 1 : 2 * lo;
  }

  /** The OSV evaluation of one affected entry: the versions list, then each ECOSYSTEM range's events in order. */
  private entryAffects(e: Entry, rank: number | null, raw: string): boolean {
    if (e.rawVersions.has(raw)) return true;
    if (rank === null) return false;
    if (e.versionRanks.has(rank)) return true;
    for (const events of e.ranges) {
      let affected = false;
      for (const ev of events) {
        if (ev.type === 'introduced') {
          if (rank >= ev.rank) affected = true;
        } else if (ev.type === 'fixed' || ev.type === 'limit') {
          if (rank >= ev.rank) affected = false;
        } else if (rank > ev.rank) affected = false;
      }
      if (affected) return true;
    }
    return false;
  }

  private recordAffects(p: Prepared, rank: number | null, raw: string): boolean {
    return p.entries.some((e) => this.entryAffects(e, rank, raw));
  }

  /** Records (not withdrawn) that affect this version. */
  affecting(version: string): OsvRecord[] {
    const rank = this.rank(version);
    return this.prepared.filter((p) => this.recordAffects(p, rank, version)).map((p) => p.record);
  }

  /** Fixed versions an advisory names for this package. */
  fixedBy(record: OsvRecord): string[] {
    let fixed = this.fixedCache.get(record);
    if (!fixed) {
      const p = this.prepared.find((x) => x.record === record);
      fixed = this.ascending(p ? p.entries.flatMap((e) => e.fixed) : []);
      this.fixedCache.set(record, fixed);
    }
    return fixed;
  }

  /** Distinct named versions in ascending order (by rank: the order already established). */
  ascending(versions: string[]): string[] {
    return [...new Set(versions)].sort((a, b) => (this.rank(a) ?? -1) - (this.rank(b) ?? -1) || (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Whether no advisory affects the i-th named version (computed once each). */
  private clean(i: number): boolean {
    let c = this.cleanCache[i];
    if (c === undefined) {
      const rank = 2 * i + 1;
      const v = this.versions[i]!;
      c = this.cleanCache[i] = !this.prepared.some((p) => this.recordAffects(p, rank, v));
    }
    return c;
  }

  /**
   * The smallest version above `current` that no advisory of the package affects, among the versions
   * the advisories name (fixed events, listed versions). A final release is preferred to a pre-release.
   */
  smallestFix(current: string): string | null {
    const rank = this.rank(current) ?? -1;
    let pre: string | null = null;
    for (let i = 0; i < this.versions.length; i++) {
      if (2 * i + 1 <= rank || !this.clean(i)) continue;
      if (!this.prerelease[i]) return this.versions[i]!;
      pre ??= this.versions[i]!;
    }
    return pre;
  }

  /**
   * Versions named in advisories that a requirement admits and that are affected, with the advisories.
   * `alternatives` are PEP 440 specifiers, any of which may match ('' admits every version).
   * Pre-releases count only when the specifier names one, as pip installs them.
   */
  admitted(alternatives: string[]): { versions: string[]; records: OsvRecord[] } {
    const versions: string[] = [];
    const records = new Set<OsvRecord>();
    for (let i = 0; i < this.versions.length; i++) {
      const v = this.versions[i]!;
      if (!alternatives.some((alt) => alt === '' || safeSatisfies(v, alt))) continue;
      const hits = this.prepared.filter((p) => this.recordAffects(p, 2 * i + 1, v));
      if (!hits.length) continue;
      versions.push(v);
      for (const h of hits) records.add(h.record);
    }
    return { versions, records: [...records] };
  }
}

function safeSatisfies(v: string, spec: string): boolean {
  try {
    return satisfies(v, spec);
  } catch {
    return false;
  }
}
