import { defineHealthRule } from '../rule.js';

export const structureFormatConfig = defineHealthRule({
  id: 'health.structure.format-config',
  severity: 'info',
  failedCheck: 'structure.format-config',
  summary: 'No formatter configured',
  docs: {
    what: 'Fails when no black, ruff format or isort configuration exists.',
    why: 'Formatting by hand wastes review time.',
    fix: 'Configure a formatter, e.g. [tool.ruff.format] or [tool.black] in pyproject.toml.',
  },
});
