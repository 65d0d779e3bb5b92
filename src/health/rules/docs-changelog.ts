import { defineHealthRule } from '../rule.js';

export const docsChangelog = defineHealthRule({
  id: 'health.docs.changelog',
  severity: 'info',
  failedCheck: 'docs.changelog',
  summary: 'No changelog',
  docs: {
    what: 'Fails when no CHANGELOG/CHANGES/HISTORY/NEWS file exists.',
    why: 'Users and maintainers cannot see what changed between versions.',
    fix: 'Keep a CHANGELOG.md (https://keepachangelog.com).',
  },
});
