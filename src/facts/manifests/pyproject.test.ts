import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyprojectParser } from './pyproject.js';
import { poetryConstraint } from './poetry-spec.js';
import { brief, parseWith } from './test-util.js';

const parse = (text: string) => parseWith(pyprojectParser, 'pyproject.toml', text);

test('pyproject ladder: empty, no dependencies', () => {
  assert.deepEqual(parse('').dependencies, []);
  const r = parse('[build-system]\nrequires = ["setuptools>=61"]\n\n[project]\nname = "app"\nversion = "1.0"\n');
  assert.deepEqual(r.dependencies, []);
  assert.deepEqual(r.errors, []);
});

test('pyproject PEP 621: one, then two, each at its own line', () => {
  assert.deepEqual(brief(parse('[project]\nname = "app"\ndependencies = ["Django==2.2.3"]\n')), ['django|==2.2.3|2.2.3|pinned|main|:3']);
  const text = `[project]
name = "app"
dependencies = [
    "Django==2.2.3",
    'requests[socks]>=2.31; python_version >= "3.8"',
]
`;
  const r = parse(text);
  assert.deepEqual(brief(r), ['django|==2.2.3|2.2.3|pinned|main|:4', 'requests|>=2.31|-|range|main|:5']);
  assert.equal(r.dependencies[1]!.source, 'pyproject-pep621');
  assert.equal(r.dependencies[1]!.markers, 'python_version >= "3.8"');
});

test('pyproject PEP 621 optional-dependencies and PEP 735 dependency-groups with include-group', () => {
  const text = `[project]
name = "app"
dependencies = []

[project.optional-dependencies]
postgres = ["psycopg2==2.9.9"]
docs = [
  "sphinx",
]

[dependency-groups]
test = ["pytest==8.0.0"]
dev = [
  {include-group = "test"},
  "ruff>=0.4",
]
`;
  const r = parse(text);
  assert.deepEqual(brief(r), [
    'psycopg2|==2.9.9|2.9.9|pinned|postgres|:6',
    'sphinx||-|unpinned|docs|:8',
    'pytest|==8.0.0|8.0.0|pinned|test|:12',
    'ruff|>=0.4|-|range|dev|:15',
  ]);
  assert.equal(r.dependencies[3]!.source, 'pyproject-pep735');
  assert.deepEqual(r.errors, []);
});

test('pyproject PEP 735: unknown include and include cycle are errors', () => {
  const r = parse('[dependency-groups]\na = [{include-group = "b"}]\nb = [{include-group = "a"}]\nc = [{include-group = "nope"}]\n');
  assert.equal(r.errors.length, 3);
  assert.ok(r.errors.some((e) => /unknown group "nope"/.test(e.reason)));
  assert.ok(r.errors.some((e) => /include cycle: a → b → a/.test(e.reason)));
});

test('pyproject Poetry: python is not a package; caret/tilde are ranges; tables, groups, dev-dependencies', () => {
  const text = `[tool.poetry]
name = "app"

[tool.poetry.dependencies]
python = "^3.11"
django = "^2.2"
requests = { version = "2.31.0", extras = ["socks"] }
attrs = "~23.1"
six = "1.16.0"
click = "*"
mylib = { git = "https://github.com/org/mylib.git", tag = "v1.0" }
local = { path = "../local", develop = true }

[tool.poetry.dev-dependencies]
pytest = ">=7,<9"

[tool.poetry.group.docs.dependencies]
sphinx = "==7.2.6"
`;
  const r = parse(text);
  assert.deepEqual(brief(r), [
    'django|^2.2|-|range|main|:6',
    'requests|2.31.0|2.31.0|pinned|main|:7',
    'attrs|~23.1|-|range|main|:8',
    'six|1.16.0|1.16.0|pinned|main|:9',
    'click|*|-|unpinned|main|:10',
    'mylib|git+https://github.com/org/mylib.git@v1.0|-|vcs|main|:11',
    'local|../local|-|editable|main|:12',
    'pytest|>=7,<9|-|range|dev|:15',
    'sphinx|==7.2.6|7.2.6|pinned|docs|:18',
  ]);
  assert.equal(r.dependencies[0]!.pep440, '>=2.2,<3');
  assert.deepEqual(r.dependencies[1]!.extras, ['socks']);
  assert.equal(r.skipped[0]!.reason, 'python is the interpreter constraint, not a package');
});

test('Poetry constraints as PEP 440', () => {
  assert.deepEqual(poetryConstraint('^1.2.3'), { pep440: '>=1.2.3,<2', kind: 'range', version: null });
  assert.equal(poetryConstraint('^0.2.3').pep440, '>=0.2.3,<0.3');
  assert.equal(poetryConstraint('^0.0.3').pep440, '>=0.0.3,<0.0.4');
  assert.equal(poetryConstraint('~1.2.3').pep440, '>=1.2.3,<1.3');
  assert.equal(poetryConstraint('~1').pep440, '>=1,<2');
  assert.equal(poetryConstraint('>=1.2 <2.0').pep440, '>=1.2,<2.0');
  assert.equal(poetryConstraint('1.* || 3.*').pep440, '==1.*||==3.*');
  assert.deepEqual(poetryConstraint('2.0.1'), { pep440: '==2.0.1', kind: 'pinned', version: '2.0.1' });
  assert.deepEqual(poetryConstraint('*'), { pep440: '', kind: 'unpinned', version: null });
  assert.equal(poetryConstraint('latest!').pep440, null);
});

test('pyproject: uv and PDM dev-dependency tables', () => {
  const text = `[project]
name = "app"
dependencies = ["django==2.2.3"]

[tool.uv]
dev-dependencies = [
    "pytest==8.0.0",
]

[tool.pdm.dev-dependencies]
lint = ["ruff>=0.4"]
`;
  const r = parse(text);
  assert.deepEqual(brief(r), ['django|==2.2.3|2.2.3|pinned|main|:3', 'pytest|==8.0.0|8.0.0|pinned|dev|:7', 'ruff|>=0.4|-|range|lint|:11']);
  assert.deepEqual(r.dependencies.map((d) => d.source), ['pyproject-pep621', 'pyproject-uv', 'pyproject-pdm']);
});

test('pyproject broken input: invalid TOML gives its line; a non-array dependencies is an error', () => {
  const bad = parse('[project]\nname = "app"\ndependencies = [\n  "django==2.2.3",\n  oops\n]\n');
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0]!.reason, /^invalid TOML/);
  assert.equal(bad.errors[0]!.line, 5);
  const wrong = parse('[project]\ndependencies = "django"\n');
  assert.match(wrong.errors[0]!.reason, /project\.dependencies must be an array/);
  const item = parse('[project]\ndependencies = ["django==2.2.3", 3, "??"]\n');
  assert.deepEqual(item.dependencies.map((d) => d.name), ['django']);
  assert.equal(item.errors.length, 2);
});
