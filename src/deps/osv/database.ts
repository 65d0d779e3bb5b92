import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DatabaseError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../version.js';
import { readRawBytes } from '../../sources/read.js';
import { normalizeName } from '../../facts/manifests/names.js';
import { PackageIndex } from './package-index.js';
import { databaseKey, IndexedRecords, malformedOf, malformedProblems, readIndex, writeIndex } from './index-file.js';
import type { OsvRecord } from './types.js';
import { contentsOf, type DatabaseContents } from './provenance.js';

export interface DatabaseStats {
  records: number;
  packages: number;
  withdrawn: number;
  /** Entries that are not OSV JSON (skipped). */
  unreadable: number;
  /** Newest `modified` timestamp of any record (ISO 8601), or null. */
  newestModified: string | null;
}

const decoder = new TextDecoder();
const PACKAGE_RE = /"package"\s*:\s*\{([^{}]*)\}/g;
const NAME_RE = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const ECOSYSTEM_RE = /"ecosystem"\s*:\s*"([^"]*)"/;
const ID_RE = /"id"\s*:\s*"/;

/** PyPI package names an OSV record's text names, found without parsing it (a quote inside a JSON string is escaped, so this cannot match inside one). */
function pypiNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(PACKAGE_RE)) {
    const eco = ECOSYSTEM_RE.exec(m[1]!)?.[1] ?? '';
    const name = NAME_RE.exec(m[1]!)?.[1];
    if (name && (eco === 'PyPI' || eco.startsWith('PyPI:'))) names.add(normalizeName(name));
  }
  return names;
}

/** The largest OSV record is well under 1 MB; an entry or a file inflating past this is refused. */
export const ENTRY_CAP = 16 * 1024 * 1024;
/** The whole PyPI database inflates to a few hundred MB; past this it is a zip bomb, not a database. */
export const TOTAL_CAP = 1024 * 1024 * 1024;
/** A zip (or file) larger than this is refused before it is read. */
const ZIP_CAP = 512 * 1024 * 1024;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optStr = (o: Record<string, unknown>, k: string) => o[k] === undefined || typeof o[k] === 'string';
const strList = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const severities = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => isObj(x) && typeof x.type === 'string' && typeof x.score === 'string'));

/**
 * Why a parsed value is not an OSV record in the fields matching reads (types as the OSV schema
 * gives them), or null when it is one. A record of the wrong shape would throw deep in matching.
 */
export function osvProblem(v: unknown): string | null {
  if (!isObj(v)) return 'not a JSON object';
  if (typeof v.id !== 'string') return 'id is not a string';
  for (const k of ['modified', 'withdrawn', 'summary', 'details']) if (!optStr(v, k)) return `${k} is not a string`;
  if (!strList(v.aliases)) return 'aliases is not a list of strings';
  if (!severities(v.severity)) return 'severity is not a list of {type, score}';
  if (v.database_specific !== undefined && (!isObj(v.database_specific) || !optStr(v.database_specific, 'severity'))) return 'database_specific is not an object';
  if (v.affected === undefined) return null;
  if (!Array.isArray(v.affected)) return 'affected is not a list';
  for (const a of v.affected as unknown[]) {
    if (!isObj(a)) return 'affected[] entry is not an object';
    if (a.package !== undefined && (!isObj(a.package) || !optStr(a.package, 'name') || !optStr(a.package, 'ecosystem'))) return 'affected[].package is not {ecosystem, name}';
    if (!strList(a.versions)) return 'affected[].versions is not a list of strings';
    if (!severities(a.severity)) return 'affected[].severity is not a list of {type, score}';
    if (a.ranges === undefined) continue;
    if (!Array.isArray(a.ranges)) return 'affected[].ranges is not a list';
    for (const r of a.ranges as unknown[]) {
      if (!isObj(r) || typeof r.type !== 'string' || !Array.isArray(r.events)) return 'affected[].ranges[] is not {type, events}';
      for (const e of r.events as unknown[]) {
        if (!isObj(e) || !Object.values(e).every((x) => typeof x === 'string')) return 'affected[].ranges[].events[] is not an object of strings';
      }
    }
  }
  return null;
}

/**
 * OSV records of the PyPI ecosystem, indexed by PEP 503 name. Loading only finds each record's
 * package names; a record is parsed, and a package's version index built, the first time a
 * dependency of that package is matched — a small project pays for a few packages, not all.
 */
