import { defineHealthRule } from '../rule.js';

export const structureLintConfig = defineHealthRule({
  id: 'health.structure.lint-config',
  severity: 'low',
  failedCheck: 'structure.lint-config',
  summary: 'No linter configured',
  docs: {
    what: 'Fails when no ruff, flake8 or pylint configuration exists.',
    why: 'Lint rules are the cheapest code review.',
    fix: 'Configure a linter, e.g. [tool.ruff] in pyproject.toml.',
  },
});
