import { isDecoyToken } from '../decoys.js';
import { fake, ALNUM, URLSAFE } from '../fake.js';
import type { PatternRule } from '../rule.js';

const npm = (seed: string) => 'npm' + '_' + fake(ALNUM, 36, seed);
// Every PyPI token is a macaroon whose base64 starts with the encoded "pypi.org" location.
const PYPI_HEAD = 'pypi-' + 'AgEIcHlwaS5vcmc';
const pypi = (seed: string) => PYPI_HEAD + fake(URLSAFE, 150, seed);

export const npmToken: PatternRule = {
  kind: 'pattern',
  id: 'secret.npm-token',
  severity: 'critical',
  label: 'npm access token',
  summary: 'npm access token committed to the repository',
  docs: {
    what: 'Finds npm access tokens (npm_ followed by 36 characters), typically in .npmrc as _authToken.',
    why: 'A publish token lets anyone release a new version of your packages: a supply-chain attack on every user.',
    example: '//registry.npmjs.org/:_authToken=npm_<36 characters>',
    fix: 'Revoke the token (npm token revoke, or on npmjs.com), use a granular token or trusted publishing from CI, and keep .npmrc tokens as ${NPM_TOKEN}.',
    references: ['https://docs.npmjs.com/about-access-tokens'],
  },
  keywords: ['npm_'],
  trigger: '_(?<=npm_)',
  anchors: ['pm_'],
  pattern: /(?<![A-Za-z0-9_])(?<s>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
  validate: (v) => !isDecoyToken(v.slice(4)),
  examples: {
    bad: [{ file: 'frontend/.npmrc', text: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${npm('npm-1')}\n`, line: 2 }],
    good: [{ file: 'frontend/.npmrc', text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }],
  },
};

export const pypiToken: PatternRule = {
  kind: 'pattern',
  id: 'secret.pypi-token',
  severity: 'critical',
  label: 'PyPI upload token',
  summary: 'PyPI upload token committed to the repository',
  docs: {
    what: 'Finds PyPI API tokens (pypi-AgEIcHlwaS5vcmc… macaroons), typically in .pypirc, CI scripts or twine commands.',
    why: 'An upload token publishes new releases of your Python packages: whoever holds it ships code to every pip install.',
    example: '[pypi]\\nusername = __token__\\npassword = pypi-AgEIcHlwaS5vcmc<characters>',
    fix: 'Remove the token at pypi.org/manage/account/token/, then publish with Trusted Publishing (OIDC) from CI or a project-scoped token in the CI secret store.',
    references: ['https://docs.pypi.org/trusted-publishers/'],
  },
  keywords: ['pypi-ageichlwas5vcmc'],
  trigger: '-AgEIcHlwaS5vcmc',
  anchors: ['-Ag'],
  pattern: /(?<![A-Za-z0-9_-])(?<s>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])/g,
  validate: (v) => !isDecoyToken(v.slice(20)),
  examples: {
    bad: [
      { file: '.pypirc', text: `[pypi]\nusername = __token__\npassword = ${pypi('py-1')}\n`, line: 3 },
      { file: 'scripts/publish.sh', text: `twine upload -u __token__ -p ${pypi('py-2')} dist/*\n` },
    ],
    good: [{ file: '.pypirc', text: '[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}\n' }],
  },
};
