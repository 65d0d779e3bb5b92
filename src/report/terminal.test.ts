import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_WIDTH, terminalWidth, wrap } from './terminal.js';
import { markdownToTerminal } from './markdown-terminal.js';

test('terminalWidth: COLUMNS first, then the TTY, else the default for pipes and files', () => {
  assert.equal(terminalWidth({ isTTY: true, columns: 132 }, { COLUMNS: '80' }), 80);
  assert.equal(terminalWidth({ isTTY: true, columns: 132 }, {}), 132);
  assert.equal(terminalWidth({ isTTY: false, columns: 132 }, {}), DEFAULT_WIDTH);
  assert.equal(terminalWidth({}, { COLUMNS: 'wide' }), DEFAULT_WIDTH);
  assert.equal(terminalWidth({}, { COLUMNS: '10' }), 40, 'too narrow to wrap usefully');
});

test('wrap breaks on spaces, never inside a word, and indents continuation lines', () => {
  const text = 'Revoke or rotate it now (removing it from the code does not un-leak it), then load it from the environment.';
  const lines = wrap(text, 40, '     ', 'fix: ');
  assert.ok(lines.every((l) => l.length <= 40), lines.join('\n'));
  assert.ok(lines[0]!.startsWith('fix: Revoke'));
  assert.ok(lines.slice(1).every((l) => l.startsWith('     ') && l[5] !== ' '));
  assert.equal(lines.map((l) => l.slice(5)).join(' '), text, 'every word kept, in order, whole');
});

test('wrap splits an over-long path after a separator, and leaves an over-long word whole', () => {
  const lines = wrap('at examples/tutorial/flaskr/templates/auth/register.html', 30, '  ');
  assert.ok(lines.every((l) => l.length <= 30), lines.join('\n'));
  assert.equal(lines.join('').replace(/ {2}/g, ''), 'atexamples/tutorial/flaskr/templates/auth/register.html');
  const word = 'x'.repeat(50);
  assert.deepEqual(wrap(`a ${word} b`, 20), ['a', word, 'b']);
});

test('markdownToTerminal: headings, aligned columns cut to the width, counts of what was left out', () => {
  const rows = Array.from({ length: 25 }, (_, i) => `| GET | \`/items/${i}\` | [\`app.views.item_${i}\`](app/views.py#L${i}) | [\`app/views.py:${i}\`](app/views.py#L${i}) |`);
  const md = [
    '# Handoff brief: svc',
    '',
    '## 3. Where work enters',
    '',
    '| Method | Path | Handler | Declared at |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...Array.from({ length: 14 }, (_, i) => `- routes on \\\`app\\\` number ${i} — [evidence](pyvet.html#finding-${i})`),
    '',
    '```mermaid',
    'flowchart TD',
    '```',
  ].join('\n');
  const out = markdownToTerminal(md, { width: 60, maxRows: 10, moreHint: 'pyvet brief -o HANDOFF.md' });
  const lines = out.trimEnd().split('\n');
  assert.ok(lines.every((l) => l.length <= 60), out);
  assert.ok(!/[|[\]]|#L|---|flowchart|evidence/.test(out), out);
  assert.match(out, /^Handoff brief: svc\n═+\n/);
  assert.match(out, /\n {2}Method {2}Path +Handler +Declared at\n {2}GET {5}\/items\/0 +app\.views\.item_0 +app\/views\.py:0\n/);
  assert.match(out, /… \+15 more rows \(pyvet brief -o HANDOFF\.md\)/);
  assert.match(out, /• routes on `app` number 0\n/, 'escaped backticks are literal');
  assert.match(out, /… \+4 more items/);
});
