import { defineHealthRule } from '../rule.js';

export const docsContributing = defineHealthRule({
  id: 'health.docs.contributing',
  severity: 'info',
  failedCheck: 'docs.contributing',
  summary: 'No contributing guide',
  docs: {
    what: 'Fails when no CONTRIBUTING file exists (root, .github/ or docs/).',
    why: 'Contributors guess how to set up, test and submit changes.',
    fix: 'Add CONTRIBUTING.md: how to set up, test, and submit a change.',
  },
});
