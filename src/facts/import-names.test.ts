import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { distributionsFor, normalizeDist } from './import-names.js';
import { PACKAGE_ROOT } from '../version.js';

test('well-known import names map to their distribution, the most downloaded first', () => {
  const pairs: [string, string][] = [
    ['PIL', 'pillow'],
    ['yaml', 'pyyaml'],
    ['sklearn', 'scikit-learn'],
    ['cv2', 'opencv-python'],
    ['bs4', 'beautifulsoup4'],
    ['dateutil', 'python-dateutil'],
    ['jwt', 'pyjwt'],
    ['google', 'protobuf'],
    ['attr', 'attrs'],
    ['OpenSSL', 'pyopenssl'],
    ['grpc', 'grpcio'],
    ['strawberry', 'strawberry-graphql'],
    ['social_django', 'social-auth-app-django'],
    ['taggit', 'django-taggit'],
  ];
  for (const [name, dist] of pairs) assert.equal(distributionsFor(name)[0], dist, name);
  // Every provider of a shared name is a candidate.
  assert.ok(distributionsFor('cv2').includes('opencv-python-headless'));
  assert.ok(distributionsFor('google').includes('google-cloud-storage'));
  assert.ok(distributionsFor('ninja').includes('django-ninja'));
  assert.ok(distributionsFor('airflow').includes('apache-airflow'));
  // A name shipped by mistake (a top-level tests package) is nobody's import name.
  assert.deepEqual(distributionsFor('tests'), ['tests']);
});

test('the table covers at least 1,000 of the 5,000 most downloaded projects whose import name differs, and names its sources', () => {
  const doc = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'data', 'import-names.json'), 'utf8')) as {
    source: string[];
    imports: Record<string, string[]>;
  };
  const top = readFileSync(path.join(PACKAGE_ROOT, 'data', 'top-pypi-packages.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => normalizeDist(l.trim()));
  const differs = new Set<string>();
  for (const [name, dists] of Object.entries(doc.imports)) for (const d of dists) if (d !== normalizeDist(name)) differs.add(d);
  assert.ok(top.slice(0, 5000).filter((d) => differs.has(d)).length >= 1000);
  for (const s of ['replit/upm', 'python/typeshed', 'pyodide/pyodide-recipes']) assert.ok(doc.source.some((l) => l.includes(s)), s);
});
