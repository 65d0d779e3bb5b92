import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLED_DB, loadDatabase, OsvDatabase } from './database.js';
import { PackageIndex } from './package-index.js';
import { aliasGroups, severityOf, summaryOf } from './advisory.js';
import type { OsvRecord } from './types.js';

// Every expectation below was checked by hand against the record in data/osv/PyPI-all.zip
// (`unzip -p data/osv/PyPI-all.zip PYSEC-….json`).
const db = loadDatabase(BUNDLED_DB);
const ids = (pkg: string, v: string) => db.package(pkg).affecting(v).map((r) => r.id).sort();

test('introduced/fixed in two branches (PYSEC-2021-335: accesscontrol 4.0–4.3, 5.0–5.2)', () => {
  assert.ok(ids('accesscontrol', '4.2').includes('PYSEC-2021-335'));
  assert.ok(ids('accesscontrol', '5.1').includes('PYSEC-2021-335'));
  assert.ok(ids('AccessControl', '4.0.0').includes('PYSEC-2021-335'), 'PEP 503 name; 4.0.0 equals the event 4.0');
  assert.ok(ids('accesscontrol', '4.2.post1').includes('PYSEC-2021-335'), 'a post-release of 4.2 is still before 4.3');
  assert.ok(ids('accesscontrol', '5.2rc1').includes('PYSEC-2021-335'), 'a pre-release of the fix is before the fix');
  for (const v of ['3.9', '4.3', '4.3.0', '5.2', '6.0']) assert.ok(!ids('accesscontrol', v).includes('PYSEC-2021-335'), v);
});

test('last_affected is inclusive (PYSEC-2022-42969: py from the start through 1.11.0)', () => {
  // PYSEC-2020-92 also affects py from the start, fixed in 1.10.0.
  assert.deepEqual(ids('py', '0.9.0'), ['PYSEC-2020-92', 'PYSEC-2022-42969']);
  assert.deepEqual(ids('py', '1.10.0'), ['PYSEC-2022-42969']);
  assert.deepEqual(ids('py', '1.11.0'), ['PYSEC-2022-42969']);
  assert.deepEqual(ids('py', '1.11'), ['PYSEC-2022-42969']);
  assert.deepEqual(ids('py', '1.11.0.post1'), []);
  assert.deepEqual(ids('py', '1.12.0'), []);
  assert.equal(db.package('py').smallestFix('1.11.0'), null, 'nothing above last_affected is named, so no fix is known');
});

test('range events without a versions list: last_affected inclusive, limit exclusive, events in any order', () => {
  // The snapshot's records also list every affected version, which would hide a wrong range reading.
  const rec: OsvRecord = {
    id: 'TEST-RANGE-1',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'ranged' },
        ranges: [
          { type: 'ECOSYSTEM', events: [{ last_affected: '1.4' }, { introduced: '1.0' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '2.0' }, { limit: '2.5' }] },
          { type: 'ECOSYSTEM', events: [{ fixed: '3.2' }, { introduced: '3.0' }, { fixed: '4.1' }, { introduced: '4.0' }] },
        ],
      },
    ],
  };
  const idx = new PackageIndex('ranged', [rec]);
  const hit = (v: string) => idx.affecting(v).length === 1;
  assert.deepEqual(
    ['0.9', '1.0', '1.4', '1.4.0', '1.4.post1', '1.5', '2.0', '2.4.9', '2.5', '3.0', '3.1.9', '3.2', '3.9', '4.0', '4.0.5', '4.1', '5.0'].filter(hit),
    ['1.0', '1.4', '1.4.0', '2.0', '2.4.9', '3.0', '3.1.9', '4.0', '4.0.5'],
  );
  assert.equal(idx.smallestFix('1.2'), '2.5', 'last_affected names no fix; 2.5 (a limit) is the first clean named version');
  assert.equal(idx.smallestFix('3.1'), '3.2');
});

test('versions list only (PYSEC-2024-1: gratient 0.5), PEP 440 equality', () => {
  assert.deepEqual(ids('gratient', '0.5'), ['PYSEC-2024-1']);
  assert.deepEqual(ids('gratient', '0.5.0'), ['PYSEC-2024-1']);
  assert.deepEqual(ids('gratient', '0.5.1'), []);
  assert.deepEqual(ids('gratient', '0.4'), []);
});

test('withdrawn records are skipped (PYSEC-2022-15 on loguru), live ones still match (PYSEC-2022-14)', () => {
  assert.ok(db.recordsOf('loguru').some((r) => r.id === 'PYSEC-2022-15' && r.withdrawn));
  assert.deepEqual(ids('loguru', '0.5.0'), ['PYSEC-2022-14']);
  assert.deepEqual(ids('loguru', '0.5.3'), []);
});

test('pre-releases as range events (PYSEC-2021-671: tensorflow-gpu fixed 2.2.0rc0, re-introduced 2.2.0)', () => {
  const has = (v: string) => ids('tensorflow-gpu', v).includes('PYSEC-2021-671');
  assert.ok(has('2.1.0'));
  assert.ok(!has('2.2.0rc0'));
  assert.ok(!has('2.2.0rc1'), 'between the fix 2.2.0rc0 and the re-introduction 2.2.0');
  assert.ok(has('2.2.0'));
  assert.ok(!has('2.3.0rc0'));
  assert.ok(has('2.3.3'));
  assert.ok(!has('2.3.4'));
});

