import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawMetrics } from './raw.js';

test('raw metrics equal `radon raw -j` on runs of lines: brackets, strings, docstrings, continuations, semicolons', () => {
  const source = [
    'x = {',
    '    "a": 1,  # one',
    '',
    '    "b": """two',
    'lines""",',
    '}',
    '"""Doc',
    '',
    'string"""',
    'if x: y = 1; z = 2',
    "s = 'a\\",
    " b'",
    '# only a comment',
    '',
  ].join('\n');
  // radon 5.1: {"loc": 13, "lloc": 7, "sloc": 8, "comments": 2, "multi": 2, "blank": 2, "single_comments": 1}
  assert.deepEqual(rawMetrics(source), { loc: 13, lloc: 7, sloc: 8, comments: 2, multi: 2, blank: 2, singleComments: 1 });
});

test('a run that never completes (unterminated string) is null, as radon raises', () => {
  assert.equal(rawMetrics('x = "abc\ny = 1\n'), null);
  assert.equal(rawMetrics('f(1,\n'), null);
});

test('raw metrics on CRLF lines, tabs and Unicode blanks, string prefixes, walrus and numbers equal `radon raw -j`', () => {
  const source = [
    'x = 1',
    "if (y := x):  z = rb\"a\" + Rb'b'",
    '',
    '\t# note',
    's = f"""one',
    '',
    'two"""',
    'w = 0x_1F + .5e-3j; v = u"\\\\"',
    '  \u00a0q = x\u3000',
    '',
  ].join('\r\n');
  // radon 5.1: {"loc": 9, "lloc": 7, "sloc": 6, "comments": 1, "multi": 0, "blank": 2, "single_comments": 1}
  assert.deepEqual(rawMetrics(source), { loc: 9, lloc: 7, sloc: 6, comments: 1, multi: 0, blank: 2, singleComments: 1 });
});
