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
 * A syntax node of the JavaScript tree the extractors walk, with its field name in its parent. The
 * tree is built from the numbers native/parse.c writes in one pass over tree-sitter's tree, which is
 * freed before the extractors start: no walk crosses into native code. Punctuation tokens without a
 * field (`(`, `,`, `:`…) are not in it; keywords, operators and every named node are.
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

  /** Called by fromRecords when every child has been read. */
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

/** Layout of the records native/parse.c writes: four words per node, in document order. */
const RECORD = 4;
const IS_NAMED = 1 << 30;
const IS_MISSING = 2 ** 31;
const COUNT_MASK = (1 << 28) - 1;

/**
 * Build the PyNode tree from the parser's records: per node its symbol and field ids, start and end
 * offsets, child count and flags, in document order. One pass with a stack of the open parents;
 * each children array is allocated once at its size.
 */
export function fromRecords(records: Uint32Array, hasError: boolean, source: string, typeNames: readonly string[], fieldNames: readonly string[]): PyNode {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const ctx: Ctx = { source, lineStarts };
  const count = records.length / RECORD;
  // Open parents with the child count each still waits for; children gather on one shared stack and
  // are sliced off when their parent closes (packed arrays, allocated once at their size).
  const open: PyNode[] = [];
  const waiting: number[] = [];
  const from: number[] = [];
  const kids: PyNode[] = [];
  let top: PyNode | null = null;
  for (let i = 0; i < count; i++) {
    const at = i * RECORD;
    const word = records[at]!;
    const flags = records[at + 3]!;
    const field = word >>> 16;
    const type = typeNames[word & 0xffff]!;
    const parent = open.length ? open[open.length - 1]! : null;
    const n = new PyNode(ctx, i, type, (flags & IS_NAMED) !== 0, field ? (fieldNames[field] ?? null) : null, records[at + 1]!, records[at + 2]!);
    n.parent = parent;
    if (hasError && (type === 'ERROR' || (flags & IS_MISSING) !== 0)) {
      n.hasError = true;
      n.isMissing = type !== 'ERROR';
    }
    if (parent) {
      kids.push(n);
      waiting[waiting.length - 1]!--;
    } else top = n;
    const children = flags & COUNT_MASK;
    if (children) {
      open.push(n);
      waiting.push(children);
      from.push(kids.length);
      continue;
    }
    // Close every parent whose last child this was.
    while (waiting.length && waiting[waiting.length - 1] === 0) {
      const first = from.pop()!;
      waiting.pop();
      PyNode.close(open.pop()!, kids.slice(first), hasError);
      kids.length = first;
    }
  }
  return top!;
}
