import { defineHealthRule } from '../rule.js';

export const ciPythonMatrix = defineHealthRule({
  id: 'health.ci.python-matrix',
  severity: 'low',
  failedCheck: 'ci.python-matrix',
  summary: 'CI tests a single Python version (or none)',
  docs: {
    what: 'Warns when CI tests one Python version; fails when no version is identifiable.',
    why: 'Code that claims several versions but tests one breaks on the others.',
    fix: 'Test on every Python version you support (a strategy.matrix of python-version, or a tox envlist).',
  },
});
