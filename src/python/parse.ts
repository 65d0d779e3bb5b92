import { createRequire } from 'node:module';
import type ParserT from 'tree-sitter';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserT;
const Python = require('tree-sitter-python') as ParserT.Language;

export type Tree = ParserT.Tree;
export type SyntaxNode = ParserT.SyntaxNode;

let parser: ParserT | null = null;

/** Parse Python source with tree-sitter. Never throws on bad syntax: the tree holds ERROR nodes instead. */
export function parsePython(source: string): Tree {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Python);
  }
  // The default input buffer is 32 KiB; larger files need a bigger one.
  return parser.parse(source, undefined, { bufferSize: Math.max(32 * 1024, source.length * 2 + 1024) });
}
