import { defineHealthRule } from '../rule.js';

export const lowMaintainability = defineHealthRule({
  id: 'health.low-maintainability',
  severity: 'low',
  historyInMigrations: true,
  summary: 'A module whose maintainability index is 9 or below (radon rank C)',
  docs: {
    what: 'Reports modules whose maintainability index (radon mi formula: Halstead volume, complexity, logical lines, comments) is at most 9.',
    why: 'Rank C modules are long, dense and complex all at once; they cost the most to change safely.',
    fix: 'Split the module by responsibility and simplify its most complex functions.',
  },
  check: (ctx) =>
    ctx.shippedFiles
      .filter((f) => f.health.maintainability !== null && f.health.maintainability <= 9 && f.health.sloc > 0)
      .map((f) => ({ path: f.path, line: 1, message: `${f.module} has maintainability index ${f.health.maintainability!.toFixed(1)} (radon rank C)`, detail: f.module, extra: { evidence: `MI ${f.health.maintainability!.toFixed(2)}` } })),
});
