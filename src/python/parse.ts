import { createRequire } from 'node:module';
import type ParserT from 'tree-sitter';

const require = createRequire(import.meta.url);

export type Tree = ParserT.Tree;
export type SyntaxNode = ParserT.SyntaxNode;

/**
 * `node.type` crosses into native code and builds a new string on every read; tree walks read it
 * for every node. The type of a node is a function of its numeric `typeId`, which is cheap to read,
 * so the name is looked up once per type id and served from a table afterwards.
 */
function cacheTypeNames(Parser: typeof ParserT): void {
  const proto = (Parser as unknown as { SyntaxNode: { prototype: object } }).SyntaxNode.prototype;
  const desc = Object.getOwnPropertyDescriptor(proto, 'type');
  const typeIdDesc = Object.getOwnPropertyDescriptor(proto, 'typeId');
  if (!desc?.get || !typeIdDesc?.get) return;
  const nativeType = desc.get;
  const nativeTypeId = typeIdDesc.get;
  const names = new Map<number, string>();
  Object.defineProperty(proto, 'type', {
    configurable: true,
    enumerable: desc.enumerable,
    get(this: ParserT.SyntaxNode) {
      const id = nativeTypeId.call(this) as number;
      let name = names.get(id);
      if (name === undefined) {
        name = nativeType.call(this) as string;
        names.set(id, name);
      }
      return name;
    },
  });
}

let parser: ParserT | null = null;

/** Parse Python source with tree-sitter. Never throws on bad syntax: the tree holds ERROR nodes instead. */
export function parsePython(source: string): Tree {
  if (!parser) {
    // Loaded on the first parse, not on import: `pyvet deps` imports the setup.py reader but rarely parses one.
    const Parser = require('tree-sitter') as typeof ParserT;
    cacheTypeNames(Parser);
    parser = new Parser();
    parser.setLanguage(require('tree-sitter-python') as ParserT.Language);
  }
  // The default input buffer is 32 KiB; larger files need a bigger one.
  return parser.parse(source, undefined, { bufferSize: Math.max(32 * 1024, source.length * 2 + 1024) });
}
