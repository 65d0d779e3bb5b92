import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The first `n` bytes of a regular file as latin1 text ('' when it cannot be read). Opened non-blocking and
 * checked with fstat, so a FIFO or device swapped in after the walk neither hangs nor streams forever.
 */
export function readHead(absPath: string, n: number): string {
  let fd: number;
  try {
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return '';
  }
  try {
    if (!fstatSync(fd).isFile()) return '';
    const buf = Buffer.allocUnsafe(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.toString('latin1', 0, got);
  } catch {
    return '';
  } finally {
    closeSync(fd);
  }
}
