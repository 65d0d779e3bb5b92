import { createRequire } from 'node:module';
import type Ignore from 'ignore';

/**
 * The `ignore` package, loaded with require: Node 20 imports a CommonJS module into ESM by first
 * lexing its source for named exports, and for this one (50 KB of regex-heavy code) that took
 * ~0.1 CPU-s, as much as starting Node itself.
 */
export const ignore = createRequire(import.meta.url)('ignore') as typeof Ignore;
