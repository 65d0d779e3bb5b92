import { defineHealthRule } from '../rule.js';

export const historyActivity = defineHealthRule({
  id: 'health.history.activity',
  severity: 'info',
  failedCheck: 'history.activity',
  summary: 'No commits for a long time',
  docs: {
    what: 'Fails when the last commit is more than a year old (warns after 90 days).',
    why: 'A quiet repository has stale dependencies and CI that may no longer run.',
    fix: 'A long-quiet repository needs its dependencies and CI re-checked before changes.',
  },
});
