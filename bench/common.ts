import { execFileSync } from 'node:child_process';

/** The Python standard library of this machine: a large real tree nobody here wrote. */
export function stdlibPath(): string {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
}

/** Wall time of fn in milliseconds. */
export async function timeMs<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}
