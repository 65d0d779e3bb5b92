import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from './redact.js';
import { admits, expandBraces, readmeParagraph } from './project.js';
import { makeTargets, purpose, readmeCommands } from './commands.js';
import { areaFn, ownersOf } from './owners.js';
import { buildArchitecture, cyclesOf, MAX_NODES } from './architecture.js';
import { renderArchitectureSvg } from './svg.js';
import { renderBriefHtml, renderBriefMarkdown, renderBriefSection, renderBriefSvg } from './render.js';
import { ModuleIndex } from './resolve.js';
import { briefFile } from './test-util.js';
import type { ScanReport } from '../core/report.js';
import type { Brief } from './types.js';

test('admits: requires-python clauses at minor precision, Poetry caret and tilde', () => {
  assert.equal(admits('>=3.10', '3.9'), false);
  assert.equal(admits('>=3.10', '3.12'), true);
  assert.equal(admits('>=3.9.2,<4', '3.9'), true);
  assert.equal(admits('>=3.8,<3.12', '3.12'), false);
  assert.equal(admits('^3.11', '3.12'), true);
  assert.equal(admits('^3.11', '3.10'), false);
  assert.equal(admits('~3.11', '3.12'), false);
  assert.equal(admits('==3.11.*', '3.11'), true);
  assert.equal(admits('!=3.9.*,>=3.8', '3.9'), false);
  assert.equal(admits('~=3.8', '3.13'), true);
});

test('expandBraces expands tox env lists', () => {
  assert.deepEqual(expandBraces('py{39,310}-django{42,50}, lint'), ['py39-django42', 'py39-django50', 'py310-django42', 'py310-django50', 'lint']);
});

test('readmeParagraph skips titles, badges and HTML; readmeCommands reads shell blocks, prompts and continuations', () => {
  assert.equal(readmeParagraph('# App\n\n[![ci](x)](y)\n<p align="center">logo</p>\n\nDoes **things**\nwell, see [docs](https://x).\n\nMore.'), 'Does **things** well, see docs.');
  const md = [
    '```bash', '# install', 'pip install -e .[dev]', 'docker compose \\', '  up -d', '```',
    '```console', '$ pytest -q', 'collected 3 items', '```',
    '```python', 'import app', '```',
    'Or run `$ not a prompt`', '$ make run',
  ].join('\n');
  assert.deepEqual(readmeCommands(md, 'README.md').map((c) => `${c.line} ${c.kind} ${c.command}`), [
    '3 install pip install -e .[dev]',
    '4 run docker compose up -d',
    '8 test pytest -q',
    '15 run make run',
  ]);
});

test('makeTargets lists real targets with their first recipe line; purpose classifies commands', () => {
  const mk = 'VAR := 1\n.PHONY: test\n\ntest: deps\n\t@pytest -q\n\n%.o: %.c\n\tcc\nbuild/out: x\n\ttouch\nserve run:\n\tuvicorn app:app\n';
  assert.deepEqual(makeTargets(mk, 'Makefile').map((c) => `${c.command}|${c.kind}|${c.line}|${c.detail ?? ''}`), [
    'make test|test|4|pytest -q',
    'make serve|run|11|uvicorn app:app',
    'make run|run|11|uvicorn app:app',
  ]);
  assert.equal(purpose('python manage.py migrate'), 'migrate');
  assert.equal(purpose('poetry install --with dev'), 'install');
  assert.equal(purpose('ruff check .'), 'lint');
  assert.equal(purpose('echo hi'), 'other');
});

test('ownersOf: main authors per area, last change, a stale only expert relative to the newest commit', () => {
  const files = [
    { path: 'billing/invoice.py', authors: [{ name: 'Ann', lines: 90 }, { name: 'Bo', lines: 10 }], lastChange: '2025-01-01T00:00:00Z' },
    { path: 'billing/tax.py', authors: [{ name: 'Ann', lines: 100 }], lastChange: '2025-02-01T00:00:00Z' },
    { path: 'web/views.py', authors: [{ name: 'Bo', lines: 50 }, { name: 'Cy', lines: 50 }], lastChange: '2026-01-01T00:00:00Z' },
    { path: 'README.md', authors: [{ name: 'Cy', lines: 5 }], lastChange: '2026-01-02T00:00:00Z' },
  ];
  const activity = { last: new Map([['Ann', '2025-02-01T00:00:00Z'], ['Bo', '2026-01-01T00:00:00Z'], ['Cy', '2026-01-02T00:00:00Z']]), newest: '2026-01-02T00:00:00Z' };
  assert.deepEqual(ownersOf(files, activity), [
    { area: '(root)', authors: [{ name: 'Cy', lines: 5, share: 1 }], lastChange: '2026-01-02T00:00:00Z', stale: false, expertLastCommit: '2026-01-02T00:00:00Z' },
    { area: 'billing', authors: [{ name: 'Ann', lines: 190, share: 0.95 }, { name: 'Bo', lines: 10, share: 0.05 }], lastChange: '2025-02-01T00:00:00Z', stale: true, expertLastCommit: '2025-02-01T00:00:00Z' },
    { area: 'web', authors: [{ name: 'Bo', lines: 50, share: 0.5 }, { name: 'Cy', lines: 50, share: 0.5 }], lastChange: '2026-01-01T00:00:00Z', stale: false },
  ]);
});

