import { defineHealthRule, py } from '../rule.js';

export const ciPresent = defineHealthRule({
  id: 'health.ci.present',
  severity: 'medium',
  failedCheck: 'ci.present',
  summary: 'No continuous integration is configured',
  docs: {
    what: 'Fails when no GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Travis, Bitbucket or Jenkins configuration exists.',
    why: 'Without CI nothing checks a change before it lands.',
    fix: 'Add a CI workflow (e.g. .github/workflows/ci.yml) that installs, lints and tests on every push and pull request.',
  },
  examples: {
    bad: [py('x = 1\n')],
    good: [{ 'app/service.py': 'x = 1\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n' }],
  },
});
