import { parseTree } from '../../python/parse.js';
import type { PyNode as SyntaxNode } from '../../python/tree.js';
import { stringValue } from '../../python/literals.js';
import type { ManifestParser, ParseResult } from './types.js';
import { addRequirement, basename, emptyResult } from './types.js';
import { normalizeName } from './names.js';

interface Item {
  text: string;
  line: number;
}

interface Scope {
  /** Module-level `NAME = <expr>` assignments, the last one winning as at run time. */
  names: Map<string, SyntaxNode>;
  out: ParseResult;
}

/** Requirement strings of a literal list/tuple, a module-level name bound to one, or `a + b` of those. */
function literalList(node: SyntaxNode, scope: Scope, what: string, depth = 0): Item[] | null {
  if (depth > 8) return null;
  switch (node.type) {
    case 'list':
    case 'tuple':
    case 'set': {
      const items: Item[] = [];
      for (const el of node.namedChildren) {
        if (el.type === 'comment') continue;
        const s = stringValue(el);
        if (s === null) {
          scope.out.skipped.push({ line: el.startPosition.row + 1, reason: `${what}: an element is not a string literal; not read` });
          continue;
        }
        items.push({ text: s, line: el.startPosition.row + 1 });
      }
      return items;
    }
    case 'parenthesized_expression':
      return node.namedChildren[0] ? literalList(node.namedChildren[0], scope, what, depth + 1) : null;
    case 'identifier': {
      const bound = scope.names.get(node.text);
      return bound ? literalList(bound, scope, what, depth + 1) : null;
    }
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (node.childForFieldName('operator')?.text !== '+' || !left || !right) return null;
      const a = literalList(left, scope, what, depth + 1);
      const b = literalList(right, scope, what, depth + 1);
      return a && b ? [...a, ...b] : null;
    }
    default:
      return null;
  }
}

function literalDict(node: SyntaxNode, scope: Scope, depth = 0): SyntaxNode | null {
  if (node.type === 'dictionary') return node;
  if (node.type === 'identifier' && depth < 8) {
    const bound = scope.names.get(node.text);
    return bound ? literalDict(bound, scope, depth + 1) : null;
  }
  return null;
}

function addRequirements(items: Item[], group: string, out: ParseResult, keyMarker: string | null = null): void {
  for (const { text, line } of items) {
    const req = text.trim();
    if (!req || req.startsWith('#')) continue;
    const dep = addRequirement(out, req, line, { group });
    if (dep && keyMarker) dep.markers = dep.markers ? `(${keyMarker}) and (${dep.markers})` : keyMarker;
  }
}

/** A module-level `NAME = "literal"` a keyword argument refers to. */
function literalName(node: SyntaxNode, scope: Scope): string | null {
  const bound = scope.names.get(node.text);
  return bound ? stringValue(bound) : null;
}

function isSetupCall(node: SyntaxNode): boolean {
  const fn = node.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'identifier') return fn.text === 'setup';
  return fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'setup';
}

function findCalls(node: SyntaxNode, acc: SyntaxNode[]): SyntaxNode[] {
  if (node.type === 'call' && isSetupCall(node)) acc.push(node);
  for (const c of node.namedChildren) findCalls(c, acc);
  return acc;
}

const LIST_ARGS: Record<string, string> = { install_requires: 'main', tests_require: 'test' };

/**
 * setup.py read statically with tree-sitter, never run: literal lists given to `setup()` (directly,
 * through a module-level name, or concatenated with `+`). Anything computed at run time is skipped
 * with the reason, not guessed.
 */
export const setupPyParser: ManifestParser = {
  id: 'setup-py',
  matches: (p) => basename(p) === 'setup.py',
  parse(text) {
    const out = emptyResult();
    const { root, nodes } = parseTree(text);
    if (!root) {
      out.errors.push({ line: 1, reason: `setup.py has ${nodes} syntax nodes, too many to read; its dependencies were not read` });
      return out;
    }
    const scope: Scope = { names: new Map(), out };
    for (const stmt of root.namedChildren) {
      const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
      if (a?.type !== 'assignment') continue;
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type === 'identifier' && right) scope.names.set(left.text, right);
    }
    for (const call of findCalls(root, [])) {
      const args = call.childForFieldName('arguments');
      for (const kw of args?.namedChildren ?? []) {
        if (kw.type === 'dictionary_splat') {
          out.skipped.push({ line: kw.startPosition.row + 1, reason: `setup(${kw.text.slice(0, 40)}): arguments built at run time are not read (never executed)` });
          continue;
        }
        if (kw.type !== 'keyword_argument') continue;
        const key = kw.childForFieldName('name')?.text ?? '';
        const value = kw.childForFieldName('value');
        const line = kw.startPosition.row + 1;
        if (!value) continue;
        if (key === 'name') {
          const name = stringValue(value) ?? (value.type === 'identifier' ? literalName(value, scope) : null);
          if (name && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) out.project = { name: normalizeName(name), line };
          else out.skipped.push({ line, reason: 'setup(name=…) is computed at run time; the project name is not known' });
        } else if (LIST_ARGS[key]) {
          const items = literalList(value, scope, key);
          if (items) addRequirements(items, LIST_ARGS[key]!, out);
          else out.skipped.push({ line, reason: `${key} is computed at run time, not a literal list; not read` });
        } else if (key === 'extras_require') {
          const dict = literalDict(value, scope);
          if (!dict) {
            out.skipped.push({ line, reason: 'extras_require is computed at run time, not a literal dict; not read' });
            continue;
          }
          for (const pair of dict.namedChildren) {
            if (pair.type !== 'pair') continue;
            const k = pair.childForFieldName('key');
            const v = pair.childForFieldName('value');
            const extra = k ? stringValue(k) : null;
            const items = v && extra !== null ? (stringValue(v) !== null ? [{ text: stringValue(v)!, line: v.startPosition.row + 1 }] : literalList(v, scope, `extras_require[${extra}]`)) : null;
            if (extra === null || !items) {
              out.skipped.push({ line: pair.startPosition.row + 1, reason: 'extras_require entry is not literal; not read' });
              continue;
            }
            // `"name:marker"` is an extra with a condition; `":marker"` a conditional main dependency.
            const colon = extra.indexOf(':');
            const group = (colon < 0 ? extra : extra.slice(0, colon)).trim() || 'main';
            const marker = colon < 0 ? null : extra.slice(colon + 1).trim() || null;
            addRequirements(items, group, out, marker);
          }
        }
      }
    }
    if (root.hasError && !out.dependencies.length) out.errors.push({ line: firstErrorLine(root), reason: 'setup.py has a syntax error; no literal setup() arguments found' });
    return out;
  },
};

function firstErrorLine(node: SyntaxNode): number {
  if (node.type === 'ERROR' || node.isMissing) return node.startPosition.row + 1;
  for (const c of node.children) if (c.hasError || c.type === 'ERROR' || c.isMissing) return firstErrorLine(c);
  return node.startPosition.row + 1;
}
