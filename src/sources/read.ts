import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

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

/** What a path that is not a regular file is, for the error that refuses it. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Open a path for reading only if it is a regular file. O_NONBLOCK keeps a named pipe from
 * blocking the open (it would wait forever for a writer); fstat then refuses pipes, devices
 * (/dev/zero never ends) and sockets on the descriptor itself, so a swap after a check cannot slip one in.
 */
function openRegular(absPath: string): { fd: number; size: number } | { error: string } {
  let fd: number;
  try {
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { error: errorCode(err) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isFile()) return { fd, size: st.size };
    closeSync(fd);
    return { error: kindOf(st) };
  } catch (err) {
    closeSync(fd);
    return { error: errorCode(err) };
  }
}

/** Little- and big-endian UTF-16 and UTF-32 byte order marks, longest first (UTF-32LE starts like UTF-16LE). */
const WIDE_BOMS: { bom: number[]; decode: (b: Uint8Array) => string }[] = [
  { bom: [0xff, 0xfe, 0, 0], decode: (b) => decodeUtf32(b, true) },
  { bom: [0, 0, 0xfe, 0xff], decode: (b) => decodeUtf32(b, false) },
  { bom: [0xff, 0xfe], decode: (b) => new TextDecoder('utf-16le').decode(b.subarray(2)) },
  { bom: [0xfe, 0xff], decode: (b) => new TextDecoder('utf-16be').decode(b.subarray(2)) },
];

function decodeUtf32(b: Uint8Array, le: boolean): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let out = '';
  for (let i = 4; i + 4 <= b.length; i += 4) {
    const cp = view.getUint32(i, le);
    out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

/**
 * A file that starts with a UTF-16 or UTF-32 byte order mark, re-encoded as UTF-8 so that every
 * analyzer reads it like any other text (its NUL bytes would otherwise make it look binary); else null.
 */
export function fromWideEncoding(buf: Uint8Array): Buffer | null {
  for (const { bom, decode } of WIDE_BOMS) {
    if (buf.length >= bom.length && bom.every((b, i) => buf[i] === b)) return Buffer.from(decode(buf), 'utf8');
  }
  return null;
}

/**
 * Read a file's bytes, never throwing: binary, oversized and unreadable files are reported as such,
 * and anything but a regular file is an error (never read). At most `maxBytes + 1` bytes are read,
 * whatever the file claims or becomes while read. `room(n)` gives the buffer to read into (default:
 * a new one); a file is read in one call of it.
 */
export function readBytes(absPath: string, maxBytes: number, size?: number, room: (n: number) => Buffer = Buffer.allocUnsafe): BytesResult {
  const r = readRawBytes(absPath, maxBytes, size, room);
  return r.kind === 'bytes' ? classify(r.buf) : r;
}

/** readBytes without the text checks: a regular file's bytes, at most `maxBytes` (an archive, a database). */
export function readRawBytes(
  absPath: string,
  maxBytes: number,
  size?: number,
  room: (n: number) => Buffer = Buffer.allocUnsafe,
): { kind: 'bytes'; buf: Buffer } | Exclude<Unreadable, { kind: 'binary' }> {
  if (size !== undefined && size > maxBytes) return { kind: 'too-large', bytes: size };
  const o = openRegular(absPath);
  if ('error' in o) return { kind: 'error', message: o.error };
  const { fd, size: n } = o;
  try {
    if (n > maxBytes) return { kind: 'too-large', bytes: n };
    // One byte more than fstat says, to notice a file that grew since; never more than the cap allows.
    const buf = room(Math.min(n, maxBytes) + 1);
    let got = 0;
    for (let r; got < buf.length && (r = readSync(fd, buf, got, buf.length - got, null)) > 0; ) got += r;
    if (got > n) {
      // It grew since fstat: read on up to the cap, so that the size cap sees what is there.
      const more = Buffer.allocUnsafe(maxBytes + 1 - got);
      let extra = 0;
      for (let r; extra < more.length && (r = readSync(fd, more, extra, more.length - extra, null)) > 0; ) extra += r;
      const all = Buffer.concat([buf.subarray(0, got), more.subarray(0, extra)]);
      if (all.length > maxBytes) return { kind: 'too-large', bytes: Math.max(all.length, fstatSync(fd).size) };
      return { kind: 'bytes', buf: all };
    }
    return { kind: 'bytes', buf: buf.subarray(0, got) };
  } catch (err) {
    return { kind: 'error', message: errorCode(err) };
  } finally {
    closeSync(fd);
  }
}

function classify(bytes: Buffer): BytesResult {
  const wide = fromWideEncoding(bytes);
  if (wide) return { kind: 'bytes', buf: wide };
  return looksBinary(bytes) ? { kind: 'binary', bytes: bytes.length } : { kind: 'bytes', buf: bytes };
}

const realRoots = new Map<string, string>();

/**
 * Resolve `p` (absolute, or relative to `root`) through every symlink and return it only when it
 * stays inside `root`: an include, a config path or a baseline named by the scanned repository must
 * not reach `/etc/passwd` with `../` or a link.
 */
export function resolveInside(root: string, p: string): { abs: string } | { error: string } {
  let realRoot = realRoots.get(root);
  try {
    if (!realRoot) {
      realRoot = realpathSync(root);
      realRoots.set(root, realRoot);
    }
    const real = realpathSync(path.resolve(root, p));
    const rel = path.relative(realRoot, real);
    if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return { error: 'outside the scanned folder; not read' };
    return { abs: real };
  } catch (err) {
    return { error: errorCode(err) };
  }
}

/**
 * Where the scanned repository may have pyvet write (a `store` its config names): the path, resolved
 * through the links of the part that exists, only when it stays inside `root`.
 */
export function resolveWritableInside(root: string, p: string): { abs: string } | { error: string } {
  const lexical = path.resolve(root, p);
  let existing = lexical;
  const rest: string[] = [];
  for (;;) {
    const r = resolveInside(root, existing);
    if ('abs' in r) return { abs: path.join(r.abs, ...rest) };
    if (r.error !== 'ENOENT' && r.error !== 'ENOTDIR') return r;
    const parent = path.dirname(existing);
    if (parent === existing) return { error: 'outside the scanned folder' };
    rest.unshift(path.basename(existing));
    existing = parent;
  }
}

/** Read a file named by the scanned repository, only if it resolves inside `root` (see resolveInside). */
export function readTextInside(root: string, p: string, maxBytes: number): ReadResult {
  const r = resolveInside(root, p);
  if ('error' in r) return { kind: 'error', message: r.error };
  return readText(r.abs, maxBytes);
}

/**
 * Read a small file pyvet itself needs (config, .gitignore) as UTF-8, or throw an Error saying why
 * not: not a regular file, larger than `maxBytes`, unreadable. The message leads with the path.
 */
export function readSmallFile(absPath: string, maxBytes: number): string {
  const r = readBytes(absPath, maxBytes);
  switch (r.kind) {
    case 'bytes':
      return decodeLenient(r.buf).text;
    case 'too-large':
      throw new Error(`${absPath}: too large (${r.bytes} bytes, limit ${maxBytes})`);
    case 'binary':
      throw new Error(`${absPath}: binary file`);
    default:
      throw Object.assign(new Error(`${absPath}: ${r.message}`), { code: r.message });
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
