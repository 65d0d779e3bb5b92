import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';

export type ReadResult =
  | { kind: 'text'; text: string; bytes: number; lossy: boolean }
  | { kind: 'binary'; bytes: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'error'; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** NUL in the first 8 KiB marks a binary file, as git and grep decide. */
export function looksBinary(buf: Uint8Array): boolean {
  return buf.subarray(0, 8192).indexOf(0) !== -1;
}

/** Decode bytes as UTF-8, falling back to latin-1 so that no byte is lost and nothing throws. */
export function decodeLenient(buf: Uint8Array): { text: string; lossy: boolean } {
  // Most source files are pure ASCII: their bytes are their characters, copied without a UTF-8 decode
  // (a third of the cost of reading the standard library).
  if (isAscii(buf)) return { text: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1'), lossy: false };
  try {
    let text = utf8.decode(buf);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, lossy: false };
  } catch {
    return { text: latin1.decode(buf), lossy: true };
  }
}

/** Read a file as text, never throwing: binary, oversized and unreadable files are reported as such. */
export function readText(absPath: string, maxBytes: number, size?: number): ReadResult {
  if (size !== undefined && size > maxBytes) return { kind: 'too-large', bytes: size };
  let buf: Buffer;
  try {
    buf = readFileSync(absPath);
  } catch (err) {
    return { kind: 'error', message: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  if (buf.length > maxBytes) return { kind: 'too-large', bytes: buf.length };
  if (looksBinary(buf)) return { kind: 'binary', bytes: buf.length };
  const { text, lossy } = decodeLenient(buf);
  return { kind: 'text', text, bytes: buf.length, lossy };
}
