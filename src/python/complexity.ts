import type { PyNode as SyntaxNode } from './tree.js';

/** One function row, named and numbered as `radon cc --show-closures` reports it. */
export interface FunctionFact {
  /** `func`, `Class.method`, `Outer.Inner.method`, closures `outer.inner` (radon drops the class of a method's closure). */
  name: string;
  /** The `def` line (1-based); decorators are not part of it, as in Python ≥ 3.8's AST. */
  line: number;
  /** Last line of the function's source (radon's `endline` is a different, quirkier number; see docs/health.md). */
  endLine: number;
  complexity: number;
  /** 0-based column of `def` / `async def`. */
  col: number;
  /** True for methods (radon's `M`), false for functions and closures. */
  method: boolean;
}

/** `except*` handlers: radon 5 counts `Try` handlers but not `TryStar` ones. */
function isExceptStar(n: SyntaxNode): boolean {
  for (const c of n.children) {
    if (c.type === '*') return true;
    if (c.type === 'block' || c.type === ':') return false;
  }
  return false;
}

/** Decision points of this node alone, as radon's ComplexityVisitor.generic_visit counts them. */
function ownDecisions(n: SyntaxNode): number {
  switch (n.type) {
    case 'if_statement':
    case 'elif_clause':
    case 'conditional_expression':
    case 'boolean_operator':
    case 'for_in_clause':
    case 'assert_statement':
      return 1;
    case 'if_clause':
      // A `case … if guard:` is an expression in the AST, not a comprehension `if`.
      return n.parent?.type === 'case_clause' ? 0 : 1;
    case 'for_statement':
    case 'while_statement':
      return 1 + (n.childForFieldName('alternative') ? 1 : 0);
    case 'try_statement': {
      let handlers = 0;
      let star = false;
      let orelse = false;
      for (const c of n.namedChildren) {
        if (c.type === 'except_clause') {
          handlers++;
          if (isExceptStar(c)) star = true;
        } else if (c.type === 'except_group_clause') star = true;
        else if (c.type === 'else_clause') orelse = true;
      }
      // radon counts `Try` handlers but not `TryStar` (except*) ones.
      return star ? 0 : handlers + (orelse ? 1 : 0);
    }
    default:
      return 0;
  }
}

/**
 * Decision points in a subtree: if/elif/IfExp +1; for/while +1 (+1 with else); try: +1 per handler
 * (+1 with else); each and/or +1; comprehension for +1 and each of its ifs +1; assert +1 (radon does not
 * visit its expression). Nested functions and classes add nothing to the enclosing scope; lambdas are transparent.
 */
export function decisionPoints(node: SyntaxNode): number {
  let n = 0;
  const stack: SyntaxNode[] = [node];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.type === 'function_definition' || cur.type === 'class_definition' || cur.type === 'decorated_definition') continue;
    n += ownDecisions(cur);
    if (cur.type === 'assert_statement') continue;
    for (let i = cur.namedChildCount - 1; i >= 0; i--) {
      const c = cur.namedChild(i);
      if (c) stack.push(c);
    }
  }
  return n;
}

function defName(def: SyntaxNode): string {
  return def.childForFieldName('name')?.text ?? '<anonymous>';
}

function body(def: SyntaxNode): SyntaxNode | null {
  return def.childForFieldName('body');
}

type Scope = { kind: 'module' } | { kind: 'class'; name: string } | { kind: 'function'; name: string };

/** Complexity of one function: 1 + decision points of its body (decorators, defaults and closures excluded). */
export function functionComplexity(def: SyntaxNode): number {
  const b = body(def);
  if (!b) return 1;
  let cc = 1;
  const stmts = b.namedChildren;
  for (let i = 0; i < stmts.length; i++) cc += decisionPoints(stmts[i]!);
  return cc;
}

/**
 * Every function row radon reports with --show-closures: module functions (at any depth of
 * module-level if/try/with), classes' methods (same), inner classes' methods as `Outer.Inner.m`,
 * closures as `outer.inner`. Classes defined inside functions are ignored, as radon ignores them.
 * With `complexities`, each function's complexity is also kept there for moduleComplexity.
 */
export function collectFunctions(root: SyntaxNode, complexities?: Map<SyntaxNode, number>): FunctionFact[] {
  const out: FunctionFact[] = [];
  collectIn(root, { kind: 'module' }, out, complexities);
  out.sort((a, b) => a.line - b.line || a.col - b.col);
  return out;
}

// The walks are module functions, not closures made per file: a new closure per file was a new call
// target for the optimizing compiler, which deoptimized and recompiled the walk again and again.
function collectIn(node: SyntaxNode, scope: Scope, out: FunctionFact[], complexities: Map<SyntaxNode, number> | undefined): void {
  // Indexed: a for-of here made an iterator and a result object per node.
  const children = node.namedChildren;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.type === 'function_definition') {
      const name = defName(c);
      const shown = scope.kind === 'class' ? `${scope.name}.${name}` : scope.kind === 'function' ? `${scope.name}.${name}` : name;
      const complexity = functionComplexity(c);
      complexities?.set(c, complexity);
      out.push({
        name: shown,
        line: c.startPosition.row + 1,
        endLine: c.endPosition.row + 1,
        complexity,
        col: c.startPosition.column,
        method: scope.kind === 'class',
      });
      // A method's closures are named from the method alone, as radon's add_inner_blocks does.
      const b = body(c);
      if (b) collectIn(b, { kind: 'function', name: scope.kind === 'function' ? shown : name }, out, complexities);
    } else if (c.type === 'class_definition') {
      if (scope.kind === 'function') continue;
      const name = defName(c);
      const b = body(c);
      if (b) collectIn(b, { kind: 'class', name: scope.kind === 'class' ? `${scope.name}.${name}` : name }, out, complexities);
    } else if (c.type !== 'lambda') {
      collectIn(c, scope, out, complexities);
    }
  }
}

/**
 * radon's module total (`ComplexityVisitor.total_complexity`), the CC term of the maintainability
 * index: 1 + module-level decisions + Σ(function − 1) + Σ(class body decisions + Σ methods).
 * Closures, inner classes and classes inside functions do not count. `complexities` holds the
 * functions' complexities when collectFunctions has computed them already.
 */
export function moduleComplexity(root: SyntaxNode, complexities?: ReadonlyMap<SyntaxNode, number>): number {
  return 1 + moduleDecisions(root, false, complexities);
}

function moduleDecisions(node: SyntaxNode, inClass: boolean, complexities: ReadonlyMap<SyntaxNode, number> | undefined): number {
  let total = 0;
  const children = node.namedChildren;
  for (let i = 0; i < children.length; i++) {
    let c = children[i]!;
    // Decorators are not visited by radon: only the definition counts.
    if (c.type === 'decorated_definition') c = c.childForFieldName('definition') ?? c;
    if (c.type === 'function_definition') {
      total += (complexities?.get(c) ?? functionComplexity(c)) - (inClass ? 0 : 1);
    } else if (c.type === 'class_definition') {
      if (inClass) continue;
      const b = body(c);
      if (b) total += moduleDecisions(b, true, complexities);
    } else {
      total += ownDecisions(c);
      if (c.type !== 'assert_statement') total += moduleDecisions(c, inClass, complexities);
    }
  }
  return total;
}
