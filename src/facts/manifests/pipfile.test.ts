import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipfileLockParser, pipfileParser } from './pipfile.js';
import { brief, parseWith } from './test-util.js';

test('Pipfile ladder: empty, one, categories and table forms', () => {
  assert.deepEqual(parseWith(pipfileParser, 'Pipfile', '').dependencies, []);
  assert.deepEqual(brief(parseWith(pipfileParser, 'Pipfile', '[packages]\ndjango = "==2.2.3"\n')), ['django|==2.2.3|2.2.3|pinned|main|:2']);
  const text = `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
requests = {version = ">=2.20", extras = ["socks"]}
flask = "*"
"Django" = "2.2.3"
mylib = {git = "https://github.com/org/mylib.git", ref = "v1.0"}
local = {path = ".", editable = true}

[dev-packages]
pytest = "==8.0.0"

[docs]
sphinx = "*"

[requires]
python_version = "3.11"
`;
  const r = parseWith(pipfileParser, 'Pipfile', text);
  assert.deepEqual(brief(r), [
    'requests|>=2.20|-|range|main|:7',
    'flask||-|unpinned|main|:8',
    'django|==2.2.3|2.2.3|pinned|main|:9',
    'mylib|git+https://github.com/org/mylib.git@v1.0|-|vcs|main|:10',
    'local|.|-|editable|main|:11',
    'pytest|==8.0.0|8.0.0|pinned|dev|:14',
    'sphinx||-|unpinned|docs|:17',
  ]);
  assert.deepEqual(r.dependencies[0]!.extras, ['socks']);
});

test('Pipfile.lock: default and develop with their lines', () => {
  const lock = {
    _meta: { hash: { sha256: '00' }, 'pipfile-spec': 6, requires: { python_version: '3.11' }, sources: [] },
    default: {
      django: { hashes: ['sha256:00'], index: 'pypi', markers: "python_version >= '3.5'", version: '==2.2.3' },
      mylib: { git: 'https://github.com/org/mylib.git', ref: '0123abc' },
    },
    develop: { pytest: { hashes: [], version: '==8.0.0' } },
  };
  const r = parseWith(pipfileLockParser, 'Pipfile.lock', JSON.stringify(lock, null, 4));
  assert.deepEqual(brief(r), ['django|==2.2.3|2.2.3|pinned|main|:13', 'mylib|git+https://github.com/org/mylib.git@0123abc|-|vcs|main|:21', 'pytest|==8.0.0|8.0.0|pinned|dev|:27']);
  assert.equal(r.dependencies[0]!.markers, "python_version >= '3.5'");
});

test('Pipfile/Pipfile.lock broken input', () => {
  assert.match(parseWith(pipfileParser, 'Pipfile', '[packages\ndjango = "*"\n').errors[0]!.reason, /invalid TOML/);
  const bad = parseWith(pipfileLockParser, 'Pipfile.lock', '{\n  "default": {\n    "django": {"version": "==2.2.3"},,\n  }\n}\n');
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0]!.reason, /invalid JSON/);
  assert.equal(bad.errors[0]!.line, 3);
  const r = parseWith(pipfileLockParser, 'Pipfile.lock', JSON.stringify({ default: { six: { version: '>=1' }, attrs: 3 } }));
  assert.equal(r.errors.length, 2);
  assert.deepEqual(parseWith(pipfileLockParser, 'Pipfile.lock', '[]').errors[0]!.reason, 'Pipfile.lock must be a JSON object');
});
