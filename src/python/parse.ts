import { createRequire } from 'node:module';
import { PyNode, fromRecords } from './tree.js';

const require = createRequire(import.meta.url);

/** The addon built from native/parse.c at install (`npm run build:native` rebuilds it). */
interface Native {
  setLanguage(language: unknown): void;
  symbols(): string[];
  fields(): string[];
  parse(source: string, maxNodes: number): { nodes: number; records?: Uint32Array; hasError?: boolean };
}

/**
 * Above this many syntax nodes a file's facts are not extracted: the JavaScript tree and the
 * extractors cost about 500 bytes and several microseconds per node, so a 5 MB generated table
 * (2 million nodes) took 30–50 s and over 1 GB. The largest files of the CPython stdlib and the
 * sample repositories stay far below it (netbox's iata.py, 480 KB: 127 000 nodes). The file is
 * still counted (lines, noqa) and the gap is reported. PYVET_MAX_SYNTAX_NODES overrides it.
 */
export const MAX_SYNTAX_NODES = Number(process.env.PYVET_MAX_SYNTAX_NODES ?? 400_000);

const ADDON = '../../../build/Release/pyvet_parse.node';
let native: Native | null = null;
let typeNames: string[] = [];
let fieldNames: string[] = [];

function load(): Native {
  // Loaded on the first parse, not on import: `pyvet deps` imports the setup.py reader but rarely parses one.
  let addon: Native;
  try {
    addon = require(ADDON) as Native;
  } catch (err) {
    throw new Error(`pyvet's Python parser is not built (${(err as Error).message.split('\n')[0]}): run \`npm run build:native\` in pyvet's folder (needs a C compiler, Python 3 and node-gyp)`);
  }
  addon.setLanguage((require('tree-sitter-python') as { language: unknown }).language);
  typeNames = addon.symbols();
  // Symbol 65535 is tree-sitter's ERROR node, outside the grammar's own symbols.
  typeNames[0xffff] = 'ERROR';
  fieldNames = addon.fields();
  return addon;
}

/**
 * Parse Python source with tree-sitter into a JavaScript tree. Never throws on bad syntax: the tree
 * holds ERROR nodes instead. Punctuation without a field is left out (see native/parse.c). `nodes`
 * counts every syntax node; above `maxNodes`, `root` is null and nothing is copied.
 */
export function parseTree(source: string, maxNodes = MAX_SYNTAX_NODES): { root: PyNode | null; nodes: number } {
  native ??= load();
  const r = native.parse(source, maxNodes);
  if (!r.records) return { root: null, nodes: r.nodes };
  return { root: fromRecords(r.records, r.hasError === true, source, typeNames, fieldNames), nodes: r.nodes };
}

/** The tree of a source without a node limit: for inputs already known to be small (tests, snippets). */
export function parsePython(source: string): PyNode {
  return parseTree(source, Number.MAX_SAFE_INTEGER).root!;
}
