import { defineHealthRule } from '../rule.js';

export const structureMaintainability = defineHealthRule({
  id: 'health.structure.maintainability',
  severity: 'low',
  failedCheck: 'structure.maintainability',
  summary: 'Many modules have a low maintainability index',
  docs: {
    what: 'Fails when many modules have a maintainability index of 19 or below (radon rank B or C).',
    why: 'Low-MI modules are long and complex: slow and risky to change.',
    fix: 'Split and simplify the listed modules.',
  },
});
