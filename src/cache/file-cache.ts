import { createHash } from 'node:crypto';
import { close, closeSync, fstatSync, mkdirSync, openSync, read, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';

/**
 * A cache of per-file results (Python facts, secrets hits) between runs, in the user cache dir.
 *
 * One pack file per scanned root and kind of result. An entry is found by the file's path and the
 * hash of its content, under a salt made of the pyvet version, a hash of pyvet's own compiled code
 * and the configuration that shapes the result: any change there starts a new pack, so a changed
 * analyzer never serves an old answer. A file whose size, mtime, ctime and inode are those recorded
 * with its entry is not read at all (as git trusts its index); a file touched but unchanged is read,
 * hashed and found by content.
 *
 * A pack is a JSON header line (the salt, a hash of the body, and per path: stat, content hash,
 * offset and length of the value) and the values' JSON, each parsed only when asked for. A pack whose
 * body hash does not match is ignored and rewritten; a value that does not parse is a miss. Writes go
 * to a temporary file renamed over the pack, so concurrent runs never see half a pack (the last one
 * to finish wins, which costs at most a recomputation).
 */

const MAGIC = 'pyvet-file-cache';
const FORMAT = 1;

interface Entry {
  /** size:mtimeMs:ctimeMs:ino when the file was last seen unchanged; '' when recorded too soon after a write to be trusted. */
  stat: string;
  hash: string;
  /** Serialized value: a slice of the loaded pack, or a fresh Buffer. */
  body: Buffer;
}

interface Header {
  magic: string;
  format: number;
  salt: string;
  bodySha1: string;
  entries: [string, string, string, number, number][];
}

/** $XDG_CACHE_HOME/pyvet, else ~/.cache/pyvet ($PYVET_CACHE_DIR first, as for the OSV database). */
export function userCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.PYVET_CACHE_DIR) return path.resolve(env.PYVET_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(path.resolve(env.XDG_CACHE_HOME), 'pyvet');
  return path.join(os.homedir(), '.cache', 'pyvet');
}

let codeHash: string | null = null;

/** Hash of every compiled module and WebAssembly file of pyvet itself (~2 ms): an edited analyzer is a new salt. */
export function pyvetCodeHash(): string {
  if (codeHash) return codeHash;
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const h = createHash('sha1').update(VERSION);
  for (const f of codeFiles(root, '').sort()) h.update(f).update(readFileSync(path.join(root, f)));
  return (codeHash = h.digest('hex'));
}

/** Compiled files under `dir`, relative to `root`: a walk by hand, as Node 20's recursive readdir costs ~40 ms here against ~2. */
function codeFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...codeFiles(root, rel));
    else if (/\.(js|wasm)$/.test(e.name) && !e.name.endsWith('.test.js')) out.push(rel);
  }
  return out;
}

export function contentHash(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Salt of one kind of result: pyvet's version and code, and whatever configuration shapes the result. */
export function cacheSalt(kind: string, config: unknown): string {
  return createHash('sha1').update(`${kind}\0${pyvetCodeHash()}\0${JSON.stringify(config)}`).digest('hex');
}

/** A whole file in one read on the thread pool (fs.readFile reads 512 KB per turn of the event loop); null when unreadable. */
function readWhole(file: string): Promise<Buffer | null> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Promise.resolve(null);
  }
  let buf: Buffer;
  try {
    buf = Buffer.allocUnsafe(fstatSync(fd).size);
  } catch {
    closeSync(fd);
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const more = (at: number): void => {
      if (at >= buf.length) return done(buf);
      read(fd, buf, at, buf.length - at, at, (err, n) => (err ? done(null) : n === 0 ? done(buf.subarray(0, at)) : more(at + n)));
    };
    const done = (b: Buffer | null): void => {
      close(fd, () => resolve(b));
    };
    more(0);
  });
}

/** A file as a cache entry records it: the walk's stat when the caller has it (one stat less per file), else a stat now. */
export interface Seen {
  abs: string;
  size?: number;
  stat?: { mtimeMs: number; ctimeMs: number; ino: number };
}

/** A file's stat as a cache trusts it (size:mtime:ctime:inode), or '' when it was written too recently or cannot be read. */
export function stampOf(f: Seen): string {
  try {
    const st = f.stat && f.size !== undefined ? { size: f.size, ...f.stat } : statSync(f.abs);
    // A file written in the last two seconds may change again within the same mtime tick: verify it by content next time.
    if (Date.now() - st.mtimeMs < 2000) return '';
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  } catch {
    return '';
  }
}

