import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '@renovatebot/pep440';
import { compareKeys, isNormal, orderKey, sortVersions, versionKey } from './version-order.js';
import { readFileSync } from 'node:fs';
import { BUNDLED_DB, databaseFromZip, loadDatabase } from './database.js';

const sort = (vs: string[]) => sortVersions(vs.map((v) => ({ v, key: versionKey(v)! })));

test('sorted as the PEP 440 library orders them, equal versions grouped', () => {
  const vs = ['1.0.post1', '1.0', '1.0.0', '1.0rc1', '1.0a2', '1.0.dev3', '1.0a2.dev1', '0.9', '1!0.1', '2.0b1', '10.0', '1.0.post1.dev2', 'v1.1', '1.0-RC2'];
  const groups = sort(vs);
  const flat = groups.flat();
  for (let i = 1; i < flat.length; i++) assert.ok(compare(flat[i - 1]!, flat[i]!) <= 0, `${flat[i - 1]} <= ${flat[i]}`);
  assert.deepEqual(groups.find((g) => g.includes('1.0')), ['1.0', '1.0.0']);
  assert.equal(flat[flat.length - 1], '1!0.1');
});

test('local versions sort among the others', () => {
  const groups = sort(['1.0+abc', '1.0', '0.9+local.1', '1.1']);
  assert.deepEqual(groups.flat(), ['0.9+local.1', '1.0', '1.0+abc', '1.1']);
});

test('normal form: the usual spelling of a version, at most 8 release components', () => {
  for (const v of ['1.0', '2.2.3rc1', '0.5.post1', '1.0.dev0']) assert.ok(isNormal(v), v);
  for (const v of ['01.0', '1.0-rc1', 'v1.0', '1.0RC1', '1.0.0.0.0.0.0.0.0', '1!1.0', '1.0+abc']) assert.ok(!isNormal(v), v);
});

test('the sort key compares as the library does, on every version string of the snapshot and odd spellings', () => {
  // The zip's records: the index keeps the versions lists as ranks only.
  const db = databaseFromZip(readFileSync(BUNDLED_DB), BUNDLED_DB);
  const all = new Set(['1.0+abc', '1.0+abc.2', '1.0+abc.10', '1.0+2', '1.0.dev1', '1.0a1.dev1', '1.0.post1.dev1', '1!0.1', 'V1.0-RC1', '1.0-1', '1.0c1', '1.0pre2', '1.0.0.0.0.0.0.0.0']);
  for (const name of db.packages()) {
    for (const r of db.recordsOf(name)) {
      for (const a of r.affected ?? []) {
        for (const v of a.versions ?? []) all.add(v);
        for (const rg of a.ranges ?? []) for (const e of rg.events) for (const v of Object.values(e)) all.add(v);
      }
    }
  }
  const vs = [...all].filter((v) => orderKey(v) !== null);
  assert.ok(vs.length > 10000);
  const bySign = (n: number) => Math.sign(n);
  // The same stable sort with either comparison gives the same order.
  const mine = [...vs].sort((a, b) => compareKeys(orderKey(a)!, orderKey(b)!));
  assert.deepEqual(mine, [...vs].sort(compare));
  let seed = 11;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  // Random pairs, and neighbours in the order (where equal and nearly equal versions meet).
  for (let i = 0; i < 20000; i++) {
    const j = rnd(mine.length - 1);
    const [a, b] = i % 4 ? [vs[rnd(vs.length)]!, vs[rnd(vs.length)]!] : [mine[j]!, mine[j + 1]!];
    assert.equal(bySign(compareKeys(orderKey(a)!, orderKey(b)!)), bySign(compare(a, b)), `${a} vs ${b}`);
  }
});

test('versions PEP 440 cannot read have no key', () => {
  assert.equal(versionKey('0.7.4.svn.r2010'), null);
  assert.equal(versionKey('not a version'), null);
  assert.ok(versionKey('2.0.0'));
});

test('every package of the snapshot: the index order agrees with the library on each adjacent pair', () => {
  const db = loadDatabase(BUNDLED_DB);
  let pairs = 0;
  for (const name of db.packages()) {
    for (const vs of [db.package(name).versions, db.package(name).namedVersions()]) {
      for (let i = 1; i < vs.length; i++, pairs++) assert.ok(compare(vs[i - 1]!, vs[i]!) < 0, `${name}: ${vs[i - 1]} < ${vs[i]}`);
    }
  }
  assert.ok(pairs > 30000);
});
