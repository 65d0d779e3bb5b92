import { defineHealthRule } from '../rule.js';

export const lowMaintainability = defineHealthRule({
  id: 'health.low-maintainability',
  severity: 'low',
  summary: 'A module whose maintainability index is 9 or below (radon rank C)',
  docs: {
    what: 'Reports modules whose maintainability index (radon mi formula: Halstead volume, complexity, logical lines, comments) is at most 9.',
    why: 'Rank C modules are long, dense and complex all at once; they cost the most to change safely.',
    fix: 'Split the module by responsibility and simplify its most complex functions.',
  },
});
