import { defineHealthRule } from '../rule.js';

export const testsUntestedModules = defineHealthRule({
  id: 'health.tests.untested-modules',
  severity: 'low',
  failedCheck: 'tests.untested-modules',
  summary: 'Many modules are imported by no test',
  docs: {
    what: 'Fails when fewer than half of the library modules with functions are imported by a test.',
    why: 'Modules no test imports are changed blind.',
    fix: 'Add tests that import the listed modules directly.',
  },
});
