import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { openStore } from '../src/store/index.js';
import { route } from '../src/server/index.js';
import { repoName } from '../src/server/pages.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { TempTree } from './helpers.js';
import { finding, fullReport } from './report-fixtures.js';

const tree = new TempTree();
const db = tree.path('history.db');
let server: RunningServer | undefined;
const CHROMIUM = '/usr/bin/chromium';

test('repoName: owner/name from any remote form, the folder for a local path, the part of a monorepo', () => {
  assert.equal(repoName('https://github.com/pallets/flask.git'), 'pallets/flask');
  assert.equal(repoName('git@github.com:netbox-community/netbox.git'), 'netbox-community/netbox');
  assert.equal(repoName('ssh://git@gitlab.example.com:2222/team/api'), 'team/api');
  assert.equal(repoName('/srv/git/shop/repo'), 'repo', 'no remote: the key is the folder');
  assert.equal(repoName('/srv/git/shop/repo.git'), 'shop/repo', 'a local bare repository used as the remote');
  assert.equal(repoName('file:///srv/git/billing/repo'), 'billing/repo');
  assert.equal(repoName('https://github.com/acme/mono.git#services/api'), 'acme/mono/services/api');
});

before(() => {
  const s = openStore(db);
  const old = fullReport({ scannedAt: '2026-01-01T09:00:00.000Z', history: undefined });
  s.recordScan(old, 'file:///srv/git/shop/repo');
  const next = fullReport({ scannedAt: '2026-01-02T17:30:00.000Z', history: undefined });
  next.findings.push(finding({ rule: 'secret.aws-access-key', severity: 'critical', path: 'deploy/env.py', line: 4, message: 'AWS access key in the deploy settings' }));
  s.recordScan(next, 'file:///srv/git/shop/repo');
  const billing = fullReport({ scannedAt: '2026-01-02T10:00:00.000Z', history: undefined });
  billing.summary.score = 41;
  billing.health!.score = 41;
  s.recordScan(billing, 'file:///srv/git/billing/repo');
  s.close();
});

after(async () => {
  await server?.close();
  tree.cleanup();
});

test('repositories page: distinct names, sortable columns, a filter, sparkline values, new criticals across repositories', async () => {
  const s = openStore(db, { readonly: true });
  try {
    const page = (await route(s, '/')).body;
    assert.match(page, />shop\/repo</);
    assert.match(page, />billing\/repo</);
    assert.match(page, /<table id="repos-table" class="sortable">/);
    assert.match(page, /id="filter-repos"/);
    assert.match(page, /class="spark-values">72 → <strong>72<\/strong>/);
    const fresh = /<section id="new-critical">([\s\S]*?)<\/section>/.exec(page)![1]!;
    assert.match(fresh, /New critical and high findings \(1\)/);
    assert.match(fresh, /shop\/repo[\s\S]*secret\.aws-access-key[\s\S]*deploy\/env\.py:4/);

    // A scan's page opens on what it changed, before the report.
    const scan = (await route(s, '/scan/2')).body;
    const lead = scan.indexOf('id="scan-changes"');
    assert.ok(lead > 0 && lead < scan.indexOf('id="overview"'));
    assert.match(scan, /What changed since scan #1 \(2026-01-01 09:00\)[\s\S]*<strong>1<\/strong> new, <strong>0<\/strong> fixed/);
  } finally {
    s.close();
  }
});

test('repositories table sorts by score and filters by name in a browser', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} not found` }, async () => {
  server = await startServer({ store: db, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    const names = () => page.locator('#repos-table tbody tr:visible td:first-child a').allTextContents();
    await page.click('#repos-table th:nth-child(2) button');
    assert.deepEqual(errors, []);
    assert.equal(await page.getAttribute('#repos-table th:nth-child(2)', 'aria-sort'), 'ascending');
    assert.deepEqual(await names(), ['billing/repo', 'shop/repo'], 'lowest score first');
    await page.click('#repos-table th:nth-child(2) button');
    assert.deepEqual(await names(), ['shop/repo', 'billing/repo']);
    await page.fill('#filter-repos', 'bill');
    assert.deepEqual(await names(), ['billing/repo']);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
