import { isDecoyToken } from '../decoys.js';
import { fake, ALNUM } from '../fake.js';
import type { PatternRule } from '../rule.js';

const token = (prefix: string, seed: string) => prefix + '_' + fake(ALNUM, 36, seed);
const fineGrained = (seed: string) => 'github' + '_pat_' + fake(ALNUM, 22, seed) + '_' + fake(ALNUM, 59, seed + 'b');

export const githubToken: PatternRule = {
  kind: 'pattern',
  id: 'secret.github-token',
  severity: 'high',
  label: 'GitHub token',
  summary: 'GitHub token (personal, OAuth, app, refresh or fine-grained) committed to the repository',
  docs: {
    what: 'Finds GitHub tokens by their documented prefixes: ghp_ (classic personal), gho_ (OAuth), ghu_ (user-to-server), ghs_ (app installation), ghr_ (refresh) and github_pat_ (fine-grained).',
    why: 'A token acts as its owner on GitHub: read private repositories, push code, change settings. Push protection catches new pushes to GitHub but not what is already in history or hosted elsewhere.',
    example: 'GITHUB_TOKEN = "ghp_<36 letters and digits>"',
    fix: 'Revoke the token at github.com/settings/tokens (or the app settings), then pass a new one through the environment or the CI secret store.',
    references: ['https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/'],
  },
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  trigger: '_(?<=gh[pousr]_)|_pat_(?<=github_pat_)',
  anchors: ['h[pousr]_', 'b_p'],
  pattern: /(?<![A-Za-z0-9_])(?<s>gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
  validate: (v) => !isDecoyToken(v.slice(4)),
  examples: {
    bad: [
      { file: 'scripts/release.py', text: `import os\nGITHUB_TOKEN = "${token('ghp', 'gh-1')}"\n`, line: 2 },
      { file: '.github/env', text: `GH_TOKEN=${token('gho', 'gh-2')}\n` },
      { file: 'app/bot.py', text: `client = Github("${token('ghs', 'gh-3')}")\n` },
      { file: 'app/refresh.py', text: `refresh = ["${token('ghu', 'gh-4')}", "${token('ghr', 'gh-5')}"]\n` },
      { file: 'config.yaml', text: `github:\n  token: ${fineGrained('gh-6')}\n`, line: 2 },
      { file: 'bundle.min.js', text: `a.b="x";c.token="${token('ghp', 'gh-7')}";d()` },
    ],
    good: [
      { file: 'docs/auth.md', text: 'Set `GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`.\n' },
      { file: 'app/gh.py', text: 'TOKEN_PREFIXES = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")\n' },
      { file: 'app/gh2.py', text: `token = os.environ["GITHUB_TOKEN"]\n` },
      { file: 'app/gh3.py', text: `x = "ghp_${fake(ALNUM, 30, 'short')}"  # too short\n` },
    ],
  },
};