test('post-releases as fixes (PYSEC-2012-1: beaker fixed in 1.6.5.post1)', () => {
  assert.ok(ids('beaker', '1.6.5').includes('PYSEC-2012-1'));
  assert.ok(!ids('beaker', '1.6.5.post1').includes('PYSEC-2012-1'));
  assert.deepEqual(db.package('beaker').fixedBy(db.recordsOf('beaker').find((r) => r.id === 'PYSEC-2012-1')!), ['1.6.5.post1']);
});

test('epochs order above every epoch-0 version (the snapshot has none: a record built here)', () => {
  const rec: OsvRecord = {
    id: 'TEST-EPOCH-1',
    affected: [{ package: { ecosystem: 'PyPI', name: 'Epoch_Pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1!1.0' }] }] }],
  };
  const idx = new PackageIndex('epoch-pkg', [rec]);
  assert.equal(idx.affecting('2024.1').length, 1, 'epoch 0 is below 1!1.0');
  assert.equal(idx.affecting('1!0.9').length, 1);
  assert.equal(idx.affecting('1!1.0').length, 0);
  assert.equal(idx.smallestFix('2024.1'), '1!1.0');
});

test('GIT ranges are ignored; unparseable versions never crash and match only verbatim', () => {
  const rec: OsvRecord = {
    id: 'TEST-GIT-1',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'odd' },
        ranges: [
          { type: 'GIT', events: [{ introduced: '0' }, { fixed: 'deadbeef' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: 'not a version' }, { fixed: '2.0' }] },
        ],
        versions: ['0.9-doduo'],
      },
    ],
  };
  const idx = new PackageIndex('odd', [rec]);
  assert.equal(idx.affecting('0.9-doduo').length, 1);
  assert.equal(idx.affecting('1.5').length, 0, 'the unreadable introduced event is dropped, so the range never opens');
  assert.equal(idx.affecting('garbage!!').length, 0);
  // Real record with non-PEP 440 versions in its list (PYSEC-2008-8).
  const pkg = db.recordsOf('moin').length ? 'moin' : null;
  if (pkg) assert.doesNotThrow(() => db.package(pkg).affecting('0.9-doduo'));
});

test('smallest fix clears every advisory of the package, not only one (django 2.2.3 → 2.2.28)', () => {
  const django = db.package('django');
  assert.ok(django.affecting('2.2.3').length > 20);
  assert.equal(django.smallestFix('2.2.3'), '2.2.28');
  assert.deepEqual(django.affecting('2.2.28'), []);
  assert.ok(django.affecting('2.2.27').length > 0);
});

test('admitted: a range counts the advisory-named versions it lets in that are vulnerable', () => {
  const gr = db.package('gratient');
  assert.deepEqual(gr.admitted(['>=0.4']).versions, ['0.5']);
  assert.deepEqual(gr.admitted(['>=0.6']).versions, []);
  assert.deepEqual(gr.admitted(['']).records.map((r) => r.id), ['PYSEC-2024-1']);
  const tf = db.package('tensorflow-gpu');
  assert.ok(!tf.admitted(['>=2.2.0rc0,<2.2.0']).versions.some((v) => v.includes('rc')), 'pre-releases are not admitted unless named');
});

test('alias groups: records naming each other or a shared CVE/GHSA merge; the PYSEC id leads', () => {
  const recs: OsvRecord[] = [
    { id: 'PYSEC-2021-370', aliases: ['CVE-2021-32811', 'GHSA-g4gq-j4p2-j8fr'] },
    { id: 'GHSA-g4gq-j4p2-j8fr', aliases: ['CVE-2021-32811'] },
    { id: 'PYSEC-2021-999', aliases: ['CVE-2021-00000'] },
  ];
  const g = aliasGroups(recs);
  assert.equal(g.get('GHSA-g4gq-j4p2-j8fr')!.primary, 'PYSEC-2021-370');
  assert.deepEqual(g.get('PYSEC-2021-370')!.ids, ['CVE-2021-32811', 'GHSA-g4gq-j4p2-j8fr', 'PYSEC-2021-370']);
  assert.equal(g.get('PYSEC-2021-999')!.primary, 'PYSEC-2021-999');
});

test('severity from the CVSS vector, a database label, or unknown; summary falls back to details', () => {
  assert.deepEqual(severityOf({ id: 'X', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }), { severity: 'critical', score: 9.8 });
  assert.deepEqual(severityOf({ id: 'X', database_specific: { severity: 'MODERATE' } }), { severity: 'medium', score: null });
  assert.deepEqual(severityOf({ id: 'X' }), { severity: 'unknown', score: null });
  assert.equal(summaryOf({ id: 'X', details: 'Django before 1.0 allows things. More text follows here.' }), 'Django before 1.0 allows things.');
  // PYSEC-2023-128 (keylime) carries CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:N/I:L/A:N.
  const keylime = db.recordsOf('keylime').find((r) => r.id === 'PYSEC-2023-128')!;
  assert.deepEqual(severityOf(keylime), { severity: 'low', score: 2.8 });
});

test('database: counts, PyPI only, names normalized', () => {
  assert.equal(db.stats.records, 2661);
  assert.equal(db.stats.withdrawn, 10);
  assert.equal(db.stats.packages, 664);
  const mixed = new OsvDatabase('mem', [
    { id: 'A', affected: [{ package: { ecosystem: 'npm', name: 'left-pad' } }] },
    { id: 'B', modified: '2024-01-02T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'Py_YAML' } }] },
  ]);
  assert.deepEqual(mixed.packages(), ['py-yaml']);
  assert.equal(mixed.recordsOf('py.yaml').length, 1);
  assert.equal(mixed.stats.newestModified, '2024-01-02T00:00:00Z');
});
