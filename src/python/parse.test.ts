import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython, parseTree } from './parse.js';
import type { PyNode } from './tree.js';

const outline = (n: PyNode): string => `${n.field ? `${n.field}:` : ''}${n.isNamed ? n.type : JSON.stringify(n.type)}${n.children.length ? `(${n.children.map(outline).join(' ')})` : ''}`;

test('the tree: types, fields, named and anonymous nodes, parents, document-order ids; punctuation without a field left out', () => {
  const root = parsePython('x = f(a, b=1)\nif a < b: y = c.d[0]\n');
  assert.equal(
    outline(root),
    'module(expression_statement(assignment(left:identifier "=" right:call(function:identifier arguments:argument_list(identifier keyword_argument(name:identifier "=" value:integer))))) ' +
      'if_statement("if" condition:comparison_operator(identifier operators:"<" identifier) consequence:block(expression_statement(assignment(left:identifier "=" right:subscript(value:attribute(object:identifier attribute:identifier) subscript:integer))))))',
  );
  const call = root.descendantsOfType(['call'])[0]!;
  assert.equal(call.text, 'f(a, b=1)');
  assert.equal(call.parent?.type, 'assignment');
  assert.deepEqual(call.childForFieldName('arguments')!.namedChildren.map((c) => c.text), ['a', 'b=1']);
  const ids: number[] = [];
  const walk = (n: PyNode) => {
    ids.push(n.id);
    n.children.forEach(walk);
  };
  walk(root);
  assert.deepEqual(ids, ids.map((_, i) => i));
});

test('offsets are JavaScript string indices, also after astral and non-Latin characters', () => {
  const src = 'print("😀 é")\nname = "ünï"\n';
  const root = parsePython(src);
  const ident = root.descendantsOfType(['identifier']).find((n) => n.text === 'name')!;
  assert.equal(ident.startIndex, src.indexOf('name'));
  assert.deepEqual(ident.startPosition, { row: 1, column: 0 });
  const str = root.descendantsOfType(['string']).map((n) => n.text);
  assert.deepEqual(str, ['"😀 é"', '"ünï"']);
});

test('syntax errors: ERROR and missing nodes are marked and the marks reach the root', () => {
  const root = parsePython('def f(:\n    pass\nx = (1, 2\n');
  assert.equal(root.hasError, true);
  const marked: string[] = [];
  const walk = (n: PyNode) => {
    if (n.type === 'ERROR' || n.isMissing) marked.push(n.isMissing ? `missing ${n.type}` : 'ERROR');
    n.children.forEach(walk);
  };
  walk(root);
  assert.ok(marked.length > 0);
  assert.equal(parsePython('x = 1\n').hasError, false);
});

test('above maxNodes nothing is copied and the count is returned', () => {
  const src = 'x = [' + Array.from({ length: 200 }, (_, i) => String(i)).join(', ') + ']\n';
  const full = parseTree(src);
  // Every node is counted, punctuation included: module, statement, assignment, x, =, list, [ ], 200
  // integers and 199 commas; the tree keeps 206 of them.
  assert.equal(full.nodes, 407);
  let kept = 0;
  const walk = (n: PyNode) => {
    kept++;
    n.children.forEach(walk);
  };
  walk(full.root!);
  assert.equal(kept, 206);
  const capped = parseTree(src, 100);
  assert.equal(capped.root, null);
  assert.equal(capped.nodes, full.nodes);
});

test('empty and whitespace-only sources parse to an empty module', () => {
  for (const src of ['', '\n\n', '# only a comment\n']) {
    const root = parsePython(src);
    assert.equal(root.type, 'module');
    assert.equal(root.hasError, false);
  }
});

test('aliased keywords, fields through hidden nodes, and a chain far deeper than a call stack would allow', () => {
  // `match` and `print` used as names are keywords aliased to identifiers; `*args` and `**kw` reach
  // their fields through hidden nodes.
  assert.equal(
    outline(parsePython('match = print(*a, **k)\n')),
    'module(expression_statement(assignment(left:identifier "=" right:call(function:identifier arguments:argument_list(list_splat("*" identifier) dictionary_splat("**" identifier))))))',
  );
  const terms = 100_000;
  const src = `x = ${Array.from({ length: terms }, (_, i) => `a${i}`).join(' + ')}\n`;
  const root = parsePython(src);
  assert.equal(root.descendantsOfType(['binary_operator']).length, terms - 1);
  // The parser's memory is reused from one parse to the next: the same source gives the same tree.
  const again = parsePython(src);
  assert.equal(again.descendantsOfType(['identifier']).length, terms + 1);
  assert.equal(outline(parsePython('match = print(*a, **k)\n')), outline(parsePython('match = print(*a, **k)\n')));
});
