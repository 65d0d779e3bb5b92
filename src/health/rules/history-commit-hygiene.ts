import { defineHealthRule } from '../rule.js';

export const historyCommitHygiene = defineHealthRule({
  id: 'health.history.commit-hygiene',
  severity: 'info',
  failedCheck: 'history.commit-hygiene',
  summary: 'Many commits have one-word messages or are giant',
  docs: {
    what: 'Fails when a large share of commits have an empty/one-word subject or change more than 2000 lines or 100 files.',
    why: 'History is the documentation of why; "fix" and 5000-line commits explain nothing and cannot be reviewed.',
    fix: 'Write messages that say what and why; split large changes into reviewable commits.',
  },
});
