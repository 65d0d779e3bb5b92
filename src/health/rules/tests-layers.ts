import { defineHealthRule } from '../rule.js';

export const testsLayers = defineHealthRule({
  id: 'health.tests.layers',
  severity: 'low',
  failedCheck: 'tests.layers',
  summary: 'No test layers are distinguished',
  docs: {
    what: 'Fails when no unit / integration / end-to-end layer can be identified by folder, marker or name.',
    why: 'Without layers, slow and fast tests mix and developers stop running them.',
    fix: 'Split tests into tests/unit and tests/integration, or mark them with pytest markers.',
  },
});
