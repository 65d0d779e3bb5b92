import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupCfgParser } from './setup-cfg.js';
import { setupPyParser } from './setup-py.js';
import { brief, parseWith } from './test-util.js';

test('setup.cfg ladder: empty, one, multi-line values, extras, markers, comments', () => {
  assert.deepEqual(parseWith(setupCfgParser, 'setup.cfg', '').dependencies, []);
  assert.deepEqual(brief(parseWith(setupCfgParser, 'setup.cfg', '[options]\ninstall_requires = django==2.2.3\n')), ['django|==2.2.3|2.2.3|pinned|main|:2']);
  const text = `[metadata]
name = app

[options]
packages = find:
install_requires =
    requests>=2.20
    # a comment line
    PyYAML==5.1  # pinned for CVE reasons
    importlib-metadata; python_version < "3.8"
python_requires = >=3.8

[options.extras_require]
dev =
    pytest==8.0.0
docs = sphinx; python_version >= "3.9"; furo==2024.1.29

[flake8]
max-line-length = 100
`;
  const r = parseWith(setupCfgParser, 'setup.cfg', text);
  assert.deepEqual(brief(r), [
    'requests|>=2.20|-|range|main|:7',
    'pyyaml|==5.1|5.1|pinned|main|:9',
    'importlib-metadata||-|unpinned|main|:10',
    'pytest|==8.0.0|8.0.0|pinned|dev|:15',
    'sphinx||-|unpinned|docs|:16',
    'furo|==2024.1.29|2024.1.29|pinned|docs|:16',
  ]);
  assert.equal(r.dependencies[2]!.markers, 'python_version < "3.8"');
  assert.equal(r.dependencies[4]!.markers, 'python_version >= "3.9"');
});

test('setup.cfg broken line is an error with its line', () => {
  const r = parseWith(setupCfgParser, 'setup.cfg', '[options]\ninstall_requires =\n    django==2.2.3\n    ???\n');
  assert.deepEqual(r.dependencies.map((d) => d.name), ['django']);
  assert.deepEqual(r.errors.map((e) => e.line), [4]);
});

test('setup.py ladder: empty, literal list, module-level name, concatenation, extras', () => {
  assert.deepEqual(parseWith(setupPyParser, 'setup.py', '').dependencies, []);
  assert.deepEqual(brief(parseWith(setupPyParser, 'setup.py', 'from setuptools import setup\nsetup(name="app", install_requires=["django==2.2.3"])\n')), [
    'django|==2.2.3|2.2.3|pinned|main|:2',
  ]);
  const text = `import setuptools

BASE = [
    "requests>=2.20",
    'PyYAML==5.1',
]
EXTRA_DOCS = ["sphinx"]

setuptools.setup(
    name="app",
    install_requires=BASE + ["six==1.16.0"],
    tests_require=("pytest==8.0.0",),
    extras_require={
        "docs": EXTRA_DOCS,
        "yaml:python_version<'3.8'": ["ruamel.yaml" ">=0.17"],
        "one": "attrs==23.1.0",
        ':python_version<"2.7"': ["ordereddict"],
    },
)
`;
  const r = parseWith(setupPyParser, 'setup.py', text);
  assert.deepEqual(brief(r), [
    'requests|>=2.20|-|range|main|:4',
    'pyyaml|==5.1|5.1|pinned|main|:5',
    'six|==1.16.0|1.16.0|pinned|main|:11',
    'pytest|==8.0.0|8.0.0|pinned|test|:12',
    'sphinx||-|unpinned|docs|:7',
    'ruamel-yaml|>=0.17|-|range|yaml|:15',
    'attrs|==23.1.0|23.1.0|pinned|one|:16',
    'ordereddict||-|unpinned|main|:17',
  ]);
  assert.equal(r.dependencies[5]!.markers, "python_version<'3.8'");
  assert.equal(r.dependencies[7]!.markers, 'python_version<"2.7"');
  assert.deepEqual(r.errors, []);
});

test('setup.py is never executed: computed values are skipped with a reason', () => {
  const text = `import os
from setuptools import setup
os.system("echo pwned > /tmp/pyvet-should-not-exist")
with open("requirements.txt") as f:
    reqs = f.read().splitlines()
setup(install_requires=reqs, extras_require=make_extras(), tests_require=[f"pytest=={os.environ['V']}", "tox==4.0.0"])
`;
  const r = parseWith(setupPyParser, 'setup.py', text);
  assert.deepEqual(brief(r), ['tox|==4.0.0|4.0.0|pinned|test|:6']);
  assert.deepEqual(
    r.skipped.map((s) => s.reason),
    ['install_requires is computed at run time, not a literal list; not read', 'extras_require is computed at run time, not a literal dict; not read', 'tests_require: an element is not a string literal; not read'],
  );
});

test('setup.py with a syntax error and nothing literal is an error, not a crash', () => {
  const r = parseWith(setupPyParser, 'setup.py', 'def broken(:\n    pass\n');
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.line, 1);
});
