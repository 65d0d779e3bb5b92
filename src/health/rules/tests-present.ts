import { defineHealthRule, py } from '../rule.js';

export const testsPresent = defineHealthRule({
  id: 'health.tests.present',
  severity: 'medium',
  failedCheck: 'tests.present',
  summary: 'No tests were found',
  docs: {
    what: 'Fails when no test function (test_*.py / *_test.py / tests/) exists.',
    why: 'Without tests every change is a guess; the next maintainer cannot refactor safely.',
    fix: 'Add tests with pytest: files named test_*.py under tests/, functions named test_*.',
  },
  examples: {
    bad: [py('def f():\n    return 1\n')],
    good: [{ 'app/service.py': 'def f():\n    return 1\n', 'tests/test_service.py': 'from app.service import f\ndef test_f():\n    assert f() == 1\n' }],
  },
});
