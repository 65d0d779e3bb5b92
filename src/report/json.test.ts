import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScanReport } from '../core/report.js';
import { renderJson, renderJsonChunks } from './json.js';

const asReport = (x: unknown) => x as ScanReport;

test('renderJsonChunks writes the same text as renderJson', () => {
  const big = Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, line: i, tags: i % 3 ? ['a', 'b\nc'] : [], extra: i % 2 ? undefined : { deep: { deeper: { deepest: [i, null, 'x"y'] } } } }));
  const report = asReport({
    tool: 'pyvet',
    when: new Date(0),
    empty: {},
    none: [],
    nothing: null,
    skipped: undefined,
    fn: () => 1,
    nested: { a: { b: { c: { d: { e: [1, { f: 2 }] } } } }, holes: [undefined, () => 1, 3], custom: { toJSON: (k: string) => ({ key: k }) } },
    unicode: 'é ☃ \u2028',
    num: [NaN, Infinity, -0, 1.5],
    big,
  });
  assert.equal([...renderJsonChunks(report)].join(''), renderJson(report));
  assert.ok([...renderJsonChunks(report)].length > 2, 'a large report is written in several pieces');
  assert.equal([...renderJsonChunks(asReport({}))].join(''), renderJson(asReport({})));
});
