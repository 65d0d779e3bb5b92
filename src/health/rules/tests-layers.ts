import { defineHealthRule } from '../rule.js';

export const testsLayers = defineHealthRule({
  id: 'health.tests.layers',
  severity: 'low',
  failedCheck: 'tests.layers',
  summary: 'No test layers are distinguished',
  docs: {
    what: 'Fails when no unit / integration / end-to-end layer can be identified by folder, marker or name.',
    why: 'Without layers, slow and fast tests mix and developers stop running them.',
    fix: 'Separate fast unit tests from integration/end-to-end tests (tests/unit, tests/integration or pytest markers) so each can run on its own.',
  },
});
