import type { PyNode as SyntaxNode } from './tree.js';
import { own } from '../core/lookup.js';

/** What reading a literal needs of a node (a PyNode satisfies it). */
export interface LiteralNode {
  readonly type: string;
  readonly text: string;
  readonly children: readonly LiteralNode[];
  readonly namedChildren: readonly LiteralNode[];
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/**
 * The value of a plain string literal (no f-string interpolation), or null. Implicit concatenation is
 * joined and parentheses around it dropped; escapes are decoded except in raw strings (r"\d"), whose escape nodes tree-sitter still emits.
 */
export function stringValue(node: LiteralNode | null | undefined): string | null {
  if (!node) return null;
  // ("a" "b"): a string wrapped in parentheses to span lines is still that string
  if (node.type === 'parenthesized_expression') return node.namedChildren.length === 1 ? stringValue(node.namedChildren[0]) : null;
  if (node.type === 'concatenated_string') {
    let s = '';
    for (const c of node.namedChildren) {
      const v = stringValue(c);
      if (v === null) return null;
      s += v;
    }
    return s;
  }
  if (node.type !== 'string') return null;
  const raw = /r/i.test(node.children[0]?.text ?? '');
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'interpolation') return null;
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'escape_sequence') out += raw ? c.text : (own(ESCAPES, c.text.slice(1)) ?? c.text);
  }
  return out;
}

/** A literal's value rendered as text (string content, number, True/False), or null for None and non-literals. */
export function literalText(node: SyntaxNode | null | undefined): string | null {
  if (!node) return null;
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return stringValue(node);
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
      return node.text;
    case 'unary_operator':
      return node.text.replace(/\s+/g, '');
    default:
      return null;
  }
}

/** `a.b.c` of an identifier/attribute chain, or null for anything else (calls, subscripts…). */
export function dottedName(node: SyntaxNode | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const obj = dottedName(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute')?.text;
    return obj && attr ? `${obj}.${attr}` : null;
  }
  return null;
}

/** Positional and keyword arguments of a call. */
export function callArgs(call: SyntaxNode): { positional: SyntaxNode[]; keywords: Map<string, SyntaxNode> } {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  const args = call.childForFieldName('arguments');
  if (args?.type === 'argument_list') {
    const list = args.namedChildren;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) keywords.set(k, v);
      } else if (a.type !== 'comment' && a.type !== 'list_splat' && a.type !== 'dictionary_splat') positional.push(a);
    }
  }
  return { positional, keywords };
}
