import type { RuleMeta } from '../core/rule.js';
import type { OsvRecord } from './osv/types.js';

/** Manifests (file name → text) that should (bad) or should not (good) make the rule report; checked by rules.test.ts. */
export type RuleExample = Record<string, string>;

export interface DepsRule extends RuleMeta {
  examples: { bad: RuleExample[]; good: RuleExample[] };
  /** Records the examples are matched against besides the bundled snapshot (it has no MAL- record). */
  exampleRecords?: OsvRecord[];
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

export const MALICIOUS: DepsRule = {
  id: 'deps.malicious',
  severity: 'critical',
  summary: 'A dependency is a known malicious package (an OSV MAL- record)',
  docs: {
    what:
      'Matches dependencies against the malicious-package records OSV carries (ids `MAL-…`, from the OpenSSF malicious-packages project, and any advisory aliased to one). A pinned version is matched like a vulnerability; a range or unpinned requirement is reported when the record covers every version of the package. Always critical, and never merged with vulnerability findings.',
    why: 'A malicious package is not a bug to patch: its install script or import runs the attacker\'s code, typically stealing credentials, tokens and keys from the machine that installed it.',
    example: 'a typosquat such as `reqeusts==1.0`, or a hijacked release of a real package',
    fix: 'Remove it now. Treat every machine and CI runner that installed it as compromised: rotate the credentials it could read and rebuild from a clean state. Depend on the real package it imitates, by its exact name.',
    references: ['https://github.com/ossf/malicious-packages', 'https://osv.dev/list?q=MAL-&ecosystem=PyPI'],
  },
  exampleRecords: [
    {
      id: 'MAL-2000-1',
      modified: '2024-01-01T00:00:00Z',
      summary: 'Malicious code in evil-example (PyPI)',
      affected: [{ package: { ecosystem: 'PyPI', name: 'evil-example' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }],
    },
  ],
  examples: {
    bad: [{ 'requirements.txt': 'evil-example==1.0\n' }, { 'requirements.txt': 'evil-example\n' }],
    good: [{ 'requirements.txt': 'evil-example-not==1.0\n' }],
  },
};

export const TYPOSQUAT: DepsRule = {
  id: 'deps.typosquat',
  severity: 'low',
  summary: 'A dependency name is one edit away from a popular package',
  docs: {
    what:
      'Compares each dependency\'s PEP 503 name with the 1,000 most-downloaded PyPI projects (data/top-pypi-packages.txt, from hugovk/top-pypi-packages): one inserted, deleted, replaced or swapped character away, and not itself among the 5,000 most downloaded, is reported with the package it resembles. Names under five characters are not compared.',
    why: 'Typosquatting is the commonest way malware reaches PyPI users: `reqeusts` or `python-dateutils` install the attacker\'s code while the author believes they asked for the real package.',
    example: 'reqeusts==2.31.0',
    fix: 'Check the name against the project you meant; if it is a typo, depend on the real package. If the look-alike is intended, disable the rule for it with a severity override or a baseline.',
    references: ['https://hugovk.dev/top-pypi-packages/'],
  },
  examples: {
    bad: [{ 'requirements.txt': 'reqeusts==2.31.0\n' }],
    good: [{ 'requirements.txt': 'requests==2.32.4\nboto==2.49.0\n' }],
  },
};

export const DEPS_RULE_DEFS: DepsRule[] = [VULNERABLE, MALICIOUS, TYPOSQUAT, RANGE, UNPINNED, UNAUDITED];

/** Rules of the dependency audit. */
export const DEPS_RULES: RuleMeta[] = DEPS_RULE_DEFS.map(({ examples: _examples, exampleRecords: _records, ...meta }) => meta);
