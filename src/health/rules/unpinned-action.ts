import { defineHealthRule } from '../rule.js';

export const unpinnedAction = defineHealthRule({
  id: 'health.unpinned-action',
  severity: 'medium',
  summary: 'A third-party GitHub Action is used by tag or branch, not by commit SHA',
  docs: {
    what: 'Reports each `uses:` of a third-party action whose ref is not a full 40-character commit SHA (actions/* and github/* are GitHub\'s own).',
    why: 'Tags and branches can be moved by whoever controls the action repository; a compromised action runs with your CI secrets.',
    example: 'uses: some-org/deploy-action@v2',
    fix: 'Pin to the full SHA and keep the tag in a comment: `uses: owner/action@<sha> # v2.1.0`.',
  },
  check: (ctx) => ctx.ci.metrics.unpinnedActions.map((u) => ({ path: u.path, line: u.line, message: `uses: ${u.uses} is not pinned to a commit SHA`, detail: u.uses, extra: { evidence: `uses: ${u.uses}` } })),
  examples: {
    bad: [{ '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/deploy-action@v2\n' }],
    good: [{ '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: some-org/deploy-action@a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1\n' }],
  },
});