export class OsvDatabase {
  private readonly texts: string[];
  /** undefined: not parsed yet; null: not an OSV record. */
  private readonly parsed: (OsvRecord | null | undefined)[];
  private readonly byPackage = new Map<string, number[]>();
  private readonly indexes = new Map<string, PackageIndex>();
  private statsCache: DatabaseStats | null = null;
  /** Records (or entries) skipped as malformed, each with why; the scan reports them in `errors`. */
  readonly problems: string[] = [];
  private contentsCache: DatabaseContents | null = null;
  private readonly indexed: IndexedRecords | null;

  constructor(
    /** Where it was loaded from. */
    readonly source: string,
    /** Record texts (as read from the zip or folder), records already parsed, or a per-package index file. */
    entries: (string | OsvRecord)[] | IndexedRecords,
    /** Entries refused while loading (too large), reported with the records found malformed. */
    problems: string[] = [],
  ) {
    this.problems.push(...problems);
    this.indexed = entries instanceof IndexedRecords ? entries : null;
    // The build validated every record: those it skipped are reported by every scan, asked about or not.
    if (this.indexed) this.problems.push(...malformedProblems(this.indexed.malformed));
    if (entries instanceof IndexedRecords) entries = [];
    this.texts = entries.map((e) => (typeof e === 'string' ? e : ''));
    this.parsed = entries.map((e) => (typeof e === 'string' ? undefined : e));
    entries.forEach((e, i) => {
      const names = typeof e === 'string' ? pypiNames(e) : pypiNamesOf(e);
      for (const n of names) {
        const list = this.byPackage.get(n);
        if (list) list.push(i);
        else this.byPackage.set(n, [i]);
      }
    });
  }

  private record(i: number): OsvRecord | null {
    let r = this.parsed[i];
    if (r === undefined) {
      try {
        const v: unknown = JSON.parse(this.texts[i]!);
        const problem = osvProblem(v);
        r = problem ? null : (v as OsvRecord);
        if (problem) this.problems.push(`record ${isObj(v) && typeof v.id === 'string' ? v.id : `#${i + 1}`}: ${problem}; skipped`);
      } catch (err) {
        r = null;
        this.problems.push(`record #${i + 1}: not valid JSON (${(err as Error).message.slice(0, 80)}); skipped`);
      }
      this.parsed[i] = r;
      this.texts[i] = '';
    }
    return r;
  }

  /** Record counts by source and the newest `modified`, for the reports' provenance line: read on first use, without parsing. */
  get contents(): DatabaseContents {
    if (this.indexed?.stats.contents) return this.indexed.stats.contents;
    this.contentsCache ??= contentsOf(this.texts.map((t, i) => t || this.parsed[i]).filter((e): e is string | OsvRecord => !!e));
    return this.contentsCache;
  }

  /** Counts and the newest `modified`: parses every record (db info, db update). */
  get stats(): DatabaseStats {
    if (this.statsCache) return this.statsCache;
    if (this.indexed) {
      // The header also carries provenance (`contents`), which is not a count.
      const { records, packages, withdrawn, unreadable, newestModified } = this.indexed.stats;
      return (this.statsCache = { records, packages, withdrawn, unreadable, newestModified });
    }
    let records = 0;
    let withdrawn = 0;
    let unreadable = 0;
    let newest: string | null = null;
    for (let i = 0; i < this.parsed.length; i++) {
      const r = this.record(i);
      if (!r) {
        unreadable++;
        continue;
      }
      records++;
      if (r.withdrawn) withdrawn++;
      if (r.modified && (!newest || r.modified > newest)) newest = r.modified;
    }
    this.statsCache = { records, packages: this.byPackage.size, withdrawn, unreadable, newestModified: newest };
    return this.statsCache;
  }

  /** Every package name with at least one record. */
  packages(): string[] {
    return this.indexed ? this.indexed.packages() : [...this.byPackage.keys()];
  }

  /** The advisories of one package (withdrawn ones included; matching skips them). */
  recordsOf(name: string): OsvRecord[] {
    if (this.indexed) return this.indexed.recordsOf(normalizeName(name));
    const out: OsvRecord[] = [];
    for (const i of this.byPackage.get(normalizeName(name)) ?? []) {
      const r = this.record(i);
      if (r) out.push(r);
    }
    return out;
  }