test('areaFn: src layout stripped; a single package splits into its sub-packages', () => {
  const a = areaFn(['src/shop/api/views.py', 'src/shop/models.py', 'tests/test_x.py', 'setup.py']);
  assert.equal(a('src/shop/api/views.py'), 'shop/api');
  assert.equal(a('src/shop/models.py'), 'shop');
  assert.equal(a('tests/test_x.py'), 'tests');
  assert.equal(a('setup.py'), '(root)');
});

test('cyclesOf finds strongly connected packages', () => {
  const edges = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
  assert.deepEqual(cyclesOf(['a', 'b', 'c', 'd'], edges), [['a', 'b', 'c']]);
});

test('ModuleIndex follows re-exports and relative imports to the defining module', () => {
  const mod = (module: string, path: string, src: string) => ({ module, path, ...briefFile(src, path) });
  const ix = new ModuleIndex([
    mod('app', 'app/__init__.py', 'from .views import index as home\n'),
    mod('app.views', 'app/views.py', 'def index():\n    pass\n'),
    mod('app.urls', 'app/urls.py', 'from . import home\nfrom .. import nothing\n'),
  ]);
  const urls = ix.byName.get('app.urls')!;
  assert.equal(ix.qualify(urls, 'home'), 'app.home');
  const loc = ix.locate('app.home');
  assert.equal(loc?.mod.module, 'app.views');
  assert.equal(loc?.name, 'index');
  assert.equal(ix.absolute(urls, 2, 'x'), 'x');
  assert.equal(ix.absolute(urls, 3, 'x'), null);
});

const hostile = '<img src=x onerror=alert(1)>"&\'|`';

function reportWith(brief: Partial<Brief>): ScanReport {
  const base: Brief = {
    name: hostile, description: hostile, routes: [], tasks: [], schedules: [], integrations: [], commands: [], owners: [], gaps: [],
    python: { requiresPython: null, classifiers: [], ci: [], pinned: [], disagreements: [] }, frameworks: [], size: { pythonFiles: 0, loc: 0, testFiles: 0, testLoc: 0 },
    entryPoints: [], cli: [], envVars: [], settings: { djangoSettingsModule: [], modules: [], files: [], rootUrlconf: null },
    architecture: { nodes: [], edges: [], width: 0, height: 0, cycles: [], depth: 1 }, fragile: [],
    sectionGaps: { what: [], run: [], entry: [], talks: [], config: [], architecture: [], owners: [], fragile: [] },
  };
  return {
    tool: 'pyvet', version: '0.0.0', root: '/x', scannedAt: '2026-01-01T00:00:00Z', sections: ['brief'], dependencies: [], findings: [], errors: [],
    summary: { score: null, bySeverity: {}, byCategory: {}, files: 0, durationMs: 0, phases: {} },
    brief: { ...base, ...brief },
  };
}

test('HTML and SVG escape every name; the section holds <svg id="architecture"> and links findings on the same page', () => {
  const architecture = {
    nodes: [{ id: hostile, files: 1, loc: 2, inCycle: true, x: 0, y: 0, width: 100, height: 40 }, { id: 'b', files: 1, loc: 1, inCycle: true, x: 0, y: 80, width: 100, height: 40 }],
    edges: [{ from: hostile, to: 'b', imports: 2, cycle: true, points: [{ x: 50, y: 40 }, { x: 50, y: 80 }] }],
    width: 120, height: 130, cycles: [[hostile, 'b']], depth: 1,
  };
  const r = reportWith({
    architecture,
    routes: [{ method: 'GET', path: `/${hostile}`, handler: hostile, file: 'a.py', line: 1, framework: 'flask' }],
    fragile: [{ kind: 'security', message: hostile, link: 'pyvet.html#finding-abc' }],
  });
  const html = renderBriefSection(r);
  assert.ok(!html.includes('<img'), 'raw HTML leaked into the section');
  assert.match(html, /<svg[^>]+id="architecture"/);
  assert.match(html, /href="#finding-abc"/);
  const svg = renderArchitectureSvg(architecture, hostile);
  assert.ok(!svg.includes('<img'));
  assert.match(svg, /class="arch-edge cycle"/);
  const md = renderBriefMarkdown(r);
  // code spans show text literally; anywhere else a tag must be escaped
  assert.doesNotMatch(md.replace(/``[\s\S]*?``|`[^`\n]*`/g, ''), /(^|[^\\])<img/, 'raw HTML leaked into Markdown');
  assert.match(md, /\[evidence\]\(pyvet\.html#finding-abc\)/);
  assert.match(md, /```mermaid/);
  assert.ok(md.includes('| GET | `` /<img src=x onerror=alert(1)>"&\'\\|` `` |'));
});

