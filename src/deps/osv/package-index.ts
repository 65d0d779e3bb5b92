import { satisfies } from '@renovatebot/pep440';
import { compareKeys, isNormal, isPrerelease, orderKey, sortVersions, versionKey, type KeyPart } from './version-order.js';
import { normalizeName } from '../../facts/manifests/names.js';
import type { OsvAffected, OsvEvent, OsvRecord } from './types.js';

/** A range event with its version's rank; `introduced: "0"` ranks below everything. */
export interface RankedEvent {
  type: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  rank: number;
}

/** One ECOSYSTEM range: its events sorted for evaluation, and its `limit` ranks (the schema's BeforeLimits; null is `*`). */
interface TableRange {
  /** `[type, rank, type, rank…]`, the type an index in EVENT_TYPES (introduced, fixed, last_affected). */
  events: number[];
  /** Empty: no limit (an implicit `*`). */
  limits: (number | null)[];
}

/** One affected entry of a record, as matching reads it. */
interface TableEntry {
  /** ECOSYSTEM ranges, each with events sorted by version (GIT and SEMVER ranges are ignored). */
  ranges: TableRange[];
  /**
   * Ranks of the `versions` list (PEP 440 equality is rank equality) as runs of neighbouring versions,
   * `[first, last, first, last…]` ascending: a list usually names every release between two.
   */
  listed: number[];
  /** List entries PEP 440 cannot read: they match only verbatim. */
  raw: string[];
  /** Fixed versions its ranges name (those PEP 440 reads), in the order written. */
  fixed: string[];
}

/**
 * What matching needs of one package, JSON-safe so that the database index stores it: computed once
 * per database (when the index is written), a run only reads it. `groups` are the versions the
 * package's advisories name, ascending, equal ones together (the first of a group is its name);
 * `prepared` holds, for each record (its position among the package's records) that has entries
 * for this package, those entries; `named` says which member of a group namedVersions gives, where
 * it is not the first (the first one a record names, lists before events; -1: none, a list's "0").
 */