  /** Version index of one package, built once. */
  package(name: string): PackageIndex {
    const n = normalizeName(name);
    let idx = this.indexes.get(n);
    if (!idx) {
      idx = new PackageIndex(n, this.recordsOf(n), this.indexed?.tableOf(n) ?? undefined);
      this.indexes.set(n, idx);
    }
    return idx;
  }
}

function pypiNamesOf(r: OsvRecord): Set<string> {
  const names = new Set<string>();
  for (const a of r.affected ?? []) {
    const eco = a.package?.ecosystem ?? '';
    if (a.package?.name && (eco === 'PyPI' || eco.startsWith('PyPI:'))) names.add(normalizeName(a.package.name));
  }
  return names;
}

/** The JSON entries of an OSV zip; throws DatabaseError when it is not a readable zip. */
export function unzipOsv(bytes: Uint8Array, label: string, problems: string[] = []): Uint8Array[] {
  let files: Record<string, Uint8Array>;
  try {
    // Loaded only here: a run served by the index never pays for the inflater.
    const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
    // The central directory's sizes are summed first, nothing inflated: a bomb is refused before it
    // costs memory. fflate inflates into a buffer of the declared size, so an entry that lies about
    // its size is cut short (and then fails to parse as a record), never grown.
    let total = 0;
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('.json') && f.originalSize <= ENTRY_CAP) total += f.originalSize;
        return false;
      },
    });
    if (total > TOTAL_CAP) throw new DatabaseError(`${label} inflates to more than ${TOTAL_CAP / 1024 ** 3} GB: not an OSV database (a zip bomb?); pass another --db`);
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('.json')) return false;
        if (f.originalSize <= ENTRY_CAP) return true;
        problems.push(`${f.name}: inflates to ${f.originalSize} bytes, over the ${ENTRY_CAP}-byte limit for one record; skipped`);
        return false;
      },
    });
  } catch (err) {
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(`${label} is not a readable zip (${(err as Error).message}); run \`pyvet db update\` or pass --db`);
  }
  return Object.values(files);
}

function fromTexts(texts: string[], label: string, problems: string[] = []): OsvDatabase {
  const records = texts.filter((t) => ID_RE.test(t));
  if (!records.length) {
    const why = problems.length ? ` (${problems.length} entries refused, e.g. ${problems[0]})` : '';
    throw new DatabaseError(`${label} holds no OSV records${why}; run \`pyvet db update\` or pass --db`);
  }
  return new OsvDatabase(label, records, problems);
}

/** Build a database from zip bytes; throws DatabaseError when there is no OSV record in it. */
export function databaseFromZip(bytes: Uint8Array, label: string): OsvDatabase {
  const problems: string[] = [];
  return fromTexts(unzipOsv(bytes, label, problems).map((b) => decoder.decode(b)), label, problems);
}

function jsonFiles(dir: string, depth = 0): string[] {
  if (depth > 4) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsonFiles(p, depth + 1));
    else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

const loaded = new Map<string, { key: string; db: OsvDatabase }>();

/**
 * Where a database's index may live: beside a zip (`PyPI-all.zip.pyvet-index`), else — a folder, or a
 * zip whose folder is read-only — in the cache dir under the database's key.
 */
function indexPaths(dbPath: string, isDir: boolean, key: string, env: NodeJS.ProcessEnv): string[] {
  const shared = path.join(cacheDir(env), 'osv-index', `${key.replace(/[^0-9a-z]/gi, '_')}.pyvet-index`);
  return isDir ? [shared] : [`${dbPath}${INDEX_SUFFIX}`, shared];
}

export const INDEX_SUFFIX = '.pyvet-index';

/** Write the per-package index of a database to the first of `files` that can be written; returns its path or null. */
export function writeDatabaseIndex(db: OsvDatabase, key: string, files: string[]): string | null {
  const entries = db.packages().map((name): [string, OsvRecord[]] => [name, db.recordsOf(name)]);
  // Provenance (records per source, newest date) travels in the header: an indexed run has no texts to count.
  // Reading `stats` parses every record, so `problems` then holds every malformed one, not only those of packages.
  const stats = { ...db.stats, contents: db.contents };
  const malformed = malformedOf(db.problems);
  for (const f of files) if (writeIndex(f, key, stats, entries, malformed)) return f;
  return null;
}

/** The key of a zip's bytes. */
export function zipKey(bytes: Uint8Array): string {
  return databaseKey([bytes]);
}

