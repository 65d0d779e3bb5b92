import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, parseJson, TempRepo, BOB, ALICE } from './helpers.js';
import type { ScanReport } from '../src/core/report.js';
import { reportValidator } from './schema.js';

/**
 * A small service with real history by two authors: app.orders ⇄ app.billing import each other,
 * three env vars (one documented in .env.example), `requests` imported but not declared,
 * `flask` declared in requirements.txt but never imported.
 */
function buildService(): TempRepo {
  const repo = new TempRepo();
  repo.commit(
    'Create the service skeleton with orders',
    {
      'requirements.txt': 'flask==3.0.0\npyyaml==6.0.1\n',
      'README.md': '# Orders\n\n## Installation\n\npip install -r requirements.txt\n\n## Usage\n\npython -m app\n',
      '.env.example': 'APP_DB_URL=postgres://localhost/orders\n',
      'app/__init__.py': '',
      'app/orders.py': [
        'import os',
        'import yaml',
        'from app import billing',
        '',
        'DB_URL = os.environ["APP_DB_URL"]',
        '',
        'def load(path):',
        '    with open(path) as fh:',
        '        return yaml.safe_load(fh)',
        '',
        'def total(order):',
        '    if not order:',
        '        return 0',
        '    return sum(i["price"] for i in order["items"] if i) + billing.fee(order)',
        '',
      ].join('\n'),
    },
    { author: ALICE, date: '2026-01-10T10:00:00Z' },
  );
  repo.commit(
    'Add billing with an HTTP call to the payment provider',
    {
      'app/billing.py': [
        'import os',
        'import requests',
        'from .orders import total',
        '',
        'TIMEOUT = int(os.getenv("PAYMENT_TIMEOUT", "30"))',
        '',
        'def fee(order):',
        '    return 1 if order.get("express") else 0',
        '',
        'def charge(order):',
        '    url = os.environ.get("PAYMENT_URL")',
        '    return requests.post(url, json={"amount": total(order)}, timeout=TIMEOUT)',
        '',
      ].join('\n'),
      'tests/test_orders.py': 'from app.orders import total\n\ndef test_empty():\n    assert total({}) == 0\n',
    },
    { author: BOB, date: '2026-01-12T10:00:00Z' },
  );
  repo.commit('fix', { 'app/billing.py': repo.git('show', 'HEAD:app/billing.py').replace('return 1 if', 'return 2 if') }, { author: BOB, date: '2026-01-13T10:00:00Z' });
  return repo;
}

