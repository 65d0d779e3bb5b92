import { defineHealthRule } from '../rule.js';

export const testsRatio = defineHealthRule({
  id: 'health.tests.ratio',
  severity: 'low',
  failedCheck: 'tests.ratio',
  summary: 'Little test code compared with the code under test',
  docs: {
    what: 'Fails when test SLOC is under 25% of code SLOC (10 points at 50%).',
    why: 'A thin test suite leaves most paths unverified.',
    fix: 'Grow the tests where the risk is: the most complex and most changed modules first.',
  },
});
