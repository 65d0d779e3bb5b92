import { defineHealthRule } from '../rule.js';

export const ciSecurityScan = defineHealthRule({
  id: 'health.ci.security-scan',
  severity: 'low',
  failedCheck: 'ci.security-scan',
  summary: 'CI runs no security scan',
  docs: {
    what: 'Fails when no CI command runs pip-audit, safety, bandit, semgrep, CodeQL, trivy or similar.',
    why: 'Known-vulnerable dependencies and risky code ship unnoticed.',
    fix: 'Scan dependencies and code in CI, e.g. `pip-audit` and `bandit -r src`.',
  },
});
