import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, columnChart, lineChart, scatterChart, scoreRing } from './charts.js';

const noBadNumbers = (svg: string) => assert.doesNotMatch(svg, /NaN|Infinity|undefined/);

test('score ring: the arc is proportional, clamped, and absent at 0', () => {
  assert.match(scoreRing(50, 's'), /stroke-dasharray="163\.36 326\.73"/);
  assert.match(scoreRing(150, 's'), /aria-label="s 100 of 100"/);
  assert.doesNotMatch(scoreRing(0, 's'), /ring-fg/);
  assert.match(scoreRing(85, 's'), /score-ring good/);
  assert.match(scoreRing(40, 's'), /score-ring poor/);
});

test('charts with no data, zeros or a single point draw without NaN', () => {
  noBadNumbers(barChart([], 'empty'));
  noBadNumbers(barChart([{ label: 'a', value: 0 }], 'zero'));
  noBadNumbers(columnChart([{ label: 'A', value: 0 }], 'zero', 'x'));
  noBadNumbers(scatterChart([], 'none', { x: 'x', y: 'y' }));
  noBadNumbers(scatterChart([{ x: 0, y: 0, label: 'p' }], 'origin', { x: 'x', y: 'y' }));
  noBadNumbers(lineChart(['d'], [{ name: 's', cls: 's-score', values: [null] }], 'one'));
  noBadNumbers(scoreRing(Number.NaN, 's'));
  noBadNumbers(lineChart(['a', 'b'], [{ name: 's', cls: 's-score', values: [10, Number.NaN] }], 'nan'));
});

test('a bar over a fixed max is capped at the full width; labels and titles are escaped', () => {
  const svg = barChart([{ label: '<b>', value: 250, href: '#x"y' }], 't<', { max: 100 });
  assert.match(svg, /width="250"/, 'full bar width is 420 - 120 - 50');
  assert.ok(!svg.includes('<b>'));
  assert.match(svg, /href="#x&quot;y"/);
  assert.match(svg, /<title>t&lt;<\/title>/);
});

test('a line with a gap starts a new segment after it', () => {
  const svg = lineChart(['1', '2', '3', '4'], [{ name: 's', cls: 's-score', values: [10, null, 30, 40] }], 'gap');
  const d = /<path class="line s-score" d="([^"]+)"/.exec(svg)![1]!;
  assert.equal((d.match(/M/g) ?? []).length, 2);
  assert.equal((d.match(/L/g) ?? []).length, 1);
});

test('scatter labels never overprint each other: points on the same spot get one label', () => {
  const svg = scatterChart(
    [
      { x: 1, y: 100, label: 'a/cli.py' },
      { x: 1, y: 99, label: 'a/app.py' },
      { x: 1, y: 40, label: 'a/scaffold.py' },
    ],
    't',
    { x: 'commits', y: 'complexity' },
  );
  const labels = [...svg.matchAll(/class="dot-label"[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(labels, ['cli.py', 'scaffold.py']);
});
