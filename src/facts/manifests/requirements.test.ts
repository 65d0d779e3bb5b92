import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFromFileName, isRequirementsPath, requirementsParser } from './requirements.js';
import { brief, parseWith } from './test-util.js';

const parse = (text: string, tree: Record<string, string> = {}, file = 'requirements.txt') => parseWith(requirementsParser, file, text, tree);

test('requirements: which files are requirements files', () => {
  for (const p of ['requirements.txt', 'requirements-dev.txt', 'dev-requirements.txt', 'requirements/base.txt', 'sub/requirements.in', 'dev.in']) {
    assert.ok(isRequirementsPath(p), p);
  }
  for (const p of ['MANIFEST.in', 'notes.txt', 'config.h.in', 'README.md', 'Makefile.in']) assert.ok(!isRequirementsPath(p), p);
  assert.equal(groupFromFileName('requirements.txt'), 'main');
  assert.equal(groupFromFileName('requirements-dev.txt'), 'dev');
  assert.equal(groupFromFileName('test_requirements.txt'), 'test');
  assert.equal(groupFromFileName('requirements/docs.in'), 'docs');
  assert.equal(groupFromFileName('requirements/base.txt'), 'main');
});

test('requirements ladder: empty, comments only', () => {
  assert.deepEqual(parse('').dependencies, []);
  const r = parse('# just a comment\n\n   \n');
  assert.deepEqual(r.dependencies, []);
  assert.deepEqual(r.errors, []);
});

test('requirements ladder: one pin, then two', () => {
  assert.deepEqual(brief(parse('Django==2.2.3\n')), ['django|==2.2.3|2.2.3|pinned|main|:1']);
  assert.deepEqual(brief(parse('Django==2.2.3\nPyYAML===5.1\n')), ['django|==2.2.3|2.2.3|pinned|main|:1', 'pyyaml|===5.1|5.1|pinned|main|:2']);
});

test('requirements: kinds — range, unpinned, wildcard, compatible release', () => {
  assert.deepEqual(brief(parse('requests>=2.0,<3\nflask\nnumpy==1.*\nattrs~=23.1\nsix (==1.16.0)\n')), [
    'requests|>=2.0,<3|-|range|main|:1',
    'flask||-|unpinned|main|:2',
    'numpy|==1.*|-|range|main|:3',
    'attrs|~=23.1|-|range|main|:4',
    'six|==1.16.0|1.16.0|pinned|main|:5',
  ]);
});

test('requirements: hashes, continuations, markers, extras, inline comments', () => {
  const text = [
    '# pinned by pip-compile',
    'certifi==2024.2.2 \\',
    '    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000 \\',
    '    --hash=sha256:1111111111111111111111111111111111111111111111111111111111111111',
    '    # via requests',
    'requests[security,socks]==2.31.0 ; python_version >= "3.8"  # pinned',
    'Py_YAML==6.0.1',
  ].join('\n');
  const r = parse(text);
  assert.deepEqual(brief(r), ['certifi|==2024.2.2|2024.2.2|pinned|main|:2', 'requests|==2.31.0|2.31.0|pinned|main|:6', 'py-yaml|==6.0.1|6.0.1|pinned|main|:7']);
  assert.deepEqual(r.dependencies[1]!.extras, ['security', 'socks']);
  assert.equal(r.dependencies[1]!.markers, 'python_version >= "3.8"');
  assert.deepEqual(r.errors, []);
});

test('requirements: option lines are skipped, not errors', () => {
  const r = parse('--index-url https://pypi.example.com/simple\n--extra-index-url https://x.example.com\n--no-binary :all:\n--pre\nsix==1.16.0\n');
  assert.deepEqual(brief(r), ['six|==1.16.0|1.16.0|pinned|main|:5']);
  assert.equal(r.skipped.length, 4);
  assert.deepEqual(r.errors, []);
});

test('requirements: -e, URLs, VCS refs, `name @ url`, local paths', () => {
  const r = parse(
    [
      '-e .',
      '-e git+https://github.com/org/tool.git@v1.2#egg=tool',
      'git+https://github.com/org/other.git@main#egg=other-lib',
      'https://files.example.com/packages/Foo_Bar-1.0.2-py3-none-any.whl',
      'mylib @ git+https://github.com/org/mylib.git@abc123',
      'wheelpkg @ https://files.example.com/wheelpkg-2.0-py3-none-any.whl',
      './vendor/localpkg',
      '--editable=../sibling',
      '.[dev]',
    ].join('\n'),
  );
  assert.deepEqual(
    r.dependencies.map((d) => `${d.name}|${d.kind}|${d.version ?? '-'}`),
    ['tool|editable|-', 'other-lib|vcs|-', 'foo-bar|url|1.0.2', 'mylib|vcs|-', 'wheelpkg|url|2.0', 'localpkg|path|-', 'sibling|editable|-'],
  );
  assert.equal(r.skipped[0]!.reason, 'the project itself (install of ".")');
  assert.equal(r.skipped[1]!.line, 9, '.[dev] is the project itself with an extra');
  assert.deepEqual(r.errors, []);
});

test('requirements: -r and -c resolve relative to the including file, read once, with their own path', () => {
  const tree = {
    'reqs/base.txt': 'six==1.16.0\n-r ../common/shared.txt\n',
    'common/shared.txt': 'attrs==23.1.0\n',
    'reqs/constraints.txt': 'django==2.2.3\n',
  };
  const r = parse('-r base.txt\n-c constraints.txt\ndjango>=2\n', tree, 'reqs/requirements-dev.txt');
  assert.deepEqual(brief(r), [
    'six|==1.16.0|1.16.0|pinned|dev|reqs/base.txt:1',
    'attrs|==23.1.0|23.1.0|pinned|dev|common/shared.txt:1',
    'django|==2.2.3|2.2.3|pinned|dev|reqs/constraints.txt:1',
    'django|>=2|-|range|dev|:3',
  ]);
  assert.equal(r.dependencies[2]!.constraint, true);
  assert.deepEqual(r.includes, ['reqs/base.txt', 'common/shared.txt', 'reqs/constraints.txt']);
});

test('requirements: an include cycle is an error, and the scan goes on', () => {
  const tree = { 'a.txt': '-r b.txt\nsix==1.16.0\n', 'b.txt': '-r a.txt\nattrs==23.1.0\n' };
  const r = parse('-r a.txt\n', tree, 'requirements.txt');
  assert.deepEqual(r.dependencies.map((d) => d.name), ['attrs', 'six']);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0]!.reason, /include cycle: a\.txt → b\.txt → a\.txt/);
  assert.equal(r.errors[0]!.path, 'b.txt');
  const self = parse('-r requirements.txt\nsix==1.0\n');
  assert.match(self.errors[0]!.reason, /include cycle/);
});

test('requirements: broken input — missing include, bad specifier, garbage, remote include', () => {
  const r = parse('-r missing.txt\ndjango=>2.0\n!!!\n-r https://example.com/reqs.txt\nsix==1.16.0\n');
  assert.deepEqual(brief(r), ['six|==1.16.0|1.16.0|pinned|main|:5']);
  assert.deepEqual(
    r.errors.map((e) => e.line),
    [1, 2, 3],
  );
  assert.match(r.errors[0]!.reason, /cannot read included file missing\.txt/);
  assert.match(r.errors[1]!.reason, /invalid version specifier "=>2\.0"/);
  assert.match(r.skipped[0]!.reason, /remote include not fetched/);
});
