import type { SyntaxNode } from './parse.js';

export interface Point {
  row: number;
  column: number;
}

interface Ctx {
  source: string;
  lineStarts: number[];
}

/** Line (0-based) and column (UTF-16 units, as tree-sitter reports for string input) of an offset. */
function pointAt(ctx: Ctx, index: number): Point {
  const starts = ctx.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: index - starts[lo]! };
}

/** Children of a leaf: one shared empty array instead of one per node (most nodes are leaves). */
const NO_NODES: PyNode[] = Object.freeze([]) as unknown as PyNode[];

/**
 * A plain-JavaScript copy of a tree-sitter tree, with each child's field name. Reading properties of
 * native nodes crosses into C++ and allocates a node object per call; the health extractor walks the
 * tree several times, so it walks this copy, built in one pass of a TreeCursor (numbers only).
 */
export class PyNode {
  parent: PyNode | null = null;
  /** Set once the node's subtree has been copied (sized exactly; leaves share one empty array). */
  children: PyNode[] = NO_NODES;
  hasError = false;
  isMissing = false;
  private named: PyNode[] = NO_NODES;
  constructor(
    private readonly ctx: Ctx,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    /** Field of this node in its parent (`name`, `body`, `left`…), or null. */
    readonly field: string | null,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.ctx.source.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return pointAt(this.ctx, this.startIndex);
  }

  get endPosition(): Point {
    return pointAt(this.ctx, this.endIndex);
  }

  get namedChildren(): PyNode[] {
    return this.named;
  }

  get namedChildCount(): number {
    return this.named.length;
  }

  namedChild(i: number): PyNode | null {
    return this.named[i] ?? null;
  }

  childForFieldName(name: string): PyNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  childrenForFieldName(name: string): PyNode[] {
    return this.children.filter((c) => c.field === name);
  }

  /** Descendants (not this node) of the given types, in document order. */
  descendantsOfType(types: readonly string[]): PyNode[] {
    const want = new Set(types);
    const out: PyNode[] = [];
    const stack: PyNode[] = [];
    for (let i = this.children.length - 1; i >= 0; i--) stack.push(this.children[i]!);
    while (stack.length) {
      const n = stack.pop()!;
      if (want.has(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    return out;
  }

  /** Called by toPyTree when every child has been copied. */
  static close(n: PyNode, children: PyNode[], withErrors: boolean): void {
    n.children = children;
    let named = 0;
    for (const c of children) {
      if (c.isNamed) named++;
      if (withErrors && c.hasError) n.hasError = true;
    }
    n.named = named === children.length ? children : named === 0 ? NO_NODES : children.filter((c) => c.isNamed);
  }
}

// Per language symbol / field id: names, and whether the symbol is a named node (arrays: ids are small).
const typeNames: string[] = [];
const namedTypes: boolean[] = [];
const fieldNames: string[] = [];

/**
 * Copy the tree under `root` into PyNodes with one TreeCursor walk. Children are gathered on one shared
 * stack and sliced off when their parent closes, so each node's array is allocated once at its size.
 */
export function toPyTree(root: SyntaxNode, source: string): PyNode {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const ctx: Ctx = { source, lineStarts };
  const withErrors = root.hasError;
  const cursor = root.walk();
  let nextId = 0;
  const make = (parent: PyNode | null): PyNode => {
    const typeId = cursor.nodeTypeId;
    let type = typeNames[typeId];
    if (type === undefined) {
      type = cursor.nodeType;
      typeNames[typeId] = type;
      namedTypes[typeId] = cursor.nodeIsNamed;
    }
    const fieldId = cursor.currentFieldId;
    let field: string | null = null;
    if (fieldId) {
      field = fieldNames[fieldId] ?? null;
      if (field === null) {
        field = cursor.currentFieldName;
        fieldNames[fieldId] = field;
      }
    }
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const n = new PyNode(ctx, nextId++, type, namedTypes[typeId]!, field, start, end);
    n.parent = parent;
    if (withErrors && (type === 'ERROR' || (start === end && cursor.nodeIsMissing))) {
      n.hasError = true;
      n.isMissing = type !== 'ERROR';
    }
    return n;
  };
  const top = make(null);
  // Children copied so far of every open node, innermost last; `from` holds where each open node's begin.
  const kids: PyNode[] = [];
  const from: number[] = [];
  let current = top;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      from.push(kids.length);
      current = make(current);
      kids.push(current);
      continue;
    }
    let done = false;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
      const parent = current.parent!;
      const at = from.pop()!;
      PyNode.close(parent, kids.slice(at), withErrors);
      kids.length = at;
      current = parent;
    }
    if (done) break;
    current = make(current.parent);
    kids.push(current);
  }
  return top;
}
