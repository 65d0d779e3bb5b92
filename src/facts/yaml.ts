import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/**
 * The yaml package, loaded on first use: its CommonJS build is 72 modules (~30 ms of every start-up),
 * and many trees (the stdlib) hold no YAML file pyvet reads. Same module as `import 'yaml'` resolves
 * to under Node (its "node" export).
 */
let loaded: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export const parse = ((...args: unknown[]) => (yaml().parse as (...a: unknown[]) => unknown)(...args)) as typeof Yaml.parse;
export const parseDocument = ((...args: unknown[]) => (yaml().parseDocument as (...a: unknown[]) => unknown)(...args)) as typeof Yaml.parseDocument;
export const parseAllDocuments = ((...args: unknown[]) => (yaml().parseAllDocuments as (...a: unknown[]) => unknown)(...args)) as typeof Yaml.parseAllDocuments;
// Nodes exist only once a parse has loaded the package.
export const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
/** `new LineCounter()` as with the package: a constructor that returns the package's own instance. */
export const LineCounter = function LineCounter() {
  return new (yaml().LineCounter)();
} as unknown as typeof Yaml.LineCounter;
