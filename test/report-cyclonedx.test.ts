import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { pypiPurl, renderCycloneDx } from '../src/report/cyclonedx.js';
import { emptyReport, fullReport, hostileReport } from './report-fixtures.js';

const require = createRequire(import.meta.url);
const schemaDir = path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The library's bundled 1.5 schema with its SPDX and JSF references, compiled offline with ajv (draft-07). */
function validator() {
  const load = (f: string, id: string) => ({ ...(JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')) as object), $id: id });
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // ajv-formats has no IRI or IDN checks; accept them rather than have ajv warn on every compile.
  for (const f of ['iri-reference', 'idn-email']) ajv.addFormat(f, true);
  // The BOM schema refers to its siblings by their SNAPSHOT file names, relative to its own $id.
  ajv.addSchema(load('spdx.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json'));
  ajv.addSchema(load('jsf-0.82.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json'));
  return ajv.compile(load('bom-1.5.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/bom-1.5.schema.json'));
}

const validate = validator();

function assertValid(doc: unknown): void {
  const ok = validate(doc);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

interface Bom {
  specVersion: string;
  components: { name: string; version?: string; purl: string; 'bom-ref': string }[];
  vulnerabilities: { id: string; ratings: { severity: string; score?: number }[]; affects: { ref: string }[]; recommendation: string; references?: { id: string }[] }[];
}

test('purl: pypi names normalized, versions percent-encoded', () => {
  assert.equal(pypiPurl('Django_REST.framework', '3.14.0'), 'pkg:pypi/django-rest-framework@3.14.0');
  assert.equal(pypiPurl('torch', '2.1.0+cu118'), 'pkg:pypi/torch@2.1.0%2Bcu118');
  assert.equal(pypiPurl('requests', null), 'pkg:pypi/requests');
});

test('SBOM of a full report is valid CycloneDX 1.5 with components, vulnerabilities, ratings, affects and the fix', () => {
  const text = renderCycloneDx(fullReport());
  const bom = JSON.parse(text) as Bom;
  assertValid(bom);
  assert.equal(bom.specVersion, '1.5');
  assert.deepEqual(bom.components.map((c) => c.purl).sort(), ['pkg:pypi/flask@3.0.0', 'pkg:pypi/pytest', 'pkg:pypi/requests@2.19.0']);
  const ghsa = bom.vulnerabilities.find((v) => v.id === 'GHSA-x84v-xcm2-53pg')!;
  assert.deepEqual(ghsa.ratings, [{ score: 7.5, severity: 'high', method: 'CVSSv3' }]);
  assert.deepEqual(ghsa.affects.map((a) => a.ref), ['pkg:pypi/requests@2.19.0']);
  assert.match(ghsa.recommendation, /Upgrade requests to 2\.20\.0 or later \(2\.31\.0 clears every known advisory/);
  assert.deepEqual(ghsa.references?.map((r) => r.id), ['CVE-2018-18074']);
  assert.equal(bom.vulnerabilities.length, 2);
  assert.equal(renderCycloneDx(fullReport()), text, 'deterministic for the same scan');
});

test('one advisory shared by two manifests is one vulnerability; the same pin twice is one component', () => {
  const r = fullReport();
  const req = r.dependencies.find((d) => d.name === 'requests')!;
  r.dependencies.push({ ...req, path: 'requirements-dev.txt', line: 9 }, { ...req, version: '2.18.0', specifier: '==2.18.0', path: 'legacy.txt', line: 1 });
  const bom = JSON.parse(renderCycloneDx(r)) as Bom;
  assertValid(bom);
  assert.equal(bom.components.filter((c) => c.name === 'requests').length, 2);
  assert.equal(bom.vulnerabilities.length, 2);
  const v = bom.vulnerabilities.find((x) => x.id === 'GHSA-x84v-xcm2-53pg')!;
  assert.deepEqual(v.affects.map((a) => a.ref).sort(), ['pkg:pypi/requests@2.18.0', 'pkg:pypi/requests@2.19.0']);
});

test('empty and hostile reports still give valid SBOMs', () => {
  assertValid(JSON.parse(renderCycloneDx(emptyReport())));
  const hostile = JSON.parse(renderCycloneDx(hostileReport())) as Bom;
  assertValid(hostile);
  assert.ok(hostile.components.some((c) => c.purl.startsWith('pkg:pypi/%3Cimg')), 'odd names are percent-encoded in the purl');
});

test('the validator does reject a broken BOM (the check can fail)', () => {
  const bom = JSON.parse(renderCycloneDx(fullReport())) as Record<string, unknown>;
  bom.specVersion = 1.5;
  assert.equal(validate(bom), false);
});
