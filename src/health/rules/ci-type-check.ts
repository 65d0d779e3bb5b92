import { defineHealthRule } from '../rule.js';

export const ciTypeCheck = defineHealthRule({
  id: 'health.ci.type-check',
  severity: 'low',
  failedCheck: 'ci.type-check',
  summary: 'CI does not type-check',
  docs: {
    what: 'Fails when no CI command runs mypy or pyright.',
    why: 'Type checking finds whole classes of bugs before runtime.',
    fix: 'Type-check in CI, e.g. `mypy .`.',
  },
});
