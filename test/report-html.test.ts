import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../src/report/html.js';
import { esc, jsonForScript } from '../src/report/html/escape.js';
import type { RuleMeta } from '../src/core/rule.js';
import { emptyReport, finding, fullReport, hostileReport, summarize, XSS_NAME, XSS_SCRIPT } from './report-fixtures.js';

/** The inline elements a browser would run or load: every <script> and any tag with an on* handler or src/href to the network. */
function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
}

test('escape: HTML text and attributes, and JSON for a script element', () => {
  assert.equal(esc(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  const json = jsonForScript({ s: `</script><!--${XSS_NAME}\u2028\u2029&` });
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(json), { s: `</script><!--${XSS_NAME}\u2028\u2029&` }, 'round-trips');
});

test('full report: score, category scores, every chart, vulnerable dependency with its fix, findings with anchors', () => {
  const r = fullReport();
  const html = renderHtml(r);
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /id="score"[\s\S]*?aria-label="Overall health score 72 of 100"/);
  assert.match(html, /id="category-scores"[\s\S]*?tests/);
  for (const id of ['chart-severity', 'chart-category', 'chart-complexity', 'chart-hotspots', 'chart-trend']) {
    assert.match(html, new RegExp(`id="${id}"[\\s\\S]*?<svg[^>]*>[\\s\\S]*?<(rect|circle|path)`), `${id} has drawn shapes`);
  }
  // Complexity: radon ranks, handle_request (23) lands in D.
  assert.match(html, /<title>D 21–30: 1<\/title>/);
  assert.match(html, /id="vulnerable-deps"[\s\S]*?requests[\s\S]*?GHSA-x84v-xcm2-53pg[\s\S]*?CVE-2018-18074[\s\S]*?<strong>2\.31\.0<\/strong>/);
  for (const f of r.findings) assert.ok(html.includes(`id="finding-${f.fingerprint}"`), f.rule);
  // The dependency table and the top findings link to the finding rows.
  const dep = r.findings.find((f) => f.rule === 'deps.vulnerable')!;
  assert.ok(html.split(`href="#finding-${dep.fingerprint}"`).length >= 3, 'linked from top findings and the dependency table');
  assert.match(html, /<option value="secrets">Secrets<\/option>/);
  assert.match(html, /<option value="critical">critical<\/option>/);
  assert.match(html, /Over time \(3 scans\)/);
  // The history holds this scan last: the change is against the one before (score 66, 7 findings).
  assert.match(html, /Since the scan of 2026-02-01 \(2222222222\): score \+6, findings −2/);
  const withoutSelf = renderHtml(fullReport({ history: fullReport().history!.slice(0, 2) }));
  assert.match(withoutSelf, /Since the scan of 2026-02-01/);
  assert.doesNotMatch(renderHtml(fullReport({ history: undefined })), /id="since-previous"/);
});

