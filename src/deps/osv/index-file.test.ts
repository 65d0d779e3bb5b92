import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { BUNDLED_DB, databaseFromZip, INDEX_SUFFIX, loadDatabase, OsvDatabase, zipKey } from './database.js';
import { readIndex } from './index-file.js';
import { describe } from './advisory.js';
import type { OsvRecord } from './types.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pyvet-osv-index-'));

test('the index gives the same matches, fixes, severities and summaries as the zip itself', () => {
  const dir = tmp();
  const zip = path.join(dir, 'db.zip');
  copyFileSync(BUNDLED_DB, zip);
  const env = { PYVET_CACHE_DIR: path.join(dir, 'cache') };
  loadDatabase(zip, env);
  assert.ok(existsSync(zip + INDEX_SUFFIX), 'written beside the zip');
  const indexed = readIndex(zip + INDEX_SUFFIX, zipKey(readFileSync(zip)));
  assert.ok(indexed);
  const plain = databaseFromZip(readFileSync(zip), zip);
  assert.deepEqual(indexed.packages(), plain.packages());
  // Provenance travels in the header, beside the counts: an indexed run has no texts to count.
  assert.deepEqual(indexed.stats, { ...plain.stats, contents: plain.contents });
  const names = plain.packages().sort();
  for (let i = 0; i < names.length; i += 7) {
    const name = names[i]!;
    const a = plain.package(name);
    const recs: OsvRecord[] = indexed.recordsOf(name);
    assert.deepEqual(recs.map((r) => [r.id, describe(r)]), plain.recordsOf(name).map((r) => [r.id, describe(r)]), name);
    const b = loadDatabase(zip, env).package(name);
    assert.deepEqual(b.namedVersions(), a.namedVersions(), `${name} named versions`);
    for (const v of [...a.namedVersions(), '0.0.1', '99.0']) {
      assert.deepEqual(b.affecting(v).map((r) => r.id), a.affecting(v).map((r) => r.id), `${name} ${v}`);
      assert.equal(b.smallestFix(v), a.smallestFix(v), `${name} ${v} fix`);
    }
  }
});

test('a corrupt or stale index is ignored and rewritten, never trusted', () => {
  const dir = tmp();
  const zip = path.join(dir, 'db.zip');
  copyFileSync(BUNDLED_DB, zip);
  const key = zipKey(readFileSync(zip));
  const env = { PYVET_CACHE_DIR: path.join(dir, 'cache') };
  loadDatabase(zip, env);
  const good = readFileSync(zip + INDEX_SUFFIX);
  const bad = Buffer.from(good);
  bad[bad.length - 10] = bad[bad.length - 10]! ^ 1;
  writeFileSync(zip + INDEX_SUFFIX, bad);
  assert.equal(readIndex(zip + INDEX_SUFFIX, key), null, 'a flipped byte in the body fails the hash');
  assert.equal(readIndex(zip + INDEX_SUFFIX, `${key}x`), null, 'another database');
  writeFileSync(zip + INDEX_SUFFIX, 'not an index');
  assert.equal(readIndex(zip + INDEX_SUFFIX, key), null);
  // A second copy at another path loads through the bad index and replaces it.
  const zip2 = path.join(dir, 'db2.zip');
  copyFileSync(zip, zip2);
  writeFileSync(zip2 + INDEX_SUFFIX, bad);
  assert.equal(loadDatabase(zip2, env).recordsOf('django').length, databaseFromZip(readFileSync(zip2), zip2).recordsOf('django').length);
  assert.ok(readIndex(zip2 + INDEX_SUFFIX, key), 'rewritten');
});

test('when the index cannot be written beside the zip it goes to the cache dir', () => {
  const dir = tmp();
  const zip = path.join(dir, 'db.zip');
  copyFileSync(BUNDLED_DB, zip);
  mkdirSync(zip + INDEX_SUFFIX); // a folder in the way: the rename fails as on a read-only install
  const cache = path.join(dir, 'cache');
  const db = loadDatabase(zip, { PYVET_CACHE_DIR: cache });
  assert.ok(db.package('django').affecting('2.2.3').length > 20);
  const key = zipKey(readFileSync(zip));
  const shared = path.join(cache, 'osv-index', `${key.replace(/[^0-9a-z]/gi, '_')}${INDEX_SUFFIX}`);
  assert.ok(readIndex(shared, key));
});

test('the build validates every record: malformed ones of packages nobody matched are in the header for every later load', () => {
  const dir = tmp();
  const zip = path.join(dir, 'db.zip');
  const enc = (s: string) => new TextEncoder().encode(s);
  const rec = (id: string, name: string, extra = '') => enc(`{"id":"${id}",${extra}"affected":[{"package":{"ecosystem":"PyPI","name":"${name}"},"versions":["1.0"]}]}`);
  const entries: Record<string, Uint8Array> = { 'good.json': rec('GOOD-1', 'flask'), 'bad.json': rec('BAD-1', 'unused-pkg', '"aliases":"CVE-1",') };
  for (let i = 0; i < 12; i++) entries[`junk${i}.json`] = enc(`{"id":"J-${i}","summary":1}`);
  writeFileSync(zip, zipSync(entries));
  const env = { PYVET_CACHE_DIR: path.join(dir, 'cache') };
  const first = loadDatabase(zip, env).problems;
  assert.ok(first.includes('record BAD-1: aliases is not a list of strings; skipped'), first.join('\n'));
  assert.equal(first.length, 11, 'ten listed, then how many more');
  assert.match(first.at(-1)!, /^3 more malformed entries skipped/);
  const idx = readIndex(zip + INDEX_SUFFIX, zipKey(readFileSync(zip)));
  assert.equal(idx?.malformed.count, 13);
  // A later process reads only the header, and reports the same.
  const later = new OsvDatabase(zip, idx!);
  assert.deepEqual(later.problems, first);
  assert.deepEqual(later.recordsOf('flask').map((r) => r.id), ['GOOD-1']);
});
