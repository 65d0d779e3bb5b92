import { isDecoyToken } from '../decoys.js';
import { fake, URLSAFE } from '../fake.js';
import type { PatternRule } from '../rule.js';

const pat = (seed: string) => 'glpat' + '-' + fake(URLSAFE.replace(/[-_]/g, ''), 20, seed);

export const gitlabToken: PatternRule = {
  kind: 'pattern',
  id: 'secret.gitlab-token',
  severity: 'high',
  label: 'GitLab personal access token',
  summary: 'GitLab personal access token (glpat-) committed to the repository',
  docs: {
    what: 'Finds GitLab personal, project and group access tokens by their glpat- prefix.',
    why: 'The token acts as its owner through the GitLab API and git over HTTPS, with the scopes it was given (often api: everything).',
    example: 'GITLAB_TOKEN = "glpat-<20 characters>"',
    fix: 'Revoke the token in GitLab (User settings → Access tokens), then pass a new one through the environment or CI/CD variables.',
    references: ['https://docs.gitlab.com/ee/security/tokens/'],
  },
  keywords: ['glpat-'],
  trigger: '-(?<=glpat-)',
  anchors: ['glp'],
  pattern: /(?<![A-Za-z0-9_-])(?<s>glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/g,
  validate: (v) => !isDecoyToken(v.slice(6)),
  examples: {
    bad: [
      { file: 'ci/publish.sh', text: `#!/bin/sh\nexport GITLAB_TOKEN=${pat('gl-1')}\n`, line: 2 },
      { file: 'app/gl.py', text: `gl = gitlab.Gitlab(url, private_token="${pat('gl-2')}")\n` },
    ],
    good: [
      { file: 'README.md', text: 'export GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx\n' },
      { file: 'app/gl.py', text: 'if token.startswith("glpat-"):\n    pass\n' },
    ],
  },
};
