import { compare, satisfies } from '@renovatebot/pep440';
import { isNormal, isPrerelease, sortVersions, spellings, versionKey, type VersionKey } from './version-order.js';
import { normalizeName } from '../../facts/manifests/names.js';
import type { OsvAffected, OsvEvent, OsvRecord } from './types.js';

/** A range event with its version's rank; `introduced: "0"` ranks below everything. */
export interface RankedEvent {
  type: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  rank: number;
}

/** One ECOSYSTEM range: its events sorted for evaluation, and its `limit` ranks (the schema's BeforeLimits). */
interface PreparedRange {
  events: RankedEvent[];
  /** Empty: no limit (an implicit `*`). */
  limits: number[];
}

interface Entry {
  /** ECOSYSTEM ranges, each with events sorted by version (GIT and SEMVER ranges are ignored). */
  ranges: PreparedRange[];
  /** The `versions` list as written: a version equals a normal-form entry when one of its spellings is here. */
  listed: Set<string>;
  /** Ranks of the list entries not in normal form that PEP 440 reads (`v1.0`, `1.0-RC1`…). */
  versionRanks: Set<number>;
  fixed: string[];
}

interface Prepared {
  record: OsvRecord;
  entries: Entry[];
}

const EVENT_TYPES = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

/**
 * Order of events naming one version. The schema sorts events by version and leaves ties open; real
 * records list two intervals that meet (`introduced 0.13.0, fixed 0.14.0rc1, introduced 0.12.2, fixed
 * 0.13.0`), so a `fixed` at a version closes before an `introduced` at it opens, and the intervals
 * join. A `last_affected` closes just after its version, so it comes after an `introduced` at it.
 */
const TIE_ORDER: Record<RankedEvent['type'], number> = { fixed: 0, limit: 0, introduced: 1, last_affected: 2 };

/** Events in evaluation order: by version, then as TIE_ORDER says. */
export function sortEvents(events: RankedEvent[]): RankedEvent[] {
  return events.sort((x, y) => x.rank - y.rank || TIE_ORDER[x.type] - TIE_ORDER[y.type]);
}

/**
 * The versions one package's range events name, sorted once with PEP 440 ordering. A version is then
 * a rank — twice its index plus one when it is one of them (equal under PEP 440, so 1.0 and 1.0.0
 * share it), an even rank between two of them otherwise — and every event comparison is an integer
 * comparison. `versions` lists, often hundreds long, are not sorted: a version is in a list when one
 * of its normal-form spellings is (1.0 → "1", "1.0", "1.0.0"…); the rare entries not in normal form
 * are ranked like events.
 */
