import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { renderHtml } from '../src/report/html.js';
import { SEVERITIES } from '../src/core/severity.js';
import { TempTree } from './helpers.js';
import { finding, fullReport, summarize } from './report-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (ignored by git) so a reviewer can look at what the checks measured. */
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output');
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found; browser tests skipped (install Debian's chromium to run them)`;

let browser: Browser;
const tree = new TempTree();

before(async () => {
  if (skip) return;
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
  tree.cleanup();
});

/** 200 findings with the long rule ids, deep paths and long messages real repositories have. */
function bigReport() {
  const r = fullReport();
  const rules = ['health.knowledge-island', 'dependencies.dev-in-production', 'secret.generic-credential', 'health.swallowed-exception', 'deps.vulnerable'];
  for (let i = r.findings.length; i < 200; i++) {
    r.findings.push(
      finding({
        rule: rules[i % rules.length]!,
        severity: SEVERITIES[i % 5]!,
        path: `netbox/dcim/graphql/filter_mixins/very_long_module_name_number_${i}/implementation_details.py`,
        line: 10 + i,
        message: `CablePath.from_origin_with_a_really_long_name_${i}: complexity ${20 + i}, and a sentence that goes on long enough to need two lines at phone width`,
        remediation: 'Split the function into smaller ones, each with one job; cover each with a test first.',
      }),
    );
  }
  r.health!.weights = { tests: 2, ci: 1, docs: 1, dependencies: 1, structure: 1, history: 1, security: 2 };
  r.health!.checks.push(
    { id: 'security.dangerous-calls', category: 'security', score: 2, status: 'fail', evidence: [{ path: 'app/cli.py', line: 9, message: 'eval(user_input)' }], remediation: 'Remove eval.' },
    { id: 'docs.architecture', category: 'docs', score: 0, status: 'fail', evidence: [{ message: 'no architecture notes or ADRs' }], remediation: 'Write ARCHITECTURE.md.' },
  );
  r.history = [1, 2, 3, 4].map((d) => ({ id: d, scannedAt: `2026-03-0${d}T${String(8 + d).padStart(2, '0')}:15:00.000Z`, commit: null, score: 60 + d, bySeverity: {}, findings: 220 - d }));
  r.scannedAt = r.history[3]!.scannedAt;
  return summarize(r);
}

test('HTML report at 1280 and 390 px: no horizontal scroll, under 12,000 px tall, the score explained first, identifiers whole', { skip }, async () => {
  const report = bigReport();
  assert.equal(report.findings.length, 200);
  const file = tree.path('pyvet.html');
  writeFileSync(file, renderHtml(report));
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight }));
    await page.screenshot({ path: path.join(OUT, `report-layout-${width}.png`), fullPage: true });
    assert.ok(m.sw <= width, `${width} px: the page scrolls sideways (${m.sw} px wide)`);
    if (width === 1280) assert.ok(m.sh < 12_000, `200 findings make the page ${m.sh} px tall`);

    // The score and what pulled it down are the first thing on the page, each cause linked to its check.
    const why = page.locator('#score-why');
    assert.match((await why.textContent()) ?? '', /Health 72\/100\. What pulled it down/);
    assert.ok((await why.boundingBox())!.y < 400, 'the explanation is above the fold');
    const links = await why.locator('a[href^="#check-"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    assert.ok(links.length >= 2);
    // security (weight 2, one check at 2/10) costs 26.7 points; docs (weight 1, 0/10) 16.7.
    assert.equal(links[0], '#check-security.dangerous-calls', 'the costliest check first');
    for (const href of links) assert.equal(await page.locator(`[id="${href.slice(1)}"]`).count(), 1, href);

    // Rule ids stay on one line (cut with a tooltip); path segments never break inside a name.
    const broken = await page.evaluate(() => {
      const out: string[] = [];
      for (const c of Array.from(document.querySelectorAll<HTMLElement>('#findings-table td.ident code'))) {
        if (c.getClientRects().length !== 1 || c.getBoundingClientRect().height > 30) out.push(`rule ${c.textContent}`);
        if (c.scrollWidth > c.clientWidth && c.title !== c.textContent) out.push(`cut without tooltip: ${c.textContent}`);
      }
      for (const s of Array.from(document.querySelectorAll<HTMLElement>('#findings-table .seg'))) {
        if (s.getClientRects().length > 1 && s.scrollWidth <= s.parentElement!.clientWidth) out.push(`path segment ${s.textContent}`);
      }
      return out;
    });
    assert.deepEqual(broken.slice(0, 5), []);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('trend chart: labelled axes and the time of day; no text said twice in a finding', () => {
  const html = renderHtml(bigReport());
  const chart = /id="chart-trend"[\s\S]*?<\/svg>/.exec(html)![0];
  assert.match(chart, /class="axis-label[^"]*"[^>]*>health score</);
  assert.match(chart, /class="axis-label[^"]*"[^>]*>findings</);
  assert.match(chart, /class="axis-label"[^>]*>scan time \(UTC\), 2026</);
  assert.match(chart, />03-04 12:15</, 'tick labels carry the time of day');
  assert.match(chart, /class="value s-score"[^>]*>64</, 'the latest value is written, not only drawn');
  for (const detail of html.matchAll(/<div class="finding-detail">([\s\S]*?)<\/div><\/details>/g)) {
    const paras = [...detail[1]!.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((p) => p[1]);
    assert.equal(new Set(paras).size, paras.length, `repeated text in ${detail[1]!.slice(0, 80)}`);
  }
  assert.equal(html.split(bigReport().scannedAt).length - 1, 0, 'the raw scan time is not printed (once, formatted, in the header)');
});
