import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseError } from '../../core/errors.js';
import { DB_FILE, INDEX_SUFFIX, databaseFromZip, writeDatabaseIndex, zipKey, type DatabaseStats } from './database.js';
import type { DatabaseContents } from './provenance.js';

export const DEFAULT_OSV_URL = 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip';

/**
 * Download the OSV PyPI export and replace the cached copy atomically: the bytes are checked to be a
 * readable zip of OSV records, written to a temporary file beside the target, then renamed over it.
 * A failed or interrupted download, or a file that is not OSV, leaves the previous copy untouched.
 */
export async function updateDatabase(url: string, dir: string): Promise<{ path: string; bytes: number; stats: DatabaseStats; contents: DatabaseContents }> {
  let bytes: Uint8Array;
  try {
    const res = await fetch(url, { redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new DatabaseError(`download of ${url} failed: ${(err as Error).message}${cause ? ` (${cause})` : ''}; the previous database is kept`);
  }
  const label = `the download from ${url}`;
  const db = databaseFromZip(bytes, label);
  const stats = db.stats;
  if (!stats.records) throw new DatabaseError(`${label} holds no readable OSV record; the previous database is kept`);
  const target = path.join(dir, DB_FILE);
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new DatabaseError(`cannot write ${target}: ${(err as Error).message}; the previous database is kept`);
  }
  // The per-package index is written now, so the first scan after an update reads only what it matches.
  writeDatabaseIndex(db, zipKey(bytes), [`${target}${INDEX_SUFFIX}`]);
  return { path: target, bytes: bytes.length, stats, contents: db.contents };
}
