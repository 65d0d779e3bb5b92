import type { ScanError } from '../core/errors.js';
import { fingerprint } from '../core/finding.js';
import { readBytes, type BytesResult } from '../sources/read.js';
import { detectBytes, scanBuffer, type SecretHit } from './detect.js';

export interface FileRef {
  path: string;
  abs: string;
  size: number;
}

export interface FileBatch {
  files: FileRef[];
  maxBytes: number;
}

export interface FileHit extends SecretHit {
  path: string;
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
      for (const h of hits) {
        if (h.suppressed) into.suppressedFingerprints.push(fingerprint(h.rule, h.value));
        else into.hits.push({ ...h, path });
      }
    }
  }
}

/**
 * Read and scan a batch of files (in a worker thread, or the whole tree on this one). Files are read
 * as bytes into the scanner's memory and not cached: the scan decodes only the lines it looks at.
 */
export function scanFiles(batch: FileBatch): BatchResult {
  const out = emptyResult();
  for (const f of batch.files) scanRead(f.path, readBytes(f.abs, batch.maxBytes, f.size, scanBuffer), out);
  return out;
}
