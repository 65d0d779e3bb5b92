import path from 'node:path';
import { isDatabaseUrl, openStore, type HistoryStore } from './index.js';

/** A `--store` value as given: a database URL stays as it is, a file path is resolved against `base`. */
export function resolveStoreSpec(base: string, spec: string): string {
  return isDatabaseUrl(spec) ? spec : path.resolve(base, spec);
}

/** Open the store a spec names: PostgreSQL for a `postgres://` URL, else the SQLite file. */
export async function openHistory(spec: string, opts: { readonly?: boolean } = {}): Promise<HistoryStore> {
  if (!isDatabaseUrl(spec)) return openStore(spec, opts);
  // Loaded only when asked for: a laptop's `pyvet scan` never pays for the PostgreSQL client.
  const { openPostgresStore } = await import('./postgres.js');
  return openPostgresStore(spec, opts);
}
