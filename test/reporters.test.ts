import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import AjvDraft7 from 'ajv';
import addFormats from 'ajv-formats';
import { renderText } from '../src/report/text.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { sampleReport } from './sample-report.js';

test('text groups vulnerable dependencies by package with the upgrade, fits 100 columns, no colour when not asked', () => {
  const out = renderText(sampleReport(), { color: false });
  assert.match(out, /django 2\.2\.3 {2}→ upgrade to 2\.2\.28/);
  assert.match(out, /PYSEC-2019-13 \(CVE-2019-14232\) fixed in 2\.2\.4/);
  assert.doesNotMatch(out, /\x1b\[/);
  for (const line of out.split('\n')) assert.ok(line.length <= 100, `too wide: ${line}`);
  assert.match(renderText(sampleReport(), { color: true }), /\x1b\[/);
});

test('markdown has a summary table and collapsible details, with table cells escaped', () => {
  const out = renderMarkdown(sampleReport());
  assert.match(out, /\| Health score \| \*\*72\/100\*\* \|/);
  assert.match(out, /<details>\n<summary>Secrets \(1\)<\/summary>/);
  assert.match(out, /literal \\\| pipe/);
  assert.doesNotMatch(out, /<img/);
  assert.match(out, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('SARIF meets what GitHub code scanning requires; one rule per advisory', () => {
  const sarif = JSON.parse(renderSarif(sampleReport())) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleIndex: number; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  const ajv = new AjvDraft7.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../test/fixtures/sarif-github.schema.json', import.meta.url), 'utf8')));
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  const run = sarif.runs[0]!;
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['PYSEC-2019-13', 'secret.generic-credential', 'health.bare-except']);
  assert.equal(run.results[0]!.locations[0]!.physicalLocation.region.startLine, 2);
  assert.equal(run.results[1]!.ruleIndex, 1);
});
