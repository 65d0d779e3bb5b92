import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Records which repository a report folder holds, so that a scan of another one never replaces it unnoticed. */
const MARKER = '.pyvet-source';

/** The repository whose report `dir` holds, or null when it holds none (or predates the marker). */
export function reportSourceOf(dir: string): string | null {
  try {
    return readFileSync(path.join(dir, MARKER), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export function markReportDir(dir: string, root: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MARKER), root + '\n');
}

/**
 * `scan`'s default report folder: `pyvet-report/<folder name>/` under the current folder, one per
 * repository. Two repositories with the same folder name get the second a short hash of its path.
 */
export function defaultReportDir(cwd: string, root: string): string {
  const base = path.join(cwd, 'pyvet-report');
  const name = path.basename(root).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^\.+/, '') || 'root';
  const dir = path.join(base, name);
  const owner = reportSourceOf(dir);
  if (owner === null || owner === root) return dir;
  return path.join(base, `${name}-${createHash('sha256').update(root).digest('hex').slice(0, 6)}`);
}