test('pyvet health --format json on a service repository: cycles, env vars, declared vs imported, history', async () => {
  const repo = buildService();
  try {
    const r = await runCli(['health', repo.dir, '--format', 'json']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const doc = parseJson<ScanReport>(r.stdout);
    reportValidator()(doc);
    const h = doc.health!;
    assert.ok(h.score >= 0 && h.score <= 100);
    assert.deepEqual(h.metrics.imports.cycles, [['app.billing', 'app.orders']]);
    assert.deepEqual(h.metrics.imports.undeclared, ['requests']);
    assert.deepEqual(h.metrics.imports.unused, ['flask']);
    assert.deepEqual(h.metrics.imports.edges, [
      ['app.billing', 'app.orders'],
      ['app.orders', 'app.billing'],
      ['tests.test_orders', 'app.orders'],
    ]);
    assert.deepEqual(
      h.metrics.imports.modules.map((m) => [m.module, m.path]),
      [
        ['app', 'app/__init__.py'],
        ['app.billing', 'app/billing.py'],
        ['app.orders', 'app/orders.py'],
        ['tests.test_orders', 'tests/test_orders.py'],
      ],
    );
    assert.deepEqual(
      h.metrics.envVars.map((v) => ({ name: v.name, documented: v.documented, default: v.default, uses: v.uses })),
      [
        { name: 'APP_DB_URL', documented: true, default: null, uses: [{ path: 'app/orders.py', line: 5 }] },
        { name: 'PAYMENT_TIMEOUT', documented: false, default: '30', uses: [{ path: 'app/billing.py', line: 5 }] },
        { name: 'PAYMENT_URL', documented: false, default: null, uses: [{ path: 'app/billing.py', line: 11 }] },
      ],
    );
    assert.deepEqual(
      h.metrics.functions.filter((f) => f.path.startsWith('app/')).map((f) => [f.path, f.name, f.line, f.endLine, f.complexity]),
      [
        ['app/billing.py', 'fee', 7, 8, 2],
        ['app/billing.py', 'charge', 10, 12, 1],
        ['app/orders.py', 'load', 7, 9, 1],
        ['app/orders.py', 'total', 11, 14, 4],
      ],
    );
    const git = h.metrics.git!;
    assert.equal(git.commits, 3);
    assert.equal(git.authors, 2);
    assert.equal(git.firstCommit, '2026-01-10T10:00:00Z');
    assert.equal(git.lastCommit, '2026-01-13T10:00:00Z');
    assert.deepEqual(
      git.files.filter((f) => f.path.startsWith('app/')).map((f) => [f.path, f.churn, f.authors, f.lastChange]),
      [
        ['app/__init__.py', 1, [], '2026-01-10T10:00:00Z'],
        ['app/billing.py', 2, [{ name: BOB.name, lines: 12 }], '2026-01-13T10:00:00Z'],
        ['app/orders.py', 1, [{ name: ALICE.name, lines: 14 }], '2026-01-10T10:00:00Z'],
      ],
    );
    assert.deepEqual(git.hotspots, [
      { path: 'app/orders.py', churn: 1, complexity: 5 },
      { path: 'app/billing.py', churn: 2, complexity: 3 },
    ].sort((a, b) => b.churn * b.complexity - a.churn * a.complexity));
    // Findings: one per cycle, per undocumented variable (with every place read), per package.
    const rules = (id: string) => doc.findings.filter((f) => f.rule === id);
    const cycle = rules('health.import-cycle');
    assert.equal(cycle.length, 1);
    assert.match(cycle[0]!.message, /app\.billing → app\.orders → app\.billing/);
    assert.deepEqual(rules('health.undocumented-env-var').map((f) => [f.path, f.line, f.evidence]), [
      ['app/billing.py', 5, 'app/billing.py:5'],
      ['app/billing.py', 11, 'app/billing.py:11'],
    ]);
    assert.deepEqual(rules('health.undeclared-dependency').map((f) => [f.path, f.line, f.evidence]), [['app/billing.py', 2, 'app/billing.py:2']]);
    assert.deepEqual(rules('health.unused-dependency').map((f) => [f.path, f.line]), [['requirements.txt', 1]]);
    // Every check explains itself; every failed check is a finding or is covered by per-location ones.
    for (const c of h.checks) {
      assert.ok(c.evidence.length > 0, `${c.id} has no evidence`);
      assert.ok(c.score >= 0 && c.score <= 10);
    }
    const hygiene = h.checks.find((c) => c.id === 'history.commit-hygiene')!;
    assert.match(hygiene.evidence.map((e) => e.message).join('\n'), /"fix" \(Bob Example\)/);
    const readme = h.checks.find((c) => c.id === 'docs.readme')!;
    assert.deepEqual(readme.evidence.at(-1), { path: 'README.md', message: 'missing sections: test, configuration' });
  } finally {
    repo.cleanup();
  }
});

test('pyvet health works on a plain folder without git, manifests or tests, and reports syntax errors', async () => {
  const repo = new TempRepo();
  try {
    // Not committed: the folder is a repository without any commit, so history is skipped.
    repo.write('tool.py', 'def ok():\n    return 1\n\ndef broken(:\n    pass\n');
    const r = await runCli(['health', repo.dir, '--format', 'json']);
    const doc = parseJson<ScanReport>(r.stdout);
    assert.equal(doc.health!.metrics.git, null);
    assert.deepEqual(doc.errors.filter((e) => e.path === 'tool.py').map((e) => e.line), [4]);
    assert.ok(doc.health!.metrics.functions.some((f) => f.name === 'ok'));
    assert.ok(doc.health!.checks.filter((c) => c.category === 'history').every((c) => c.status === 'skip'));
  } finally {
    repo.cleanup();
  }
});
