import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLED_DB, loadDatabase } from './database.js';
import { PackageIndex } from './package-index.js';
import type { OsvRecord } from './types.js';
import { aliasGroups } from './advisory.js';

// Oddities found by reading every record of data/osv/PyPI-all.zip: 70 ranges list their events out
// of version order, 4 of them name one version twice (a `fixed` where the next interval is
// `introduced`), one uses last_affected, one affected entry has only a versions list, 10 records are
// withdrawn, 650 CVE/GHSA ids are shared by several records. The snapshot has no `limit` event.
const db = loadDatabase(BUNDLED_DB);
const ids = (pkg: string, v: string) => db.package(pkg).affecting(v).map((r) => r.id).sort();

test('unsorted events whose intervals meet (PYSEC-2022-42972: apache-iotdb [0.12.2, 0.13.0) and [0.13.0, 0.14.0rc1))', () => {
  for (const v of ['0.12.2', '0.12.6', '0.13.0', '0.13.0.post1', '0.13.3']) assert.ok(ids('apache-iotdb', v).includes('PYSEC-2022-42972'), v);
  for (const v of ['0.12.1', '0.14.0rc1', '0.14.0']) assert.ok(!ids('apache-iotdb', v).includes('PYSEC-2022-42972'), v);
});

test('three unsorted intervals with a shared boundary (PYSEC-2022-236 and PYSEC-2023-72: pyspark)', () => {
  // PYSEC-2022-236: [0, 3.1.1) ∪ [3.2.0, 3.2.2) ∪ [3.1.1, 3.1.3), listed in that order.
  for (const v of ['3.0.3', '3.1.1', '3.1.2', '3.2.0', '3.2.1']) assert.ok(ids('pyspark', v).includes('PYSEC-2022-236'), v);
  for (const v of ['3.1.3', '3.2.2', '3.3.0']) assert.ok(!ids('pyspark', v).includes('PYSEC-2022-236'), v);
  // PYSEC-2023-72: [0, 3.1.1) ∪ [3.2.0, 3.2.2) ∪ [3.1.1, 3.2.0): everything below 3.2.2.
  for (const v of ['3.1.1', '3.1.3', '3.1.9', '3.2.1']) assert.ok(ids('pyspark', v).includes('PYSEC-2023-72'), v);
  assert.ok(!ids('pyspark', '3.2.2').includes('PYSEC-2023-72'));
});

function index(events: Record<string, string>[][], versions?: string[]): PackageIndex {
  const rec: OsvRecord = {
    id: 'TEST-EVAL-1',
    affected: [{ package: { ecosystem: 'PyPI', name: 'pkg' }, ranges: events.map((e) => ({ type: 'ECOSYSTEM', events: e })), ...(versions ? { versions } : {}) }],
  };
  return new PackageIndex('pkg', [rec]);
}

const hits = (idx: PackageIndex, vs: string[]) => vs.filter((v) => idx.affecting(v).length > 0);

test('a limit bounds the whole range, as the schema\'s BeforeLimits: events past it never re-open it', () => {
  const idx = index([[{ introduced: '0' }, { limit: '2.0' }, { introduced: '3.0' }]]);
  assert.deepEqual(hits(idx, ['1.0', '1.9', '2.0', '3.0', '3.5']), ['1.0', '1.9']);
  const two = index([[{ introduced: '1.0' }, { limit: '1.5' }, { limit: '2.5' }]]);
  assert.deepEqual(hits(two, ['0.9', '1.0', '2.4', '2.5']), ['1.0', '2.4'], 'below any one of several limits');
  const star = index([[{ introduced: '1.0' }, { limit: '*' }]]);
  assert.deepEqual(hits(star, ['0.9', '1.0', '99']), ['1.0', '99'], '"*" is infinity');
});

test('last_affected and introduced at one version: that version alone', () => {
  const idx = index([[{ introduced: '2.0' }, { last_affected: '2.0' }]]);
  assert.deepEqual(hits(idx, ['1.9', '2.0', '2.0.post1', '2.1']), ['2.0']);
});

test('an affected entry with only a versions list matches those versions and nothing between them', () => {
  const idx = index([], ['1.0', '1.2']);
  assert.deepEqual(hits(idx, ['1.0', '1.0.0', '1.1', '1.2', '1.3']), ['1.0', '1.0.0', '1.2']);
  // PEP 440 equality, whatever the spelling on either side (the list ranked with the events).
  assert.deepEqual(hits(index([], ['v1.0', '2.0-RC1', '0']), ['1', '1.0.0', '2.0rc1', '2.0.0.rc1', '0.0', '1.0.post0', '1.0+local']), ['1', '1.0.0', '2.0rc1', '2.0.0.rc1', '0.0']);
  assert.deepEqual(index([], ['0', '1.0']).namedVersions(), ['1.0'], 'a listed "0" is not named, as an introduced "0" is not');
});

test('withdrawn records never match (the snapshot withdraws 10; PYSEC-2022-15 on loguru)', () => {
  assert.ok(!ids('loguru', '0.5.3').includes('PYSEC-2022-15'));
  const idx = new PackageIndex('pkg', [{ id: 'W-1', withdrawn: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'pkg' }, versions: ['1.0'] }] }]);
  assert.deepEqual(idx.affecting('1.0'), []);
});

test('shared and repeated aliases: records naming one CVE merge under the PYSEC id; a repeated alias changes nothing', () => {
  // The snapshot has 650 CVE/GHSA ids named by more than one record; on accesscontrol, PYSEC-2021-335
  // and PYSEC-2021-370 both name GHSA-qcx9-j53g-ccgf.
  const groups = aliasGroups(db.recordsOf('accesscontrol'));
  const a = groups.get('PYSEC-2021-335');
  const b = groups.get('PYSEC-2021-370');
  assert.ok(a && b);
  assert.equal(a.primary, b.primary);
  assert.equal(a.primary, 'PYSEC-2021-335', 'the smallest PYSEC id leads');
  assert.ok(a.ids.includes('CVE-2021-32807') && a.ids.includes('CVE-2021-32811'));
  const twice: OsvRecord[] = [
    { id: 'PYSEC-9-1', aliases: ['CVE-9-1', 'CVE-9-1', 'GHSA-x'], affected: [] },
    { id: 'GHSA-x', aliases: ['CVE-9-1'], affected: [] },
  ];
  const g = aliasGroups(twice);
  assert.equal(g.get('GHSA-x')!.primary, 'PYSEC-9-1');
  assert.deepEqual(g.get('PYSEC-9-1')!.ids, ['CVE-9-1', 'GHSA-x', 'PYSEC-9-1']);
});
