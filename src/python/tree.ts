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

/**
 * A plain-JavaScript copy of a tree-sitter tree, with each child's field name. Reading properties of
 * native nodes crosses into C++ and allocates a node object per call; the health extractor walks the
 * tree several times, so it walks this copy, built in one pass of a TreeCursor (numbers only).
 */
export class PyNode {
  parent: PyNode | null = null;
  readonly children: PyNode[] = [];
  hasError = false;
  isMissing = false;
  private named?: PyNode[];
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
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  namedChild(i: number): PyNode | null {
    return this.namedChildren[i] ?? null;
  }

  childForFieldName(name: string): PyNode | null {
    return this.children.find((c) => c.field === name) ?? null;
  }

  childrenForFieldName(name: string): PyNode[] {
    return this.children.filter((c) => c.field === name);
  }

  /** Descendants (not this node) of the given types, in document order. */
  descendantsOfType(types: readonly string[]): PyNode[] {
    const want = new Set(types);
    const out: PyNode[] = [];
    const stack: PyNode[] = [...this.children].reverse();
    while (stack.length) {
      const n = stack.pop()!;
      if (want.has(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    return out;
  }
}

// Per language symbol / field id: names, and whether the symbol is a named node.
const typeNames = new Map<number, string>();
const namedTypes = new Map<number, boolean>();
const fieldNames = new Map<number, string>();

/** Copy the tree under `root` into PyNodes with one TreeCursor walk. */
export function toPyTree(root: SyntaxNode, source: string): PyNode {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const ctx: Ctx = { source, lineStarts };
  const withErrors = root.hasError;
  const cursor = root.walk();
  let nextId = 0;
  const make = (): PyNode => {
    const typeId = cursor.nodeTypeId;
    let type = typeNames.get(typeId);
    if (type === undefined) {
      type = cursor.nodeType;
      typeNames.set(typeId, type);
      namedTypes.set(typeId, cursor.nodeIsNamed);
    }
    const fieldId = cursor.currentFieldId;
    let field: string | null = null;
    if (fieldId) {
      field = fieldNames.get(fieldId) ?? null;
      if (field === null) {
        field = cursor.currentFieldName;
        fieldNames.set(fieldId, field);
      }
    }
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const n = new PyNode(ctx, nextId++, type, namedTypes.get(typeId)!, field, start, end);
    if (withErrors && (type === 'ERROR' || (start === end && cursor.nodeIsMissing))) {
      n.hasError = true;
      n.isMissing = type !== 'ERROR';
    }
    return n;
  };
  const top = make();
  const all: PyNode[] = [top];
  let current = top;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      const child = make();
      child.parent = current;
      current.children.push(child);
      all.push(child);
      current = child;
      continue;
    }
    let done = false;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
      current = current.parent!;
    }
    if (done) break;
    const sibling = make();
    sibling.parent = current.parent;
    current.parent!.children.push(sibling);
    all.push(sibling);
    current = sibling;
  }
  if (withErrors) {
    // `all` is in pre-order: walking it backwards reaches every child before its parent.
    for (let i = all.length - 1; i >= 0; i--) {
      const n = all[i]!;
      if (n.hasError && n.parent) n.parent.hasError = true;
    }
  }
  return top;
}