export interface MatchTable {
  groups: string[][];
  prepared: [number, TableEntry[]][];
  named: [number, number][];
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

const entriesOf = (r: OsvRecord, name: string): OsvAffected[] =>
  (r.affected ?? []).filter((a) => a.package?.name && normalizeName(a.package.name) === name && (a.package.ecosystem ?? '').startsWith('PyPI'));

/**
 * The match table of one package from its records. Every version the advisories name is sorted
 * once with PEP 440 ordering; a version is then a rank — twice its group's index plus one when it
 * is one of them (equal under PEP 440, so 1.0 and 1.0.0 share it), an even rank between two of them
 * otherwise — and every comparison, a `versions` list lookup included, is an integer comparison.
 * Range events and list entries not in normal form come first, so that a group is named by one of
 * them when it has one (the name a fix is reported under).
 */
export function buildMatchTable(name: string, records: OsvRecord[]): MatchTable {
  const order = new Map<string, boolean>();
  const add = (v: string) => {
    if (!order.has(v)) order.set(v, orderKey(v) !== null);
  };
  const live = records.map((r, i) => ({ i, entries: r.withdrawn ? [] : entriesOf(r, name) })).filter((x) => x.entries.length);
  for (const { entries } of live) {
    for (const a of entries) {
      for (const v of a.versions ?? []) if (!isNormal(v)) add(v);
      for (const rg of a.ranges ?? []) {
        if (rg.type !== 'ECOSYSTEM') continue;
        for (const e of rg.events ?? []) for (const t of EVENT_TYPES) if (e[t] && e[t] !== '0') add(e[t]!);
      }
    }
  }
  for (const { entries } of live) for (const a of entries) for (const v of a.versions ?? []) if (isNormal(v)) add(v);
  const groups = sortVersions([...order].filter(([, ok]) => ok).map(([v]) => ({ v })));
  const ranks = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const v of g) ranks.set(v, 2 * i + 1);
  });
  const rank = (v: string) => ranks.get(v) ?? null;
  const event = (e: OsvEvent): RankedEvent | null => {
    for (const t of EVENT_TYPES) {
      const v = e[t];
      if (v === undefined) continue;
      if (t === 'introduced' && v === '0') return { type: t, rank: -1 };
      const r = rank(v);
      return r === null ? null : { type: t, rank: r };
    }
    return null;
  };
  const prepare = (a: OsvAffected): TableEntry => {
    const listed = new Set<number>();
    const raw: string[] = [];
    for (const v of a.versions ?? []) {
      const r = rank(v);
      if (r === null) raw.push(v);
      else listed.add(r);
    }
    const runs: number[] = [];
    for (const r of [...listed].sort((x, y) => x - y)) {
      if (runs.length && runs[runs.length - 1] === r - 2) runs[runs.length - 1] = r;
      else runs.push(r, r);
    }
    const entry: TableEntry = { ranges: [], listed: runs, raw, fixed: [] };
    for (const rg of a.ranges ?? []) {
      if (rg.type !== 'ECOSYSTEM') continue;
      const events: RankedEvent[] = [];
      const limits: (number | null)[] = [];
      for (const e of rg.events ?? []) {
        // `limit: "*"` is infinity: the same as no limit, which the schema assumes when there is none.
        if (e.limit !== undefined && e.limit.includes('*')) limits.push(null);
        else {
          const ev = event(e);
          if (ev?.type === 'limit') limits.push(ev.rank);
          else if (ev) events.push(ev);
        }
        if (e.fixed && rank(e.fixed) !== null && !entry.fixed.includes(e.fixed)) entry.fixed.push(e.fixed);
      }
      entry.ranges.push({ events: sortEvents(events).flatMap((ev) => [EVENT_TYPES.indexOf(ev.type), ev.rank]), limits });
    }
    return entry;
  };
  // namedVersions' order of first appearance: each entry's list, then its events.
  const seen = new Map<string, number>();
  for (const { entries } of live) {
    for (const a of entries) {
      const events = (a.ranges ?? []).filter((rg) => rg.type === 'ECOSYSTEM').flatMap((rg) => (rg.events ?? []).flatMap((e) => EVENT_TYPES.map((t) => e[t])));
      for (const v of [...(a.versions ?? []), ...events]) if (v && v !== '0' && ranks.has(v) && !seen.has(v)) seen.set(v, seen.size);
    }
  }
  const named: [number, number][] = [];
  groups.forEach((g, i) => {
    let first = -1;
    for (let j = 0; j < g.length; j++) if (seen.has(g[j]!) && (first < 0 || seen.get(g[j]!)! < seen.get(g[first]!)!)) first = j;
    if (first !== 0) named.push([i, first]);
  });
  return { groups, prepared: live.map(({ i, entries }) => [i, entries.map(prepare)]), named };
}

interface Prepared {
  record: OsvRecord;
  entries: TableEntry[];
}

/** Whether runs `[first, last, …]` (ascending, disjoint) hold the rank x of a named version. */
function holds(runs: number[], x: number): boolean {
  let lo = 0;
  let hi = runs.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[2 * mid + 1]! < x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo < runs.length && runs[2 * lo]! <= x;
}

/**
 * One package's advisories, ready to match: built from its match table (read from the database
 * index, or computed from the records when there is none).
 */
export class PackageIndex {
  /** The versions the advisories name, ascending, one per PEP 440 value (each group's name). */
  readonly versions: string[];
  private readonly named: string[];
  private readonly prepared: Prepared[];
  /** Sort keys of `versions`, computed as a binary search reaches them. */
  private readonly keys: (KeyPart[] | undefined)[] = [];
  private readonly prerelease: (boolean | undefined)[] = [];
  /** Advisories repeat the same version strings hundreds of times: each is ranked once. */
  private readonly ranks = new Map<string, number | null>();
  private readonly fixedCache = new Map<OsvRecord, string[]>();
  private readonly cleanCache: (boolean | undefined)[] = [];
  private listed: Uint8Array | null = null;

