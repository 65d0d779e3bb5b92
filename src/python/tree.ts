import type { SyntaxNode } from './parse.js';

export interface Point {
  row: number;
  column: number;
}

interface Ctx {
  source: string;
  lineStarts: number[];
}

/**
 * A plain-JavaScript copy of a tree-sitter tree. Every property read on a native node crosses into
 * C++ and allocates; the health extractor walks the tree several times, so it walks this copy, built
 * with one native `children` call per node. Field lookups go to the native node once and are cached.
 */
export class PyNode {
  parent: PyNode | null = null;
  readonly children: PyNode[] = [];
  hasError = false;
  isMissing = false;
  private named?: PyNode[];
  private fields?: Map<string, PyNode | null>;
  constructor(
    private readonly ctx: Ctx,
    private readonly raw: SyntaxNode,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly startPosition: Point,
  ) {}

  get text(): string {
    return this.ctx.source.slice(this.startIndex, this.endIndex);
  }

  get endPosition(): Point {
    const starts = this.ctx.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= this.endIndex) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: this.endIndex - starts[lo]! };
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

  private fromRaw(raw: SyntaxNode | null): PyNode | null {
    if (!raw) return null;
    // Siblings share a start only when zero-width (MISSING nodes): the start identifies the child.
    const start = rawStart(raw);
    return this.children.find((c) => c.startIndex === start) ?? null;
  }

  childForFieldName(name: string): PyNode | null {
    this.fields ??= new Map();
    let hit = this.fields.get(name);
    if (hit === undefined) {
      hit = this.fromRaw(this.raw.childForFieldName(name));
      this.fields.set(name, hit);
    }
    return hit;
  }

  childrenForFieldName(name: string): PyNode[] {
    return this.raw.childrenForFieldName(name).map((r) => this.fromRaw(r)).filter((n): n is PyNode => n !== null);
  }
}

const namedByType = new Map<string, boolean>();

/**
 * node-tree-sitter keeps a node's start (UTF-16 byte offset, row, byte column) in its indexed slots
 * 2–4, copied from the native TSNode when the node object is made; reading them saves two native calls
 * per node. Whether this layout holds is checked against the getters on the first tree, else the
 * getters are used.
 */
let slotsOk: boolean | null = null;
function checkSlots(raw: SyntaxNode): boolean {
  const probe = raw.children.find((c) => c.startIndex > 0) ?? raw;
  const s = probe as unknown as number[];
  const p = probe.startPosition;
  return s[2] === probe.startIndex * 2 && s[3] === p.row && s[4] === p.column * 2;
}
function rawStart(raw: SyntaxNode): number {
  return slotsOk ? (raw as unknown as number[])[2]! / 2 : raw.startIndex;
}
function rawStartPosition(raw: SyntaxNode): Point {
  if (!slotsOk) return raw.startPosition;
  const s = raw as unknown as number[];
  return { row: s[3]!, column: s[4]! / 2 };
}

/** Copy a tree-sitter tree (rooted at `root`) into PyNodes. */
export function toPyTree(root: SyntaxNode, source: string): PyNode {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const ctx: Ctx = { source, lineStarts };
  const withErrors = root.hasError;
  if (slotsOk === null && root.childCount > 0) slotsOk = checkSlots(root);
  let nextId = 0;
  const make = (raw: SyntaxNode, start: number, startPosition: Point): PyNode => {
    const type = raw.type;
    let named = namedByType.get(type);
    if (named === undefined) {
      named = raw.isNamed;
      namedByType.set(type, named);
    }
    const end = raw.endIndex;
    const n = new PyNode(ctx, raw, nextId++, type, named, start, end, startPosition);
    if (withErrors && (type === 'ERROR' || (start === end && raw.isMissing))) {
      n.hasError = true;
      n.isMissing = type !== 'ERROR';
    }
    return n;
  };
  const top = make(root, root.startIndex, root.startPosition);
  const stack: [PyNode, SyntaxNode][] = [[top, root]];
  while (stack.length) {
    const [node, raw] = stack.pop()!;
    for (const c of raw.children) {
      const child = make(c, rawStart(c), rawStartPosition(c));
      child.parent = node;
      node.children.push(child);
      stack.push([child, c]);
    }
  }
  if (withErrors) {
    // hasError: the node or any descendant is an ERROR or MISSING node (children were created after parents).
    const all: PyNode[] = [];
    const s: PyNode[] = [top];
    while (s.length) {
      const n = s.pop()!;
      all.push(n);
      for (const c of n.children) s.push(c);
    }
    for (let i = all.length - 1; i >= 0; i--) {
      const n = all[i]!;
      if (n.hasError && n.parent) n.parent.hasError = true;
    }
  }
  return top;
}