/**
 * Load a zip or a folder of OSV JSON; cached in-process while the file is unchanged. The first load
 * of a database writes its per-package index; later loads (any process) read only the index header
 * and then the packages they match. The key is the zip's hash (2.5 MB hash in ~2 ms) or, for a
 * folder, the hash of its listing (path, size, mtime of every file).
 */
export function loadDatabase(dbPath: string, env: NodeJS.ProcessEnv = process.env): OsvDatabase {
  let st;
  try {
    st = statSync(dbPath);
  } catch {
    throw new DatabaseError(`OSV database not found: ${dbPath}`);
  }
  const statKey = `${st.mtimeMs}:${st.size}`;
  const hit = loaded.get(dbPath);
  if (hit?.key === statKey) return hit.db;
  let db: OsvDatabase | null = null;
  let key: string;
  let build: () => OsvDatabase;
  if (st.isDirectory()) {
    let files: string[];
    try {
      files = jsonFiles(dbPath).sort();
      key = databaseKey(
        files.map((f) => {
          const s = statSync(f);
          return `${path.relative(dbPath, f)}:${s.size}:${s.mtimeMs}`;
        }),
      );
    } catch (err) {
      throw new DatabaseError(`cannot read OSV database folder ${dbPath}: ${(err as Error).message}`);
    }
    build = () => {
      const problems: string[] = [];
      const texts: string[] = [];
      let total = 0;
      for (const f of files) {
        const r = readRawBytes(f, ENTRY_CAP);
        if (r.kind !== 'bytes') {
          problems.push(`${path.relative(dbPath, f)}: ${r.kind === 'too-large' ? `${r.bytes} bytes, over the ${ENTRY_CAP}-byte limit for one record` : r.message}; skipped`);
          continue;
        }
        total += r.buf.length;
        if (total > TOTAL_CAP) throw new DatabaseError(`${dbPath} holds more than ${TOTAL_CAP / 1024 ** 3} GB of JSON: not an OSV database; pass another --db`);
        texts.push(decoder.decode(r.buf));
      }
      return fromTexts(texts, dbPath, problems);
    };
  } else {
    const r = readRawBytes(dbPath, ZIP_CAP);
    if (r.kind === 'too-large') throw new DatabaseError(`OSV database ${dbPath} is larger than ${ZIP_CAP / 1024 ** 2} MB; not read`);
    if (r.kind === 'error') throw new DatabaseError(`cannot read OSV database ${dbPath}: ${r.message}`);
    const bytes = r.buf;
    key = zipKey(bytes);
    build = () => databaseFromZip(bytes, dbPath);
  }
  const candidates = indexPaths(dbPath, st.isDirectory(), key, env);
  for (const f of candidates) {
    const idx = readIndex(f, key);
    if (idx) {
      db = new OsvDatabase(dbPath, idx);
      break;
    }
  }
  if (!db) {
    db = build();
    // Read back what was written, so the first run matches on the same trimmed records as later ones.
    const written = writeDatabaseIndex(db, key, candidates);
    const idx = written ? readIndex(written, key) : null;
    // The malformed records found while building come from the header, as on every later run.
    if (idx) db = new OsvDatabase(dbPath, idx);
  }
  loaded.set(dbPath, { key: statKey, db });
  return db;
}

/** Where `pyvet db update` keeps its copy: $PYVET_CACHE_DIR, else $XDG_CACHE_HOME/pyvet, else ~/.cache/pyvet. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.PYVET_CACHE_DIR) return path.resolve(env.PYVET_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(path.resolve(env.XDG_CACHE_HOME), 'pyvet');
  return path.join(os.homedir(), '.cache', 'pyvet');
}

export const DB_FILE = 'PyPI-all.zip';
export const BUNDLED_DB = path.join(PACKAGE_ROOT, 'data', 'osv', DB_FILE);

export function cachedDbPath(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), DB_FILE);
}

/** --db / config `db` first, then the `db update` cache, then the snapshot bundled with the package. */
export function resolveDatabasePath(explicit: string | null, env: NodeJS.ProcessEnv): { path: string; origin: 'option' | 'cache' | 'bundled' } {
  if (explicit) return { path: explicit, origin: 'option' };
  const cached = cachedDbPath(env);
  try {
    if (statSync(cached).isFile()) return { path: cached, origin: 'cache' };
  } catch {
    // no cache yet: fall back to the bundled snapshot
  }
  return { path: BUNDLED_DB, origin: 'bundled' };
}
