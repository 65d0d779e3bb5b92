import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency } from '../../deps/types.js';
import { pinnedBySibling } from './pinned.js';

function req(path: string, name: string, specifier = ''): Dependency {
  const version = /^==[^*]+$/.test(specifier) ? specifier.slice(2) : null;
  const kind = version ? 'pinned' : specifier ? 'range' : 'unpinned';
  return { name, version, specifier, kind, group: 'main', path, line: 1, source: 'requirements', vulns: [], fix: null };
}

test('pinned by sibling: a base requirements file whose names requirements.txt all pins is its input', () => {
  const base = [req('base_requirements.txt', 'django', '==6.0.*'), req('base_requirements.txt', 'colorama'), req('base_requirements.txt', 'django-pglocks', '==1.0.4')];
  const lock = [req('requirements.txt', 'django', '==6.0.8'), req('requirements.txt', 'colorama', '==0.4.6'), req('requirements.txt', 'django-pglocks', '==1.0.4'), req('requirements.txt', 'sqlparse', '==0.5.3')];
  assert.deepEqual([...pinnedBySibling([...base, ...lock])], base.slice(0, 2));
});

test('pinned by sibling: a file with one name its sibling does not pin, another folder, or a non-requirements manifest stays loose', () => {
  const lock = [req('requirements.txt', 'django', '==6.0.8')];
  // requirements-dev.txt holds other tools: not an input of requirements.txt.
  assert.equal(pinnedBySibling([...lock, req('requirements-dev.txt', 'django'), req('requirements-dev.txt', 'pytest')]).size, 0);
  assert.equal(pinnedBySibling([...lock, req('docs/requirements.txt', 'django')]).size, 0);
  assert.equal(pinnedBySibling([...lock, { ...req('pyproject.toml', 'django', '>=5'), source: 'pyproject-pep621' }]).size, 0);
  // A sibling that only ranges the names does not lock them.
  assert.equal(pinnedBySibling([req('requirements.txt', 'django', '>=5'), req('base.txt', 'django')]).size, 0);
});
