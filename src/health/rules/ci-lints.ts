import { defineHealthRule } from '../rule.js';

export const ciLints = defineHealthRule({
  id: 'health.ci.lints',
  severity: 'low',
  failedCheck: 'ci.lints',
  summary: 'CI does not lint',
  docs: {
    what: 'Fails when no CI command runs ruff, flake8 or pylint.',
    why: 'Lint catches bugs and keeps the style uniform without review effort.',
    fix: 'Run a linter in CI, e.g. `ruff check .`.',
  },
});
