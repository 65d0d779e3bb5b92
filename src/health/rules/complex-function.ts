import { defineHealthRule, py } from '../rule.js';
import type { Severity } from '../../core/severity.js';
import { COMPLEX_THRESHOLD } from '../context.js';

function complexitySeverity(cc: number): Severity {
  return cc > 30 ? 'high' : cc > 20 ? 'medium' : 'low';
}

export const complexFunction = defineHealthRule({
  id: 'health.complex-function',
  severity: 'medium',
  historyInMigrations: true,
  summary: 'A function whose cyclomatic complexity is above 10 (radon rank C or worse)',
  docs: {
    what: 'Reports functions with cyclomatic complexity (computed as radon does) above 10. Severity by band: 11–20 low, 21–30 medium, 31+ high.',
    why: 'Each decision point is a path to understand and test; past ~10 paths, changes start breaking things nobody tested.',
    example: 'def route(a, b, c, d, e, f):\n    if a: ...\n    elif b: ...  # 11 or more branches',
    fix: 'Split the function: extract branches into named helpers, replace flag arguments and long if/elif chains with dispatch tables.',
  },
  codes: ['C901', 'PLR0912', 'R0912'],
  check: (ctx) =>
    ctx.complex.map((f) => ({
      path: f.path,
      line: f.line,
      message: `${f.name} has cyclomatic complexity ${f.complexity} (threshold ${COMPLEX_THRESHOLD})`,
      detail: f.name,
      extra: { severity: complexitySeverity(f.complexity), endLine: f.endLine, evidence: `complexity ${f.complexity}, lines ${f.line}-${f.endLine}`, data: { complexity: f.complexity } },
    })),
  examples: {
    bad: [py('def f(x):\n    if x == 0:\n        return 0\n    if x == 1:\n        return 1\n    if x == 2:\n        return 2\n    if x == 3:\n        return 3\n    if x == 4:\n        return 4\n    if x == 5:\n        return 5\n    if x == 6:\n        return 6\n    if x == 7:\n        return 7\n    if x == 8:\n        return 8\n    if x == 9:\n        return 9\n    if x == 10:\n        return 10\n    return -1\n')],
    good: [py('def f(x):\n    if x == 0:\n        return 0\n    if x == 1:\n        return 1\n    if x == 2:\n        return 2\n    if x == 3:\n        return 3\n    if x == 4:\n        return 4\n    if x == 5:\n        return 5\n    if x == 6:\n        return 6\n    if x == 7:\n        return 7\n    if x == 8:\n        return 8\n    return -1\n')],
  },
});