/** The folder of one scanned root's packs (and its analysis memo) under the cache dir. */
export function packDir(dir: string, root: string): string {
  return path.join(dir, 'files', contentHash(path.resolve(root)).slice(0, 16));
}

export class FileCache<T> {
  private readonly old = new Map<string, Entry>();
  private readonly next = new Map<string, Entry>();
  private dirty = false;
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    private readonly salt: string,
  ) {}

  /**
   * The pack of `kind` for `root` under `dir` with the given salt; empty when missing, stale or corrupt.
   * Read on libuv's thread pool in one request: opened before the walk, a warm scan's 15 MB pack is in
   * memory by the time the main thread wants it.
   */
  static async open<T>(dir: string, root: string, kind: string, salt: string): Promise<FileCache<T>> {
    return FileCache.parse<T>(await FileCache.read(dir, root, kind), salt);
  }

  /** The first half of `open`: the pack's bytes, read on the thread pool and checked by nothing yet. */
  static async read(dir: string, root: string, kind: string): Promise<{ file: string; buf: Buffer | null }> {
    const file = path.join(packDir(dir, root), `${kind}.pack`);
    return { file, buf: await readWhole(file) };
  }

  /** The second half of `open`: the pack those bytes hold under `salt`, or an empty one. */
  static parse<T>(read: { file: string; buf: Buffer | null }, salt: string): FileCache<T> {
    const { file, buf } = read;
    const c = new FileCache<T>(file, salt);
    const nl = buf ? buf.indexOf(10) : -1;
    if (!buf || nl < 0) return c;
    let h: Header;
    try {
      h = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
    } catch {
      return c;
    }
    if (h?.magic !== MAGIC || h.format !== FORMAT || h.salt !== salt || !Array.isArray(h.entries)) return c;
    const body = buf.subarray(nl + 1);
    // Hashed here: WebCrypto's digest runs on the pool but holds this thread ~50 ms copying its input (Node 20).
    if (contentHash(body) !== h.bodySha1) return c;
    for (const [p, stat, hash, off, len] of h.entries) c.old.set(p, { stat, hash, body: body.subarray(off, off + len) });
    return c;
  }

  private value(p: string, e: Entry): T | undefined {
    try {
      const v = JSON.parse(e.body.toString('utf8')) as T;
      this.next.set(p, e);
      this.hits++;
      return v;
    } catch {
      return undefined;
    }
  }

  /** The value of a file whose stat is unchanged since it was cached, without reading it. */
  fresh(p: string, f: Seen): T | undefined {
    const e = this.old.get(p);
    if (!e || !e.stat || e.stat !== stampOf(f)) return undefined;
    return this.value(p, e);
  }

  /** The value of a file read and hashed by the caller; its stat is recorded for next time. */
  byContent(p: string, f: Seen, hash: string): T | undefined {
    const e = this.old.get(p);
    if (!e || e.hash !== hash) {
      this.misses++;
      return undefined;
    }
    const v = this.value(p, e);
    if (v === undefined) this.misses++;
    else {
      this.next.set(p, { ...e, stat: stampOf(f) });
      if (this.next.get(p)!.stat !== e.stat) this.dirty = true;
    }
    return v;
  }

  put(p: string, f: Seen, hash: string, value: T): void {
    this.next.set(p, { stat: stampOf(f), hash, body: Buffer.from(JSON.stringify(value)) });
    this.dirty = true;
  }

  /** Write the pack when anything changed: the entries of this run only, so deleted files drop out. */
  save(): void {
    if (!this.dirty && this.next.size === this.old.size) return;
    const entries: Header['entries'] = [];
    const bodies: Buffer[] = [];
    let off = 0;
    for (const [p, e] of this.next) {
      entries.push([p, e.stat, e.hash, off, e.body.length]);
      bodies.push(e.body);
      off += e.body.length;
    }
    const body = Buffer.concat(bodies);
    const header: Header = { magic: MAGIC, format: FORMAT, salt: this.salt, bodySha1: contentHash(body), entries };
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(tmp, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body]));
      renameSync(tmp, this.file);
    } catch {
      // A read-only or full cache dir costs the next run a recomputation, nothing more.
      rmSync(tmp, { force: true });
    }
  }
}
