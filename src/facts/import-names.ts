import { readFileSync } from 'node:fs';
import path from 'node:path';
import { own } from '../core/lookup.js';
import { PACKAGE_ROOT } from '../version.js';

/**
 * Import names that differ from their distribution's name (PEP 503-normalized), or that several
 * distributions provide, from data/import-names.json (built by scripts/build-import-names.py from
 * the module lists of replit/upm, typeshed and pyodide in data/import-names-sources/, plus a curated
 * table). A name not listed is matched by the naming conventions in `importCandidates`, then
 * assumed to be its own distribution.
 */
let table: Record<string, string[]> | null = null;
function importTable(): Record<string, string[]> {
  if (!table) {
    try {
      const doc = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'data', 'import-names.json'), 'utf8')) as { imports?: Record<string, string[]> };
      table = doc.imports ?? {};
    } catch {
      table = {};
    }
  }
  return table;
}

/** PEP 503 normalization of a distribution name. */
export function normalizeDist(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Distributions that may provide a top-level import name, most likely first. */
export function distributionsFor(importName: string): string[] {
  const listed = own(importTable(), importName);
  return listed ? [...listed, normalizeDist(importName)] : [normalizeDist(importName)];
}

/**
 * Import names a distribution is likely to provide by the common naming conventions:
 * `django-taggit` → taggit/django_taggit, `python-dateutil` → dateutil, `pyjwt` → jwt,
 * `foo-python`/`foo-py`/`foo-client`/`foo-sdk` → foo, `foo-binary` → foo.
 */
export function importCandidates(dist: string): string[] {
  const d = normalizeDist(dist);
  const names = new Set<string>([d.replace(/-/g, '_')]);
  const strip = (re: RegExp) => {
    const m = d.replace(re, '');
    if (m && m !== d) names.add(m.replace(/-/g, '_'));
  };
  strip(/^(python|py|django|djangorestframework|drf|flask)-/);
  strip(/-(python|py|client|sdk|api|binary|headless|lib|core|async|aio|cffi|ng|lite|plus|extensions?)$/);
  strip(/^(python|py)-(.*)-(python|py|client|sdk)$/);
  if (/^py[a-z]/.test(d) && !d.includes('-')) names.add(d.slice(2));
  if (d.startsWith('django-')) names.add('django_' + d.slice(7).replace(/-/g, '_'));
  if (d.startsWith('flask-')) names.add('flask_' + d.slice(6).replace(/-/g, '_'));
  return [...names];
}

/**
 * Distributions never imported by nature: tools, plugins, servers, type stubs, build backends.
 * Declared-but-unused is not reported for them.
 */
export function isNeverImported(dist: string): boolean {
  const d = normalizeDist(dist);
  return (
    d.startsWith('types-') ||
    d.endsWith('-stubs') ||
    d.startsWith('pytest-') ||
    d.startsWith('flake8-') ||
    d.startsWith('mypy-') ||
    d.startsWith('sphinx') ||
    d.startsWith('mkdocs') ||
    NEVER_IMPORTED.has(d)
  );
}

const NEVER_IMPORTED = new Set([
  'pytest', 'pytest-cov', 'coverage', 'tox', 'nox', 'pre-commit', 'black', 'ruff', 'flake8', 'pylint', 'mypy', 'pyright',
  'isort', 'autopep8', 'yapf', 'bandit', 'safety', 'pip-audit', 'pip-tools', 'pip', 'setuptools', 'wheel', 'build', 'twine',
  'hatch', 'hatchling', 'poetry', 'poetry-core', 'flit', 'flit-core', 'pdm', 'pdm-backend', 'uv', 'gunicorn', 'uvicorn',
  'hypercorn', 'daphne', 'waitress', 'supervisor', 'honcho', 'invoke', 'ipython', 'ipdb', 'pdbpp', 'jupyter', 'notebook',
  'jupyterlab', 'ipykernel', 'watchdog', 'watchfiles', 'certifi',
  'codecov', 'commitizen', 'bump2version', 'bumpversion', 'towncrier', 'pydocstyle', 'pycodestyle', 'pyflakes',
  'vulture', 'radon', 'xenon', 'interrogate', 'check-manifest', 'django-debug-toolbar', 'django-extensions', 'wemake-python-styleguide',
  'docformatter', 'pyupgrade', 'autoflake', 'semgrep', 'detect-secrets', 'pytest-xdist', 'coverage-badge', 'locust',
  // Loaded by a framework from a settings string (a database ENGINE), or data only: never imported by the project.
  'psycopg', 'psycopg-binary', 'psycopg-c', 'psycopg2', 'psycopg2-binary', 'mysqlclient', 'tzdata', 'zensical',
]);