  constructor(
    readonly name: string,
    records: OsvRecord[],
    /** The package's match table, when the database index has it; else computed from the records. */
    table: MatchTable = buildMatchTable(name, records),
  ) {
    this.versions = table.groups.map((g) => g[0]!);
    const named: (string | null)[] = [...this.versions];
    for (const [i, j] of table.named) named[i] = j < 0 ? null : table.groups[i]![j]!;
    this.named = named.filter((v) => v !== null);
    table.groups.forEach((g, i) => {
      for (const v of g) this.ranks.set(v, 2 * i + 1);
    });
    this.prepared = table.prepared.map(([i, entries]) => ({ record: records[i]!, entries }));
  }

  /** The rank of any version, or null when it is not PEP 440. */
  rank(version: string): number | null {
    let r = this.ranks.get(version);
    if (r === undefined) this.ranks.set(version, (r = this.computeRank(version)));
    return r;
  }

  private computeRank(version: string): number | null {
    const key = orderKey(version);
    if (!key) return null;
    const cmp = (i: number) => compareKeys((this.keys[i] ??= orderKey(this.versions[i]!)!), key);
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(mid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.versions.length && cmp(lo) === 0 ? 2 * lo + 1 : 2 * lo;
  }

  /** The OSV evaluation of one affected entry: the versions list, then each ECOSYSTEM range (BeforeLimits, then its sorted events). */
  private entryAffects(e: TableEntry, rank: number | null, raw: string): boolean {
    if (e.raw.length && e.raw.includes(raw)) return true;
    if (rank === null) return false;
    if (rank & 1 && holds(e.listed, rank)) return true;
    for (const { events, limits } of e.ranges) {
      if (limits.length && !limits.some((l) => l === null || rank < l)) continue;
      let affected = false;
      for (let j = 0; j < events.length; j += 2) {
        const type = events[j]!;
        const at = events[j + 1]!;
        if (type === 0) {
          if (rank >= at) affected = true;
        } else if (type === 1) {
          if (rank >= at) affected = false;
        } else if (rank > at) affected = false;
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
   * the advisories name (a listed one is affected by its own record, so never clean). A final release
   * is preferred to a pre-release.
   */
  smallestFix(current: string): string | null {
    const rank = this.rank(current) ?? -1;
    let pre: string | null = null;
    const listed = this.listedAnywhere();
    for (let i = 0; i < this.versions.length; i++) {
      if (2 * i + 1 <= rank || listed[i] || !this.clean(i)) continue;
      if (!this.isPrerelease(i)) return this.versions[i]!;
      pre ??= this.versions[i]!;
    }
    return pre;
  }

  /** Which named versions some `versions` list names: those are affected by their own record. */
  private listedAnywhere(): Uint8Array {
    if (!this.listed) {
      this.listed = new Uint8Array(this.versions.length);
      for (const p of this.prepared) {
        for (const e of p.entries) for (let j = 0; j < e.listed.length; j += 2) this.listed.fill(1, (e.listed[j]! - 1) / 2, (e.listed[j + 1]! + 1) / 2);
      }
    }
    return this.listed;
  }

  private isPrerelease(i: number): boolean {
    return (this.prerelease[i] ??= isPrerelease(versionKey(this.versions[i]!)!));
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
      const hits = this.prepared.filter((p) => this.recordAffects(p, rank, v));
      if (!hits.length) continue;
      versions.push(v);
      for (const h of hits) records.add(h.record);
    }
    return { versions, records: [...records] };
  }

  /** Every distinct version the advisories name (events and lists), ascending. */
  namedVersions(): string[] {
    return this.named;
  }
}

function safeSatisfies(v: string, spec: string): boolean {
  try {
    return satisfies(v, spec);
  } catch {
    return false;
  }
}
