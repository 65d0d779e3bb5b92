import type { PyNode as SyntaxNode } from './tree.js';
import { moduleComplexity } from './complexity.js';
import { rawMetrics } from './raw.js';

const BINOP: Record<string, string> = {
  '+': 'Add', '-': 'Sub', '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '**': 'Pow', '<<': 'LShift',
  '>>': 'RShift', '|': 'BitOr', '&': 'BitAnd', '^': 'BitXor', '@': 'MatMult',
};
const UNARY: Record<string, string> = { '-': 'USub', '+': 'UAdd', '~': 'Invert', not: 'Not' };
const CMP: Record<string, string> = {
  '==': 'Eq', '!=': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE', in: 'In', 'not in': 'NotIn', is: 'Is', 'is not': 'IsNot', '<>': 'NotEq',
};

function unparen(n: SyntaxNode): SyntaxNode {
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

function intValue(text: string): string | null {
  const t = text.replace(/_/g, '').toLowerCase().replace(/l$/, '');
  try {
    if (/^0[xob]/.test(t)) return BigInt(t).toString();
    if (/^\d+$/.test(t)) return BigInt(t).toString();
  } catch {
    return null;
  }
  return null;
}

/**
 * radon's HalsteadVisitor over a tree-sitter tree: operators of BinOp, UnaryOp, BoolOp, AugAssign and
 * Compare; operands keyed by (enclosing function, value) where a Name is its id, an Attribute its attr,
 * a Constant its Python value (1 == 1.0 == True) and anything else is distinct.
 */
export function halsteadVolume(root: SyntaxNode): number {
  const h = new Halstead();
  h.visit(root, '');
  const vocabulary = h.operatorsSeen.size + h.operandsSeen.size;
  const N = h.N1 + h.N2;
  return vocabulary !== 0 ? N * Math.log2(vocabulary) : 0;
}

/** The counts of one module. A class, not closures made per module: those were a new call target per file for the optimizing compiler. */
class Halstead {
  readonly operatorsSeen = new Set<string>();
  readonly operandsSeen = new Set<string>();
  N1 = 0;
  N2 = 0;
  unique = 0;

  operandKey(raw: SyntaxNode, ctx: string): string {
    const n = unparen(raw);
    let v: string;
    switch (n.type) {
      case 'identifier':
        v = 's:' + n.text;
        break;
      case 'attribute':
        v = 's:' + (n.childForFieldName('attribute')?.text ?? '');
        break;
      case 'true':
        v = 'n:1';
        break;
      case 'false':
        v = 'n:0';
        break;
      case 'none':
        v = 'None';
        break;
      case 'ellipsis':
        v = 'Ellipsis';
        break;
      case 'integer': {
        const iv = intValue(n.text);
        v = iv === null ? `u:${this.unique++}` : /[jJ]$/.test(n.text) ? `c:${n.text}` : 'n:' + iv;
        break;
      }
      case 'float': {
        if (/[jJ]$/.test(n.text)) {
          v = 'c:' + Number(n.text.slice(0, -1).replace(/_/g, ''));
          break;
        }
        const f = Number(n.text.replace(/_/g, ''));
        v = Number.isInteger(f) && Math.abs(f) < 2 ** 53 ? 'n:' + BigInt(f).toString() : 'n:' + String(f);
        break;
      }
      case 'string':
      case 'concatenated_string': {
        const s = constantString(n);
        v = s ?? `u:${this.unique++}`;
        break;
      }
      default:
        v = `u:${this.unique++}`;
    }
    return ctx + '\u0000' + v;
  }

  visit(n: SyntaxNode, ctx: string): void {
    switch (n.type) {
      case 'function_definition': {
        const name = n.childForFieldName('name')?.text ?? '';
        const body = n.childForFieldName('body');
        if (body) this.visitChildren(body, name);
        return;
      }
      case 'decorated_definition': {
        const def = n.childForFieldName('definition');
        // Function decorators are not visited by radon; class decorators are (generic visit).
        if (def?.type === 'class_definition') this.visitChildren(n, ctx);
        else if (def) this.visit(def, ctx);
        return;
      }
      case 'binary_operator':
      case 'augmented_assignment': {
        // `a += b` counts as radon counts `a + b`: one operator, two operands (no binary operator ends in =).
        const op = (n.childForFieldName('operator')?.type ?? '').replace(/=$/, '');
        this.operatorsSeen.add(BINOP[op] ?? op);
        this.N1++;
        this.N2 += 2;
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (l) this.operandsSeen.add(this.operandKey(l, ctx));
        if (r) this.operandsSeen.add(this.operandKey(r, ctx));
        break;
      }
      case 'unary_operator':
      case 'not_operator': {
        const op = n.type === 'not_operator' ? 'not' : (n.childForFieldName('operator')?.type ?? '');
        this.operatorsSeen.add(UNARY[op] ?? op);
        this.N1++;
        this.N2++;
        const a = n.childForFieldName('argument');
        if (a) this.operandsSeen.add(this.operandKey(a, ctx));
        break;
      }
      case 'boolean_operator':
        this.booleanOperator(n, ctx);
        break;
      case 'comparison_operator': {
        const operands: SyntaxNode[] = [];
        let pending = '';
        for (let i = 0; i < n.children.length; i++) {
          const c = n.children[i]!;
          if (c.isNamed && c.type !== 'comment') {
            if (pending) {
              this.operatorsSeen.add(CMP[pending] ?? pending);
              this.N1++;
              pending = '';
            }
            operands.push(c);
          } else if (!c.isNamed) pending = pending ? `${pending} ${c.type}` : c.type;
        }
        this.N2 += operands.length;
        for (const o of operands) this.operandsSeen.add(this.operandKey(o, ctx));
        break;
      }
    }
    this.visitChildren(n, ctx);
  }

  booleanOperator(n: SyntaxNode, ctx: string): void {
    const op = n.childForFieldName('operator')?.type ?? '';
    const parent = n.parent;
    // `a and b and c` is one BoolOp with three values in Python's AST; tree-sitter nests it to the left.
    const chained = parent?.type === 'boolean_operator' && parent.childForFieldName('operator')?.type === op && parent.childForFieldName('left') === n;
    if (chained) return;
    const values: SyntaxNode[] = [];
    let cur: SyntaxNode = n;
    for (;;) {
      const r = cur.childForFieldName('right');
      if (r) values.unshift(r);
      const l = cur.childForFieldName('left');
      if (l && l.type === 'boolean_operator' && l.childForFieldName('operator')?.type === op) cur = l;
      else {
        if (l) values.unshift(l);
        break;
      }
    }
    this.operatorsSeen.add(op === 'and' ? 'And' : 'Or');
    this.N1++;
    this.N2 += values.length;
    for (const v of values) this.operandsSeen.add(this.operandKey(v, ctx));
  }

  visitChildren(n: SyntaxNode, ctx: string): void {
    // Indexed: a for-of here made an iterator and a result object per node.
    const children = n.namedChildren;
    for (let i = 0; i < children.length; i++) this.visit(children[i]!, ctx);
  }
}

/** Key of a str/bytes constant as Python compares it (str 'x' equals a Name 'x' in radon's set); null for f-strings. */
function constantString(n: SyntaxNode): string | null {
  const parts = n.type === 'concatenated_string' ? n.namedChildren : [n];
  let bytes = false;
  let out = '';
  for (const p of parts) {
    const start = p.namedChildren.find((c) => c.type === 'string_start')?.text ?? '';
    const prefix = start.replace(/['"]+$/, '').toLowerCase();
    if (prefix.includes('f')) return null;
    if (prefix.includes('b')) bytes = true;
    for (const c of p.namedChildren) {
      if (c.type === 'string_content') out += c.text;
      else if (c.type === 'escape_sequence') out += prefix.includes('r') ? c.text : decodeEscape(c.text);
      else if (c.type === 'interpolation') return null;
    }
  }
  return (bytes ? 'b:' : 's:') + out;
}

function decodeEscape(e: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
  const k = e.slice(1);
  if (k in simple) return simple[k]!;
  if (/^x[0-9a-fA-F]{2}$/.test(k) || /^u[0-9a-fA-F]{4}$/.test(k) || /^U[0-9a-fA-F]{8}$/.test(k)) return String.fromCodePoint(parseInt(k.slice(1), 16));
  if (/^[0-7]{1,3}$/.test(k)) return String.fromCodePoint(parseInt(k, 8));
  return e;
}

/** radon's mi_compute: 171 − 5.2 ln V − 0.23 CC − 16.2 ln LLOC + 50 sin(√(2.46 · rad(comment %))), scaled to 0–100. */
export function miCompute(volume: number, complexity: number, lloc: number, commentPercent: number): number {
  if (volume <= 0 || lloc <= 0) return 100;
  const nn = 171 - 5.2 * Math.log(volume) - 0.23 * complexity - 16.2 * Math.log(lloc) + 50 * Math.sin(Math.sqrt(2.46 * ((commentPercent * Math.PI) / 180)));
  return Math.min(Math.max(0, (nn * 100) / 171), 100);
}

/**
 * `radon mi -s` of one module (multi-line strings count as comments, radon's default), plus its loc/sloc.
 * `complexities`: the functions' complexities when collectFunctions has computed them.
 */
export function maintainability(root: SyntaxNode, source: string, complexities?: ReadonlyMap<SyntaxNode, number>): { mi: number | null; loc: number; sloc: number } {
  const raw = rawMetrics(source);
  if (!raw) return { mi: null, loc: source.split('\n').length, sloc: 0 };
  const commentLines = raw.comments + raw.multi;
  const percent = raw.sloc !== 0 ? (commentLines / raw.sloc) * 100 : 0;
  const mi = miCompute(halsteadVolume(root), moduleComplexity(root, complexities), raw.lloc, percent);
  return { mi, loc: raw.loc, sloc: raw.sloc };
}
