import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { summaryOf } from './advisory.js';
import { buildMatchTable, type MatchTable } from './package-index.js';
import type { OsvAffected, OsvRecord } from './types.js';
import type { DatabaseContents } from './provenance.js';

/**
 * A compact per-package index of an OSV database, written once beside it (or in the cache dir) so that
 * later runs skip the unzip and the scan of every record: the file is a JSON header line (the
 * database's key, its stats, and where each package's records sit) followed by one JSON array per
 * package: its trimmed records and its match table (its versions sorted and every event and list
 * entry ranked, the PEP 440 work of matching done once). A run parses only the packages it matches.
 *
 * The header carries a hash of the body: an index whose key or body hash does not match is ignored
 * and rebuilt, never trusted.
 */

/** Bumped whenever the trimmed record or the layout changes: an older index is then rebuilt. */
export const INDEX_FORMAT = 4;
const MAGIC = 'pyvet-osv-index';

export interface IndexStats {
  records: number;
  packages: number;
  withdrawn: number;
  unreadable: number;
  newestModified: string | null;
  /** Records per source database and the newest date, for the reports' provenance line. */
  contents?: DatabaseContents;
}

interface Header {
  magic: string;
  format: number;
  key: string;
  stats: IndexStats;
  bodySha1: string;
  /** [normalized name, byte offset in the body, byte length], in the database's order. */
  packages: [string, number, number][];
  /** Entries the build skipped as malformed: every later scan reports them without reading the database again. */
  malformed: Malformed;
}

/** How many entries were skipped as malformed, and the first MALFORMED_KEPT of them (where: a record id or file name). */
export interface Malformed {
  count: number;
  first: { where: string; reason: string }[];
}

/** Enough to find and fix a broken database; a database of thousands of bad records does not bloat the header. */
export const MALFORMED_KEPT = 10;

/** The header's form of a loader's problem lines (`<where>: <reason>`). */
export function malformedOf(problems: string[]): Malformed {
  const first = problems.slice(0, MALFORMED_KEPT).map((p) => {
    const i = p.indexOf(': ');
    return i < 0 ? { where: '', reason: p } : { where: p.slice(0, i), reason: p.slice(i + 2) };
  });
  return { count: problems.length, first };
}

/** The problem lines a scan reports for the malformed entries an index recorded. */
export function malformedProblems(m: Malformed): string[] {
  const out = m.first.map((f) => (f.where ? `${f.where}: ${f.reason}` : f.reason));
  if (m.count > out.length) out.push(`${m.count - out.length} more malformed entries skipped (not listed)`);
  return out;
}

/** The hash of the database's bytes (a zip) or of its listing (a folder: path, size, mtime of each file). */
export function databaseKey(parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return `${INDEX_FORMAT}:${h.digest('hex')}`;
}

/**
 * What matching and reporting read of a record: id, withdrawn, aliases, severities, the one-line
 * summary (computed here, so the long `details` can go), and the affected entries' package, versions
 * and ECOSYSTEM ranges (GIT and SEMVER ranges are never evaluated). The index stores them without
 * the versions lists, which its match table holds.
 */
export function trimRecord(r: OsvRecord): OsvRecord {
  const out: OsvRecord = { id: r.id, summary: summaryOf(r) };
  if (r.withdrawn) out.withdrawn = r.withdrawn;
  if (r.aliases?.length) out.aliases = r.aliases;
  if (r.severity?.length) out.severity = r.severity;
  if (r.database_specific?.severity !== undefined) out.database_specific = { severity: r.database_specific.severity };
  if (r.affected) {
    out.affected = r.affected.map((a) => {
      const t: OsvAffected = {};
      if (a.package) t.package = { ecosystem: a.package.ecosystem, name: a.package.name };
      if (a.versions) t.versions = a.versions;
      if (a.ranges) t.ranges = a.ranges.filter((rg) => rg.type === 'ECOSYSTEM');
      if (a.severity) t.severity = a.severity;
      return t;
    });
  }
  return out;
}

/** Write the index atomically (temporary file, then rename); false when the folder is not writable. */
export function writeIndex(file: string, key: string, stats: IndexStats, byPackage: Iterable<[string, OsvRecord[]]>, malformed: Malformed = { count: 0, first: [] }): boolean {
  const chunks: Buffer[] = [];
  const packages: [string, number, number][] = [];
  let offset = 0;
  for (const [name, records] of byPackage) {
    const trimmed = records.map(trimRecord);
    // The table holds the versions lists as ranks: the records are stored without them.
    const table = buildMatchTable(name, trimmed);
    const stored = trimmed.map((r) => (r.affected ? { ...r, affected: r.affected.map(({ versions: _, ...a }) => a) } : r));
    const b = Buffer.from(JSON.stringify([stored, table]));
    packages.push([name, offset, b.length]);
    chunks.push(b);
    offset += b.length;
  }
  const body = Buffer.concat(chunks);
  const header: Header = { magic: MAGIC, format: INDEX_FORMAT, key, stats, bodySha1: createHash('sha1').update(body).digest('hex'), packages, malformed };
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body]));
    renameSync(tmp, file);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}

/** The records of an index file, parsed one package at a time on first use. */
export class IndexedRecords {
  private readonly slices = new Map<string, [number, number]>();
  private readonly parsed = new Map<string, [OsvRecord[], MatchTable | null]>();

  constructor(
    private readonly buf: Buffer,
    private readonly bodyStart: number,
    readonly stats: IndexStats,
    packages: [string, number, number][],
    readonly malformed: Malformed = { count: 0, first: [] },
  ) {
    for (const [name, off, len] of packages) this.slices.set(name, [off, len]);
  }

  packages(): string[] {
    return [...this.slices.keys()];
  }

  private read(name: string): [OsvRecord[], MatchTable | null] {
    let out = this.parsed.get(name);
    if (!out) {
      const s = this.slices.get(name);
      out = s ? (JSON.parse(this.buf.toString('utf8', this.bodyStart + s[0], this.bodyStart + s[0] + s[1])) as [OsvRecord[], MatchTable]) : [[], null];
      this.parsed.set(name, out);
    }
    return out;
  }

  /** The trimmed records of one package (a normalized name). */
  recordsOf(name: string): OsvRecord[] {
    return this.read(name)[0];
  }

  /** The match table of one package, over the records recordsOf gives; null when it has none. */
  tableOf(name: string): MatchTable | null {
    return this.read(name)[1];
  }
}

/** The index at `file` when it is whole and built for `key`; null when missing, stale or corrupt. */
export function readIndex(file: string, key: string): IndexedRecords | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  const nl = buf.indexOf(10);
  if (nl < 0) return null;
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
  } catch {
    return null;
  }
  if (header?.magic !== MAGIC || header.format !== INDEX_FORMAT || header.key !== key || !Array.isArray(header.packages) || !Array.isArray(header.malformed?.first)) return null;
  const body = buf.subarray(nl + 1);
  if (createHash('sha1').update(body).digest('hex') !== header.bodySha1) return null;
  return new IndexedRecords(buf, nl + 1, header.stats, header.packages, header.malformed);
}
