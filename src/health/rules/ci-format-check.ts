import { defineHealthRule } from '../rule.js';

export const ciFormatCheck = defineHealthRule({
  id: 'health.ci.format-check',
  severity: 'low',
  failedCheck: 'ci.format-check',
  summary: 'CI does not check formatting',
  docs: {
    what: 'Fails when no CI command runs black --check, ruff format --check or isort --check.',
    why: 'Unchecked formatting turns reviews into whitespace debates and noisy diffs.',
    fix: 'Check formatting in CI, e.g. `ruff format --check .` or `black --check .`.',
  },
});
