import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

type Unreadable = { kind: 'binary'; bytes: number } | { kind: 'too-large'; bytes: number } | { kind: 'error'; message: string };
export type ReadResult = { kind: 'text'; text: string; bytes: number; lossy: boolean } | Unreadable;
export type BytesResult = { kind: 'bytes'; buf: Buffer } | Unreadable;

/** NUL in the first 8 KiB marks a binary file, as git and grep decide. */
export function looksBinary(buf: Uint8Array): boolean {
  return buf.subarray(0, 8192).indexOf(0) !== -1;
}

/** How a file's bytes read as text: from which byte, and as UTF-8 or (for bytes that are not) latin-1. */
export interface TextEncoding {
  encoding: 'utf8' | 'latin1';
  /** Past a UTF-8 byte order mark, else 0. */
  start: number;
  /** Not valid UTF-8: read as latin-1 so that no byte is lost and nothing throws. */
  lossy: boolean;
}

export function textEncoding(buf: Uint8Array): TextEncoding {
  // Most source files are pure ASCII: their bytes are their characters, copied without a UTF-8 decode
  // (a third of the cost of reading the standard library).
  if (isAscii(buf)) return { encoding: 'latin1', start: 0, lossy: false };
  if (!isUtf8(buf)) return { encoding: 'latin1', start: 0, lossy: true };
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  return { encoding: 'utf8', start: bom ? 3 : 0, lossy: false };
}

/** Decode bytes as UTF-8 (without a byte order mark), falling back to latin-1 where they are not UTF-8. */
export function decodeLenient(buf: Uint8Array): { text: string; lossy: boolean } {
  const { encoding, start, lossy } = textEncoding(buf);
  return { text: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString(encoding, start), lossy };
}

/**
 * Read a file's bytes, never throwing: binary, oversized and unreadable files are reported as such.
 * `room(n)` gives the buffer to read into (default: a new one); a file is read in one call of it.
 */
export function readBytes(absPath: string, maxBytes: number, size?: number, room: (n: number) => Buffer = Buffer.allocUnsafe): BytesResult {
  if (size !== undefined && size > maxBytes) return { kind: 'too-large', bytes: size };
  let fd: number;
  try {
    fd = openSync(absPath, 'r');
  } catch (err) {
    return { kind: 'error', message: errorCode(err) };
  }
  try {
    const n = fstatSync(fd).size;
    if (n > maxBytes) return { kind: 'too-large', bytes: n };
    // One byte more than fstat says, to notice a file that grew since.
    const buf = room(n + 1);
    let got = 0;
    for (let r; got < buf.length && (r = readSync(fd, buf, got, buf.length - got, null)) > 0; ) got += r;
    // The file grew since fstat: read the rest as well, so that the size cap sees all of it.
    const bytes = got > n ? Buffer.concat([buf, readFileSync(fd)]) : buf.subarray(0, got);
    if (bytes.length > maxBytes) return { kind: 'too-large', bytes: bytes.length };
    return looksBinary(bytes) ? { kind: 'binary', bytes: bytes.length } : { kind: 'bytes', buf: bytes };
  } catch (err) {
    return { kind: 'error', message: errorCode(err) };
  } finally {
    closeSync(fd);
  }
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

/** Read a file as text, never throwing (see readBytes). */
export function readText(absPath: string, maxBytes: number, size?: number): ReadResult {
  const r = readBytes(absPath, maxBytes, size);
  if (r.kind !== 'bytes') return r;
  return { kind: 'text', ...decodeLenient(r.buf), bytes: r.buf.length };
}
