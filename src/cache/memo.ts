import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash, pyvetCodeHash } from './file-cache.js';

/**
 * A pure, slow computation remembered on disk by its input (the brief's package-map layout: ELK takes
 * seconds on a large tree whose imports did not change). The key hashes pyvet's code and the input's
 * JSON; the stored value carries its own hash, so a damaged entry is recomputed and rewritten.
 */
export async function memoized<T>(dir: string | null | undefined, kind: string, input: unknown, compute: () => Promise<T>): Promise<T> {
  if (!dir) return compute();
  const key = contentHash(`${kind}\0${pyvetCodeHash()}\0${JSON.stringify(input)}`);
  const file = path.join(dir, 'memo', kind, `${key}.json`);
  try {
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    if (nl > 0 && contentHash(text.slice(nl + 1)) === text.slice(0, nl)) return JSON.parse(text.slice(nl + 1)) as T;
  } catch {
    // missing or unreadable: compute it
  }
  const value = await compute();
  const body = JSON.stringify(value);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, `${contentHash(body)}\n${body}`);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
  return value;
}
