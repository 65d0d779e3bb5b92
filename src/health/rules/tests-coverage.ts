import { defineHealthRule, py } from '../rule.js';

// Without tests the finding is tests.present's: coverage is judged where there is something to cover.
const TESTED = { 'tests/test_service.py': 'from app.service import f\n\ndef test_f():\n    assert f() == 1\n' };

export const testsCoverage = defineHealthRule({
  id: 'health.tests.coverage',
  severity: 'low',
  failedCheck: 'tests.coverage',
  summary: 'Coverage is not measured or has no threshold',
  docs: {
    what: 'Fails when no coverage configuration is found; warns when coverage has no fail-under threshold.',
    why: 'Unmeasured coverage drifts down unnoticed.',
    fix: 'Measure coverage in CI and fail under a threshold: [tool.coverage.report] fail_under = 80, or pytest --cov --cov-fail-under=80.',
  },
  examples: {
    bad: [{ ...py('def f():\n    return 1\n'), ...TESTED }],
    good: [{ ...py('def f():\n    return 1\n'), ...TESTED, 'pyproject.toml': '[tool.coverage.report]\nfail_under = 85\n' }],
  },
});
