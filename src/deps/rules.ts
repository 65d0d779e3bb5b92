import type { RuleMeta } from '../core/rule.js';

/** Manifests (file name → text) that should (bad) or should not (good) make the rule report; checked by rules.test.ts. */
export type RuleExample = Record<string, string>;

export interface DepsRule extends RuleMeta {
  examples: { bad: RuleExample[]; good: RuleExample[] };
}

export const VULNERABLE: DepsRule = {
  id: 'deps.vulnerable',
  severity: 'high',
  summary: 'A pinned or locked dependency has a known vulnerability in OSV',
  docs: {
    what:
      'Matches every pinned (`==`/`===`) or locked version against the OSV PyPI database, exactly as the OSV schema reads: `versions` lists with PEP 440 equality, ECOSYSTEM ranges with introduced/fixed/last_affected events, withdrawn records skipped. One finding per dependency and advisory; records that alias each other are reported once. The severity is the advisory\'s CVSS base score band (`unknown` when it has none).',
    why: 'A known vulnerability in a dependency is exploitable in your application whether or not your own code is correct, and it is the first thing an attacker scans for.',
    example: 'django==2.2.3',
    fix: 'Upgrade to the version in the remediation: the smallest release that clears every known advisory of the package, not only this one. If no fix exists, replace the package or mitigate as the advisory says.',
    references: ['https://ossf.github.io/osv-schema/', 'https://osv.dev/'],
  },
  examples: {
    bad: [
      { 'requirements.txt': 'django==2.2.3\n' },
      { 'poetry.lock': '[[package]]\nname = "Django"\nversion = "2.2.3"\n' },
    ],
    good: [
      { 'requirements.txt': 'django==2.2.28\n' },
      { 'requirements.txt': '# django==2.2.3 was vulnerable\ndjango-environ==0.11.2\n' },
    ],
  },
};

export const RANGE: DepsRule = {
  id: 'deps.range',
  severity: 'low',
  summary: 'A requirement admits a range of versions instead of one',
  docs: {
    what:
      'Reports requirements such as `requests>=2.0`, `~=1.4` or Poetry `^1.2` that no lock file beside the manifest resolves, and says how many versions named in advisories the range admits that are vulnerable, and which advisories. Low when it admits a vulnerable version, info otherwise. A range in pyproject.toml or Pipfile with a lock beside it (poetry.lock, uv.lock, pdm.lock, Pipfile.lock), or in `x.in` with a compiled `x.txt` beside it, is normal practice and not reported: the lock is audited instead.',
    why: 'What gets installed depends on the day: a range cannot be audited as one version, and it can resolve to a known-vulnerable release on another machine.',
    example: 'requests>=2.0',
    fix: 'Pin the exact version (`requests==2.32.3`) or commit a lock file (pip-compile, poetry lock, uv lock, pdm lock, pipenv lock) and keep it beside the manifest.',
  },
  examples: {
    bad: [
      { 'requirements.txt': 'django>=2.0\n' },
      { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^2.2"\n' },
    ],
    good: [
      { 'requirements.txt': 'django==2.2.28 ; python_version >= "3.8"\n' },
      { 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["django>=2.2"]\n', 'uv.lock': '[[package]]\nname = "django"\nversion = "2.2.28"\n' },
    ],
  },
};

export const UNPINNED: DepsRule = {
  id: 'deps.unpinned',
  severity: 'low',
  summary: 'A requirement names no version at all',
  docs: {
    what:
      'Reports requirements without any version constraint (`flask`, Pipfile `"*"`, Poetry `"*"`) that no lock beside the manifest resolves, with the number of versions named in advisories that are vulnerable. Low when some are, info otherwise.',
    why: 'Any version can be installed, including every vulnerable one; builds are not reproducible and cannot be audited.',
    example: 'flask',
    fix: 'Pin the exact version you tested with, or resolve it in a committed lock file.',
  },
  examples: {
    bad: [
      { 'requirements.txt': 'flask\n' },
      { 'Pipfile': '[packages]\nflask = "*"\n' },
    ],
    good: [
      { 'requirements.txt': 'flask==3.0.3\n' },
      {
        Pipfile: '[packages]\nflask = "*"\n',
        'Pipfile.lock': JSON.stringify({ _meta: {}, default: { flask: { version: '==3.0.3' } }, develop: {} }, null, 4),
      },
    ],
  },
};

export const UNAUDITED: DepsRule = {
  id: 'deps.unaudited',
  severity: 'info',
  summary: 'A dependency installed from a URL or VCS cannot be checked against OSV',
  docs: {
    what:
      'Reports dependencies taken from a URL or a version-control reference (`git+https://…`, `name @ https://…`) whose version is not known, so no advisory can be matched. Local paths and editable installs are the project\'s own code and are not reported.',
    why: 'An unaudited dependency is a blind spot: it may carry any known vulnerability, and a branch reference changes under you.',
    example: 'mylib @ git+https://example.com/org/mylib.git@main',
    fix: 'Depend on a released version from the index, or lock the VCS reference to a tag whose version you audit yourself.',
  },
  examples: {
    bad: [{ 'requirements.txt': 'mylib @ git+https://example.com/org/mylib.git@main\n' }],
    good: [
      { 'requirements.txt': 'mylib @ https://example.com/files/mylib-1.0-py3-none-any.whl\n-e ./local/mylib\n' },
    ],
  },
};

export const DEPS_RULE_DEFS: DepsRule[] = [VULNERABLE, RANGE, UNPINNED, UNAUDITED];

/** Rules of the dependency audit. */
export const DEPS_RULES: RuleMeta[] = DEPS_RULE_DEFS.map(({ examples: _examples, ...meta }) => meta);
