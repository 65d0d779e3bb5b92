import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../src/report/html.js';
import { openStore } from '../src/store/index.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { runCli, TempRepo, TempTree } from './helpers.js';
import { finding, fullReport, hostileReport, summarize } from './report-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium for the browser tests (apt-get install -y chromium)`);
const skip = available ? false : `${CHROMIUM} not found; browser tests skipped (install Debian's chromium to run them)`;

let browser: Browser;
const tree = new TempTree();

before(async () => {
  if (skip) return;
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  tree.cleanup();
});

/** A page that records script errors, CSP violations and any request that is not to `allowed`. */
async function open(url: string, allowed: (u: string) => boolean): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!allowed(r.url())) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

const visibleRows = (page: Page) => page.locator('#findings-body tr.finding:visible').count();

/** A report with hostile names and more findings than the first page shows. */
function browserReport() {
  const r = hostileReport();
  for (let i = 0; i < 6; i++) r.findings.push(finding({ rule: 'health.long-function', severity: 'low', path: `pkg/mod${i}.py`, line: 10 + i, message: `function f${i} is 120 lines long` }));
  return summarize(r);
}

test('HTML report from file://: score, charts, filters, search, links, theme, print; injected markup stays inert', { skip }, async () => {
  const report = browserReport();
  const file = tree.path('pyvet.html');
  writeFileSync(file, renderHtml(report, { initialRows: 3 }));
  const { page, problems } = await open(pathToFileURL(file).href, (u) => u.startsWith('file:'));

  assert.equal(await page.locator('#score .ring-value').textContent(), '72');
  for (const id of ['chart-severity', 'chart-category', 'chart-complexity', 'chart-hotspots', 'chart-trend', 'category-scores']) {
    const svg = page.locator(`#${id} svg`).first();
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 20, `${id} is drawn`);
    assert.ok((await svg.locator('rect, circle, path').count()) > 0, `${id} has shapes`);
  }

  const total = report.findings.length;
  assert.equal(await visibleRows(page), 3, 'first page only');
  await page.selectOption('#filter-severity', 'critical');
  assert.equal(await visibleRows(page), report.findings.filter((f) => f.severity === 'critical').length);
  await page.selectOption('#filter-severity', '');
  await page.selectOption('#filter-category', 'secrets');
  assert.equal(await visibleRows(page), report.findings.filter((f) => f.rule.startsWith('secret')).length);
  await page.selectOption('#filter-category', '');
  await page.fill('#filter-text', 'mod4.py');
  assert.equal(await visibleRows(page), 1, 'search reaches rows past the first page');
  assert.equal(await page.locator('#findings-count').textContent(), `1 of ${total} shown`);
  await page.fill('#filter-text', '');
  assert.equal(await visibleRows(page), total);

  // A link to a finding opens its details: evidence, why, how to fix.
  const target = report.findings.find((f) => f.path === 'pkg/mod5.py')!;
  await page.evaluate((h) => (location.hash = h), `#finding-${target.fingerprint}`);
  const row = page.locator(`[id="finding-${target.fingerprint}"]`);
  assert.equal(await row.locator('details').getAttribute('open'), '');
  assert.match((await row.textContent()) ?? '', /How to fix/);

  // Open every finding: the payloads in file names, messages and evidence are only text.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  assert.ok(await page.getByText('onerror="window.__pwned=1"').first().isVisible());
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  await page.screenshot({ path: path.join(OUT, 'report-light.png'), fullPage: true });

  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.notEqual(await bg(), light);
  await page.screenshot({ path: path.join(OUT, 'report-dark.png') });

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.controls').isVisible(), false, 'controls are not printed');
  assert.equal(await bg(), light, 'paper is light whatever the theme');

  assert.deepEqual(problems, [], 'no script errors, CSP violations or network requests');
  await page.close();
});

