import type { DatabaseInfo } from '../types.js';
import type { OsvRecord } from './types.js';

/** Advisory data older than this many days is called stale in the text and HTML summaries. */
export const STALE_DAYS = 30;

/** What a database holds, read while loading: its records by source database (id prefix) and newest `modified`. */
export interface DatabaseContents {
  records: number;
  /** Records per source database, from the id prefix: PYSEC, GHSA, MAL… */
  ecosystems: Record<string, number>;
  newest: string | null;
}

const VALUE_RE = /^\s*:\s*"([^"]{1,64})"/;

/** The string value of a top-level-looking key, found with indexOf (records put `affected` first: a regex would crawl it). */
function valueOf(text: string, key: string): string | undefined {
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) {
    const m = VALUE_RE.exec(text.slice(i + key.length, i + key.length + 80));
    if (m) return m[1];
  }
  return undefined;
}

/** Tally record texts (found by regex: loading never parses every record) or parsed records. */
export function contentsOf(entries: (string | OsvRecord)[]): DatabaseContents {
  const ecosystems: Record<string, number> = {};
  let newest: string | null = null;
  for (const e of entries) {
    const modified = typeof e === 'string' ? valueOf(e, '"modified"') : e.modified;
    const prefix = /^([A-Za-z][A-Za-z0-9]*)-/.exec((typeof e === 'string' ? valueOf(e, '"id"') : e.id) ?? '')?.[1];
    const key = prefix ?? 'other';
    ecosystems[key] = (ecosystems[key] ?? 0) + 1;
    // ISO 8601 in UTC compares as text; only the date part is trusted for age.
    if (modified && /^\d{4}-\d{2}-\d{2}/.test(modified) && (!newest || modified > newest)) newest = modified;
  }
  return { records: entries.length, ecosystems, newest };
}

/** Whole days from the newest record to `now`; null when no record has a date. */
export function ageInDays(newest: string | null, now: Date): number | null {
  if (!newest) return null;
  const t = Date.parse(newest);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

export function databaseInfo(source: string, origin: DatabaseInfo['origin'], c: DatabaseContents, now: Date): DatabaseInfo {
  return { source, origin, newest: c.newest, records: c.records, ecosystems: c.ecosystems, ageDays: ageInDays(c.newest, now) };
}

const ORIGIN_TEXT: Record<DatabaseInfo['origin'], string> = { bundled: 'bundled snapshot', cache: '`pyvet db update` copy', option: '--db' };

/** Where the data came from: "bundled snapshot /…/PyPI-all.zip". */
export function databaseSource(db: DatabaseInfo): string {
  return `${ORIGIN_TEXT[db.origin] ?? db.origin} ${db.source}`;
}

/**
 * One line naming the data a report was matched against: "OSV PyPI data: 2661 records (PYSEC 2661),
 * newest record 2024-10-10 (783 days old)", then, unless `source` is false, where it was read from.
 */
export function databaseLine(db: DatabaseInfo, source = true): string {
  const kinds = Object.entries(db.ecosystems ?? {})
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const date = db.newest ? `newest record ${db.newest.slice(0, 10)}${db.ageDays !== null ? ` (${db.ageDays} day${db.ageDays === 1 ? '' : 's'} old)` : ''}` : 'no record dates';
  return `OSV PyPI data: ${db.records} records (${kinds || 'none'}), ${date}${source ? `; ${databaseSource(db)}` : ''}`;
}

/** The summary's warning when the data is older than `maxDays`, else null. */
export function staleWarning(db: DatabaseInfo | undefined | null, maxDays = STALE_DAYS): string | null {
  if (!db || db.ageDays === null || db.ageDays <= maxDays) return null;
  return `advisory data is ${db.ageDays} days old: run \`pyvet db update\``;
}
