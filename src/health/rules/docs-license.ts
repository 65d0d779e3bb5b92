import { defineHealthRule, py } from '../rule.js';

export const docsLicense = defineHealthRule({
  id: 'health.docs.license',
  severity: 'low',
  failedCheck: 'docs.license',
  summary: 'No license file or declared license',
  docs: {
    what: 'Fails when no LICENSE/COPYING file or project.license exists.',
    why: 'Without a license nobody may legally reuse the code.',
    fix: 'Add a LICENSE file so others know how they may use the code.',
  },
  examples: {
    bad: [py('x = 1\n')],
    good: [{ 'app/service.py': 'x = 1\n', LICENSE: 'MIT License\n' }],
  },
});
