import { defineHealthRule, py } from '../rule.js';

export const testsCoverage = defineHealthRule({
  id: 'health.tests.coverage',
  severity: 'low',
  failedCheck: 'tests.coverage',
  summary: 'Coverage is not measured or has no threshold',
  docs: {
    what: 'Fails when no coverage configuration is found; warns when coverage has no fail-under threshold.',
    why: 'Unmeasured coverage drifts down unnoticed.',
    fix: 'Set [tool.coverage.report] fail_under = 80 or pass --cov-fail-under=80 in CI.',
  },
  examples: {
    bad: [py('def f():\n    return 1\n')],
    good: [{ 'app/service.py': 'def f():\n    return 1\n', 'pyproject.toml': '[tool.coverage.report]\nfail_under = 85\n' }],
  },
});