test('self-contained: no external resource, a CSP that forbids the network and any script but its own', () => {
  const html = renderHtml(fullReport());
  assert.doesNotMatch(html, /<(link|img|iframe|object|embed)\b/i);
  assert.doesNotMatch(html, /\b(src|srcset)\s*=/i);
  assert.doesNotMatch(html, /url\(\s*['"]?https?:/i);
  assert.deepEqual(scriptsOf(html), ['<script type="application/json" id="pyvet-data">', '<script>']);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /unsafe-inline'[^;]*script|script-src[^;]*unsafe-inline/);
  assert.match(html, /prefers-color-scheme: dark/);
  assert.match(html, /@media print/);
  assert.match(html, /id="theme-toggle"/);
});

test('every string from the repository is escaped: file names, messages, dependency names, hotspots, errors, root', () => {
  const html = renderHtml(hostileReport());
  assert.ok(!html.includes(XSS_NAME), 'no raw <img onerror>');
  assert.ok(!html.includes(XSS_SCRIPT), 'no raw <script> payload');
  assert.equal((html.match(/<script\b/gi) ?? []).length, 2, 'only our two script elements');
  assert.equal((html.match(/<\/script>/gi) ?? []).length, 2);
  assert.ok(html.includes(esc(XSS_NAME)), 'the payload shows as text');
});

test('secrets show only the redacted form, never the evidence line', () => {
  const secret = 'AKIA' + 'Z7QW3ERT5YU8IOP2';
  const r = summarize(
    fullReport({
      findings: [finding({ rule: 'secret.aws-access-key', severity: 'critical', path: 'a.py', line: 1, message: 'AWS access key', remediation: 'Rotate it.', evidence: `aws_key_line = "${secret}"`, redacted: 'AKIAZ7QW…' })],
    }),
  );
  const html = renderHtml(r);
  assert.ok(!html.includes(secret));
  assert.ok(!html.includes('aws_key_line'), 'the evidence line is not shown for secrets');
  assert.match(html, /Secret \(redacted\)<\/h4><pre>AKIAZ7QW…<\/pre>/);
});

test('each finding explains why it matters and how to fix it, from the rule docs', () => {
  const rule: RuleMeta = {
    id: 'health.bare-except',
    severity: 'medium',
    summary: 'bare except',
    docs: { what: 'w', why: 'It hides KeyboardInterrupt & real bugs.', fix: 'Name the exceptions.', references: ['https://docs.python.org/3/tutorial/errors.html', 'javascript:alert(1)'] },
  };
  const html = renderHtml(fullReport(), { rules: (id) => (id === rule.id ? rule : undefined) });
  assert.match(html, /Why it matters<\/h4><p>It hides KeyboardInterrupt &amp; real bugs\.<\/p>/);
  assert.match(html, /How to fix<\/h4><p>Catch the exceptions you expect\.<\/p><p class="muted">Name the exceptions\.<\/p>/);
  assert.match(html, /href="https:\/\/docs\.python\.org\/3\/tutorial\/errors\.html"/);
  assert.doesNotMatch(html, /javascript:/, 'only http(s) references become links');
});

test('absent parts: no health, no git, no deps, no history, no findings', () => {
  const html = renderHtml(emptyReport());
  assert.match(html, /The health review did not run/);
  assert.match(html, /No dependency manifests were found/);
  assert.match(html, /<p class="empty">No findings\.<\/p>/);
  assert.doesNotMatch(html, /id="chart-(complexity|hotspots|trend)"/);
  const noGit = fullReport();
  noGit.health!.metrics.git = null;
  noGit.history = undefined;
  noGit.commit = null;
  const h2 = renderHtml(noGit);
  assert.doesNotMatch(h2, /id="chart-hotspots"/);
  assert.doesNotMatch(h2, /id="chart-trend"/);
  const first = renderHtml(fullReport({ history: fullReport().history!.slice(0, 1) }));
  assert.match(first, /first recorded scan/);
  const notRun = renderHtml(emptyReport({ sections: ['health'] }));
  assert.match(notRun, /The dependency audit did not run/);
});

test('a stored report with missing parts (another pyvet version) still renders', () => {
  const partial = { tool: 'pyvet', version: '0.0.1', root: '/x', scannedAt: '2025-01-01T00:00:00Z', summary: { score: 50 }, health: { score: 50, metrics: {} } } as unknown as Parameters<typeof renderHtml>[0];
  const html = renderHtml(partial);
  assert.match(html, /No findings/);
  assert.match(html, /aria-label="Overall health score 50 of 100"/);
});

test('big reports: the first rows render, the rest wait in an inert template, ids stay unique', () => {
  const r = fullReport();
  r.findings = Array.from({ length: 3000 }, (_, i) => finding({ rule: 'health.x', path: `m${i}.py`, line: i + 1, message: `issue ${i}` }));
  r.findings.push({ ...r.findings[0]! });
  summarize(r);
  const t = performance.now();
  const html = renderHtml(r, { initialRows: 200 });
  assert.ok(performance.now() - t < 2000, 'renders 3000 findings in under 2 s');
  const [visible, rest] = html.split('<template id="more-findings">');
  assert.equal((visible!.match(/<tr class="finding"/g) ?? []).length, 200);
  assert.equal((rest!.match(/<tr class="finding"/g) ?? []).length, 2801);
  assert.match(html, /Show all 3001/);
  const ids = [...html.matchAll(/id="(finding-[^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'a repeated fingerprint gets one anchor');
});

test('a brief section that throws does not cost the rest of the report', () => {
  const r = fullReport();
  // A brief whose every property read throws, whatever the section renderer looks at first.
  r.brief = new Proxy({} as NonNullable<typeof r.brief>, {
    get() {
      throw new Error('<b>boom</b>');
    },
  });
  const html = renderHtml(r);
  assert.match(html, /id="findings"/);
  assert.match(html, /id="brief"[\s\S]*could not be rendered: &lt;b&gt;boom/);
});