export class PackageIndex {
  /** Distinct versions named by range events and by list entries not in normal form, ascending. */
  readonly versions: string[];
  private readonly live: OsvRecord[];
  private readonly keyCache: Map<string, VersionKey | null>;
  private readonly spelled = new Map<string, string[]>();
  private allNamed: string[] | null = null;
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
    this.live = live;
    this.keyCache = keyCache;
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
        for (const v of a.versions ?? []) if (!isNormal(v)) keyOf(v);
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
    const entry: Entry = { ranges: [], listed: new Set(a.versions ?? []), versionRanks: new Set(), fixed: [] };
    for (const v of a.versions ?? []) {
      if (isNormal(v)) continue;
      const r = this.rank(v);
      if (r !== null) entry.versionRanks.add(r);
    }
    for (const rg of a.ranges ?? []) {
      if (rg.type !== 'ECOSYSTEM') continue;
      const events: RankedEvent[] = [];
      const limits: number[] = [];
      for (const e of rg.events ?? []) {
        // `limit: "*"` is infinity: the same as no limit, which the schema assumes when there is none.
        if (e.limit !== undefined && e.limit.includes('*')) limits.push(Infinity);
        else {
          const ev = this.event(e);
          if (ev?.type === 'limit') limits.push(ev.rank);
          else if (ev) events.push(ev);
        }
        if (e.fixed && this.rank(e.fixed) !== null && !entry.fixed.includes(e.fixed)) entry.fixed.push(e.fixed);
      }
      entry.ranges.push({ events: sortEvents(events), limits });
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
    if (!versionKey(version)) return null;
    const cmp = (i: number) => compare(this.versions[i]!, version);
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(mid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.versions.length && cmp(lo) === 0 ? 2 * lo + 1 : 2 * lo;
  }

  /** Normal-form spellings of a version (none when PEP 440 cannot read it). */
  private spellingsOf(version: string): string[] {
    let out = this.spelled.get(version);
    if (!out) {
      let k = this.keyCache.get(version);
      if (k === undefined) this.keyCache.set(version, (k = versionKey(version)));
      out = k ? spellings(k) : [];
      this.spelled.set(version, out);
    }
    return out;
  }

  /** The OSV evaluation of one affected entry: the versions list, then each ECOSYSTEM range (BeforeLimits, then its sorted events). */
  private entryAffects(e: Entry, rank: number | null, raw: string, spelled: string[]): boolean {
    if (e.listed.has(raw)) return true;
    for (const s of spelled) if (e.listed.has(s)) return true;
    if (rank === null) return false;
    if (e.versionRanks.has(rank)) return true;
    for (const { events, limits } of e.ranges) {
      if (limits.length && !limits.some((l) => rank < l)) continue;
      let affected = false;
      for (const ev of events) {
        if (ev.type === 'introduced') {
          if (rank >= ev.rank) affected = true;
        } else if (ev.type === 'fixed') {
          if (rank >= ev.rank) affected = false;
        } else if (rank > ev.rank) affected = false;
      }
      if (affected) return true;
    }
    return false;
  }

  private recordAffects(p: Prepared, rank: number | null, raw: string, spelled: string[]): boolean {
    return p.entries.some((e) => this.entryAffects(e, rank, raw, spelled));
  }

  /** Records (not withdrawn) that affect this version. */
  affecting(version: string): OsvRecord[] {
    const rank = this.rank(version);
    const spelled = this.spellingsOf(version);
    return this.prepared.filter((p) => this.recordAffects(p, rank, version, spelled)).map((p) => p.record);
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
      const spelled = this.spellingsOf(v);
      c = this.cleanCache[i] = !this.prepared.some((p) => this.recordAffects(p, rank, v, spelled));
    }
    return c;
  }

  /**
   * The smallest version above `current` that no advisory of the package affects, among the versions
   * the advisories name. Listed versions are affected by their own record, so the candidates that can
   * be clean are those of range events. A final release is preferred to a pre-release.
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
    for (const v of this.namedVersions()) {
      if (!alternatives.some((alt) => alt === '' || safeSatisfies(v, alt))) continue;
      const rank = this.rank(v);
      const spelled = this.spellingsOf(v);
      const hits = this.prepared.filter((p) => this.recordAffects(p, rank, v, spelled));
      if (!hits.length) continue;
      versions.push(v);
      for (const h of hits) records.add(h.record);
    }
    return { versions, records: [...records] };
  }

  /** Every distinct version the advisories name (events and lists), ascending; built on first use. */
  namedVersions(): string[] {
    if (!this.allNamed) {
      const named = new Map<string, VersionKey>();
      for (const r of this.live) {
        for (const a of r.affected ?? []) {
          if (!a.package?.name || normalizeName(a.package.name) !== this.name || !(a.package.ecosystem ?? '').startsWith('PyPI')) continue;
          const strings = [...(a.versions ?? []), ...(a.ranges ?? []).filter((rg) => rg.type === 'ECOSYSTEM').flatMap((rg) => (rg.events ?? []).flatMap((e) => EVENT_TYPES.map((t) => e[t])))];
          for (const v of strings) {
            if (!v || v === '0' || named.has(v)) continue;
            let k = this.keyCache.get(v);
            if (k === undefined) this.keyCache.set(v, (k = versionKey(v)));
            if (k) named.set(v, k);
          }
        }
      }
      this.allNamed = sortVersions([...named].map(([v, key]) => ({ v, key }))).map((g) => g[0]!);
    }
    return this.allNamed;
  }
}

function safeSatisfies(v: string, spec: string): boolean {
  try {
    return satisfies(v, spec);
  } catch {
    return false;
  }
}