test('buildArchitecture folds packages beyond 20 boxes into "(other packages)", keeping the biggest', async () => {
  const mods = Array.from({ length: 35 }, (_, i) => {
    const src = `import p${(i + 1) % 35}.m\n` + 'x = 1\n'.repeat(i + 1);
    return { module: `p${i}.m`, path: `p${i}/m.py`, ...briefFile(src, `p${i}/m.py`) };
  });
  const arch = await buildArchitecture(new ModuleIndex(mods), null);
  assert.equal(arch.nodes.length, MAX_NODES);
  const other = arch.nodes.find((n) => n.id === '(other packages)');
  // p0…p15 folded: module pN has N + 2 lines
  assert.deepEqual(other && [other.files, other.loc], [16, Array.from({ length: 16 }, (_, i) => i + 2).reduce((x, y) => x + y, 0)]);
  assert.ok(!arch.nodes.some((n) => n.id === 'p0'), 'the smallest package is folded');
  assert.ok(arch.nodes.some((n) => n.id === 'p34'));
  // p0 → p1 … p34 → p0 is one big cycle, folded boxes included
  assert.equal(arch.cycles.length, 1);
});

test('renderers survive a brief stored by an older pyvet (the dashboard renders old reports)', () => {
  for (const brief of [{}, { name: 'old', description: null, routes: [], tasks: [], schedules: [], integrations: [], commands: [], owners: [], gaps: [] }, { python: {}, settings: {}, architecture: { nodes: [] } }]) {
    const r = reportWith({});
    r.brief = brief as unknown as Brief;
    assert.match(renderBriefMarkdown(r), /^# Handoff brief/);
    assert.match(renderBriefSection(r), /^<section id="brief">/);
    assert.match(renderBriefHtml(r), /^<!doctype html>/);
    assert.match(renderBriefSvg(r) ?? '', /<svg/);
  }
});

test('redactText masks credentials anywhere in quoted text, keeps references and ordinary flags', () => {
  const pw = ['s3', 'cr', 'et', 'Pw9'].join('');
  assert.equal(redactText(`dj_database_url.parse("postgres://app:${pw}@db:5432/app")`), 'dj_database_url.parse("postgres://app:****@db:5432/app")');
  assert.equal(redactText(`x("postgres://app:${pw.slice(0, 4)}…`), 'x("postgres://app:****');
  assert.equal(redactText(`export SERVICE_TOKEN=${pw}`), 'export SERVICE_TOKEN=s3cr…');
  assert.equal(redactText('export TOKEN=$TOKEN'), 'export TOKEN=$TOKEN');
  assert.equal(redactText(`mysql --password=${pw} db`), 'mysql --password=s3cr… db');
  assert.equal(redactText(`curl -H "Authorization: Bearer ${pw}xyz" https://api.x.io`), 'curl -H "Authorization: Bearer s3cr…" https://api.x.io');
  for (const keep of ['docker run -p 8000:8000 app', 'pip install -e .[dev]', 'python manage.py runserver 0.0.0.0:8000', 'https://api.x.io/v1']) assert.equal(redactText(keep), keep);
});

test('a gap quoting source with a password, a README command exporting a token: neither prints the secret', () => {
  const pw = ['rW', 'Rj', 'Ee8H43', 'ncbbv5'].join('');
  const src = `DATABASES = {"default": dj_database_url.parse("postgres://app:${pw}@db.internal:5432/app")}\n`;
  const f = briefFile(src, 'settings.py').facts;
  assert.equal(f.dynamic?.length, 1);
  assert.ok(!JSON.stringify(f.dynamic).includes(pw));
  const cmds = readmeCommands(`\`\`\`sh\nexport API_TOKEN=${pw}\n\`\`\`\n`, 'README.md');
  assert.deepEqual(cmds.map((c) => c.command), ['export API_TOKEN=rWRj…']);
});

test('buildArchitecture opens a package holding most files one level down; deferred imports are drawn, never a cycle', async () => {
  const file = (module: string, path: string, src: string) => ({ module, path, ...briefFile(src, path) });
  const mods = [
    file('shop.orders.models', 'shop/orders/models.py', 'from shop.users.models import User\n'),
    file('shop.users.models', 'shop/users/models.py', 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from shop.orders.models import Order\ndef f():\n    from shop.orders import models\n'),
    file('shop.core', 'shop/core.py', 'x = 1\n'),
    file('tools.x', 'tools/x.py', 'x = 1\n'),
  ];
  const arch = await buildArchitecture(new ModuleIndex(mods), null);
  assert.deepEqual(arch.nodes.map((n) => n.id).sort(), ['shop', 'shop.orders', 'shop.users', 'tools']);
  assert.deepEqual(arch.cycles, []);
  const back = arch.edges.find((e) => e.from === 'shop.users' && e.to === 'shop.orders');
  assert.equal(back?.deferred, true);
  assert.equal(back?.cycle, false);
});
