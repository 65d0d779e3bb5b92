import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (two levels above dist/src/). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The package's own folder: bundled data (OSV snapshot, schema) lives under it. */
export const PACKAGE_ROOT: string = new URL('../../', import.meta.url).pathname;
