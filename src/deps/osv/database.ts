import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DatabaseError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../version.js';
import { normalizeName } from '../names.js';
import { PackageIndex } from './package-index.js';
import { databaseKey, IndexedRecords, readIndex, writeIndex } from './index-file.js';
import type { VersionKey } from './version-order.js';
import type { OsvRecord } from './types.js';

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

function isRecord(v: unknown): v is OsvRecord {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
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
  private readonly keyCache = new Map<string, VersionKey | null>();
  private readonly indexed: IndexedRecords | null;

  constructor(
    /** Where it was loaded from. */
    readonly source: string,
    /** Record texts (as read from the zip or folder), records already parsed, or a per-package index file. */
    entries: (string | OsvRecord)[] | IndexedRecords,
  ) {
    this.indexed = entries instanceof IndexedRecords ? entries : null;
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
        r = isRecord(v) ? v : null;
      } catch {
        r = null;
      }
      this.parsed[i] = r;
      this.texts[i] = '';
    }
    return r;
  }

  /** Counts and the newest `modified`: parses every record (db info, db update). */
  get stats(): DatabaseStats {
    if (this.statsCache) return this.statsCache;
    if (this.indexed) return (this.statsCache = this.indexed.stats);
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
      idx = new PackageIndex(n, this.recordsOf(n), this.keyCache);
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
export function unzipOsv(bytes: Uint8Array, label: string): Uint8Array[] {
  let files: Record<string, Uint8Array>;
  try {
    // Loaded only here: a run served by the index never pays for the inflater.
    const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
    files = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  } catch (err) {
    throw new DatabaseError(`${label} is not a readable zip (${(err as Error).message}); run \`pyvet db update\` or pass --db`);
  }
  return Object.values(files);
}

function fromTexts(texts: string[], label: string): OsvDatabase {
  const records = texts.filter((t) => ID_RE.test(t));
  if (!records.length) throw new DatabaseError(`${label} holds no OSV records; run \`pyvet db update\` or pass --db`);
  return new OsvDatabase(label, records);
}

/** Build a database from zip bytes; throws DatabaseError when there is no OSV record in it. */
export function databaseFromZip(bytes: Uint8Array, label: string): OsvDatabase {
  return fromTexts(unzipOsv(bytes, label).map((b) => decoder.decode(b)), label);
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
  const stats = db.stats;
  for (const f of files) if (writeIndex(f, key, stats, entries)) return f;
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
    build = () =>
      fromTexts(
        files.map((f) => readFileSync(f, 'utf8')),
        dbPath,
      );
  } else {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(dbPath);
    } catch (err) {
      throw new DatabaseError(`cannot read OSV database ${dbPath}: ${(err as Error).message}`);
    }
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
