import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency } from '../src/deps/types.js';
import { openPostgresStore } from '../src/store/postgres.js';
import { startServer } from '../src/server/index.js';
import { emptyReport, finding } from './report-fixtures.js';
import { freshDatabase, PG_SKIP } from './pg.js';

const dep = (name: string, version: string | null): Dependency => ({ name, version, specifier: version ? `==${version}` : '', kind: 'runtime', group: 'main', path: 'requirements.txt', line: 1 }) as unknown as Dependency;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

test('dashboard over PostgreSQL: the fleet ranked by risk, new criticals since yesterday, queries across repositories', { skip: PG_SKIP }, async () => {
  const db = await freshDatabase();
  const store = await openPostgresStore(db.url);
  const secret = finding({ rule: 'secret.aws-access-key', severity: 'critical', path: 'conf.py', message: 'AWS key AKIA…' });
  const old = finding({ rule: 'deps.vulnerable', severity: 'critical', path: 'requirements.txt', message: 'requests 2.19.0: CVE-2018-18074' });
  try {
    // shop: a critical known since two days ago and one new today; bus factor 1.
    await store.recordScan(emptyReport({ scannedAt: hoursAgo(48), commit: 'a1', findings: [old], dependencies: [dep('requests', '2.19.0')] }), 'https://git.example/shop.git');
    await store.recordScan(
      emptyReport({ scannedAt: hoursAgo(1), commit: 'a2', findings: [old, secret], dependencies: [dep('requests', '2.19.0'), dep('flask', null)], health: { metrics: { git: { busFactor: 1 } } } as never }),
      'https://git.example/shop.git',
    );
    // blog: clean, newer requests, bus factor 3.
    await store.recordScan(emptyReport({ scannedAt: hoursAgo(2), commit: 'b1', dependencies: [dep('requests', '2.31.0')], health: { metrics: { git: { busFactor: 3 } } } as never }), 'https://git.example/blog.git');
    // <img src=x>: a name that must stay text.
    await store.recordScan(emptyReport({ scannedAt: hoursAgo(3), commit: 'c1', findings: [finding({ rule: 'health.bare-except', severity: 'medium' })] }), '/srv/<img src=x>');

    const server = await startServer({ store: db.url, port: 0 });
    try {
      const get = async (p: string) => {
        const res = await fetch(new URL(p, server.url));
        return { status: res.status, text: await res.text() };
      };
      const api = async (p: string) => JSON.parse((await get(p)).text) as { name: string }[];
      const names = async (p: string) => (await api(p)).map((r) => r.name);

      assert.equal((await names('/api/fleet'))[0], 'shop', 'the repository with criticals ranks first');
      assert.deepEqual(await names('/api/fleet?sort=name'), ['<img src=x>', 'blog', 'shop']);
      assert.deepEqual(await names('/api/fleet?dep=requests'), ['shop', 'blog']);
      assert.deepEqual(await names('/api/fleet?dep=Requests&range=%3C2.20'), ['shop'], 'names normalised; a PEP 440 range filters pinned versions');
      assert.deepEqual(await names('/api/fleet?dep=flask&range=%3E%3D1'), [], 'an unpinned dependency matches no range');
      assert.equal((await get('/api/fleet?dep=requests&range=banana')).status, 400);
      assert.deepEqual(await names('/api/fleet?rule=health.bare-except'), ['<img src=x>']);
      assert.deepEqual(await names('/api/fleet?bus=1'), ['shop']);
      assert.deepEqual(await names('/api/fleet?severity=critical'), ['shop']);
      const fresh = (await api('/api/fleet/new-criticals')) as unknown as { name: string; rule: string }[];
      assert.deepEqual(fresh.map((f) => [f.name, f.rule]), [['shop', 'secret.aws-access-key']], 'only the critical that yesterday\'s scan lacked');

      const page = await get('/?dep=requests');
      assert.equal(page.status, 200);
      assert.match(page.text, /New criticals since yesterday \(1\)/);
      assert.match(page.text, /requests 2\.19\.0/);
      const home = await get('/');
      assert.match(home.text, /&lt;img src=x&gt;/, 'repository names are escaped');
      assert.doesNotMatch(home.text, /<img src=x>/);
      assert.equal((await get('/repo/1')).status, 200, 'the per-repository pages work on PostgreSQL too');
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    await db.drop();
  }
});