test('end to end: pyvet scan of a repository writes a report that opens cleanly, with the brief\'s architecture diagram', { skip }, async () => {
  const repo = new TempRepo();
  const out = new TempTree();
  try {
    repo.commit('app', {
      'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0"\ndependencies = ["flask==3.0.0", "requests==2.19.0"]\n',
      'shop/__init__.py': '',
      'shop/app.py': 'from flask import Flask\nfrom shop.db import connect\n\napp = Flask(__name__)\n\n@app.route("/items")\ndef items():\n    try:\n        return connect()\n    except:\n        return "down"\n',
      'shop/db.py': 'import os\n\ndef connect():\n    return os.environ.get("DATABASE_URL")\n',
      // A file whose name is markup: the report must show it as text.
      'shop/<img src=x onerror=window.__pwned=1>.py': 'x = 1\n',
    });
    const r = await runCli(['scan', repo.dir, '--format', 'html,json', '--output-dir', out.dir, '--no-store', '--quiet']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const { page, problems } = await open(pathToFileURL(out.path('pyvet.html')).href, (u) => u.startsWith('file:'));
    assert.match((await page.locator('h1').textContent()) ?? '', /pyvet report/);
    assert.ok((await page.locator('#chart-severity svg rect').count()) > 0);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.screenshot({ path: path.join(OUT, 'scan-report.png'), fullPage: true });
    const svg = page.locator('svg#architecture');
    if (await svg.count()) {
      const box = await svg.boundingBox();
      assert.ok(box && box.width > 50 && box.height > 30, 'the architecture diagram has a size');
      assert.ok((await svg.locator('rect, path, line, circle, text').count()) > 0, 'and content');
      await svg.screenshot({ path: path.join(OUT, 'brief-architecture.png') });
    } else {
      const report = JSON.parse(readFileSync(out.path('pyvet.json'), 'utf8')) as { brief?: unknown };
      assert.equal(report.brief, undefined, 'a brief in the report draws its architecture diagram in the page');
    }
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    repo.cleanup();
    out.cleanup();
  }
});

test('dashboard: repositories, trend, drill-down to a scan report; hostile names inert', { skip }, async () => {
  const db = tree.path('history.db');
  const s = openStore(db);
  await s.recordScan(fullReport({ scannedAt: '2026-01-01T00:00:00.000Z', history: undefined }), 'https://example.com/shop.git');
  await s.recordScan(fullReport({ scannedAt: '2026-02-01T00:00:00.000Z', history: undefined }), 'https://example.com/shop.git');
  const hostileId = await s.recordScan(browserReport(), '/srv/<img src=x onerror="window.__pwned=3">');
  await s.close();
  const server: RunningServer = await startServer({ store: db, port: 0 });
  try {
    const { page, problems } = await open(server.url, (u) => u.startsWith(server.url));
    assert.equal(await page.locator('tr.repo').count(), 2);
    assert.ok(await page.getByText('/srv/<img src=x onerror="window.__pwned=3">').isVisible(), 'the hostile key shows as text');
    await page.screenshot({ path: path.join(OUT, 'dashboard.png'), fullPage: true });

    await page.click('text=shop');
    assert.match(page.url(), /\/repo\/\d+$/);
    const trend = page.locator('#trend svg');
    assert.ok(((await trend.boundingBox())?.width ?? 0) > 100);
    assert.ok((await trend.locator('path.line').count()) >= 1);
    assert.equal(await page.locator('tr.scan').count(), 2);

    await page.click('tr.scan a >> nth=0');
    assert.match(page.url(), /\/scan\/\d+$/);
    assert.equal(await page.locator('#score .ring-value').textContent(), '72');
    await page.selectOption('#filter-severity', 'critical');
    assert.equal(await visibleRows(page), 1, 'the report script runs under the server\'s CSP');

    await page.goto(new URL(`/scan/${hostileId}`, server.url).href);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.screenshot({ path: path.join(OUT, 'dashboard-scan.png') });
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await server.close();
  }
});
