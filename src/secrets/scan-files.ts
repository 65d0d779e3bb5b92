import type { ScanError } from '../core/errors.js';
import { fingerprint } from '../core/finding.js';
import { readBytes, type BytesResult } from '../sources/read.js';
import { detectBytes, scanBuffer, type SecretHit } from './detect.js';
import { looksLikeTestPassword } from './context.js';
import { contentHash, type FileCache } from '../cache/file-cache.js';

export interface FileRef {
  path: string;
  abs: string;
  size: number;
  /** The walk's lstat (see WalkedFile). */
  stat?: { mtimeMs: number; ctimeMs: number; ino: number };
}

export interface FileBatch {
  files: FileRef[];
  maxBytes: number;
}

/** A hit in a tree file: the raw value stays in the scan; its fingerprint leaves it (and is what the cache keeps). */
export interface FileHit extends Omit<SecretHit, 'value' | 'suppressed'> {
  path: string;
  fingerprint: string;
  /** The value looked like a test password (`python`, `secret123`): decided here, where the value still is. */
  testLike: boolean;
}

/** What the cache keeps of one file's scan: its outcome and hits, never a raw secret. */
export interface CachedScan {
  kind: 'bytes' | 'binary' | 'too-large';
  bytes: number;
  hits: Omit<FileHit, 'path'>[];
  suppressed: number;
  suppressedFingerprints: string[];
}

/** Counters and hits of a set of files; summed across batches and threads. */
export interface BatchResult {
  hits: FileHit[];
  filesScanned: number;
  bytesScanned: number;
  skippedBinary: number;
  skippedLarge: number;
  suppressed: number;
  /** Fingerprints silenced by a comment in the tree: their older copies in history stay silent too. */
  suppressedFingerprints: string[];
  errors: ScanError[];
}

export function emptyResult(): BatchResult {
  return { hits: [], filesScanned: 0, bytesScanned: 0, skippedBinary: 0, skippedLarge: 0, suppressed: 0, suppressedFingerprints: [], errors: [] };
}

export function addResult(into: BatchResult, r: BatchResult): void {
  into.hits.push(...r.hits);
  into.filesScanned += r.filesScanned;
  into.bytesScanned += r.bytesScanned;
  into.skippedBinary += r.skippedBinary;
  into.skippedLarge += r.skippedLarge;
  into.suppressed += r.suppressed;
  into.suppressedFingerprints.push(...r.suppressedFingerprints);
  into.errors.push(...r.errors);
}

/** Scan one file already read; counts what could not be scanned and why. */
function scanRead(path: string, r: BytesResult, into: BatchResult): void {
  switch (r.kind) {
    case 'binary':
      into.skippedBinary++;
      return;
    case 'too-large':
      into.skippedLarge++;
      return;
    case 'error':
      into.errors.push({ path, message: `secrets: file not scanned (${r.message})` });
      return;
    case 'bytes': {
      into.filesScanned++;
      into.bytesScanned += r.buf.length;
      const { hits, suppressed } = detectBytes(path, r.buf, { withSuppressed: true });
      into.suppressed += suppressed;
      for (const { value, suppressed: quiet, ...h } of hits) {
        if (quiet) into.suppressedFingerprints.push(fingerprint(h.rule, value));
        else into.hits.push({ ...h, path, fingerprint: fingerprint(h.rule, value), testLike: looksLikeTestPassword(value) });
      }
    }
  }
}

/** Add a cached scan of one file to the batch's result. */
function addCached(path: string, c: CachedScan, into: BatchResult): void {
  if (c.kind === 'binary') into.skippedBinary++;
  else if (c.kind === 'too-large') into.skippedLarge++;
  else {
    into.filesScanned++;
    into.bytesScanned += c.bytes;
    into.suppressed += c.suppressed;
    into.suppressedFingerprints.push(...c.suppressedFingerprints);
    for (const h of c.hits) into.hits.push({ ...h, path });
  }
}

/** Scan one file through the cache: unchanged stat or content is a hit, anything else is scanned and kept. */
function scanCached(f: FileRef, maxBytes: number, cache: FileCache<CachedScan>, into: BatchResult): void {
  const fresh = cache.fresh(f.path, f);
  if (fresh) return addCached(f.path, fresh, into);
  const r = readBytes(f.abs, maxBytes, f.size, scanBuffer);
  if (r.kind === 'error') return scanRead(f.path, r, into);
  // The buffer is the scanner's memory, reused by the next read: hash it now.
  const hash = r.kind === 'bytes' ? contentHash(r.buf) : `${r.kind}:${f.size}`;
  const hit = cache.byContent(f.path, f, hash);
  if (hit) return addCached(f.path, hit, into);
  const one = emptyResult();
  scanRead(f.path, r, one);
  cache.put(f.path, f, hash, {
    kind: r.kind,
    bytes: one.bytesScanned,
    hits: one.hits.map(({ path: _path, ...h }) => h),
    suppressed: one.suppressed,
    suppressedFingerprints: one.suppressedFingerprints,
  });
  addResult(into, one);
}

/**
 * Read and scan a batch of files (in a worker thread, or the whole tree on this one). Files are read
 * as bytes into the scanner's memory and not cached: the scan decodes only the lines it looks at.
 * With a cache (this thread only), unchanged files are not read at all.
 */
export function scanFiles(batch: FileBatch, cache?: FileCache<CachedScan> | null): BatchResult {
  const out = emptyResult();
  for (const f of batch.files) {
    if (cache) scanCached(f, batch.maxBytes, cache, out);
    else scanRead(f.path, readBytes(f.abs, batch.maxBytes, f.size, scanBuffer), out);
  }
  return out;
}
