import { defineScoredRule } from '../rule.js';
import { check } from '../checks/model.js';

export const structureMaintainability = defineScoredRule({
  id: 'health.structure.maintainability',
  severity: 'low',
  failedCheck: 'structure.maintainability',
  summary: 'Many modules have a low maintainability index',
  score: ({ shippedFiles }, rule) => {
    const lowMi = shippedFiles.filter((f) => f.health.maintainability !== null && f.health.maintainability <= 19 && f.health.sloc > 0);
    return check(
      'structure.maintainability',
      'structure',
      shippedFiles.length ? 10 * (1 - Math.min(1, (lowMi.length / shippedFiles.length) * 3)) : 10,
      lowMi.length
        ? [...lowMi].sort((a, b) => a.health.maintainability! - b.health.maintainability!).slice(0, 10).map((f) => ({ path: f.path, message: `maintainability index ${f.health.maintainability!.toFixed(1)}` }))
        : [{ message: `${shippedFiles.length} modules, all with maintainability index above 19 (radon rank A)` }],
      rule.docs.fix,
      { skip: shippedFiles.length === 0 },
    );
  },
  docs: {
    what: 'Fails when many modules have a maintainability index of 19 or below (radon rank B or C).',
    why: 'Low-MI modules are long and complex: slow and risky to change.',
    fix: 'Split and simplify the listed modules.',
  },
});
