import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '@renovatebot/pep440';
import { isNormal, sortVersions, spellings, versionKey } from './version-order.js';
import { BUNDLED_DB, loadDatabase } from './database.js';

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

test('normal-form spellings: a normal-form string equals a version exactly when it is one of its spellings', () => {
  assert.deepEqual(spellings(versionKey('1.0')!).slice(0, 3), ['1', '1.0', '1.0.0']);
  assert.deepEqual(spellings(versionKey('2.0.0rc1')!).slice(0, 3), ['2rc1', '2.0rc1', '2.0.0rc1']);
  assert.ok(spellings(versionKey('1!1.0.post2.dev3')!).includes('1!1.0.post2.dev3'));
  assert.ok(spellings(versionKey('V1.0-RC1')!).includes('1.0rc1'), 'the library reads other spellings');
  assert.deepEqual(spellings(versionKey('1.0+local')!), [], 'a local version equals no normal-form string');
  for (const v of ['1.0', '2.2.3rc1', '0.5.post1', '1.0.dev0']) assert.ok(isNormal(v), v);
  for (const v of ['01.0', '1.0-rc1', 'v1.0', '1.0RC1', '1.0.0.0.0.0.0.0.0', '1!1.0', '1.0+abc']) assert.ok(!isNormal(v), v);
  const all = ['1', '1.0', '1.0.0', '1.0rc1', '1.0.post1', '1.1', '1.0.1'];
  for (const a of all) {
    for (const b of all) assert.equal(spellings(versionKey(a)!).includes(b), compare(a, b) === 0, `${a} vs ${b}`);
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
