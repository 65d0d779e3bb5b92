import { defineHealthRule } from '../rule.js';

export const structureTypeConfig = defineHealthRule({
  id: 'health.structure.type-config',
  severity: 'info',
  failedCheck: 'structure.type-config',
  summary: 'No type checker configured',
  docs: {
    what: 'Fails when no mypy or pyright configuration exists.',
    why: 'Type hints that nothing checks drift from the code.',
    fix: 'Configure a type checker, e.g. [tool.mypy] in pyproject.toml, and run it in CI.',
  },
});
