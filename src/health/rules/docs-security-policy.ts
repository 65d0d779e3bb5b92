import { defineHealthRule } from '../rule.js';

export const docsSecurityPolicy = defineHealthRule({
  id: 'health.docs.security-policy',
  severity: 'info',
  failedCheck: 'docs.security-policy',
  summary: 'No security policy',
  docs: {
    what: 'Fails when no SECURITY file exists (root, .github/ or docs/).',
    why: 'Reporters of vulnerabilities do not know how to reach you privately.',
    fix: 'Add SECURITY.md: how to report a vulnerability privately.',
  },
});
